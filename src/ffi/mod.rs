//! The C ABI. See `include/kgen.h` for the contract as C programmers read it.
//!
//! This module converts, validates, forwards to the Rust API and delivers
//! results; it holds no business logic. One file per C type family:
//! `status` (status codes), `panic` (the boundary every export runs in),
//! `pointers` (C pointers to Rust references), `handles` (opaque handles),
//! `types`/`data` (events and their typed data), `dispatch` (delivery),
//! `driver` (driven dispatch's runtime on the caller's thread), `wake` (the
//! wake hook and waiting threads, signalled once per burst of events),
//! then one file per API area mirroring `src/api/`.
// C names for C types; and each export's safety contract is its C
// documentation (which pointers may be NULL, what must stay valid).
#![allow(non_camel_case_types, clippy::missing_safety_doc)]

pub mod account;
pub mod api_errors;
pub mod client;
pub mod data;
pub mod dispatch;
mod driver;
pub mod leaderboard;
pub mod log;
pub mod otp;
pub mod outbox;
mod request_book;
pub mod rewards;
pub mod session;
pub mod stats;
pub mod status;
pub mod tournaments;
pub mod types;
pub mod version;
mod wake;
pub mod wallet;

mod handles;
mod panic;
mod pointers;
