//! The library's version at run time (the header's `KGEN_VERSION_*` macros give
//! it at compile time; comparing both detects a header/library mismatch), and the
//! check that refuses a program built with a kgen.h of another version line.

use std::ffi::c_char;

use super::panic::{FfiError, FfiResult};
use super::status::KGEN_ERR_INCOMPATIBLE_VERSION;

/// This library's version as kgen.h's `KGEN_VERSION_NUMBER` writes it:
/// MAJOR * 1,000,000 + MINOR * 1,000 + PATCH.
pub(crate) const VERSION_NUMBER: u32 = number(env!("CARGO_PKG_VERSION_MAJOR")) * 1_000_000
    + number(env!("CARGO_PKG_VERSION_MINOR")) * 1_000
    + number(env!("CARGO_PKG_VERSION_PATCH"));

const fn number(digits: &str) -> u32 {
    match u32::from_str_radix(digits, 10) {
        Ok(n) => n,
        Err(_) => panic!("Cargo's version parts are numbers"),
    }
}

/// The versions whose ABI only grows: one major version, or one 0.MINOR
/// (as Cargo and semver read 0.x versions).
fn version_line(number: u32) -> (u32, u32) {
    let major = number / 1_000_000;
    (
        major,
        if major == 0 {
            number / 1_000 % 1_000
        } else {
            0
        },
    )
}

fn dotted(number: u32) -> String {
    format!(
        "{}.{}.{}",
        number / 1_000_000,
        number / 1_000 % 1_000,
        number % 1_000
    )
}

/// Refuses a program built with a kgen.h of another version line: its structs,
/// enums and functions may differ from this library's, so going on would be
/// undefined behaviour. 0 (no version stated) passes.
pub(crate) fn check_header_version(header: u32) -> FfiResult<()> {
    if header == 0 || version_line(header) == version_line(VERSION_NUMBER) {
        return Ok(());
    }
    Err(FfiError::new(
        KGEN_ERR_INCOMPATIBLE_VERSION,
        format!(
            "this program was built with kgen.h {} but loaded libkgen {}: their ABIs differ; \
             ship the library of the version the program was built with",
            dotted(header),
            env!("CARGO_PKG_VERSION")
        ),
    ))
}

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
    fn the_version_number_encodes_the_crate_version() {
        let number = super::VERSION_NUMBER;
        assert_eq!(super::dotted(number), env!("CARGO_PKG_VERSION"));
        let header = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/include/kgen.h"));
        assert!(header.contains(&format!("#define KGEN_VERSION_NUMBER {number}\n")));
    }

    #[test]
    fn another_version_line_is_refused_with_both_versions_named() {
        use super::check_header_version as check;
        assert!(check(0).is_ok(), "no version stated");
        assert!(check(super::VERSION_NUMBER).is_ok());
        assert!(check(super::VERSION_NUMBER + 1).is_ok(), "a newer patch");
        let major = super::VERSION_NUMBER / 1_000_000;
        let next_line = if major == 0 {
            super::VERSION_NUMBER / 1_000 * 1_000 + 1_000
        } else {
            (major + 1) * 1_000_000
        };
        let err = check(next_line).unwrap_err();
        assert_eq!(err.status, super::KGEN_ERR_INCOMPATIBLE_VERSION);
        assert!(
            err.message.contains(&super::dotted(next_line)),
            "{}",
            err.message
        );
        assert!(
            err.message.contains(env!("CARGO_PKG_VERSION")),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_runtime_version_is_the_crate_version() {
        let v = unsafe { std::ffi::CStr::from_ptr(super::kgen_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
