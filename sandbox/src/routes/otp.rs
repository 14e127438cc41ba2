//! OTP phone linking: register (and resend) send a code, verify links the phone.

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use serde_json::Value;

use super::message;
use crate::errors::ApiError;
use crate::extract::{JsonBody, PlayerAuth, TextOrNumber};
use crate::state::Shared;
use crate::store::otp::{self, Phone, AUTH_CODE_LEN, OTP_LEN};

#[derive(Deserialize)]
pub struct SendBody {
    phone_number: TextOrNumber,
    #[serde(rename = "countryCode")]
    country_code: String,
}

pub async fn send(
    State(state): State<Shared>,
    player: PlayerAuth,
    JsonBody(body): JsonBody<SendBody>,
) -> Result<Json<Value>, ApiError> {
    let phone = Phone::parse(&body.phone_number.into_text(0), &body.country_code)?;
    let now = state.clock.now_ns();
    let ttl = state.settings().otp_ttl_secs;
    Ok(Json(state.db.write(|conn| {
        otp::send(conn, player.id(), &phone, ttl, now)
    })?))
}

#[derive(Deserialize)]
pub struct VerifyBody {
    phone_number: TextOrNumber,
    #[serde(rename = "countryCode")]
    country_code: String,
    #[serde(rename = "authCode")]
    auth_code: TextOrNumber,
    otp: TextOrNumber,
}

pub async fn verify(
    State(state): State<Shared>,
    player: PlayerAuth,
    JsonBody(body): JsonBody<VerifyBody>,
) -> Result<Response, ApiError> {
    let phone = Phone::parse(&body.phone_number.into_text(0), &body.country_code)?;
    let auth_code = body.auth_code.into_text(AUTH_CODE_LEN);
    let code = body.otp.into_text(OTP_LEN);
    let now = state.clock.now_ns();
    state
        .db
        .write(|conn| otp::verify(conn, player.id(), &phone, &auth_code, &code, now))??;
    Ok(message("Phone number verified successfully"))
}
