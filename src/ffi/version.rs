//! The library's version at run time (the header's `KGEN_VERSION_*` macros give
//! it at compile time; comparing both detects a header/library mismatch).

use std::ffi::c_char;

/// The library's version, "MAJOR.MINOR.PATCH". Static string: never free it.
#[no_mangle]
pub extern "C" fn kgen_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
