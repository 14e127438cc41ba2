//! The platform's operations, one file per area: typed models and async methods.
//!
//! Per-player operations are methods of [`crate::Session`]; session creation and the
//! account API (`/v3/session`) are methods of [`crate::Client`]. Each method's docs state
//! its route and its retry policy:
//! - **safe to retry** — GETs and `POST /s2s/session` (create-or-retrieve): retried on
//!   connection failures, on an attempt that got no complete answer within
//!   [`crate::RetryPolicy::attempt_timeout`], and on 408, 429 and 5xx;
//! - **mutating** — every other POST: it carries one `Idempotency-Key` for all its attempts
//!   and is retried only when it provably had no effect (the connection was never made,
//!   the server answered 429, or 409 `IDEMPOTENCY_KEY_IN_USE`). A connection that breaks
//!   after the request was sent ([`crate::ErrorKind::Transport`]) or an attempt that runs
//!   out of its attempt timeout ([`crate::ErrorKind::Timeout`]) is not retried: the request
//!   may have been applied. Joins, leaves, scores, claims and withdrawals are then sent
//!   again under the same key, and read back when no repeat gets a verdict ([`outcome`]);
//!   they complete as applied, as not applied, or — only when neither settles it — with
//!   [`crate::ErrorKind::OutcomeUnknown`].
//!
//! All retries honour `Retry-After` and stop at the call's deadline.
//!
//! **What is the platform's and what is the sandbox's.** The platform's published docs
//! define the routes, fields and the error codes [`crate::ApiErrorCode`] does not mark
//! *sandbox-defined*. They are silent on the rest, which the sandbox chose and these docs
//! label *sandbox-defined*: the error codes so marked, which balance pays a buy-in first,
//! the refund on leave, that the best score counts, how the leaderboard breaks ties, the
//! OTP code lengths and limits, wallet paging, and the `Idempotency-Key` and
//! `x-request-id` headers. The SDK sends both headers on every platform; only the sandbox
//! is known to honour them — it stores a mutating call's first answer per key for 24 h and
//! replays it to a repeat (409 `IDEMPOTENCY_KEY_IN_USE` while the first runs, 422
//! `IDEMPOTENCY_KEY_REUSED` for another request), and echoes and logs the request id.
//! Build no game logic that needs these; the list with sources is the sandbox README's
//! "Published or sandbox-defined" table.

pub mod account;
pub(crate) mod decode;
pub mod input;
mod json;
pub mod leaderboard;
pub mod otp;
pub mod outcome;
pub mod rewards;
pub mod session;
pub mod stats;
mod timestamp;
pub mod tournaments;
pub mod wallet;

use crate::Error;
use decode::{FromJson, Json, Obj};
pub use timestamp::Timestamp;

/// The acknowledgement of an action: the server's message (`message` or `msg`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ack {
    /// E.g. `"user successfully joined the tournament"`.
    pub message: String,
}

impl FromJson for Ack {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        match value {
            Json::String(text) => Ok(Ack {
                message: text.as_ref().to_owned(),
            }),
            other => Ok(Ack {
                message: Obj::new(other, "response")?.string(&["message", "msg"])?,
            }),
        }
    }

    /// An empty or plain-text body is an acknowledgement too.
    fn from_body(body: &str) -> Result<Self, Error> {
        match Json::parse(body) {
            Ok(value) => Ack::from_json(&value),
            Err(_) => Ok(Ack {
                message: body.trim().to_owned(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ack_reads_message_msg_plain_text_and_nothing() {
        let ack = |body: &str| Ack::from_body(body).unwrap().message;
        assert_eq!(
            ack(r#"{"message":"user successfully joined the tournament"}"#),
            "user successfully joined the tournament"
        );
        assert_eq!(
            ack(r#"{"msg":"wallet withdrawl successful"}"#),
            "wallet withdrawl successful"
        );
        assert_eq!(
            ack(r#"{"msg":"wallet withdrawal successful","extra":1}"#),
            "wallet withdrawal successful"
        );
        assert_eq!(ack("OK"), "OK");
        assert_eq!(ack(""), "");
        assert!(Ack::from_body("[1]").is_err());
    }
}
