//! The status codes every export returns, and the per-thread message of the last failure.

use std::cell::RefCell;
use std::ffi::{c_char, CStr};

use super::panic::guard_value;
use super::pointers::copy_out;

/// The result of every `kgen_*` call and of every completed request.
///
/// Values are stable and never reused; they are grouped by origin:
/// 0 success, 1-99 outcomes that are not failures, 100-199 caller errors
/// (arguments, handles, call order), 200-299 a request that got no usable
/// answer, 300-399 the server answered with an error, 900-999 SDK faults.
/// New values may be added within a major version; treat unknown values as
/// errors of their group.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum kgen_status {
    /// Success.
    KGEN_OK = 0,
    /// `kgen_client_next_event`: nothing is waiting.
    KGEN_NO_EVENT = 1,
    /// A required pointer argument was NULL.
    KGEN_ERR_NULL_ARGUMENT = 100,
    /// An argument was out of range, not valid UTF-8, or rejected before sending.
    KGEN_ERR_INVALID_ARGUMENT = 101,
    /// The handle was never created, was already destroyed, or is not of the expected type.
    KGEN_ERR_INVALID_HANDLE = 102,
    /// The session handle belongs to another client.
    KGEN_ERR_WRONG_CLIENT = 103,
    /// The caller's buffer is too small; the needed size was written back.
    KGEN_ERR_BUFFER_TOO_SMALL = 104,
    /// Called from inside a kgen callback where that would deadlock or recurse
    /// (destroy, poll, next_event, set_log_callback).
    KGEN_ERR_REENTRANT = 105,
    /// The client is being destroyed and accepts no new work.
    KGEN_ERR_SHUTTING_DOWN = 106,
    /// An options struct has a `struct_size` this library does not know, or the
    /// program was built with a kgen.h of another major version than the library's.
    KGEN_ERR_INCOMPATIBLE_VERSION = 107,
    /// `kgen_request_cancel`: no request with this id is in flight (it already
    /// completed, or never existed). Its completion is unaffected.
    KGEN_ERR_UNKNOWN_REQUEST = 108,
    /// The network failed: connection refused or reset, DNS, TLS, a dropped response.
    /// For a write the SDK resolves (join, leave, score, claim, withdraw; see
    /// `KGEN_ERR_OUTCOME_UNKNOWN`) it also means: checked, not applied.
    KGEN_ERR_TRANSPORT = 200,
    /// The request's deadline (`request_timeout_ms`, retries included) passed,
    /// or an attempt of a call that changes state got no answer within
    /// `attempt_timeout_ms` (it may have been applied; the writes the SDK resolves
    /// never end this way, see `KGEN_ERR_OUTCOME_UNKNOWN`).
    KGEN_ERR_TIMEOUT = 201,
    /// The request was cancelled by `kgen_request_cancel` or `kgen_client_destroy`.
    KGEN_ERR_CANCELLED = 202,
    /// A write whose answer was lost could not be settled: it may or may not have
    /// been applied. After a lost answer (the connection broke after the request
    /// was sent, or an attempt timed out) the SDK sends the write again under the
    /// same Idempotency-Key while the first three quarters of the request's
    /// deadline last; a server that honours the key (the sandbox does) answers the
    /// repeat with the first attempt's answer, or applies it once. When no repeat
    /// gets a verdict it reads the state the write changes, in the last quarter:
    /// join - participated tournaments list the uid; leave - they do not; score -
    /// the leaderboard holds the player's score at least as high; claim - no
    /// reward is left unclaimed; withdraw - the earned balance is 0. Applied:
    /// `KGEN_OK` with `http_status` 0. Not applied: `KGEN_ERR_TRANSPORT` (message
    /// ending "not applied"), or the refusal that a repeat got. This status when
    /// the read failed, or found it not applied while an attempt that timed out
    /// may still reach the server. Other writes (OTP, account login) are not
    /// resolved: their TRANSPORT or TIMEOUT still means "may have been applied".
    KGEN_ERR_OUTCOME_UNKNOWN = 203,
    /// The server answered with an error status; see `http_status`, `api_error`
    /// and `api_error_code` in the result.
    KGEN_ERR_HTTP = 300,
    /// The server's answer could not be decoded (see `raw_body`).
    KGEN_ERR_DECODE = 301,
    /// The player's session expired or its token was refused; a client-flow
    /// session needs a new token from the game's server.
    KGEN_ERR_SESSION_EXPIRED = 302,
    /// The outbox holds `outbox_max_entries` entries: nothing was queued.
    KGEN_ERR_OUTBOX_FULL = 400,
    /// Another client (of this or another process) owns the outbox directory.
    KGEN_ERR_OUTBOX_LOCKED = 401,
    /// The outbox's journal could not be written, or did not read back whole
    /// (`KGEN_OUTBOX_DAMAGED`).
    KGEN_ERR_OUTBOX_STORAGE = 402,
    /// An outbox entry outlived `outbox_max_age_secs` undelivered.
    KGEN_ERR_OUTBOX_EXPIRED = 403,
    /// A fault inside the SDK (a caught panic, a failed thread start).
    KGEN_ERR_INTERNAL = 900,
}

pub use kgen_status::*;

impl kgen_status {
    fn text(self) -> &'static CStr {
        match self {
            KGEN_OK => c"ok",
            KGEN_NO_EVENT => c"no event",
            KGEN_ERR_NULL_ARGUMENT => c"a required argument was NULL",
            KGEN_ERR_INVALID_ARGUMENT => c"invalid argument",
            KGEN_ERR_INVALID_HANDLE => c"invalid or destroyed handle",
            KGEN_ERR_WRONG_CLIENT => c"the session belongs to another client",
            KGEN_ERR_BUFFER_TOO_SMALL => c"buffer too small",
            KGEN_ERR_REENTRANT => c"not allowed inside a kgen callback",
            KGEN_ERR_SHUTTING_DOWN => c"the client is shutting down",
            KGEN_ERR_INCOMPATIBLE_VERSION => c"kgen.h and the library are of incompatible versions",
            KGEN_ERR_UNKNOWN_REQUEST => c"no such request in flight",
            KGEN_ERR_TRANSPORT => c"network error",
            KGEN_ERR_TIMEOUT => c"timed out",
            KGEN_ERR_CANCELLED => c"cancelled",
            KGEN_ERR_OUTCOME_UNKNOWN => c"a write may or may not have been applied",
            KGEN_ERR_HTTP => c"the server answered with an error",
            KGEN_ERR_DECODE => c"the server's answer could not be decoded",
            KGEN_ERR_SESSION_EXPIRED => c"the session expired",
            KGEN_ERR_OUTBOX_FULL => c"the outbox is full",
            KGEN_ERR_OUTBOX_LOCKED => c"the outbox is in use by another client",
            KGEN_ERR_OUTBOX_STORAGE => c"the outbox could not be written or read back",
            KGEN_ERR_OUTBOX_EXPIRED => c"the outbox entry expired undelivered",
            KGEN_ERR_INTERNAL => c"internal SDK error",
        }
    }

    const ALL: [kgen_status; 23] = [
        KGEN_OK,
        KGEN_NO_EVENT,
        KGEN_ERR_NULL_ARGUMENT,
        KGEN_ERR_INVALID_ARGUMENT,
        KGEN_ERR_INVALID_HANDLE,
        KGEN_ERR_WRONG_CLIENT,
        KGEN_ERR_BUFFER_TOO_SMALL,
        KGEN_ERR_REENTRANT,
        KGEN_ERR_SHUTTING_DOWN,
        KGEN_ERR_INCOMPATIBLE_VERSION,
        KGEN_ERR_UNKNOWN_REQUEST,
        KGEN_ERR_TRANSPORT,
        KGEN_ERR_TIMEOUT,
        KGEN_ERR_CANCELLED,
        KGEN_ERR_OUTCOME_UNKNOWN,
        KGEN_ERR_HTTP,
        KGEN_ERR_DECODE,
        KGEN_ERR_SESSION_EXPIRED,
        KGEN_ERR_OUTBOX_FULL,
        KGEN_ERR_OUTBOX_LOCKED,
        KGEN_ERR_OUTBOX_STORAGE,
        KGEN_ERR_OUTBOX_EXPIRED,
        KGEN_ERR_INTERNAL,
    ];

    /// The status for an error of the Rust API.
    pub(crate) fn of(kind: crate::ErrorKind) -> kgen_status {
        use crate::ErrorKind::*;
        match kind {
            InvalidArgument => KGEN_ERR_INVALID_ARGUMENT,
            Transport => KGEN_ERR_TRANSPORT,
            Timeout => KGEN_ERR_TIMEOUT,
            Cancelled => KGEN_ERR_CANCELLED,
            Http => KGEN_ERR_HTTP,
            Decode => KGEN_ERR_DECODE,
            SessionExpired => KGEN_ERR_SESSION_EXPIRED,
            OutcomeUnknown => KGEN_ERR_OUTCOME_UNKNOWN,
            OutboxFull => KGEN_ERR_OUTBOX_FULL,
            OutboxLocked => KGEN_ERR_OUTBOX_LOCKED,
            OutboxStorage => KGEN_ERR_OUTBOX_STORAGE,
            _ => KGEN_ERR_INTERNAL,
        }
    }

    fn from_i32(value: i32) -> Option<kgen_status> {
        Self::ALL.into_iter().find(|s| *s as i32 == value)
    }
}

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Records the message of a failed call for `kgen_last_error_message`.
pub(crate) fn set_last_error(message: &str) {
    LAST_ERROR.with(|m| {
        let mut m = m.borrow_mut();
        m.clear();
        m.push_str(message);
    });
}

/// A short, static English description of a status code, e.g. "buffer too small".
///
/// Takes the status as a plain integer so any value is safe to pass.
/// Returns a NUL-terminated string with static lifetime: never free it.
/// Unknown values give "unknown status".
#[no_mangle]
pub extern "C" fn kgen_status_str(status: i32) -> *const c_char {
    guard_value(c"unknown status".as_ptr(), || {
        kgen_status::from_i32(status)
            .map_or(c"unknown status", kgen_status::text)
            .as_ptr()
    })
}

/// Copies the message of the most recent failed `kgen_*` call made on the
/// calling thread (for example why `kgen_client_new` rejected a base URL).
///
/// Follows the reading guide's rule for strings copied out: `buffer` receives
/// a NUL-terminated UTF-8 string owned by the caller; `length` is in/out (the
/// capacity of `buffer` on entry, the size needed including the NUL on
/// return); `buffer` NULL with `*length` 0 asks for the size and returns
/// `KGEN_ERR_BUFFER_TOO_SMALL`; `buffer` NULL with `*length` > 0 is
/// `KGEN_ERR_NULL_ARGUMENT`. Reading never changes the message. It is empty
/// when no call failed yet on this thread. Secrets never appear in it.
#[no_mangle]
pub unsafe extern "C" fn kgen_last_error_message(
    buffer: *mut c_char,
    length: *mut usize,
) -> kgen_status {
    let message = LAST_ERROR.with(|m| m.borrow().clone());
    // Not through `guard`: reading the message must not overwrite it.
    match std::panic::catch_unwind(|| unsafe { copy_out(&message, buffer, length) }) {
        Ok(Ok(())) => KGEN_OK,
        Ok(Err(e)) => e.status,
        Err(_) => KGEN_ERR_INTERNAL,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn last_error() -> String {
        LAST_ERROR.with(|m| m.borrow().clone())
    }

    #[test]
    fn every_status_has_its_own_text() {
        let texts: std::collections::HashSet<_> =
            kgen_status::ALL.iter().map(|s| s.text()).collect();
        assert_eq!(texts.len(), kgen_status::ALL.len());
    }

    #[test]
    fn status_str_accepts_any_integer() {
        let text = |v| {
            unsafe { CStr::from_ptr(kgen_status_str(v)) }
                .to_str()
                .unwrap()
        };
        assert_eq!(text(104), "buffer too small");
        assert_eq!(text(-5), "unknown status");
        assert_eq!(text(i32::MAX), "unknown status");
    }
}
