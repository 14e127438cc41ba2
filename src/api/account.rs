//! The account-session API (`/v3/session`): login with optional two-factor OTP, the
//! current user, logout.
//!
//! The logged-in state is a server-side web session held in a cookie: each [`Client`] has
//! its own cookie jar, so one client is one account login. Every call also sends the
//! configured `PRIVATE-TOKEN` API key, which the API requires on every call (without one
//! the SDK refuses the call; nothing is sent); with a valid key alone, `current_user`
//! answers for the key's owner. The account API lives at `api.i3d.net` whatever the KGeN
//! base URL is ([`crate::Config::with_account_base_url`]). The API reports numeric error codes; the SDK names them per operation.

use serde_json::json;

use super::decode::{FromJson, Json, Obj};
use crate::transport::{Family, HttpRequest, RetryClass, V3Codes};
use crate::{ApiErrorCode, Client, Error, Response, Secret};

/// The request of [`Client::login`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoginRequest {
    pub user_name: String,
    pub password: Secret,
    /// Ask for a long-lived session.
    pub remember_me: bool,
}

/// `POST /v3/session/login` answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoginResult {
    /// Two-factor authentication is on: finish with [`Client::login_otp`].
    pub requires_otp: bool,
    /// When the two-factor window closes, Unix seconds; 0 when no 2FA applies (i3D.net's
    /// OpenAPI). Not the session's lifetime, which the server keeps in its cookie.
    pub expires_at: i64,
    /// When the pending OTP step expires, Unix seconds (0 without 2FA).
    pub otp_session_expires_at: i64,
}

impl FromJson for LoginResult {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "login")?;
        Ok(LoginResult {
            requires_otp: o.bool(&["requiresOtp"])?,
            expires_at: o.i64(&["expiresAt"])?,
            otp_session_expires_at: o.i64(&["otpSessionExpiresAt"])?,
        })
    }
}

/// `GET /v3/session/user`. The nested `details` and `billingDetails` objects vary by
/// account type; they are kept as JSON text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountUser {
    pub user_id: i64,
    pub user_name: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub gender: String,
    pub phone: String,
    /// 0 guest, 10 regular user, 20 game-hosting management.
    pub access_level: i64,
    pub validate_email: bool,
    pub is_trial_account: bool,
    /// Unix seconds (0 when none, or when its text is not a date this SDK reads).
    pub trial_account_expiration_date: i64,
    /// `trialAccountExpirationDate` as sent: i3D's description types it as a string of
    /// unspecified format, so the text is kept whatever it is (`None` when absent or empty).
    pub trial_account_expiration: Option<crate::Timestamp>,
    pub request_ip: String,
    pub request_ip_country: String,
    /// ISO 3166 alpha-2.
    pub request_ip_country_code: String,
    /// The `details` object as JSON text (`""` when absent).
    pub details_json: String,
    /// The `billingDetails` object as JSON text (`""` when absent).
    pub billing_details_json: String,
}

impl FromJson for AccountUser {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "user")?;
        let trial_expiration = o.timestamp(&["trialAccountExpirationDate"])?;
        let trial_expiry = trial_expiration
            .as_ref()
            .and_then(|t| t.unix_ms)
            .map_or(0, |ms| ms / 1000);
        Ok(AccountUser {
            user_id: o.i64(&["userId"])?,
            user_name: o.string(&["userName"])?,
            email: o.string(&["email"])?,
            first_name: o.string(&["firstName"])?,
            last_name: o.string(&["lastName"])?,
            gender: o.string(&["gender"])?,
            phone: o.string(&["phone"])?,
            access_level: o.i64(&["accessLevel"])?,
            validate_email: o.bool(&["validateEmail"])?,
            is_trial_account: o.bool(&["isTrialAccount"])?,
            trial_account_expiration_date: trial_expiry,
            trial_account_expiration: trial_expiration,
            request_ip: o.string(&["requestIp"])?,
            request_ip_country: o.string(&["requestIpCountry"])?,
            request_ip_country_code: o.string(&["requestIpCountryCode"])?,
            details_json: o.json_text(&["details"]),
            billing_details_json: o.json_text(&["billingDetails"]),
        })
    }
}

fn login_codes(status: u16) -> Option<ApiErrorCode> {
    match status {
        400 => Some(ApiErrorCode::BadRequest),
        401 => Some(ApiErrorCode::InvalidCredentials),
        409 => Some(ApiErrorCode::AlreadyLoggedIn),
        429 => Some(ApiErrorCode::TooManyLoginAttempts),
        _ => None,
    }
}

fn login_otp_codes(status: u16) -> Option<ApiErrorCode> {
    match status {
        400 => Some(ApiErrorCode::BadRequest),
        401 => Some(ApiErrorCode::InvalidOtp),
        404 => Some(ApiErrorCode::NoPendingOtp),
        _ => None,
    }
}

fn session_codes(status: u16) -> Option<ApiErrorCode> {
    match status {
        401 => Some(ApiErrorCode::UnAuthorized),
        404 => Some(ApiErrorCode::NotLoggedIn),
        _ => None,
    }
}

fn account_post(segments: &[&str], codes: V3Codes) -> HttpRequest {
    HttpRequest::post(Family::Account, segments, RetryClass::Mutating).v3_codes(codes)
}

/// A login step: not repeated on 429, which would lengthen the lockout.
fn login_post(segments: &[&str], codes: V3Codes) -> HttpRequest {
    HttpRequest::post(Family::Account, segments, RetryClass::Login).v3_codes(codes)
}

impl Client {
    /// What every `/v3` call needs before anything is sent: the API key, sent as
    /// `PRIVATE-TOKEN` (i3D.net's API v3 requires it on every call). The C ABI asks it at
    /// the call.
    pub(crate) fn check_account(&self) -> Result<(), Error> {
        if self.transport().has_private_token() {
            Ok(())
        } else {
            Err(Error::invalid_argument(
                "the /v3 account API needs private_token (the account's API key, sent as PRIVATE-TOKEN)",
            ))
        }
    }

    async fn account_call<T: FromJson>(&self, http: &HttpRequest) -> Result<Response<T>, Error> {
        self.check_account()?;
        self.call(http).await
    }

    /// Logs in to the account API — `POST /v3/session/login`. When the result says
    /// `requires_otp`, finish with [`Client::login_otp`].
    ///
    /// Retry policy: **mutating**; a 429 is reported, not retried.
    ///
    /// Errors: `InvalidArgument` without a `private_token` (nothing is sent); 400 `BAD_REQUEST`
    /// (see `Error::field_errors`), 401 `INVALID_CREDENTIALS`, 409 `ALREADY_LOGGED_IN`, 429
    /// `TOO_MANY_LOGIN_ATTEMPTS` — reported with `Error::retry_after`, never retried (a repeat
    /// would lengthen the lockout).
    pub async fn login(&self, request: &LoginRequest) -> Result<Response<LoginResult>, Error> {
        let http = login_post(&["v3", "session", "login"], login_codes)
            .json(&json!({
                "userName": request.user_name,
                "password": request.password.expose(),
                "rememberMe": i32::from(request.remember_me),
            }))
            .secret(&request.password);
        self.account_call(&http).await
    }

    /// Completes a two-factor login with the one-time password — `POST /v3/session/login/otp`
    /// (204 on success).
    ///
    /// Retry policy: **mutating**; a 429 is reported, not retried.
    ///
    /// Errors: 401 `INVALID_OTP`, 404 `NO_PENDING_OTP`, 400 `BAD_REQUEST`.
    pub async fn login_otp(&self, otp: &Secret) -> Result<Response<()>, Error> {
        let http = login_post(&["v3", "session", "login", "otp"], login_otp_codes)
            .json(&json!({ "otp": otp.expose() }))
            .secret(otp);
        self.account_call(&http).await
    }

    /// The logged-in user (or the `PRIVATE-TOKEN` key's owner) — `GET /v3/session/user`.
    ///
    /// Retry policy: **safe to retry**.
    ///
    /// Errors: 404 `NOT_LOGGED_IN`, 401 `UN_AUTHORIZED` (bad API key).
    pub async fn current_user(&self) -> Result<Response<AccountUser>, Error> {
        let http =
            HttpRequest::get(Family::Account, &["v3", "session", "user"]).v3_codes(session_codes);
        self.account_call(&http).await
    }

    /// Ends the logged-in session — `POST /v3/session/logout` (204).
    ///
    /// Retry policy: **mutating**.
    pub async fn logout(&self) -> Result<Response<()>, Error> {
        let http = account_post(&["v3", "session", "logout"], session_codes);
        self.account_call(&http).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode::read;
    use serde_json::{json, Value};

    #[test]
    fn decodes_login_results() {
        let r = read::<LoginResult>(json!({"requiresOtp": true, "expiresAt": 1700000000, "otpSessionExpiresAt": "1700000300"})).unwrap();
        assert_eq!(
            r,
            LoginResult {
                requires_otp: true,
                expires_at: 1_700_000_000,
                otp_session_expires_at: 1_700_000_300
            }
        );
    }

    #[test]
    fn decodes_the_user_keeping_nested_objects_as_json() {
        let u = read::<AccountUser>(json!({
            "userId": 42, "userName": "demo", "email": "d@example.com", "accessLevel": 10, "validateEmail": 1,
            "isTrialAccount": 0, "trialAccountExpirationDate": 0, "requestIpCountryCode": "NL",
            "details": {"company": "Acme", "phones": [{"number": "1"}]}, "billingDetails": null
        }))
        .unwrap();
        assert_eq!(
            (
                u.user_id,
                u.access_level,
                u.validate_email,
                u.is_trial_account
            ),
            (42, 10, true, false)
        );
        assert_eq!(
            u.details_json,
            r#"{"company":"Acme","phones":[{"number":"1"}]}"#
        );
        assert_eq!(u.billing_details_json, "");
        assert_eq!(u.trial_account_expiration_date, 0);
    }

    #[test]
    fn the_trial_expiry_keeps_its_text_whatever_its_format() {
        let expiry = |value: Value| {
            let u = read::<AccountUser>(json!({ "trialAccountExpirationDate": value })).unwrap();
            (u.trial_account_expiration_date, u.trial_account_expiration)
        };
        let (secs, iso) = expiry(json!("2025-01-31T00:00:00Z"));
        assert_eq!(
            (secs, iso.unwrap().text.as_str()),
            (1_738_281_600, "2025-01-31T00:00:00Z")
        );
        // A format the SDK does not read: the text survives, the number is 0.
        let (secs, other) = expiry(json!("31/01/2025"));
        assert_eq!((secs, other.unwrap().text.as_str()), (0, "31/01/2025"));
        assert_eq!(expiry(json!("")).1, None);
    }

    #[test]
    fn statuses_are_named_per_operation() {
        assert_eq!(login_codes(401), Some(ApiErrorCode::InvalidCredentials));
        assert_eq!(login_otp_codes(401), Some(ApiErrorCode::InvalidOtp));
        assert_eq!(login_otp_codes(404), Some(ApiErrorCode::NoPendingOtp));
        assert_eq!(session_codes(404), Some(ApiErrorCode::NotLoggedIn));
        assert_eq!(login_codes(409), Some(ApiErrorCode::AlreadyLoggedIn));
        assert_eq!(login_codes(429), Some(ApiErrorCode::TooManyLoginAttempts));
    }
}
