//! Linking a phone number by one-time password (`/fe/users/auth/otp`).

use serde_json::{json, Value};

use super::decode::{FromJson, Json, Obj};
use super::Ack;
use crate::transport::{Family, HttpRequest, RetryClass};
use crate::{ApiErrorCode, Error, Response, Secret, Session};

/// `POST .../otp/register` answer: the code that ties the later verification to this request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OtpRegistration {
    /// Pass it back in [`OtpVerification::auth_code`] (arrives as string or number).
    pub auth_code: String,
    pub is_new_user: bool,
}

impl FromJson for OtpRegistration {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "otp registration")?;
        Ok(OtpRegistration {
            auth_code: o.string(&["authCode", "auth_code"])?,
            is_new_user: o.bool(&["isNewUser", "is_new_user"])?,
        })
    }
}

/// The request of [`Session::verify_otp`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OtpVerification {
    /// National number, e.g. `"9876543219"`.
    pub phone_number: String,
    /// E.g. `"+91"`.
    pub country_code: String,
    /// From [`OtpRegistration::auth_code`].
    pub auth_code: String,
    /// The code the player received.
    pub otp: Secret,
}

/// A code as the published examples send it: an integer when it is all digits.
fn code_as_integer(code: &str) -> Value {
    let digits = code.trim();
    match digits.parse::<u64>() {
        Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => Value::from(n),
        _ => Value::from(code),
    }
}

/// A 400 about the request's form (not a wrong or expired code): nothing was applied.
fn refused_the_form(error: &Error) -> bool {
    error.http_status() == Some(400)
        && matches!(error.api_code(), None | Some(ApiErrorCode::BadRequest))
}

fn verify_request(verification: &OtpVerification, code: fn(&str) -> Value) -> HttpRequest {
    HttpRequest::post(
        Family::Kgen,
        &["fe", "users", "auth", "otp", "verify"],
        RetryClass::Mutating,
    )
    .json(&json!({
        "phone_number": verification.phone_number,
        "countryCode": verification.country_code,
        "authCode": code(&verification.auth_code),
        "otp": code(verification.otp.expose()),
    }))
    .secret(&verification.otp)
}

impl OtpVerification {
    /// The phone as sessions show it once linked: `+<country code><number>`
    /// (*sandbox-defined*: the platform documents no format for `linked_phone`).
    fn linked_phone(&self) -> String {
        let country = self.country_code.trim().trim_start_matches('+');
        format!("+{country}{}", self.phone_number.trim())
    }
}

impl Session {
    /// Sends a one-time password to a phone — `POST /fe/users/auth/otp/register`.
    ///
    /// Retry policy: **mutating** (it sends a text message). Errors: 400
    /// `INVALID_PHONE_NUMBER`; 429 `OTP_RATE_LIMITED` (see `Error::retry_after`).
    pub async fn register_otp(
        &self,
        phone_number: &str,
        country_code: &str,
    ) -> Result<Response<OtpRegistration>, Error> {
        self.call(
            HttpRequest::post(
                Family::Kgen,
                &["fe", "users", "auth", "otp", "register"],
                RetryClass::Mutating,
            )
            .json(&json!({ "phone_number": phone_number, "countryCode": country_code })),
        )
        .await
    }

    /// Verifies the code and links the phone to the player — `POST /fe/users/auth/otp/verify`.
    /// On success the session's `linked_phone` shows the phone at once.
    ///
    /// `authCode` and `otp` go as JSON integers, as every published example sends them
    /// (the backend is Go: a string for an int field is a 400); a code with leading zeros
    /// keeps its numeric value (`"0596"` is sent as `596`, which is what the backend
    /// compares). Should a server refuse that form with a plain 400 `BAD_REQUEST`, nothing
    /// was applied and the call is sent once more with both as strings.
    ///
    /// Retry policy: **mutating**. Errors: 400 `INVALID_OTP`, `OTP_EXPIRED`,
    /// `INVALID_PHONE_NUMBER`; 409 `PHONE_ALREADY_LINKED`.
    pub async fn verify_otp(&self, verification: &OtpVerification) -> Result<Response<Ack>, Error> {
        let as_integers = self
            .call(verify_request(verification, code_as_integer))
            .await;
        let response = match as_integers {
            Err(e) if refused_the_form(&e) => {
                self.call(verify_request(verification, |code| Value::from(code)))
                    .await?
            }
            other => other?,
        };
        self.set_linked_phone(verification.linked_phone());
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode::read;
    use serde_json::json;

    #[test]
    fn auth_code_may_arrive_as_a_number() {
        let r = read::<OtpRegistration>(json!({"authCode": 5255, "isNewUser": false})).unwrap();
        assert_eq!(
            r,
            OtpRegistration {
                auth_code: "5255".into(),
                is_new_user: false
            }
        );
        let r = read::<OtpRegistration>(json!({"authCode": "0042"})).unwrap();
        assert_eq!(r.auth_code, "0042");
    }
}
