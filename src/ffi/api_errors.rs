//! The platform's error codes as named constants. The wire string is always
//! in `kgen_result.api_error_code` too, also for codes this version does not name.

/// An API error code. Values are stable and never reused; grouped as 100-199
/// KGeN ESports codes, 200-299 codes any route can answer, 300-399 the
/// account-session (`/v3`) API's, which the SDK names per operation.
///
/// Codes marked *sandbox-defined* are the sandbox's answers where the
/// platform's published docs name no code (insufficient funds, OTP failures,
/// idempotency conflicts, ...): production may never send them. Treat them as
/// failures like any other; do not build game logic that needs them.
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
    /// 400 INVALID_SCORE (*sandbox-defined*): the score is not a non-negative integer.
    KGEN_API_ERROR_INVALID_SCORE = 116,
    /// 400 INSUFFICIENT_FUNDS (*sandbox-defined*): the wallet cannot pay the buy-in.
    KGEN_API_ERROR_INSUFFICIENT_FUNDS = 120,
    /// 400 PHONE_NOT_LINKED (*sandbox-defined*): withdrawing needs a phone linked by OTP.
    KGEN_API_ERROR_PHONE_NOT_LINKED = 121,
    /// 400 WITHDRAW_BELOW_MINIMUM (*sandbox-defined*): the earned balance is below the minimum.
    KGEN_API_ERROR_WITHDRAW_BELOW_MINIMUM = 122,
    /// 500 RECORD_NOT_FOUND: no such record (e.g. no linked phone).
    KGEN_API_ERROR_RECORD_NOT_FOUND = 123,
    /// 400 INVALID_PHONE_NUMBER (*sandbox-defined*): malformed phone number or country code.
    KGEN_API_ERROR_INVALID_PHONE_NUMBER = 130,
    /// 400 INVALID_OTP (*sandbox-defined*): wrong one-time password. Also the
    /// SDK's name for the documented `/v3` login-OTP 401.
    KGEN_API_ERROR_INVALID_OTP = 131,
    /// 400 OTP_EXPIRED (*sandbox-defined*): the one-time password expired.
    KGEN_API_ERROR_OTP_EXPIRED = 132,
    /// 429 OTP_RATE_LIMITED (*sandbox-defined*): too many OTP requests for this phone.
    KGEN_API_ERROR_OTP_RATE_LIMITED = 133,
    /// 409 PHONE_ALREADY_LINKED (*sandbox-defined*): the phone belongs to another player.
    KGEN_API_ERROR_PHONE_ALREADY_LINKED = 134,
    /// 400 NO_CLAIMABLE_REWARDS (*sandbox-defined*): nothing to claim.
    KGEN_API_ERROR_NO_CLAIMABLE_REWARDS = 140,
    /// 404 ROUTE_NOT_FOUND (*sandbox-defined*): the server has no such route.
    KGEN_API_ERROR_ROUTE_NOT_FOUND = 200,
    /// 405 METHOD_NOT_ALLOWED (*sandbox-defined*): the route exists with another method.
    KGEN_API_ERROR_METHOD_NOT_ALLOWED = 201,
    /// 413 PAYLOAD_TOO_LARGE (*sandbox-defined*): the request body is too large.
    KGEN_API_ERROR_PAYLOAD_TOO_LARGE = 202,
    /// 409 IDEMPOTENCY_KEY_IN_USE (*sandbox-defined*): the same request is still being processed.
    KGEN_API_ERROR_IDEMPOTENCY_KEY_IN_USE = 203,
    /// 422 IDEMPOTENCY_KEY_REUSED (*sandbox-defined*): the key was used for a different request.
    KGEN_API_ERROR_IDEMPOTENCY_KEY_REUSED = 204,
    /// 429 RATE_LIMITED (*sandbox-defined*): slow down (the SDK already honoured Retry-After).
    KGEN_API_ERROR_RATE_LIMITED = 205,
    /// Any status forced by the sandbox's fault injection (*sandbox-defined*).
    KGEN_API_ERROR_INJECTED_FAULT = 206,
    /// 500 INTERNAL_ERROR (*sandbox-defined*): a server bug.
    KGEN_API_ERROR_INTERNAL_ERROR = 207,
    /// `/v3` login 401: wrong user name or password. This and the `/v3` codes
    /// below are the SDK's names for statuses i3D documents.
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

/// The constant of a code the SDK names (the wire strings live in `crate::ApiErrorCode`;
/// the match makes every named code need a constant here).
pub(crate) fn named(code: Option<&crate::ApiErrorCode>) -> kgen_api_error {
    use crate::ApiErrorCode::*;
    let Some(code) = code else {
        return KGEN_API_ERROR_NONE;
    };
    match code {
        UnAuthorized => KGEN_API_ERROR_UN_AUTHORIZED,
        BadRequest => KGEN_API_ERROR_BAD_REQUEST,
        TournamentInvalidJoiningStake => KGEN_API_ERROR_TOURNAMENT_INVALID_JOINING_STAKE,
        TournamentIsNotLive => KGEN_API_ERROR_TOURNAMENT_IS_NOT_LIVE,
        TournamentNotFound => KGEN_API_ERROR_TOURNAMENT_NOT_FOUND,
        ExistingParticipationFound => KGEN_API_ERROR_EXISTING_PARTICIPATION_FOUND,
        TournamentIsFull => KGEN_API_ERROR_TOURNAMENT_IS_FULL,
        TournamentParticipationNotFound => KGEN_API_ERROR_TOURNAMENT_PARTICIPATION_NOT_FOUND,
        InvalidScore => KGEN_API_ERROR_INVALID_SCORE,
        InsufficientFunds => KGEN_API_ERROR_INSUFFICIENT_FUNDS,
        PhoneNotLinked => KGEN_API_ERROR_PHONE_NOT_LINKED,
        WithdrawBelowMinimum => KGEN_API_ERROR_WITHDRAW_BELOW_MINIMUM,
        RecordNotFound => KGEN_API_ERROR_RECORD_NOT_FOUND,
        InvalidPhoneNumber => KGEN_API_ERROR_INVALID_PHONE_NUMBER,
        InvalidOtp => KGEN_API_ERROR_INVALID_OTP,
        OtpExpired => KGEN_API_ERROR_OTP_EXPIRED,
        OtpRateLimited => KGEN_API_ERROR_OTP_RATE_LIMITED,
        PhoneAlreadyLinked => KGEN_API_ERROR_PHONE_ALREADY_LINKED,
        NoClaimableRewards => KGEN_API_ERROR_NO_CLAIMABLE_REWARDS,
        RouteNotFound => KGEN_API_ERROR_ROUTE_NOT_FOUND,
        MethodNotAllowed => KGEN_API_ERROR_METHOD_NOT_ALLOWED,
        PayloadTooLarge => KGEN_API_ERROR_PAYLOAD_TOO_LARGE,
        IdempotencyKeyInUse => KGEN_API_ERROR_IDEMPOTENCY_KEY_IN_USE,
        IdempotencyKeyReused => KGEN_API_ERROR_IDEMPOTENCY_KEY_REUSED,
        RateLimited => KGEN_API_ERROR_RATE_LIMITED,
        InjectedFault => KGEN_API_ERROR_INJECTED_FAULT,
        InternalError => KGEN_API_ERROR_INTERNAL_ERROR,
        InvalidCredentials => KGEN_API_ERROR_INVALID_CREDENTIALS,
        NotLoggedIn => KGEN_API_ERROR_NOT_LOGGED_IN,
        NoPendingOtp => KGEN_API_ERROR_NO_PENDING_OTP,
        AlreadyLoggedIn => KGEN_API_ERROR_ALREADY_LOGGED_IN,
        TooManyLoginAttempts => KGEN_API_ERROR_TOO_MANY_LOGIN_ATTEMPTS,
        Other(_) => KGEN_API_ERROR_OTHER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line that declares `token` and the comment lines right above it.
    fn declaration_with_docs<'a>(source: &'a str, token: &str) -> Vec<&'a str> {
        let lines: Vec<&str> = source.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim_start().starts_with(token))
            .unwrap_or_else(|| panic!("{token} is not declared"));
        let docs = lines[..at]
            .iter()
            .rev()
            .take_while(|l| l.trim_start().starts_with("//"))
            .count();
        lines[at - docs..=at].to_vec()
    }

    #[test]
    fn the_header_and_the_wrappers_mark_exactly_the_sandbox_defined_codes() {
        let read = |path: &str| {
            std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
        };
        let header = read("include/kgen.h");
        let cpp = read("bindings/cpp/kgen.hpp");
        let csharp = read("bindings/unity/Runtime/KgenEnums.cs");
        for code in crate::ApiErrorCode::ALL {
            let c_name = format!("KGEN_API_ERROR_{}", code.as_str());
            let value = named(Some(code)) as i32;
            let declarations = [
                (
                    "kgen.h",
                    declaration_with_docs(&header, &format!("{c_name} = {value},")),
                ),
                (
                    "kgen.hpp",
                    declaration_with_docs(&cpp, &format!("{code:?} = {c_name},")),
                ),
                (
                    "KgenEnums.cs",
                    declaration_with_docs(&csharp, &format!("{code:?} = {value},")),
                ),
            ];
            for (file, lines) in declarations {
                assert_eq!(
                    lines.join("\n").to_lowercase().contains("sandbox-defined"),
                    code.is_sandbox_defined(),
                    "{file} labels {code} wrongly: {lines:?}"
                );
            }
        }
    }

    #[test]
    fn codes_are_named_and_unknown_ones_are_other() {
        let named_wire = |code: &str| named(Some(&crate::ApiErrorCode::from_wire(code)));
        assert_eq!(
            named_wire("TOURNAMENT_IS_FULL"),
            KGEN_API_ERROR_TOURNAMENT_IS_FULL
        );
        assert_eq!(named(None), KGEN_API_ERROR_NONE);
        assert_eq!(named_wire("SOMETHING_NEW"), KGEN_API_ERROR_OTHER);
        let distinct: std::collections::HashSet<_> = crate::ApiErrorCode::ALL
            .iter()
            .map(|c| named(Some(c)) as i32)
            .collect();
        assert_eq!(
            distinct.len(),
            crate::ApiErrorCode::ALL.len(),
            "one constant each"
        );
    }
}
