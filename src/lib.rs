//! kgen: the native SDK for KGeN ESports tournaments, leaderboards, wallets and rewards.
pub mod ffi;
