//! The SDK against an in-process sandbox: every operation, its documented errors, retries,
//! session renewal and redaction.

mod account;
mod leaderboard;
mod otp;
mod outbox;
mod outcomes;
mod redaction;
mod renewal;
mod retries;
mod rewards;
mod session;
mod stats;
mod support;
mod tournaments;
mod transport;
mod wallet;
