//! i3D.net API v3 account sessions: `/v3/session/{user,login,login/otp,logout}`.
//!
//! `PRIVATE-TOKEN` (an API key) is required by every call, as i3D.net's API v3 documents it
//! (401 when missing or unknown), and lets `/user` answer for the key's owner. Login state is a cookie session (`kgen_v3_session`,
//! `Path=/v3; HttpOnly; SameSite=Lax`) set by login and cleared by logout.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use super::object;
use crate::clock::NANOS_PER_SEC;
use crate::errors::{I3dCode, V3Error};
use crate::extract::V3Body;
use crate::state::Shared;
use crate::store::v3::{self, User};

pub const COOKIE: &str = "kgen_v3_session";

pub fn private_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("private-token")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
}

pub fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE && !value.is_empty())
        .map(|(_, value)| value)
}

/// The caller of a `/v3` request: the API key's owner (if a key was sent) and the cookie.
pub struct V3Caller {
    key_owner: Option<User>,
    cookie: Option<String>,
}

impl FromRequestParts<Shared> for V3Caller {
    type Rejection = V3Error;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, V3Error> {
        let key = private_token(&parts.headers).ok_or_else(|| {
            V3Error::new(
                StatusCode::UNAUTHORIZED,
                I3dCode::Unauthenticated,
                "PRIVATE-TOKEN is required",
            )
        })?;
        let key_owner = Some(
            state
                .db
                .read(|conn| v3::user_by_api_key(conn, key))?
                .ok_or_else(|| {
                    V3Error::new(
                        StatusCode::UNAUTHORIZED,
                        I3dCode::Unauthenticated,
                        "Invalid PRIVATE-TOKEN",
                    )
                })?,
        );
        Ok(V3Caller {
            key_owner,
            cookie: session_cookie(&parts.headers).map(str::to_string),
        })
    }
}

pub async fn user(
    State(state): State<Shared>,
    caller: V3Caller,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Result<Json<Value>, V3Error> {
    let now = state.clock.now_ns();
    let session_user = match &caller.cookie {
        Some(token) => state.db.read(|conn| v3::session_user(conn, token, now))?,
        None => None,
    };
    let user = session_user.or(caller.key_owner).ok_or_else(|| {
        V3Error::new(
            StatusCode::NOT_FOUND,
            I3dCode::EntityNotFound,
            "Not logged in",
        )
    })?;
    Ok(Json(user_json(&user, peer)))
}

/// The user in the shape of i3D.net's `SessionUser` (OpenAPI of `GET /v3/session/user`):
/// every required property present with the published type. The sandbox keeps no
/// profile, so texts are empty. `gender` is a string of unpublished values (sent empty:
/// *sandbox-defined*); `trialAccountExpirationDate` a string of unspecified format (empty:
/// no trial).
fn user_json(user: &User, peer: SocketAddr) -> Value {
    json!({
        "userId": user.user_id,
        "userName": user.user_name,
        "email": user.email,
        "firstName": "",
        "lastName": "",
        "gender": "",
        "phone": "",
        "accessLevel": 10,
        "validateEmail": 1,
        "isTrialAccount": 0,
        "trialAccountExpirationDate": "",
        "requestIp": peer.ip().to_string(),
        "requestIpCountry": "Unknown",
        "requestIpCountryCode": "ZZ", // ISO 3166 user-assigned: unknown (loopback)
        "details": account_details(user),
        "billingDetails": billing_details(),
    })
}

/// `details`: the keys and types of i3D.net's `AccountDetails` (`GET /v3/account/details`).
/// Two are not legible in the published description and are *sandbox-defined*:
/// `unconfirmedEmail` (a reference to a schema not shown; sent as `null`, no change
/// pending) and `emailAddressAbuse` (the key name of "email address for abuse emails").
fn account_details(user: &User) -> Value {
    let mut details = contact();
    details.extend(object(json!({
        "accountType": 1, // 1 consumer, 2 business
        "companyName": null,
        "vatNumber": null,
        "cocNumber": null,
        "emailAddress": user.email,
        "unconfirmedEmail": null,
        "emailAddressValidated": 1,
        "language": 0, // 0 English, 1 Dutch
        "emailAddressAbuse": null,
        "newsletter": 0,
        "agreeToc": 1,
        "agreeAup": 1,
        "agreeDpa": 1,
        "isAllowedFlexMetal": 0,
    })));
    Value::Object(details)
}

/// `billingDetails`: the keys and types of i3D.net's `AccountBillingDetails`
/// (`GET /v3/account/billing`). `preferredPaymentMethod`'s values are not published; 0 is
/// *sandbox-defined*.
fn billing_details() -> Value {
    let mut billing = contact();
    billing.extend(object(json!({
        "emailAddressBilling": null,
        "bundleInvoicesOfSameCategory": 0,
        "receivePaymentConfirmationsViaEmail": 1,
        "preferredPaymentMethod": 0,
    })));
    Value::Object(billing)
}

/// The name, address and phones both objects carry (the sandbox knows none of them).
fn contact() -> Map<String, Value> {
    object(json!({
        "firstName": "",
        "lastName": "",
        "address": "",
        "streetNumber": "",
        "zipCode": "",
        "city": "",
        "countryCode": "",
        "phoneNumber": null,
        "phoneNumberMobile": null,
    }))
}

/// A non-empty string property, as i3D.net's OpenAPI types them. A lenient sandbox also
/// takes the code of `/login/otp` as a number, as some clients send it.
fn required_text(
    body: &serde_json::Map<String, Value>,
    property: &str,
    lenient: bool,
    errors: &mut Vec<(String, String)>,
) -> String {
    match body.get(property) {
        Some(Value::String(text)) if !text.is_empty() => text.clone(),
        Some(Value::Number(n)) if lenient && property == "otp" && n.is_u64() => {
            // Padded back to the code's length: a number drops leading zeros (and
            // `serde_json::Number` formats without the width).
            let n = n.as_u64().unwrap_or_default();
            format!("{n:0width$}", width = v3::OTP_LEN)
        }
        _ => {
            errors.push((
                property.to_string(),
                format!("{property} is required and must be a string"),
            ));
            String::new()
        }
    }
}

pub async fn login(
    State(state): State<Shared>,
    caller: V3Caller,
    V3Body(body): V3Body,
) -> Result<Response, V3Error> {
    let lenient = !state.config.strict;
    let mut errors = Vec::new();
    let user_name = required_text(&body, "userName", lenient, &mut errors);
    let password = required_text(&body, "password", lenient, &mut errors);
    // An integer 0 or 1 in i3D.net's OpenAPI; a lenient sandbox also takes a boolean.
    let remember_me = match body.get("rememberMe") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) if lenient => *b,
        Some(v) if v.as_u64().is_some_and(|n| n <= 1) => v.as_u64() == Some(1),
        Some(_) => {
            errors.push(("rememberMe".into(), "rememberMe must be 0 or 1".into()));
            false
        }
    };
    if !errors.is_empty() {
        return Err(V3Error::validation(errors));
    }
    let now = state.clock.now_ns();
    let otp_ttl = state.settings().otp_ttl_secs;
    let cookie = caller.cookie.as_deref();
    let login = state.db.write(|conn| {
        v3::login(
            conn,
            cookie,
            &user_name,
            &password,
            remember_me,
            otp_ttl,
            now,
        )
    })??;
    let unix = |ns: i64| if ns == 0 { 0 } else { ns / NANOS_PER_SEC };
    let mut response = Json(json!({
        "requiresOtp": login.requires_otp,
        // i3D.net's OpenAPI: when the 2FA window closes, 0 when no 2FA applies (the
        // session's own lifetime is in the cookie).
        "expiresAt": unix(login.otp_expires_at),
        "otpSessionExpiresAt": unix(login.otp_expires_at),
    }))
    .into_response();
    let max_age = if login.remember_me {
        format!("; Max-Age={}", v3::REMEMBER_ME_SECS)
    } else {
        String::new()
    };
    set_cookie(
        &mut response,
        &format!(
            "{COOKIE}={}; Path=/v3; HttpOnly; SameSite=Lax{max_age}",
            login.token
        ),
    );
    Ok(response)
}

pub async fn login_otp(
    State(state): State<Shared>,
    caller: V3Caller,
    V3Body(body): V3Body,
) -> Result<Response, V3Error> {
    let mut errors = Vec::new();
    let otp = required_text(&body, "otp", !state.config.strict, &mut errors);
    if !errors.is_empty() {
        return Err(V3Error::validation(errors));
    }
    let now = state.clock.now_ns();
    let cookie = caller.cookie.as_deref();
    state
        .db
        .write(|conn| v3::login_otp(conn, cookie, &otp, now))??;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn logout(State(state): State<Shared>, caller: V3Caller) -> Result<Response, V3Error> {
    if let Some(token) = &caller.cookie {
        state.db.write(|conn| v3::logout(conn, token))?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    set_cookie(
        &mut response,
        &format!("{COOKIE}=; Path=/v3; HttpOnly; SameSite=Lax; Max-Age=0"),
    );
    Ok(response)
}

fn set_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_lenient_sandbox_reads_a_numeric_code_with_its_leading_zeros() {
        let body = json!({ "otp": 12345 });
        let mut errors = Vec::new();
        let code = required_text(body.as_object().unwrap(), "otp", true, &mut errors);
        assert_eq!(code, format!("{:0>width$}", "12345", width = v3::OTP_LEN));
        assert!(errors.is_empty());
        assert_eq!(
            required_text(body.as_object().unwrap(), "otp", false, &mut errors),
            ""
        );
        assert_eq!(errors.len(), 1, "a strict sandbox takes only a string");
    }
}
