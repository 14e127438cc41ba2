//! OTP phone linking: register (and resend) send a code, verify links the phone.

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use serde_json::Value;

use super::message;
use crate::errors::{ApiError, Code};
use crate::extract::{JsonBody, PlayerAuth, TextOrNumber};
use crate::state::Shared;
use crate::store::otp::{self, Phone, AUTH_CODE_LEN, OTP_LEN};

/// `phone_number` and `countryCode`, as strings or numbers.
#[derive(Deserialize)]
pub struct PhoneBody {
    phone_number: TextOrNumber,
    #[serde(rename = "countryCode")]
    country_code: TextOrNumber,
}

impl PhoneBody {
    fn phone(self) -> Result<Phone, ApiError> {
        Phone::parse(
            &self.phone_number.into_text(0),
            &self.country_code.into_text(0),
        )
    }
}

pub async fn send(
    State(state): State<Shared>,
    player: PlayerAuth,
    JsonBody(body): JsonBody<PhoneBody>,
) -> Result<Json<Value>, ApiError> {
    let phone = body.phone()?;
    let now = state.clock.now_ns();
    let ttl = state.settings().otp_ttl_secs;
    Ok(Json(state.db.write(|conn| {
        otp::send(conn, player.id(), &phone, ttl, now)
    })?))
}

#[derive(Deserialize)]
pub struct VerifyBody {
    #[serde(flatten)]
    phone: PhoneBody,
    #[serde(rename = "authCode")]
    auth_code: TextOrNumber,
    otp: TextOrNumber,
}

pub async fn verify(
    State(state): State<Shared>,
    player: PlayerAuth,
    JsonBody(body): JsonBody<VerifyBody>,
) -> Result<Response, ApiError> {
    let phone = body.phone.phone()?;
    // Every published example sends both as JSON integers, and the Go backend refuses a
    // string for an int field; strict mode (the default) refuses them as it would.
    let strings = matches!(body.auth_code, TextOrNumber::Text(_))
        || matches!(body.otp, TextOrNumber::Text(_));
    if state.config.strict && strings {
        return Err(ApiError::new(
            Code::BadRequest,
            "authCode and otp must be JSON integers (start the sandbox with --lenient to accept strings)",
        ));
    }
    let auth_code = body.auth_code.into_text(AUTH_CODE_LEN);
    let code = body.otp.into_text(OTP_LEN);
    let now = state.clock.now_ns();
    state
        .db
        .write(|conn| otp::verify(conn, player.id(), &phone, &auth_code, &code, now))??;
    Ok(message("Phone number verified successfully"))
}
