//! Request extractors whose rejections are the API's own JSON errors: bodies parsed from
//! bytes whatever the Content-Type says, query strings, path parameters and the three
//! kinds of caller (player token, s2s credentials, admin key).

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use http_body_util::{BodyExt, Limited};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::errors::{ApiError, Code, V3Error};
use crate::jwt::Claims;
use crate::state::Shared;
use crate::store::clients::{self, constant_time_eq, Client};

/// The largest request body accepted (larger ones get 413 `PAYLOAD_TOO_LARGE`).
pub const BODY_LIMIT: usize = 64 * 1024;

/// Reads a whole body, refusing more than [`BODY_LIMIT`] bytes.
pub async fn read_body(headers: &HeaderMap, body: Body) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            Code::PayloadTooLarge,
            format!("the body exceeds {BODY_LIMIT} bytes"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > BODY_LIMIT as u64) {
        return Err(too_large());
    }
    match Limited::new(body, BODY_LIMIT).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Err(_) => Err(ApiError::bad_request("could not read the request body")),
    }
}

/// Parses a JSON body; an empty body reads as `{}` so that optional-only bodies may be
/// omitted while required fields are still reported missing. Every body is an object:
/// anything else is refused before serde, which would read an array into a struct.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // JSON's whitespace only (not form feed, which `is_ascii_whitespace` counts).
    let bytes = match bytes
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        None => b"{}".as_slice(),
        Some(b'{') => bytes,
        Some(_) => return Err(ApiError::bad_request("the body must be a JSON object")),
    };
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))
}

/// A JSON body of the KGeN family.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, ApiError> {
        let (parts, body) = req.into_parts();
        parse_json(&read_body(&parts.headers, body).await?).map(JsonBody)
    }
}

/// A JSON object body of the `/v3` family.
pub struct V3Body(pub serde_json::Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for V3Body {
    type Rejection = V3Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, V3Error> {
        Ok(V3Body(JsonBody::from_request(req, state).await?.0))
    }
}

/// Query parameters; a malformed one is a 400 `BAD_REQUEST`.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        serde_urlencoded::from_str(parts.uri.query().unwrap_or(""))
            .map(Query)
            .map_err(|e| ApiError::bad_request(format!("invalid query parameter: {e}")))
    }
}

/// A route's single path parameter.
pub struct PathParam(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathParam {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| PathParam(value))
            .map_err(|_| ApiError::bad_request("invalid path parameter"))
    }
}

/// A tournament uid from the path, normalised; anything but a UUID does not exist.
pub struct TournamentUid(pub String);

impl<S: Send + Sync> FromRequestParts<S> for TournamentUid {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let PathParam(raw) = PathParam::from_request_parts(parts, state).await?;
        uuid::Uuid::parse_str(&raw)
            .map(|uid| TournamentUid(uid.to_string()))
            .map_err(|_| ApiError::new(Code::TournamentNotFound, format!("no tournament {raw}")))
    }
}

/// The player of a `/fe` request, from a valid, unexpired `user-jwt-token`.
pub struct PlayerAuth(pub Claims);

impl PlayerAuth {
    /// The player's key, `<client id>#<user id>`.
    pub fn id(&self) -> &str {
        &self.0.namespaced_third_party_user_id
    }
}

impl FromRequestParts<Shared> for PlayerAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, ApiError> {
        state
            .player_claims(&parts.headers)
            .map(PlayerAuth)
            .ok_or_else(|| ApiError::unauthorized("missing, invalid or expired user-jwt-token"))
    }
}

/// The header pairs that carry s2s credentials, current spelling first.
const CREDENTIAL_HEADERS: [(&str, &str); 3] = [
    ("x-client-id", "x-client-secret"),
    ("x-clientid", "x-clientsecret"),
    ("clientid", "clientsecret"),
];

/// The registered client of an `/s2s` request.
pub fn s2s_client(state: &Shared, headers: &HeaderMap) -> Result<Client, ApiError> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let (id, secret) = CREDENTIAL_HEADERS
        .iter()
        .find_map(|(id, secret)| Some((text(id)?, text(secret)?)))
        .ok_or_else(|| ApiError::unauthorized("missing x-client-id / x-client-secret"))?;
    state
        .db
        .read(|conn| clients::authenticate(conn, id, secret))?
        .ok_or_else(|| ApiError::unauthorized("invalid client credentials"))
}

pub struct S2sAuth(pub Client);

impl FromRequestParts<Shared> for S2sAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, ApiError> {
        s2s_client(state, &parts.headers).map(S2sAuth)
    }
}

/// Whether the request carries the admin key. A sandbox started without one
/// (`--admin-key ""`) has no admin API: an empty header must not match it.
pub fn is_admin(state: &Shared, headers: &HeaderMap) -> bool {
    let expected = state.config.admin_key.as_bytes();
    !expected.is_empty()
        && headers
            .get("x-admin-key")
            .is_some_and(|key| constant_time_eq(key.as_bytes(), expected))
}

/// A request carrying the right `x-admin-key`.
pub struct AdminAuth;

impl FromRequestParts<Shared> for AdminAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, ApiError> {
        if is_admin(state, &parts.headers) {
            Ok(AdminAuth)
        } else {
            Err(ApiError::unauthorized("missing or wrong x-admin-key"))
        }
    }
}

/// A code sent as a string or (as some examples do) an integer; integers are
/// zero-padded back to the code's length.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TextOrNumber {
    Text(String),
    Number(u64),
}

impl TextOrNumber {
    pub fn into_text(self, len: usize) -> String {
        match self {
            TextOrNumber::Text(text) => text,
            TextOrNumber::Number(n) => format!("{n:0len$}"),
        }
    }
}
