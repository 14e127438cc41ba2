//! The panic boundary: every export runs its body through `guard`, so a panic
//! becomes `KGEN_ERR_INTERNAL` instead of unwinding into C.

use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::status::{kgen_status, set_last_error, KGEN_ERR_INTERNAL, KGEN_OK};

/// A failed call: the status returned to C and a message for `kgen_last_error_message`.
#[derive(Debug)]
pub(crate) struct FfiError {
    pub status: kgen_status,
    pub message: Cow<'static, str>,
}

pub(crate) type FfiResult<T> = Result<T, FfiError>;

impl FfiError {
    pub fn new(status: kgen_status, message: impl Into<Cow<'static, str>>) -> FfiError {
        FfiError {
            status,
            message: message.into(),
        }
    }
}

/// A request the core refuses before it starts (an invalid argument) is refused at
/// the C call too, with the core's message.
impl From<crate::Error> for FfiError {
    fn from(e: crate::Error) -> FfiError {
        FfiError::new(kgen_status::of(e.kind()), e.message().to_owned())
    }
}

impl From<kgen_status> for FfiError {
    fn from(status: kgen_status) -> FfiError {
        FfiError::new(status, "")
    }
}

/// Runs an export's body: `Ok` becomes `KGEN_OK`, `Err` its status (its message
/// is kept for `kgen_last_error_message`), a panic `KGEN_ERR_INTERNAL`.
pub(crate) fn guard(body: impl FnOnce() -> FfiResult<()>) -> kgen_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => KGEN_OK,
        Ok(Err(e)) => {
            if !e.message.is_empty() {
                set_last_error(&e.message);
            }
            e.status
        }
        Err(payload) => {
            set_last_error(&format!("internal error: {}", panic_message(&*payload)));
            KGEN_ERR_INTERNAL
        }
    }
}

/// `guard` for the few exports that return a value instead of a status.
pub(crate) fn guard_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "panic"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::status::KGEN_ERR_INTERNAL;

    #[test]
    fn a_panic_becomes_internal_and_is_described() {
        let status = guard(|| panic!("boom"));
        assert_eq!(status, KGEN_ERR_INTERNAL);
        let message = crate::ffi::status::tests::last_error();
        assert!(message.contains("boom"), "{message}");
    }

    #[test]
    fn an_error_keeps_its_status_and_message() {
        let status = guard(|| {
            Err(FfiError::new(
                kgen_status::KGEN_ERR_INVALID_ARGUMENT,
                "bad x",
            ))
        });
        assert_eq!(status, kgen_status::KGEN_ERR_INVALID_ARGUMENT);
        assert_eq!(crate::ffi::status::tests::last_error(), "bad x");
    }

    #[test]
    fn a_value_export_falls_back_on_panic() {
        assert_eq!(guard_value(7, || panic!("x")), 7);
        assert_eq!(guard_value(7, || 3), 3);
    }
}
