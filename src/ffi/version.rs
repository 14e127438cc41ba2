//! The library's version at run time (the header's `KGEN_VERSION_*` macros give
//! it at compile time; comparing both detects a header/library mismatch).

use std::ffi::c_char;

/// The library's version, "MAJOR.MINOR.PATCH". Static string: never free it.
#[no_mangle]
pub extern "C" fn kgen_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

#[cfg(test)]
mod tests {
    /// The committed header's version macros are Cargo.toml's version.
    #[test]
    fn header_macros_match_the_crate_version() {
        let header = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/include/kgen.h"));
        for (name, value) in [
            ("KGEN_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
            ("KGEN_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR")),
            ("KGEN_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH")),
            (
                "KGEN_VERSION_STRING",
                &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
            ),
        ] {
            assert!(
                header.contains(&format!("#define {name} {value}\n")),
                "{name} {value}"
            );
        }
    }

    #[test]
    fn the_runtime_version_is_the_crate_version() {
        let v = unsafe { std::ffi::CStr::from_ptr(super::kgen_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
