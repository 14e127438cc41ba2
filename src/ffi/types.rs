//! The event every request ends with, and how the SDK builds and owns it.
//!
//! An event is one allocation owning every string and array its view points
//! into; the C side only ever sees `const kgen_event *`, borrowed.

use std::any::Any;
use std::ffi::{c_char, c_void};

use super::session::kgen_session;
use super::status::*;

/// Identifies one accepted request within its client; never 0.
pub type kgen_request_id = u64;

/// The one callback type for every operation and for the session-expired
/// notification. `event` and everything it points to are borrowed until the
/// callback returns; copy what you keep. `user_data` is the pointer given with
/// the request (or in the client options, for notifications).
pub type kgen_callback =
    Option<unsafe extern "C" fn(event: *const kgen_event, user_data: *mut c_void)>;

/// What an event reports.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum kgen_event_kind {
    /// A request ended (success, error, timeout or cancellation).
    KGEN_EVENT_COMPLETION = 1,
    /// A client-flow session's token is about to expire or was refused: fetch a
    /// new token from the game's server and pass it to `kgen_session_update_tokens`.
    KGEN_EVENT_SESSION_EXPIRED = 2,
    /// An outbox entry ended (delivered, rejected, expired), a player's entries
    /// wait for a session, or the outbox's journal was damaged: `data.outbox`.
    KGEN_EVENT_OUTBOX = 3,
}

/// The operation a completion belongs to; tells which member of `kgen_data` is set.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum kgen_operation {
    /// Not a completion (a notification).
    KGEN_OP_NONE = 0,
    /// `kgen_session_create`: `data.session`.
    KGEN_OP_SESSION_CREATE = 1,
    /// `kgen_tournaments_join`: `data.message`.
    KGEN_OP_TOURNAMENTS_JOIN = 10,
    /// `kgen_tournaments_leave`: `data.message`.
    KGEN_OP_TOURNAMENTS_LEAVE = 11,
    /// `kgen_tournaments_submit_score`: `data.message`.
    KGEN_OP_TOURNAMENTS_SUBMIT_SCORE = 12,
    /// `kgen_tournaments_active`: `data.tournaments`.
    KGEN_OP_TOURNAMENTS_ACTIVE = 13,
    /// `kgen_tournaments_participated`: `data.strings` (tournament uids).
    KGEN_OP_TOURNAMENTS_PARTICIPATED = 14,
    /// `kgen_tournaments_get`: `data.tournament`.
    KGEN_OP_TOURNAMENTS_GET = 15,
    /// `kgen_leaderboard_get`: `data.leaderboard`.
    KGEN_OP_LEADERBOARD_GET = 20,
    /// `kgen_wallet_balance`: `data.balance`.
    KGEN_OP_WALLET_BALANCE = 30,
    /// `kgen_wallet_transactions`: `data.transactions`.
    KGEN_OP_WALLET_TRANSACTIONS = 31,
    /// `kgen_wallet_withdraw`: `data.message`.
    KGEN_OP_WALLET_WITHDRAW = 32,
    /// `kgen_otp_register`: `data.otp_registration`.
    KGEN_OP_OTP_REGISTER = 40,
    /// `kgen_otp_verify`: `data.message`.
    KGEN_OP_OTP_VERIFY = 41,
    /// `kgen_rewards_claimable`: `data.rewards`.
    KGEN_OP_REWARDS_CLAIMABLE = 50,
    /// `kgen_rewards_claim`: `data.message`.
    KGEN_OP_REWARDS_CLAIM = 51,
    /// `kgen_stats_historic`: `data.stats`.
    KGEN_OP_STATS_HISTORIC = 60,
    /// `kgen_account_login`: `data.login`.
    KGEN_OP_ACCOUNT_LOGIN = 70,
    /// `kgen_account_login_otp`: no data.
    KGEN_OP_ACCOUNT_LOGIN_OTP = 71,
    /// `kgen_account_current_user`: `data.user`.
    KGEN_OP_ACCOUNT_CURRENT_USER = 72,
    /// `kgen_account_logout`: no data.
    KGEN_OP_ACCOUNT_LOGOUT = 73,
}

/// The common header of every completion. All strings are NUL-terminated
/// UTF-8, never NULL (empty when absent), borrowed like the event.
#[repr(C)]
pub struct kgen_result {
    /// `KGEN_OK` or why the request failed.
    pub status: kgen_status,
    /// The HTTP status of the last answer; 0 when none arrived.
    pub http_status: i32,
    /// The API's error code as a named constant (`KGEN_API_ERROR_NONE` on success).
    pub api_error: super::api_errors::kgen_api_error,
    /// The API's error code as sent, e.g. "TOURNAMENT_IS_FULL"; "" when none.
    pub api_error_code: *const c_char,
    /// A human-readable description of the failure; "" on success.
    pub message: *const c_char,
    /// The `x-request-id` of the call; "" if none. The SDK sends it and the
    /// sandbox echoes and logs it; the platform's docs do not mention the
    /// header (*sandbox-defined*), so KGeN may not find a call by it.
    pub request_id: *const c_char,
    /// The raw response body (JSON, for fields the SDK does not model);
    /// NUL-terminated, `raw_body_len` bytes without the NUL; "" when none.
    pub raw_body: *const c_char,
    /// Length of `raw_body` in bytes.
    pub raw_body_len: usize,
    /// How long the server asked to wait before trying again (429, 503), in
    /// milliseconds; 0 when it did not say. The SDK already waited and retried
    /// where the request's policy and deadline allowed; it starts no wait that
    /// would end past the deadline.
    pub retry_after_ms: i64,
}

/// One event: a request's completion or a notification.
#[repr(C)]
pub struct kgen_event {
    /// Completion or notification.
    pub kind: kgen_event_kind,
    /// The operation that completed (`KGEN_OP_NONE` for notifications).
    pub operation: kgen_operation,
    /// The id returned when the request started (0 for notifications).
    pub request: kgen_request_id,
    /// The `user_data` given with the request (or with the notification callback).
    pub user_data: *mut c_void,
    /// The session the request used, the session `kgen_session_create` created
    /// (owned by the client; destroy with `kgen_session_destroy` or with the
    /// client), or the session that expired. NULL when none.
    pub session: *mut kgen_session,
    /// Status, HTTP status, error code, message, request id, raw body.
    pub result: kgen_result,
    /// The typed data of a successful completion (see `kgen_operation`); all NULL otherwise.
    pub data: super::data::kgen_data,
}

/// Owns an event and everything its view points into.
pub(crate) struct OwnedEvent(Box<EventStore>);

struct EventStore {
    view: kgen_event,
    _keep: EventBuilder,
}

// SAFETY: the raw pointers in `view` point into memory owned by the same
// allocation (or are the caller's user_data/handle values, which are opaque
// numbers to the SDK), so moving the whole event between threads is sound.
unsafe impl Send for OwnedEvent {}

impl OwnedEvent {
    pub fn view(&self) -> &kgen_event {
        &self.0.view
    }

    pub fn view_mut(&mut self) -> &mut kgen_event {
        &mut self.0.view
    }
}

/// Collects the strings and arrays an event's view points into.
#[derive(Default)]
pub(crate) struct EventBuilder {
    /// The session a completion reports (set by `kgen_session_create`'s conversion).
    pub session: Option<*mut kgen_session>,
    texts: TextBlocks,
    keep: Vec<Box<dyn Any>>,
}

/// The event's texts and bodies, NUL-terminated, side by side in blocks that never move:
/// one allocation for a typical event instead of one per text. Events are built on a
/// worker and often freed on the caller's thread, where each block freed costs more.
#[derive(Default)]
struct TextBlocks {
    /// The newest block, the only one with room; filled up to its capacity, never past
    /// it, so what was put in earlier never moves.
    open: Vec<u8>,
    /// Earlier blocks, kept for the pointers into them.
    full: Vec<Vec<u8>>,
}

impl TextBlocks {
    /// Room for an answer's body, request id and small texts in one block.
    const BLOCK: usize = 1024;

    /// Copies `value` and a NUL; the pointer stays valid while `self` lives.
    fn put(&mut self, value: &[u8]) -> *const c_char {
        let needed = value.len() + 1;
        if self.open.capacity() - self.open.len() < needed {
            let next = Vec::with_capacity(needed.max(Self::BLOCK));
            let done = std::mem::replace(&mut self.open, next);
            if done.capacity() > 0 {
                self.full.push(done);
            }
        }
        let start = self.open.len();
        self.open.extend_from_slice(value);
        self.open.push(0);
        // `Vec::as_ptr` is stable while the vector does not reallocate, and it never does.
        self.open.as_ptr().wrapping_add(start).cast()
    }
}

impl EventBuilder {
    /// A borrowed C string for `value`, cut at an inner NUL.
    pub fn text(&mut self, value: &str) -> *const c_char {
        if value.is_empty() {
            return c"".as_ptr();
        }
        let bytes = value.as_bytes();
        let end = bytes.iter().position(|b| *b == 0).unwrap_or(bytes.len());
        self.texts.put(&bytes[..end])
    }

    /// `text` for an optional value: absent is "".
    pub fn opt_text(&mut self, value: Option<&str>) -> *const c_char {
        self.text(value.unwrap_or(""))
    }

    /// Bytes with a NUL appended (the length excludes it); inner NULs are kept.
    pub fn bytes(&mut self, value: &[u8]) -> (*const c_char, usize) {
        if value.is_empty() {
            return (c"".as_ptr(), 0);
        }
        (self.texts.put(value), value.len())
    }

    /// Keeps `value` alive with the event and returns a pointer to it.
    pub fn item<T: 'static>(&mut self, value: T) -> *const T {
        let boxed = Box::new(value);
        let ptr: *const T = &*boxed;
        self.keep.push(boxed);
        ptr
    }

    /// Keeps `items` alive with the event: (pointer, count, element size); the
    /// pointer is NULL when empty. The element size goes beside the count in
    /// every array of result structs, so elements can grow (the header's rule).
    pub fn list<T: 'static>(&mut self, items: Vec<T>) -> (*const T, usize, usize) {
        let size = std::mem::size_of::<T>();
        if items.is_empty() {
            return (std::ptr::null(), 0, size);
        }
        let boxed = items.into_boxed_slice();
        let out = (boxed.as_ptr(), boxed.len(), size);
        self.keep.push(Box::new(boxed));
        out
    }

    /// An array of borrowed C strings.
    pub fn text_list<'a>(
        &mut self,
        items: impl IntoIterator<Item = &'a str>,
    ) -> (*const *const c_char, usize) {
        let ptrs: Vec<*const c_char> = items.into_iter().map(|s| self.text(s)).collect();
        let (items, count, _) = self.list(ptrs);
        (items, count)
    }

    pub fn finish(
        self,
        kind: kgen_event_kind,
        result: kgen_result,
        data: super::data::kgen_data,
    ) -> OwnedEvent {
        OwnedEvent(Box::new(EventStore {
            view: kgen_event {
                kind,
                operation: kgen_operation::KGEN_OP_NONE,
                request: 0,
                user_data: std::ptr::null_mut(),
                session: self.session.unwrap_or(std::ptr::null_mut()),
                result,
                data,
            },
            _keep: self,
        }))
    }
}

impl kgen_result {
    /// A header with only a status and a message: no HTTP answer behind it.
    pub(crate) fn without_answer(
        b: &mut EventBuilder,
        status: kgen_status,
        message: &str,
    ) -> kgen_result {
        kgen_result {
            status,
            http_status: 0,
            api_error: super::api_errors::kgen_api_error::KGEN_API_ERROR_NONE,
            api_error_code: c"".as_ptr(),
            message: b.text(message),
            request_id: c"".as_ptr(),
            raw_body: c"".as_ptr(),
            raw_body_len: 0,
            retry_after_ms: 0,
        }
    }

    /// The header of a successful call.
    pub(crate) fn answered<T>(b: &mut EventBuilder, response: &crate::Response<T>) -> kgen_result {
        let (raw_body, raw_body_len) = b.bytes(response.raw_body.as_bytes());
        kgen_result {
            http_status: i32::from(response.http_status),
            request_id: b.text(&response.request_id),
            raw_body,
            raw_body_len,
            ..kgen_result::without_answer(b, KGEN_OK, "")
        }
    }

    /// The header of a failed call.
    pub(crate) fn from_error(b: &mut EventBuilder, error: &crate::Error) -> kgen_result {
        let status = kgen_status::of(error.kind());
        let code = error.api_code().map_or("", |c| c.as_str());
        let (raw_body, raw_body_len) = b.bytes(error.raw_body().as_bytes());
        kgen_result {
            status,
            http_status: error.http_status().map_or(0, i32::from),
            api_error: super::api_errors::named(error.api_code()),
            api_error_code: b.text(code),
            message: b.text(error.message()),
            request_id: b.text(error.request_id()),
            raw_body,
            raw_body_len,
            retry_after_ms: error
                .retry_after()
                .map_or(0, |d| d.as_millis().try_into().unwrap_or(i64::MAX)),
        }
    }
}

/// The completion event of a finished call: the header from the response or
/// the error, the typed data from `convert` on success.
pub(crate) fn completion<T>(
    result: Result<crate::Response<T>, crate::Error>,
    convert: impl FnOnce(&T, &mut EventBuilder) -> super::data::kgen_data,
) -> OwnedEvent {
    let mut b = EventBuilder::default();
    let (result, data) = match result {
        Ok(response) => (
            kgen_result::answered(&mut b, &response),
            convert(&response.data, &mut b),
        ),
        Err(error) => (
            kgen_result::from_error(&mut b, &error),
            super::data::kgen_data::NONE,
        ),
    };
    b.finish(kgen_event_kind::KGEN_EVENT_COMPLETION, result, data)
}

/// An event for a request that ended without a usable answer (cancelled, SDK fault).
pub(crate) fn failure_event(status: kgen_status, message: &str) -> OwnedEvent {
    let mut b = EventBuilder::default();
    let result = kgen_result::without_answer(&mut b, status, message);
    b.finish(
        kgen_event_kind::KGEN_EVENT_COMPLETION,
        result,
        super::data::kgen_data::NONE,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn builder_owns_what_the_view_points_to() {
        let mut b = EventBuilder::default();
        let t = b.text("a\0b");
        let (body, len) = b.bytes(b"{}\0x");
        let (names, count) = b.text_list(["x", "", "z"]);
        unsafe {
            assert_eq!(CStr::from_ptr(t), c"a");
            assert_eq!(len, 4);
            assert_eq!(std::slice::from_raw_parts(body.cast::<u8>(), 5), b"{}\0x\0");
            assert_eq!(count, 3);
            assert_eq!(CStr::from_ptr(*names.add(2)), c"z");
            assert_eq!(CStr::from_ptr(*names.add(1)), c"");
        }
        drop(b);
    }

    #[test]
    fn texts_stay_where_they_were_put_when_the_block_fills() {
        let mut b = EventBuilder::default();
        let body = vec![b'x'; 3000];
        let texts: Vec<String> = (0..200).map(|i| format!("text number {i}")).collect();
        let mut put = vec![(b.bytes(&body).0, body.len())];
        for text in &texts {
            put.push((b.text(text), text.len()));
        }
        put.push(b.bytes(&body));
        let expected = std::iter::once(body.as_slice())
            .chain(texts.iter().map(|t| t.as_bytes()))
            .chain(std::iter::once(body.as_slice()));
        for ((ptr, len), want) in put.into_iter().zip(expected) {
            let got = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len + 1) };
            assert_eq!(&got[..len], want);
            assert_eq!(got[len], 0);
        }
    }
}
