//! When to try a request again, and how long to wait first.

use std::time::Duration;

use rand::Rng;

use crate::{ApiErrorCode, RetryPolicy};

/// Whether a request may be repeated; chosen per operation and stated in its docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RetryClass {
    /// Repeating it cannot change anything (GETs, create-or-retrieve): retried on transport
    /// errors, attempt timeouts, 408, 429 and 5xx (except 501 and 505, which will not
    /// change).
    Safe,
    /// It changes state: retried only when it provably had no effect — the connection was
    /// never established, the server rejected it with 429, or it answered 409
    /// `IDEMPOTENCY_KEY_IN_USE` (the first attempt is still running; the repeat returns
    /// its stored result). A broken connection or an attempt timeout leaves the outcome
    /// unknown: never retried here (the writes [`crate::api::outcome`] resolves are sent
    /// again there, under the same key, and checked).
    Mutating,
    /// A login step (`/v3/session/login`, `.../login/otp`): as `Mutating`, but a 429 (too
    /// many login attempts) is reported with its `Retry-After`, not waited out — repeating
    /// would only lengthen the lockout.
    Login,
}

impl RetryClass {
    /// Whether the request changes state (it carries an `Idempotency-Key`, and a timed-out
    /// attempt is not repeated).
    pub(crate) fn is_mutating(self) -> bool {
        self != RetryClass::Safe
    }
}

/// How an attempt ended, as far as the retry decision cares.
pub(crate) enum Outcome<'a> {
    /// No response; `connect` is true when the connection was never established.
    Transport { connect: bool },
    /// No complete answer within the attempt timeout.
    AttemptTimeout,
    /// A response with a non-success status.
    Status(u16, Option<&'a ApiErrorCode>),
}

pub(crate) fn should_retry(class: RetryClass, outcome: Outcome<'_>) -> bool {
    match (class, outcome) {
        (_, Outcome::Transport { connect: true }) => true,
        (RetryClass::Safe, Outcome::Transport { connect: false } | Outcome::AttemptTimeout) => true,
        (RetryClass::Safe, Outcome::Status(status, _)) => {
            matches!(status, 408 | 429) || (status >= 500 && !matches!(status, 501 | 505))
        }
        (
            RetryClass::Mutating | RetryClass::Login,
            Outcome::Transport { connect: false } | Outcome::AttemptTimeout,
        ) => false,
        (RetryClass::Mutating, Outcome::Status(status, code)) => {
            status == 429 || (status == 409 && code == Some(&ApiErrorCode::IdempotencyKeyInUse))
        }
        (RetryClass::Login, Outcome::Status(status, code)) => {
            status == 409 && code == Some(&ApiErrorCode::IdempotencyKeyInUse)
        }
    }
}

/// Full-jitter backoff before retry number `retry` (1 for the first retry).
pub(crate) fn backoff(policy: &RetryPolicy, retry: u32) -> Duration {
    let exponent = retry.saturating_sub(1).min(31);
    let ceiling = policy
        .base_delay
        .saturating_mul(1u32 << exponent)
        .min(policy.max_delay);
    if ceiling.is_zero() {
        return ceiling;
    }
    let nanos = rand::thread_rng().gen_range(0..=ceiling.as_nanos().min(u64::MAX as u128) as u64);
    Duration::from_nanos(nanos)
}

/// Reads `Retry-After`: delay-seconds or an HTTP date, the latter judged against the
/// server's clock (`server_now_ms`) so a skewed device clock does not distort it.
pub(crate) fn parse_retry_after(value: &str, server_now_ms: i64) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let at_ms = at.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis() as i64;
    Some(Duration::from_millis(
        at_ms.saturating_sub(server_now_ms).max(0) as u64,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_requests_retry_on_transient_failures_only() {
        let safe = |o| should_retry(RetryClass::Safe, o);
        assert!(safe(Outcome::Transport { connect: false }));
        assert!(safe(Outcome::Transport { connect: true }));
        assert!(safe(Outcome::AttemptTimeout));
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(safe(Outcome::Status(status, None)), "{status}");
        }
        for status in [400, 401, 404, 409, 413, 422, 501, 505] {
            assert!(!safe(Outcome::Status(status, None)), "{status}");
        }
    }

    #[test]
    fn mutating_requests_retry_only_when_they_had_no_effect() {
        let mutating = |o| should_retry(RetryClass::Mutating, o);
        assert!(mutating(Outcome::Transport { connect: true }));
        assert!(!mutating(Outcome::Transport { connect: false }));
        assert!(
            !mutating(Outcome::AttemptTimeout),
            "it may have been applied"
        );
        assert!(mutating(Outcome::Status(429, None)));
        assert!(mutating(Outcome::Status(
            409,
            Some(&ApiErrorCode::IdempotencyKeyInUse)
        )));
        assert!(!mutating(Outcome::Status(
            409,
            Some(&ApiErrorCode::TournamentIsFull)
        )));
        for status in [408, 500, 502, 503, 504] {
            assert!(!mutating(Outcome::Status(status, None)), "{status}");
        }
    }

    #[test]
    fn backoff_is_jittered_below_an_exponential_cap() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(700),
            ..RetryPolicy::default()
        };
        for _ in 0..200 {
            assert!(backoff(&policy, 1) <= Duration::from_millis(100));
            assert!(backoff(&policy, 3) <= Duration::from_millis(400));
            assert!(backoff(&policy, 30) <= Duration::from_millis(700));
        }
        let spread: std::collections::HashSet<_> = (0..50).map(|_| backoff(&policy, 5)).collect();
        assert!(spread.len() > 1, "full jitter gives different delays");
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates_on_the_server_clock() {
        assert_eq!(parse_retry_after("2", 0), Some(Duration::from_secs(2)));
        assert_eq!(
            parse_retry_after("0.25", 0),
            Some(Duration::from_millis(250))
        );
        assert_eq!(parse_retry_after("-1", 0), None);
        // Sun, 06 Nov 1994 08:49:37 GMT = 784111777 s
        let server_now = 784_111_770_000;
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", server_now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", server_now + 60_000),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", 0), None);
    }

    #[test]
    fn a_login_refused_for_too_many_attempts_is_not_repeated() {
        let login = |o| should_retry(RetryClass::Login, o);
        assert!(!login(Outcome::Status(429, None)));
        assert!(!login(Outcome::Transport { connect: false }));
        assert!(login(Outcome::Transport { connect: true }));
        assert!(should_retry(
            RetryClass::Mutating,
            Outcome::Status(429, None)
        ));
    }
}
