//! The platform's error codes as named constants. The wire string is always
//! in `kgen_result.api_error_code` too, also for codes this version does not name.

/// An API error code. Values are stable and never reused; grouped as 100-199
/// KGeN ESports codes, 200-299 codes any route can answer, 300-399 the
/// account-session (`/v3`) API's, which the SDK names per operation.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum kgen_api_error {
    /// No API error (success, or the request got no answer).
    KGEN_API_ERROR_NONE = 0,
    /// A code this version does not name; see `api_error_code`.
    KGEN_API_ERROR_OTHER = 1,
    /// 401 UN_AUTHORIZED: missing, bad or expired token or credentials.
    KGEN_API_ERROR_UN_AUTHORIZED = 100,
    /// 400 BAD_REQUEST: malformed request.
    KGEN_API_ERROR_BAD_REQUEST = 101,
    /// 400 TOURNAMENT_INVALID_JOINING_STAKE: the stake differs from the buy-in price.
    KGEN_API_ERROR_TOURNAMENT_INVALID_JOINING_STAKE = 110,
    /// 400 TOURNAMENT_IS_NOT_LIVE: not allowed in the tournament's current state.
    KGEN_API_ERROR_TOURNAMENT_IS_NOT_LIVE = 111,
    /// 404 TOURNAMENT_NOT_FOUND: unknown tournament.
    KGEN_API_ERROR_TOURNAMENT_NOT_FOUND = 112,
    /// 409 EXISTING_PARTICIPATION_FOUND: the player already joined.
    KGEN_API_ERROR_EXISTING_PARTICIPATION_FOUND = 113,
    /// 409 TOURNAMENT_IS_FULL: no seat left.
    KGEN_API_ERROR_TOURNAMENT_IS_FULL = 114,
    /// 404 TOURNAMENT_PARTICIPATION_NOT_FOUND: the player has not joined.
    KGEN_API_ERROR_TOURNAMENT_PARTICIPATION_NOT_FOUND = 115,
    /// 400 INVALID_SCORE: the score is not a non-negative integer.
    KGEN_API_ERROR_INVALID_SCORE = 116,
    /// 400 INSUFFICIENT_FUNDS: the wallet cannot pay the buy-in.
    KGEN_API_ERROR_INSUFFICIENT_FUNDS = 120,
    /// 400 PHONE_NOT_LINKED: withdrawing needs a phone linked by OTP.
    KGEN_API_ERROR_PHONE_NOT_LINKED = 121,
    /// 400 WITHDRAW_BELOW_MINIMUM: the earned balance is below the minimum.
    KGEN_API_ERROR_WITHDRAW_BELOW_MINIMUM = 122,
    /// 500 RECORD_NOT_FOUND: no such record (e.g. no linked phone).
    KGEN_API_ERROR_RECORD_NOT_FOUND = 123,
    /// 400 INVALID_PHONE_NUMBER: malformed phone number or country code.
    KGEN_API_ERROR_INVALID_PHONE_NUMBER = 130,
    /// 400 INVALID_OTP (or `/v3` 401 on the OTP step): wrong one-time password.
    KGEN_API_ERROR_INVALID_OTP = 131,
    /// 400 OTP_EXPIRED: the one-time password expired.
    KGEN_API_ERROR_OTP_EXPIRED = 132,
    /// 429 OTP_RATE_LIMITED: too many OTP requests for this phone.
    KGEN_API_ERROR_OTP_RATE_LIMITED = 133,
    /// 409 PHONE_ALREADY_LINKED: the phone belongs to another player.
    KGEN_API_ERROR_PHONE_ALREADY_LINKED = 134,
    /// 400 NO_CLAIMABLE_REWARDS: nothing to claim.
    KGEN_API_ERROR_NO_CLAIMABLE_REWARDS = 140,
    /// 404 ROUTE_NOT_FOUND: the server has no such route.
    KGEN_API_ERROR_ROUTE_NOT_FOUND = 200,
    /// 405 METHOD_NOT_ALLOWED: the route exists with another method.
    KGEN_API_ERROR_METHOD_NOT_ALLOWED = 201,
    /// 413 PAYLOAD_TOO_LARGE: the request body is too large.
    KGEN_API_ERROR_PAYLOAD_TOO_LARGE = 202,
    /// 409 IDEMPOTENCY_KEY_IN_USE: the same request is still being processed.
    KGEN_API_ERROR_IDEMPOTENCY_KEY_IN_USE = 203,
    /// 422 IDEMPOTENCY_KEY_REUSED: the key was used for a different request.
    KGEN_API_ERROR_IDEMPOTENCY_KEY_REUSED = 204,
    /// 429 RATE_LIMITED: slow down (the SDK already honoured Retry-After).
    KGEN_API_ERROR_RATE_LIMITED = 205,
    /// Any status forced by the sandbox's fault injection.
    KGEN_API_ERROR_INJECTED_FAULT = 206,
    /// 500 INTERNAL_ERROR: a server bug.
    KGEN_API_ERROR_INTERNAL_ERROR = 207,
    /// `/v3` login 401: wrong user name or password.
    KGEN_API_ERROR_INVALID_CREDENTIALS = 300,
    /// `/v3` 404: not logged in and no valid API key.
    KGEN_API_ERROR_NOT_LOGGED_IN = 301,
    /// `/v3` login/otp 404: no pending two-factor login.
    KGEN_API_ERROR_NO_PENDING_OTP = 302,
    /// `/v3` login 409: already logged in.
    KGEN_API_ERROR_ALREADY_LOGGED_IN = 303,
    /// `/v3` login 429: too many failed logins.
    KGEN_API_ERROR_TOO_MANY_LOGIN_ATTEMPTS = 304,
}

use kgen_api_error::*;

const NAMED: [(&str, kgen_api_error); 33] = [
    ("UN_AUTHORIZED", KGEN_API_ERROR_UN_AUTHORIZED),
    ("BAD_REQUEST", KGEN_API_ERROR_BAD_REQUEST),
    (
        "TOURNAMENT_INVALID_JOINING_STAKE",
        KGEN_API_ERROR_TOURNAMENT_INVALID_JOINING_STAKE,
    ),
    (
        "TOURNAMENT_IS_NOT_LIVE",
        KGEN_API_ERROR_TOURNAMENT_IS_NOT_LIVE,
    ),
    ("TOURNAMENT_NOT_FOUND", KGEN_API_ERROR_TOURNAMENT_NOT_FOUND),
    (
        "EXISTING_PARTICIPATION_FOUND",
        KGEN_API_ERROR_EXISTING_PARTICIPATION_FOUND,
    ),
    ("TOURNAMENT_IS_FULL", KGEN_API_ERROR_TOURNAMENT_IS_FULL),
    (
        "TOURNAMENT_PARTICIPATION_NOT_FOUND",
        KGEN_API_ERROR_TOURNAMENT_PARTICIPATION_NOT_FOUND,
    ),
    ("INVALID_SCORE", KGEN_API_ERROR_INVALID_SCORE),
    ("INSUFFICIENT_FUNDS", KGEN_API_ERROR_INSUFFICIENT_FUNDS),
    ("PHONE_NOT_LINKED", KGEN_API_ERROR_PHONE_NOT_LINKED),
    (
        "WITHDRAW_BELOW_MINIMUM",
        KGEN_API_ERROR_WITHDRAW_BELOW_MINIMUM,
    ),
    ("RECORD_NOT_FOUND", KGEN_API_ERROR_RECORD_NOT_FOUND),
    ("INVALID_PHONE_NUMBER", KGEN_API_ERROR_INVALID_PHONE_NUMBER),
    ("INVALID_OTP", KGEN_API_ERROR_INVALID_OTP),
    ("OTP_EXPIRED", KGEN_API_ERROR_OTP_EXPIRED),
    ("OTP_RATE_LIMITED", KGEN_API_ERROR_OTP_RATE_LIMITED),
    ("PHONE_ALREADY_LINKED", KGEN_API_ERROR_PHONE_ALREADY_LINKED),
    ("NO_CLAIMABLE_REWARDS", KGEN_API_ERROR_NO_CLAIMABLE_REWARDS),
    ("ROUTE_NOT_FOUND", KGEN_API_ERROR_ROUTE_NOT_FOUND),
    ("METHOD_NOT_ALLOWED", KGEN_API_ERROR_METHOD_NOT_ALLOWED),
    ("PAYLOAD_TOO_LARGE", KGEN_API_ERROR_PAYLOAD_TOO_LARGE),
    (
        "IDEMPOTENCY_KEY_IN_USE",
        KGEN_API_ERROR_IDEMPOTENCY_KEY_IN_USE,
    ),
    (
        "IDEMPOTENCY_KEY_REUSED",
        KGEN_API_ERROR_IDEMPOTENCY_KEY_REUSED,
    ),
    ("RATE_LIMITED", KGEN_API_ERROR_RATE_LIMITED),
    ("INJECTED_FAULT", KGEN_API_ERROR_INJECTED_FAULT),
    ("INTERNAL_ERROR", KGEN_API_ERROR_INTERNAL_ERROR),
    ("INVALID_CREDENTIALS", KGEN_API_ERROR_INVALID_CREDENTIALS),
    ("NOT_LOGGED_IN", KGEN_API_ERROR_NOT_LOGGED_IN),
    ("NO_PENDING_OTP", KGEN_API_ERROR_NO_PENDING_OTP),
    ("ALREADY_LOGGED_IN", KGEN_API_ERROR_ALREADY_LOGGED_IN),
    (
        "TOO_MANY_LOGIN_ATTEMPTS",
        KGEN_API_ERROR_TOO_MANY_LOGIN_ATTEMPTS,
    ),
    ("", KGEN_API_ERROR_NONE),
];

/// Names a wire code: "" is NONE, unknown codes OTHER.
pub(crate) fn from_wire(code: &str) -> kgen_api_error {
    NAMED
        .iter()
        .find(|(wire, _)| *wire == code)
        .map_or(KGEN_API_ERROR_OTHER, |(_, named)| *named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_codes_are_named() {
        assert_eq!(
            from_wire("TOURNAMENT_IS_FULL"),
            KGEN_API_ERROR_TOURNAMENT_IS_FULL
        );
        assert_eq!(from_wire(""), KGEN_API_ERROR_NONE);
        assert_eq!(from_wire("SOMETHING_NEW"), KGEN_API_ERROR_OTHER);
    }

    #[test]
    fn every_code_the_sdk_names_has_a_c_constant() {
        for code in crate::ApiErrorCode::ALL {
            assert_ne!(from_wire(code.as_str()), KGEN_API_ERROR_OTHER, "{code}");
        }
        assert_eq!(crate::ApiErrorCode::ALL.len() + 1, NAMED.len());
    }
}
