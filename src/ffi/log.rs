//! Log output for C: one re-settable, process-wide callback.

use std::cell::Cell;
use std::ffi::{c_char, c_void, CString};
use std::sync::Arc;

use super::dispatch::{call_user, refuse_inside_callback, UserData};
use super::panic::{guard, FfiError};
use super::status::*;

/// Severity of a log line.
pub type kgen_log_level = i32;
/// Nothing is logged.
pub const KGEN_LOG_OFF: kgen_log_level = 0;
/// Failures the caller also sees as errors.
pub const KGEN_LOG_ERROR: kgen_log_level = 1;
/// Trouble the SDK recovered from.
pub const KGEN_LOG_WARN: kgen_log_level = 2;
/// Retries, session renewals.
pub const KGEN_LOG_INFO: kgen_log_level = 3;
/// One line per HTTP attempt (method, path, status, time, attempt, request id).
pub const KGEN_LOG_DEBUG: kgen_log_level = 4;
/// Everything else.
pub const KGEN_LOG_TRACE: kgen_log_level = 5;

/// Receives one log line: `message` is NUL-terminated UTF-8, borrowed for the
/// call, without secrets. Called from any thread, possibly concurrently.
pub type kgen_log_fn = Option<
    unsafe extern "C" fn(level: kgen_log_level, message: *const c_char, user_data: *mut c_void),
>;

thread_local! {
    static LOGGING: Cell<bool> = const { Cell::new(false) };
}

type LogCallback = unsafe extern "C" fn(kgen_log_level, *const c_char, *mut c_void);

/// The core's sink for a C callback. The core waits for a replaced sink's
/// deliveries to end, which is the guarantee `kgen_set_log_callback` gives.
fn forward(callback: LogCallback, user_data: UserData) -> crate::log::LogSink {
    Arc::new(move |level, line| {
        // A line logged by a kgen call made inside the log callback is dropped.
        if LOGGING.with(|l| l.replace(true)) {
            return;
        }
        let text = CString::new(line.replace('\0', " ")).unwrap_or_default();
        let UserData(data) = &user_data; // the whole Send + Sync wrapper is captured
        call_user(|| unsafe { callback(level as kgen_log_level, text.as_ptr(), *data) });
        LOGGING.with(|l| l.set(false));
    })
}

/// Sends the SDK's log lines up to `max_level` (`KGEN_LOG_ERROR`..`KGEN_LOG_TRACE`)
/// to `sink`, or stops logging when `sink` is NULL or `max_level` is
/// `KGEN_LOG_OFF`. Process-wide, may be called any number of times. When it
/// returns, the previous callback has returned from every call and will not be
/// called again, so its `user_data` may be freed. Returns `KGEN_ERR_REENTRANT`
/// inside any kgen callback.
#[no_mangle]
pub unsafe extern "C" fn kgen_set_log_callback(
    max_level: kgen_log_level,
    sink: kgen_log_fn,
    user_data: *mut c_void,
) -> kgen_status {
    guard(|| {
        refuse_inside_callback("kgen_set_log_callback")?;
        let level = match max_level {
            KGEN_LOG_OFF => None,
            KGEN_LOG_ERROR => Some(crate::LogLevel::Error),
            KGEN_LOG_WARN => Some(crate::LogLevel::Warn),
            KGEN_LOG_INFO => Some(crate::LogLevel::Info),
            KGEN_LOG_DEBUG => Some(crate::LogLevel::Debug),
            KGEN_LOG_TRACE => Some(crate::LogLevel::Trace),
            other => {
                return Err(FfiError::new(
                    KGEN_ERR_INVALID_ARGUMENT,
                    format!("{other} is not a kgen_log_level"),
                ))
            }
        };
        match (level, sink) {
            (Some(level), Some(callback)) => {
                crate::log::set_sink(level, Some(forward(callback, UserData(user_data))))
            }
            _ => crate::log::set_sink(crate::LogLevel::Error, None),
        }
        Ok(())
    })
}
