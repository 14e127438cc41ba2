//! # kgen — the native SDK for KGeN ESports
//!
//! Tournaments, leaderboards, wallets, rewards, phone linking and play statistics of the
//! KGeN ESports Protocol, plus the account-session API (`/v3/session`), for game servers
//! and game clients. This crate is the Rust API; the C ABI that Unity, Unreal and C/C++
//! programs link lives in `kgen::ffi` and is a thin face over the same types.
//!
//! ```no_run
//! # async fn journey() -> Result<(), kgen::Error> {
//! use kgen::{Client, Config, CreateSession};
//!
//! // A game server: client credentials, many player sessions on one client.
//! let client = Client::new(
//!     Config::default().with_client_credentials("my-client-id", "my-client-secret"),
//! )?;
//! let session = client.create_session(CreateSession::new("player-42")).await?.data;
//! for tournament in session.active_tournaments().await?.data {
//!     println!("{} costs {}", tournament.title, tournament.buy_in_price);
//! }
//! # Ok(()) }
//! ```
//!
//! ## Sessions
//! - **Server flow** — [`Client::create_session`] with client id and secret. The session
//!   renews itself before its token expires (judged on the server's clock, learned from
//!   the `Date` header) and once after a 401, one renewal however many calls need it.
//! - **Client flow** — [`Client::restore_session`] with the token your game server handed
//!   over. **Never ship a client secret inside a game client.** When the token nears
//!   expiry or is refused, the handler set with [`Client::set_session_expired_handler`] is
//!   called once. The server judges refusal, not the device's clock estimate: once it
//!   refuses the token, calls fail with [`ErrorKind::SessionExpired`] without a request
//!   until [`Session::update_tokens`] gives the session a new token.
//!
//! ## Requests
//! Every operation is an `async` method returning [`Response<T>`] (typed data, HTTP status,
//! request id, raw body) or one [`Error`]. Each call has one deadline
//! ([`Config::request_timeout`]) covering all attempts and waits, and each attempt a time
//! limit of its own ([`RetryPolicy::attempt_timeout`]) so that one stalled answer cannot
//! use up the deadline; dropping its future cancels it. Retries follow the policy stated on each method (see [`api`]).
//! HTTPS (rustls) is required except to loopback hosts; responses are size-capped;
//! secrets never appear in `Debug`/`Display` output or in logs ([`log`]).
//!
//! Decoding is tolerant: unknown fields are ignored, `null` reads as empty, numbers may
//! arrive as floats or strings, documented field-name variants are all accepted, and
//! empty strings read as "no date".

pub mod api;
mod auth;
mod client;
mod config;
mod error;
pub mod ffi;
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing;
pub mod log;
pub mod outbox;
mod secret;
mod transport;

pub use api::account::{AccountUser, LoginRequest, LoginResult};
pub use api::leaderboard::{Leaderboard, LeaderboardEntry, Winner};
pub use api::otp::{OtpRegistration, OtpVerification};
pub use api::rewards::{ClaimableRewards, RewardInfo};
pub use api::session::{CreateSession, PlayerProfile, SessionInfo};
pub use api::stats::HistoricStat;
pub use api::tournaments::{Tournament, TournamentStatus};
pub use api::wallet::{
    Transaction, TransactionDescription, TransactionPage, TransactionQuery, WalletBalance,
};
pub use api::{Ack, Timestamp};
pub use auth::{JwtClaims, Session, SessionFlow};
pub use client::{Client, Response, SessionExpiredHandler};
pub use config::{
    Config, RetryPolicy, DEFAULT_ACCOUNT_BASE_URL, DEFAULT_BASE_URL, STAGING_BASE_URL,
};
pub use error::{ApiErrorCode, Error, ErrorKind, FieldError};
pub use log::LogLevel;
pub use outbox::{Outbox, OutboxCall, OutboxConfig, OutboxEntry, OutboxEvent, OutboxStatus};
pub use secret::Secret;

/// The SDK version (Cargo.toml's).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
