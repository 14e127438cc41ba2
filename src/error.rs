//! The one error type of the SDK.

use std::fmt;
use std::time::Duration;

/// What went wrong, in broad classes that map one to one onto the C status groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The caller passed something unusable (empty id, bad URL, missing credentials).
    InvalidArgument,
    /// DNS, connect, TLS, or the connection broke before a complete response arrived.
    Transport,
    /// The call's deadline (`Config::request_timeout`) passed, or an attempt of a mutating
    /// call got no answer within `RetryPolicy::attempt_timeout` (it may have been applied;
    /// for the writes the SDK resolves, see [`crate::api::outcome`]).
    Timeout,
    /// The call was cancelled by its owner.
    Cancelled,
    /// The server answered with a non-success HTTP status; see `http_status` and `api_code`.
    Http,
    /// The response could not be accepted: malformed, wrong shape, not UTF-8, or too large.
    Decode,
    /// A client-flow session's token expired or was refused; get a new token from your
    /// game server and call [`crate::Session::update_tokens`].
    SessionExpired,
    /// A bug in the SDK.
    Internal,
    /// The outbox holds `OutboxConfig::max_entries` entries: nothing was queued.
    OutboxFull,
    /// Another client (of this or another process) owns the outbox's directory.
    OutboxLocked,
    /// The outbox's journal could not be written or read back whole.
    OutboxStorage,
    /// A write's answer was lost (the connection broke after it was sent, or the attempt
    /// timed out), no repeat under its `Idempotency-Key` got a verdict within the deadline,
    /// and the read that should tell whether it was applied either failed or found it not
    /// applied while an attempt may still reach the server: it may or may not have been
    /// applied. See [`crate::api::outcome`].
    OutcomeUnknown,
}

impl ErrorKind {
    /// A short stable name, e.g. `"http"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::Transport => "transport",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Http => "http",
            ErrorKind::Decode => "decode",
            ErrorKind::SessionExpired => "session_expired",
            ErrorKind::Internal => "internal",
            ErrorKind::OutboxFull => "outbox_full",
            ErrorKind::OutboxLocked => "outbox_locked",
            ErrorKind::OutboxStorage => "outbox_storage",
            ErrorKind::OutcomeUnknown => "outcome_unknown",
        }
    }
}

/// The doc line every code the platform's published docs do not name starts with.
macro_rules! code_source_doc {
    (published) => {
        ""
    };
    (sandbox_defined) => {
        "*Sandbox-defined*: the platform's published docs do not name this code; only the \
         sandbox is known to send it, so production may never do so.\n\n"
    };
}

macro_rules! code_is_sandbox_defined {
    (published) => {
        false
    };
    (sandbox_defined) => {
        true
    };
}

macro_rules! api_error_codes {
    ($($(#[doc = $doc:literal])* $source:ident $variant:ident = $wire:literal,)*) => {
        /// An error code of the platform, named. Unknown codes are kept as [`ApiErrorCode::Other`].
        ///
        /// The account-session API (`/v3`) reports numbers, not names; the SDK names those per
        /// operation (`InvalidCredentials`, `InvalidOtp`, `NotLoggedIn`, `NoPendingOtp`,
        /// `AlreadyLoggedIn`, `TooManyLoginAttempts`, `BadRequest`).
        ///
        /// Codes marked *sandbox-defined* ([`ApiErrorCode::is_sandbox_defined`]) are the
        /// sandbox's answers where the platform's published docs are silent (insufficient
        /// funds, OTP failures, idempotency conflicts, …): handle them like any failure, and
        /// do not build game logic that needs production to send them.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ApiErrorCode {
            $(#[doc = code_source_doc!($source)] $(#[doc = $doc])* $variant,)*
            /// A code this SDK version does not know; the wire string as received.
            Other(String),
        }

        impl ApiErrorCode {
            /// The wire string, e.g. `"TOURNAMENT_IS_FULL"`.
            pub fn as_str(&self) -> &str {
                match self {
                    $(ApiErrorCode::$variant => $wire,)*
                    ApiErrorCode::Other(code) => code,
                }
            }

            /// Names a wire code; never fails (unknown codes become `Other`).
            pub fn from_wire(code: &str) -> ApiErrorCode {
                match code {
                    $($wire => ApiErrorCode::$variant,)*
                    other => ApiErrorCode::Other(other.to_owned()),
                }
            }

            /// Every named code, in declaration order (for bindings that mirror the list).
            pub const ALL: &'static [ApiErrorCode] = &[$(ApiErrorCode::$variant,)*];

            /// True for a code only the sandbox is known to send: the platform's published
            /// docs do not name it (see the enum's docs). False for documented codes, the
            /// SDK's names of documented `/v3` statuses, and `Other`.
            pub fn is_sandbox_defined(&self) -> bool {
                match self {
                    $(ApiErrorCode::$variant => code_is_sandbox_defined!($source),)*
                    ApiErrorCode::Other(_) => false,
                }
            }
        }
    };
}

api_error_codes! {
    /// 401: missing, bad or expired token or credentials.
    published UnAuthorized = "UN_AUTHORIZED",
    /// 400: malformed request.
    published BadRequest = "BAD_REQUEST",
    /// 400: `joiningStake` differs from the buy-in price.
    published TournamentInvalidJoiningStake = "TOURNAMENT_INVALID_JOINING_STAKE",
    /// 400: the tournament does not accept this action in its current state.
    published TournamentIsNotLive = "TOURNAMENT_IS_NOT_LIVE",
    /// 404: unknown tournament.
    published TournamentNotFound = "TOURNAMENT_NOT_FOUND",
    /// 409: the player already joined.
    published ExistingParticipationFound = "EXISTING_PARTICIPATION_FOUND",
    /// 409: no seat left.
    published TournamentIsFull = "TOURNAMENT_IS_FULL",
    /// 404: the player has not joined this tournament.
    published TournamentParticipationNotFound = "TOURNAMENT_PARTICIPATION_NOT_FOUND",
    /// 500: no record (e.g. no linked phone).
    published RecordNotFound = "RECORD_NOT_FOUND",
    /// 400: the wallet cannot pay the buy-in.
    sandbox_defined InsufficientFunds = "INSUFFICIENT_FUNDS",
    /// 400: the score is not a non-negative integer.
    sandbox_defined InvalidScore = "INVALID_SCORE",
    /// 400: withdrawal needs a phone linked by OTP.
    sandbox_defined PhoneNotLinked = "PHONE_NOT_LINKED",
    /// 400: the earned balance is below `minWalletBalToWithdraw`.
    sandbox_defined WithdrawBelowMinimum = "WITHDRAW_BELOW_MINIMUM",
    /// 400: malformed phone number or country code.
    sandbox_defined InvalidPhoneNumber = "INVALID_PHONE_NUMBER",
    /// 400 on KGeN OTP verify: wrong one-time password. On `/v3` login-OTP the SDK gives
    /// this name to the documented 401 "invalid OTP" (i3D sends a number): that use is the
    /// platform's.
    sandbox_defined InvalidOtp = "INVALID_OTP",
    /// 400: the one-time password expired.
    sandbox_defined OtpExpired = "OTP_EXPIRED",
    /// 429: too many OTP requests for this phone; see `Error::retry_after`.
    sandbox_defined OtpRateLimited = "OTP_RATE_LIMITED",
    /// 409: the phone is linked to another player.
    sandbox_defined PhoneAlreadyLinked = "PHONE_ALREADY_LINKED",
    /// 400: nothing to claim.
    sandbox_defined NoClaimableRewards = "NO_CLAIMABLE_REWARDS",
    /// 404: the server has no such route.
    sandbox_defined RouteNotFound = "ROUTE_NOT_FOUND",
    /// 405: the route exists with another method.
    sandbox_defined MethodNotAllowed = "METHOD_NOT_ALLOWED",
    /// 413: the request body is too large.
    sandbox_defined PayloadTooLarge = "PAYLOAD_TOO_LARGE",
    /// 409: a request with the same idempotency key is still being processed.
    sandbox_defined IdempotencyKeyInUse = "IDEMPOTENCY_KEY_IN_USE",
    /// 422: the idempotency key was used for a different request.
    sandbox_defined IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED",
    /// 429: rate limited (the sandbox's injected 429); see `Error::retry_after`.
    sandbox_defined RateLimited = "RATE_LIMITED",
    /// Any status forced by the sandbox's fault injection.
    sandbox_defined InjectedFault = "INJECTED_FAULT",
    /// 500: a server bug.
    sandbox_defined InternalError = "INTERNAL_ERROR",
    /// `/v3` login 401: wrong user name or password. This and the `/v3` names below are the
    /// SDK's names for statuses i3D documents (its body carries a number).
    published InvalidCredentials = "INVALID_CREDENTIALS",
    /// `/v3` 404: no logged-in session and no valid API key.
    published NotLoggedIn = "NOT_LOGGED_IN",
    /// `/v3` login/otp 404: no pending two-factor login.
    published NoPendingOtp = "NO_PENDING_OTP",
    /// `/v3` login 409: this client is already logged in.
    published AlreadyLoggedIn = "ALREADY_LOGGED_IN",
    /// `/v3` login 429: too many failed logins; see `Error::retry_after`.
    published TooManyLoginAttempts = "TOO_MANY_LOGIN_ATTEMPTS",
}

impl fmt::Display for ApiErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One field-level validation message (the `/v3` API's `errors[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldError {
    /// The request property the message is about.
    pub property: String,
    /// What is wrong with it.
    pub message: String,
}

/// The SDK's error. Cheap to move (one box); `Clone` so bindings can hand copies out.
///
/// `Debug` and `Display` never contain secrets: the SDK removes every credential it sent
/// in a request from the server's message and body before building the error, and prints
/// the raw body only as a length.
#[derive(Clone)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone)]
struct Inner {
    kind: ErrorKind,
    message: String,
    http_status: Option<u16>,
    api_code: Option<ApiErrorCode>,
    request_id: String,
    raw_body: String,
    retry_after: Option<Duration>,
    field_errors: Vec<FieldError>,
    /// The request never left: no connection could be made.
    unsent: bool,
    /// The answer is the one the server stored for an earlier attempt under the same
    /// `Idempotency-Key` (`idempotent-replayed: true`).
    replayed: bool,
}

impl Error {
    /// A new error of `kind` with a human-readable message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                http_status: None,
                api_code: None,
                request_id: String::new(),
                raw_body: String::new(),
                retry_after: None,
                field_errors: Vec::new(),
                unsent: false,
                replayed: false,
            }),
        }
    }

    pub(crate) fn invalid_argument(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    pub(crate) fn decode(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Decode, message)
    }

    /// An HTTP error with everything the server said.
    pub(crate) fn http(
        status: u16,
        api_code: Option<ApiErrorCode>,
        message: String,
        raw_body: String,
    ) -> Error {
        let mut error = Error::new(ErrorKind::Http, message);
        error.inner.http_status = Some(status);
        error.inner.api_code = api_code;
        error.inner.raw_body = raw_body;
        error
    }

    /// Attaches the response a decode failure came from.
    pub(crate) fn with_response(mut self, status: u16, raw_body: String) -> Error {
        self.inner.http_status = Some(status);
        self.inner.raw_body = raw_body;
        self
    }

    pub(crate) fn with_request_id(mut self, request_id: &str) -> Error {
        if self.inner.request_id.is_empty() {
            self.inner.request_id = request_id.to_owned();
        }
        self
    }

    pub(crate) fn with_kind(mut self, kind: ErrorKind) -> Error {
        self.inner.kind = kind;
        self
    }

    pub(crate) fn with_message(mut self, message: String) -> Error {
        self.inner.message = message;
        self
    }

    pub(crate) fn with_retry_after(mut self, retry_after: Option<Duration>) -> Error {
        self.inner.retry_after = retry_after;
        self
    }

    /// Marks a transport error whose request never left (no connection was made).
    pub(crate) fn unsent(mut self) -> Error {
        self.inner.unsent = true;
        self
    }

    /// Whether the request never left, so it cannot have been applied.
    pub(crate) fn was_unsent(&self) -> bool {
        self.inner.unsent
    }

    /// Marks an error answer as the server's stored answer to an earlier attempt.
    pub(crate) fn with_replayed(mut self, replayed: bool) -> Error {
        self.inner.replayed = replayed;
        self
    }

    /// Whether the answer was replayed from an earlier attempt under the same key, and so
    /// is that attempt's own answer.
    pub(crate) fn was_replayed(&self) -> bool {
        self.inner.replayed
    }

    pub(crate) fn with_field_errors(mut self, errors: Vec<FieldError>) -> Error {
        self.inner.field_errors = errors;
        self
    }

    /// The broad class of the failure.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The HTTP status, when the server answered.
    pub fn http_status(&self) -> Option<u16> {
        self.inner.http_status
    }

    /// The platform's error code, when the answer carried one.
    pub fn api_code(&self) -> Option<&ApiErrorCode> {
        self.inner.api_code.as_ref()
    }

    /// A human-readable description (the server's message when it sent one).
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The `x-request-id` of the call (`""` when the call never got that far); see
    /// [`crate::Response::request_id`] for what it is worth on which server.
    pub fn request_id(&self) -> &str {
        &self.inner.request_id
    }

    /// The response body as received (`""` when there was none), secrets removed.
    pub fn raw_body(&self) -> &str {
        &self.inner.raw_body
    }

    /// How long the server asked to wait before trying again (`Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// Field-level validation messages (`/v3` API).
    pub fn field_errors(&self) -> &[FieldError] {
        &self.inner.field_errors
    }

    /// `true` for an HTTP error with this code.
    pub fn is_api(&self, code: &ApiErrorCode) -> bool {
        self.inner.api_code.as_ref() == Some(code)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        match (inner.http_status, &inner.api_code) {
            (Some(status), Some(code)) => write!(f, "HTTP {status} {code}: {}", inner.message)?,
            (Some(status), None) => write!(f, "HTTP {status}: {}", inner.message)?,
            _ => write!(f, "{}: {}", inner.kind.as_str(), inner.message)?,
        }
        if !inner.request_id.is_empty() {
            write!(f, " (request {})", inner.request_id)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Error")
            .field("kind", &inner.kind)
            .field("http_status", &inner.http_status)
            .field("api_code", &inner.api_code)
            .field("message", &inner.message)
            .field("request_id", &inner.request_id)
            .field("raw_body_len", &inner.raw_body.len())
            .field("retry_after", &inner.retry_after)
            .field("field_errors", &inner.field_errors)
            .finish()
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error codes the platform's published docs name, as summarised in the project's
    /// API description (`API.md`: the KGeN codes of operations 1-16 and the optional
    /// extras), plus the SDK's names of the `/v3` statuses i3D documents (login 401, 409,
    /// 429; login-OTP 404; `/user` 404). Keep in step with that page.
    const DOCUMENTED: &[&str] = &[
        "UN_AUTHORIZED",
        "BAD_REQUEST",
        "TOURNAMENT_INVALID_JOINING_STAKE",
        "TOURNAMENT_IS_NOT_LIVE",
        "TOURNAMENT_NOT_FOUND",
        "EXISTING_PARTICIPATION_FOUND",
        "TOURNAMENT_IS_FULL",
        "TOURNAMENT_PARTICIPATION_NOT_FOUND",
        "RECORD_NOT_FOUND",
        "INVALID_CREDENTIALS",
        "NOT_LOGGED_IN",
        "NO_PENDING_OTP",
        "ALREADY_LOGGED_IN",
        "TOO_MANY_LOGIN_ATTEMPTS",
    ];

    #[test]
    fn exactly_the_codes_the_published_docs_do_not_name_are_sandbox_defined() {
        let sandbox_defined: Vec<&str> = ApiErrorCode::ALL
            .iter()
            .filter(|c| c.is_sandbox_defined())
            .map(ApiErrorCode::as_str)
            .collect();
        let undocumented: Vec<&str> = ApiErrorCode::ALL
            .iter()
            .map(ApiErrorCode::as_str)
            .filter(|c| !DOCUMENTED.contains(c))
            .collect();
        assert_eq!(sandbox_defined, undocumented);
        for documented in DOCUMENTED {
            assert!(
                ApiErrorCode::ALL.iter().any(|c| c.as_str() == *documented),
                "{documented} is documented but not named"
            );
        }
        assert!(!ApiErrorCode::Other("NEW".into()).is_sandbox_defined());
    }

    #[test]
    fn the_sandbox_readme_lists_the_same_sandbox_defined_codes() {
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/sandbox/README.md"))
                .unwrap();
        let row = readme
            .lines()
            .find(|l| l.starts_with("| error codes |"))
            .expect("the README's table has an error codes row");
        for code in ApiErrorCode::ALL {
            assert_eq!(
                row.contains(&format!("`{}`", code.as_str())),
                code.is_sandbox_defined(),
                "{code} in the README's sandbox-defined row"
            );
        }
    }

    #[test]
    fn every_named_code_round_trips_through_its_wire_string() {
        for code in ApiErrorCode::ALL {
            assert_eq!(&ApiErrorCode::from_wire(code.as_str()), code);
        }
        assert_eq!(
            ApiErrorCode::from_wire("SOMETHING_NEW"),
            ApiErrorCode::Other("SOMETHING_NEW".into())
        );
    }

    #[test]
    fn display_names_status_code_and_request() {
        let e = Error::http(
            409,
            Some(ApiErrorCode::TournamentIsFull),
            "full".into(),
            "{}".into(),
        )
        .with_request_id("kgen-1");
        assert_eq!(
            e.to_string(),
            "HTTP 409 TOURNAMENT_IS_FULL: full (request kgen-1)"
        );
        assert_eq!(e.kind(), ErrorKind::Http);
    }
}
