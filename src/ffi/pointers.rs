//! The one place where C pointers become Rust references and strings:
//! NULL is `KGEN_ERR_NULL_ARGUMENT`, invalid UTF-8 is `KGEN_ERR_INVALID_ARGUMENT`.

use std::ffi::{c_char, CStr};

use super::panic::{FfiError, FfiResult};
use super::status::{KGEN_ERR_BUFFER_TOO_SMALL, KGEN_ERR_INVALID_ARGUMENT, KGEN_ERR_NULL_ARGUMENT};

fn null(what: &str) -> FfiError {
    FfiError::new(KGEN_ERR_NULL_ARGUMENT, format!("{what} is NULL"))
}

/// A required NUL-terminated UTF-8 argument, borrowed for the call. Blank is
/// refused here, so that a request that cannot succeed never starts.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn str_in<'a>(ptr: *const c_char, what: &str) -> FfiResult<&'a str> {
    let value = unsafe { opt_str_in(ptr, what) }?.ok_or_else(|| null(what))?;
    if value.trim().is_empty() {
        return Err(FfiError::new(
            KGEN_ERR_INVALID_ARGUMENT,
            format!("{what} is empty"),
        ));
    }
    Ok(value)
}

/// The longest string argument accepted. Every value the platform takes (ids,
/// tokens, credentials, phone numbers, keys) is far shorter; a longer one is
/// refused at the call, before a request could fail with it after its retries.
pub(crate) const MAX_STRING_BYTES: usize = 16 * 1024;

/// An optional string argument: NULL is `None`.
///
/// # Safety
/// As `str_in`.
pub(crate) unsafe fn opt_str_in<'a>(ptr: *const c_char, what: &str) -> FfiResult<Option<&'a str>> {
    if ptr.is_null() {
        return Ok(None);
    }
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    if bytes.len() > MAX_STRING_BYTES {
        return Err(FfiError::new(
            KGEN_ERR_INVALID_ARGUMENT,
            format!(
                "{what} is {} bytes; at most {MAX_STRING_BYTES} are accepted",
                bytes.len()
            ),
        ));
    }
    std::str::from_utf8(bytes).map(Some).map_err(|_| {
        FfiError::new(
            KGEN_ERR_INVALID_ARGUMENT,
            format!("{what} is not valid UTF-8"),
        )
    })
}

/// A required pointer to an input struct, borrowed for the call.
///
/// # Safety
/// `ptr` is NULL or valid for reads of `T` for `'a`.
pub(crate) unsafe fn ref_in<'a, T>(ptr: *const T, what: &str) -> FfiResult<&'a T> {
    unsafe { ptr.as_ref() }.ok_or_else(|| null(what))
}

/// A required out-parameter.
///
/// # Safety
/// `ptr` is NULL or valid for writes of `T` for `'a`.
pub(crate) unsafe fn out<'a, T>(ptr: *mut T, what: &str) -> FfiResult<&'a mut T> {
    unsafe { ptr.as_mut() }.ok_or_else(|| null(what))
}

/// Writes `value` through an optional out-parameter (NULL: the caller does not want it).
///
/// # Safety
/// `ptr` is NULL or valid for writes of `T`.
pub(crate) unsafe fn write_opt<T>(ptr: *mut T, value: T) {
    if let Some(slot) = unsafe { ptr.as_mut() } {
        *slot = value;
    }
}

/// Copies `value` with a terminating NUL into a caller's buffer: the one rule
/// for every string the SDK copies out.
///
/// `length` is in/out: the capacity of `buffer` on entry, the size needed
/// (NUL included) on return, also with `KGEN_ERR_BUFFER_TOO_SMALL`. `buffer`
/// NULL with `*length` 0 asks for the size (`KGEN_ERR_BUFFER_TOO_SMALL`);
/// `buffer` NULL with `*length` > 0 is `KGEN_ERR_NULL_ARGUMENT`, like every
/// other NULL. `KGEN_ERR_BUFFER_TOO_SMALL` carries no message, so asking the
/// size never overwrites the thread's last error. A value with an inner NUL is
/// cut there.
///
/// # Safety
/// `length` is NULL or valid; `buffer` is NULL or valid for `*length` bytes.
pub(crate) unsafe fn copy_out(
    value: &str,
    buffer: *mut c_char,
    length: *mut usize,
) -> FfiResult<()> {
    let length = unsafe { out(length, "length") }?;
    if buffer.is_null() && *length > 0 {
        return Err(null("buffer"));
    }
    let bytes = value.as_bytes();
    let bytes = &bytes[..bytes.iter().position(|b| *b == 0).unwrap_or(bytes.len())];
    let needed = bytes.len() + 1;
    let capacity = std::mem::replace(length, needed);
    if capacity < needed {
        return Err(KGEN_ERR_BUFFER_TOO_SMALL.into());
    }
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), bytes.len());
        *buffer.add(bytes.len()) = 0;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_in_are_checked() {
        assert_eq!(unsafe { str_in(c"abc".as_ptr(), "x") }.unwrap(), "abc");
        let e = unsafe { str_in(std::ptr::null(), "user_id") }.unwrap_err();
        assert_eq!(e.status, KGEN_ERR_NULL_ARGUMENT);
        assert_eq!(e.message, "user_id is NULL");
        let bad = [0xffu8, 0xfe, 0];
        let e = unsafe { str_in(bad.as_ptr().cast(), "user_id") }.unwrap_err();
        assert_eq!(e.status, KGEN_ERR_INVALID_ARGUMENT);
        let e = unsafe { str_in(c" ".as_ptr(), "user_id") }.unwrap_err();
        assert_eq!(e.status, KGEN_ERR_INVALID_ARGUMENT);
        assert_eq!(e.message, "user_id is empty");
        assert_eq!(unsafe { opt_str_in(std::ptr::null(), "x") }.unwrap(), None);
        let huge = std::ffi::CString::new("x".repeat(MAX_STRING_BYTES + 1)).unwrap();
        let e = unsafe { str_in(huge.as_ptr(), "key") }.unwrap_err();
        assert_eq!(e.status, KGEN_ERR_INVALID_ARGUMENT);
        assert_eq!(e.message, "key is 16385 bytes; at most 16384 are accepted");
    }

    #[test]
    fn copy_out_reports_the_needed_size() {
        let mut len = 0usize;
        let e = unsafe { copy_out("hello", std::ptr::null_mut(), &mut len) }.unwrap_err();
        assert_eq!((e.status, len), (KGEN_ERR_BUFFER_TOO_SMALL, 6));
        assert!(e.message.is_empty(), "a size query records no last error");
        let mut buf = [1 as c_char; 6];
        len = 5;
        assert!(unsafe { copy_out("hello", buf.as_mut_ptr(), &mut len) }.is_err());
        assert_eq!(buf[0], 1, "nothing written when too small");
        len = 6;
        unsafe { copy_out("hello", buf.as_mut_ptr(), &mut len) }.unwrap();
        assert_eq!(unsafe { CStr::from_ptr(buf.as_ptr()) }, c"hello");
        let e = unsafe { copy_out("x", buf.as_mut_ptr(), std::ptr::null_mut()) }.unwrap_err();
        assert_eq!(e.status, KGEN_ERR_NULL_ARGUMENT);
        len = 8;
        let e = unsafe { copy_out("x", std::ptr::null_mut(), &mut len) }.unwrap_err();
        assert_eq!((e.status, len), (KGEN_ERR_NULL_ARGUMENT, 8));
        assert_eq!(e.message, "buffer is NULL");
    }
}
