//! Error responses of both API families.
//!
//! KGeN family: `{"error": "<CODE>", "message": "<text>"}`.
//! `/v3` family: `{"errorCode": <i3D code>, "errorMessage": "<text>", "errors": [{"property", "message"}]}`.
//! Every error response also carries `x-request-id` (added by the server layer).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The error codes the sandbox emits, with their HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    UnAuthorized,
    BadRequest,
    TournamentInvalidJoiningStake,
    TournamentIsNotLive,
    TournamentNotFound,
    ExistingParticipationFound,
    TournamentIsFull,
    TournamentParticipationNotFound,
    RecordNotFound,
    InsufficientFunds,
    InvalidScore,
    PhoneNotLinked,
    WithdrawBelowMinimum,
    InvalidPhoneNumber,
    InvalidOtp,
    OtpExpired,
    OtpRateLimited,
    PhoneAlreadyLinked,
    NoClaimableRewards,
    RouteNotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    IdempotencyKeyInUse,
    IdempotencyKeyReused,
    RateLimited,
    InjectedFault,
    InternalError,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnAuthorized => "UN_AUTHORIZED",
            Code::BadRequest => "BAD_REQUEST",
            Code::TournamentInvalidJoiningStake => "TOURNAMENT_INVALID_JOINING_STAKE",
            Code::TournamentIsNotLive => "TOURNAMENT_IS_NOT_LIVE",
            Code::TournamentNotFound => "TOURNAMENT_NOT_FOUND",
            Code::ExistingParticipationFound => "EXISTING_PARTICIPATION_FOUND",
            Code::TournamentIsFull => "TOURNAMENT_IS_FULL",
            Code::TournamentParticipationNotFound => "TOURNAMENT_PARTICIPATION_NOT_FOUND",
            Code::RecordNotFound => "RECORD_NOT_FOUND",
            Code::InsufficientFunds => "INSUFFICIENT_FUNDS",
            Code::InvalidScore => "INVALID_SCORE",
            Code::PhoneNotLinked => "PHONE_NOT_LINKED",
            Code::WithdrawBelowMinimum => "WITHDRAW_BELOW_MINIMUM",
            Code::InvalidPhoneNumber => "INVALID_PHONE_NUMBER",
            Code::InvalidOtp => "INVALID_OTP",
            Code::OtpExpired => "OTP_EXPIRED",
            Code::OtpRateLimited => "OTP_RATE_LIMITED",
            Code::PhoneAlreadyLinked => "PHONE_ALREADY_LINKED",
            Code::NoClaimableRewards => "NO_CLAIMABLE_REWARDS",
            Code::RouteNotFound => "ROUTE_NOT_FOUND",
            Code::MethodNotAllowed => "METHOD_NOT_ALLOWED",
            Code::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            Code::IdempotencyKeyInUse => "IDEMPOTENCY_KEY_IN_USE",
            Code::IdempotencyKeyReused => "IDEMPOTENCY_KEY_REUSED",
            Code::RateLimited => "RATE_LIMITED",
            Code::InjectedFault => "INJECTED_FAULT",
            Code::InternalError => "INTERNAL_ERROR",
        }
    }

    /// The status a code is sent with (injected faults choose their own).
    pub fn status(self) -> StatusCode {
        match self {
            Code::UnAuthorized => StatusCode::UNAUTHORIZED,
            Code::BadRequest
            | Code::TournamentInvalidJoiningStake
            | Code::TournamentIsNotLive
            | Code::InsufficientFunds
            | Code::InvalidScore
            | Code::PhoneNotLinked
            | Code::WithdrawBelowMinimum
            | Code::InvalidPhoneNumber
            | Code::InvalidOtp
            | Code::OtpExpired
            | Code::NoClaimableRewards => StatusCode::BAD_REQUEST,
            Code::TournamentNotFound
            | Code::TournamentParticipationNotFound
            | Code::RouteNotFound => StatusCode::NOT_FOUND,
            Code::ExistingParticipationFound
            | Code::TournamentIsFull
            | Code::PhoneAlreadyLinked
            | Code::IdempotencyKeyInUse => StatusCode::CONFLICT,
            Code::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Code::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Code::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            Code::OtpRateLimited | Code::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Code::RecordNotFound | Code::InjectedFault | Code::InternalError => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

/// A KGeN-family error response.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: Code,
    pub message: String,
    pub retry_after_secs: Option<u64>,
}

impl ApiError {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        ApiError {
            status: code.status(),
            code,
            message: message.into(),
            retry_after_secs: None,
        }
    }

    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(Code::BadRequest, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        ApiError::new(Code::UnAuthorized, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        ApiError::new(Code::InternalError, message)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
            return ApiError::internal(format!(
                "the sandbox's database is full: in memory it may grow to --memory-limit-mb \
                 (default {}), a --db file to what its disk holds; restart the sandbox (in \
                 memory, it starts empty) or give it more room",
                crate::DEFAULT_MEMORY_LIMIT_MB
            ));
        }
        ApiError::internal(format!("database error: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": self.code.as_str(), "message": self.message });
        with_retry_after(json_response(self.status, &body), self.retry_after_secs)
    }
}

/// i3D.net's API v3 error codes, from its published table ("API v3 Error Codes"), sent as
/// `errorCode`. i3D publishes the table but not which code each `/v3/session` answer
/// carries, so the pairing of answer and code is *sandbox-defined*; so is 10004 on the
/// 429 of too many logins, for which the table has no code of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum I3dCode {
    /// 10001 "Entity not found".
    EntityNotFound = 10001,
    /// 10003 "No access to entity".
    NoAccess = 10003,
    /// 10004 "Unauthenticated / invalid credentials for API request".
    Unauthenticated = 10004,
    /// 10005 "You are already logged in".
    AlreadyLoggedIn = 10005,
    /// 10007 "Internal server error".
    InternalServerError = 10007,
    /// 10008 "An invalid parameter was provided".
    InvalidParameter = 10008,
    /// 10009 "Entity cannot be deleted due to conflict".
    Conflict = 10009,
    /// 11001 "Errors in form": the `errors` array names the properties.
    FormErrors = 11001,
}

impl I3dCode {
    /// The code of an error the sandbox raises outside a `/v3` handler, by its status.
    fn for_status(status: StatusCode) -> I3dCode {
        match status.as_u16() {
            401 => I3dCode::Unauthenticated,
            403 => I3dCode::NoAccess,
            404 => I3dCode::EntityNotFound,
            409 => I3dCode::Conflict,
            500..=599 => I3dCode::InternalServerError,
            _ => I3dCode::InvalidParameter,
        }
    }
}

/// A `/v3` family error response.
#[derive(Debug)]
pub struct V3Error {
    pub status: StatusCode,
    pub error_code: I3dCode,
    pub message: String,
    pub errors: Vec<(String, String)>,
    pub retry_after_secs: Option<u64>,
    /// The sandbox's own code (routing, body size, faults, idempotency), sent as `error`
    /// beside the `/v3` fields so that code-reading clients find it too.
    pub code: Option<Code>,
}

impl V3Error {
    pub fn new(status: StatusCode, error_code: I3dCode, message: impl Into<String>) -> Self {
        V3Error {
            status,
            error_code,
            message: message.into(),
            errors: Vec::new(),
            retry_after_secs: None,
            code: None,
        }
    }

    /// A 400 naming the properties that failed validation.
    pub fn validation(errors: Vec<(String, String)>) -> Self {
        V3Error {
            errors,
            ..V3Error::new(
                StatusCode::BAD_REQUEST,
                I3dCode::FormErrors,
                "Validation failed",
            )
        }
    }
}

impl From<rusqlite::Error> for V3Error {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::from(e).into()
    }
}

impl From<ApiError> for V3Error {
    fn from(e: ApiError) -> Self {
        V3Error {
            status: e.status,
            error_code: I3dCode::for_status(e.status),
            message: e.message,
            errors: Vec::new(),
            retry_after_secs: e.retry_after_secs,
            code: Some(e.code),
        }
    }
}

impl IntoResponse for V3Error {
    fn into_response(self) -> Response {
        let errors: Vec<_> = self
            .errors
            .iter()
            .map(|(property, message)| json!({ "property": property, "message": message }))
            .collect();
        let mut body = json!({
            "errorCode": self.error_code as u32,
            "errorMessage": self.message,
            "errors": errors,
        });
        if let Some(code) = self.code {
            body["error"] = code.as_str().into();
        }
        with_retry_after(json_response(self.status, &body), self.retry_after_secs)
    }
}

/// An error raised outside a handler (routing, body limit, faults, idempotency), in the
/// shape of the family the path belongs to.
pub fn family_error(path: &str, error: ApiError) -> Response {
    if path.starts_with("/v3/") {
        V3Error::from(error).into_response()
    } else {
        error.into_response()
    }
}

pub fn json_response(status: StatusCode, body: &serde_json::Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn with_retry_after(mut response: Response, secs: Option<u64>) -> Response {
    if let Some(secs) = secs {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}
