//! What the SDK accepts from its caller, checked before anything is sent: a value that
//! cannot work is an `InvalidArgument` at the call — never a request that reaches
//! another route, nor a transport error after every retry has run.

use crate::Error;

/// The longest path parameter (a tournament uid; the platform's are 36-byte UUIDs).
pub const MAX_PATH_PARAM_BYTES: usize = 256;

/// What follows `/fe/esports/tournaments/` on routes of their own; a uid spelled like
/// one of them would read that route instead of the tournament.
const TOURNAMENT_ROUTES: [&str; 2] = ["active", "participated"];

/// Checks a tournament uid used as a path segment. The SDK percent-encodes every
/// other byte; what encoding cannot keep in its own segment is refused: nothing,
/// `.` and `..` (URL parsers resolve them, also percent-encoded, as "this" and "the
/// parent" directory), a sibling route's name, and lengths no uid has.
pub(crate) fn tournament_uid(uid: &str) -> Result<(), Error> {
    let trimmed = uid.trim();
    let problem = if trimmed.is_empty() {
        "must not be empty"
    } else if trimmed == "." || trimmed == ".." {
        "must not be a dot segment"
    } else if TOURNAMENT_ROUTES.contains(&trimmed) {
        "names another route"
    } else if uid.len() > MAX_PATH_PARAM_BYTES {
        "is longer than any tournament uid"
    } else if uid.chars().any(char::is_control) {
        "contains control characters"
    } else {
        return Ok(());
    };
    // Echoes the value only when short: a mistaken paste can be huge.
    Err(Error::invalid_argument(if uid.len() <= 64 {
        format!("tournament_uid {uid:?} {problem}")
    } else {
        format!("tournament_uid ({} bytes) {problem}", uid.len())
    }))
}

/// Checks a credential before a client is made with it: it travels in a header,
/// where a line break would end the header (and start another).
pub(crate) fn header_text(name: &str, value: &str) -> Result<(), Error> {
    if value.bytes().any(|b| b.is_ascii_control() && b != b'\t') {
        return Err(Error::invalid_argument(format!(
            "{name} contains a line break or another control character"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_uid_reaches_another_route() {
        for bad in ["", " ", ".", "..", " .. ", "active", "participated", "a\nb"] {
            assert!(tournament_uid(bad).is_err(), "{bad:?}");
        }
        let long = "x".repeat(MAX_PATH_PARAM_BYTES + 1);
        let e = tournament_uid(&long).unwrap_err();
        assert!(
            !e.message().contains(&long[..100]),
            "a long value is not echoed"
        );
        for good in [
            "d1a0c0de-0000-4000-8000-000000000001",
            "a/b",
            "...",
            "%2e",
            "Active2",
        ] {
            assert!(tournament_uid(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn credentials_cannot_split_a_header() {
        assert!(header_text("client_secret", "s3cret\r\nx-evil: 1").is_err());
        assert!(header_text("client_secret", "s3cret\n").is_err());
        assert!(header_text("client_secret", "s3cret with spaces").is_ok());
    }
}
