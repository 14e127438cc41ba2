//! Integration tests: each starts its own sandbox on port 0 (in process) and talks HTTP.

mod support;

mod account;
mod admin;
mod bad_input;
mod cli;
mod concurrency;
mod console;
mod embedding;
mod extras;
mod faults;
mod idempotency;
mod lifecycle;
mod openapi;
mod otp;
mod persistence;
mod session;
mod tournaments;
mod wallet;
