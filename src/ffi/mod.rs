//! The C ABI. See `include/kgen.h` for the contract as C programmers read it.
//!
//! This module converts, validates, forwards to the Rust API and delivers
//! results; it holds no business logic. One file per C type family:
//! `status` (status codes), `panic` (the boundary every export runs in),
//! `pointers` (C pointers to Rust references), `handles` (opaque handles),
//! `types`/`data` (events and their typed data), `dispatch` (delivery),
//! then one file per API area mirroring `src/api/`.
#![allow(non_camel_case_types)]

pub mod api_errors;
pub mod data;
pub mod dispatch;
mod handles;
mod panic;
mod pointers;
pub mod session;
pub mod status;
pub mod types;
pub mod version;
