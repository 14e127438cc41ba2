//! `Idempotency-Key` on POST requests.
//!
//! The first response to a (caller, key) is stored in SQLite (so it survives a restart)
//! for 24 h (*sandbox-defined*: the platform does not publish its retention), then
//! deleted: at most once a minute of the sandbox clock, the keys past it go, through an
//! index. A stored key is found by 16 bytes of SHA-256 over caller and key (and the
//! request it answered is recognised by 16 bytes of SHA-256 over it), so the lookup index
//! stays small (why a sandbox holding a million keys writes as fast as a fresh one: `db.rs`).
//! A repeat with the same method, path, query and body gets the stored status,
//! headers and body back with `idempotent-replayed: true`, and has no second effect. A
//! repeat while the first is still running gets 409 `IDEMPOTENCY_KEY_IN_USE`; the same key
//! with a different request gets 422 `IDEMPOTENCY_KEY_REUSED`. 5xx and 429 answers are not
//! stored (the key is released so the request can be retried). The caller is the player
//! (token), the s2s client, the `/v3` API key or session cookie, or the admin: requests
//! that fail authentication are not recorded.

use std::future::Future;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{header, HeaderName, HeaderValue, Response, StatusCode};
use axum::response::IntoResponse;
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock::secs_to_ns;
use crate::errors::{family_error, ApiError, Code};
use crate::extract::{is_admin, s2s_client};
use sha2::{Digest, Sha256};

use crate::routes::account::{private_token, session_cookie};
use crate::state::Shared;

pub const HEADER: &str = "idempotency-key";
pub const REPLAYED: &str = "idempotent-replayed";
const TTL_SECS: i64 = 86_400;
/// How often expired keys are deleted (sandbox clock).
const PURGE_EVERY_SECS: i64 = 60;
/// Response headers worth replaying besides the body.
const STORED_HEADERS: [HeaderName; 3] = [
    header::CONTENT_TYPE,
    header::SET_COOKIE,
    header::RETRY_AFTER,
];

enum Begin {
    Fresh,
    InUse,
    Reused,
    Replay {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
}

/// Who is asking (it may contain an API key: only its hash is stored); `None` when the
/// request is not authenticated and will be refused anyway.
fn caller(state: &Shared, parts: &Parts) -> Option<String> {
    let path = parts.uri.path();
    let identity = if path.starts_with("/fe/") {
        format!(
            "player:{}",
            state
                .player_claims(&parts.headers)?
                .namespaced_third_party_user_id
        )
    } else if path.starts_with("/s2s/") {
        format!(
            "client:{}",
            s2s_client(state, &parts.headers).ok()?.client_id
        )
    } else if path.starts_with("/v3/") {
        match private_token(&parts.headers) {
            Some(key) => format!("v3-key:{key}"),
            None => format!("v3-session:{}", session_cookie(&parts.headers)?),
        }
    } else if is_admin(state, &parts.headers) {
        "admin".to_string()
    } else {
        return None;
    };
    Some(identity)
}

/// The first 16 bytes of SHA-256 over `parts`: the stored form of a key or a request
/// (a collision among a day's keys is out of reach).
fn digest(parts: &[&[u8]]) -> Vec<u8> {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part);
    }
    hash.finalize()[..16].to_vec()
}

/// Runs the request under its idempotency key (or plainly without a usable caller).
pub async fn run<F: Future<Output = axum::response::Response>>(
    state: &Shared,
    key: &str,
    parts: Parts,
    body: Bytes,
    handler: impl FnOnce(Request) -> F,
) -> axum::response::Response {
    let path = parts.uri.path().to_string();
    if key.is_empty() || key.len() > 255 {
        return family_error(
            &path,
            ApiError::bad_request("Idempotency-Key must be 1-255 characters"),
        );
    }
    let Some(caller) = caller(state, &parts) else {
        return handler(Request::from_parts(parts, Body::from(body))).await;
    };
    let id = digest(&[caller.as_bytes(), b"\n", key.as_bytes()]);
    let target = parts
        .uri
        .path_and_query()
        .map_or(path.as_str(), |pq| pq.as_str());
    let fingerprint = digest(&[
        parts.method.as_str().as_bytes(),
        b" ",
        target.as_bytes(),
        b"\n",
        &body,
    ]);
    let now = state.clock.now_ns();
    let purge = purge_turn(state, now);
    let begin = state.db.write(|conn| {
        if purge {
            conn.prepare_cached("DELETE FROM idempotency_keys WHERE created_at < ?1")?
                .execute(params![now - secs_to_ns(TTL_SECS)])?;
        }
        begin(conn, &id, &fingerprint, now)
    });
    match begin {
        Err(e) => family_error(&path, e),
        Ok(Begin::InUse) => family_error(
            &path,
            ApiError::new(
                Code::IdempotencyKeyInUse,
                "a request with this Idempotency-Key is in progress",
            ),
        ),
        Ok(Begin::Reused) => family_error(
            &path,
            ApiError::new(
                Code::IdempotencyKeyReused,
                "this Idempotency-Key was used for a different request",
            ),
        ),
        Ok(Begin::Replay {
            status,
            headers,
            body,
        }) => replay(status, headers, body),
        Ok(Begin::Fresh) => {
            let guard = Pending {
                state,
                id: &id,
                done: false,
            };
            let response = handler(Request::from_parts(parts, Body::from(body))).await;
            guard.finish(response).await
        }
    }
}

/// Whether this request deletes the expired keys: once per `PURGE_EVERY_SECS`.
fn purge_turn(state: &Shared, now: i64) -> bool {
    use std::sync::atomic::Ordering;
    let last = state.idempotency_purged_at.load(Ordering::Relaxed);
    now - last >= secs_to_ns(PURGE_EVERY_SECS)
        && state
            .idempotency_purged_at
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
}

fn begin(conn: &Connection, id: &[u8], fingerprint: &[u8], now: i64) -> Result<Begin, ApiError> {
    type Row = (
        Vec<u8>,
        String,
        Option<u16>,
        Option<String>,
        Option<Vec<u8>>,
        i64,
    );
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT fingerprint, state, status, headers, body, created_at FROM idempotency_keys
             WHERE id = ?1",
        )?
        .query_row(params![id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()?;
    if let Some((stored_fingerprint, state, status, headers, body, created_at)) = row {
        if created_at > now - secs_to_ns(TTL_SECS) {
            return Ok(if stored_fingerprint != fingerprint {
                Begin::Reused
            } else if state == "pending" {
                Begin::InUse
            } else {
                Begin::Replay {
                    status: status.unwrap_or(200),
                    headers: headers
                        .and_then(|h| serde_json::from_str(&h).ok())
                        .unwrap_or_default(),
                    body: body.unwrap_or_default(),
                }
            });
        }
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO idempotency_keys (id, fingerprint, state, created_at)
         VALUES (?1, ?2, 'pending', ?3)",
    )?
    .execute(params![id, fingerprint, now])?;
    Ok(Begin::Fresh)
}

fn replay(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> axum::response::Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            response.headers_mut().append(name, value);
        }
    }
    response
        .headers_mut()
        .insert(REPLAYED, HeaderValue::from_static("true"));
    response
}

/// A claimed key: released if the request never completes (the client went away), or
/// completed with the response.
struct Pending<'a> {
    state: &'a Shared,
    id: &'a [u8],
    done: bool,
}

impl Pending<'_> {
    async fn finish(mut self, response: axum::response::Response) -> axum::response::Response {
        let (parts, body) = response.into_parts();
        let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
            return ApiError::internal("could not buffer the response").into_response();
        };
        let status = parts.status;
        if !status.is_server_error() && status != StatusCode::TOO_MANY_REQUESTS {
            let headers: Vec<(String, String)> = STORED_HEADERS
                .iter()
                .flat_map(|name| parts.headers.get_all(name).iter().map(move |v| (name, v)))
                .filter_map(|(name, v)| Some((name.to_string(), v.to_str().ok()?.to_string())))
                .collect();
            let stored = self.state.db.write(|conn| {
                conn.prepare_cached(
                    "UPDATE idempotency_keys SET state = 'done', status = ?2, headers = ?3, body = ?4
                     WHERE id = ?1",
                )?
                .execute(params![
                    self.id,
                    status.as_u16(),
                    serde_json::to_string(&headers).unwrap_or_default(),
                    body.as_ref()
                ])
                .map_err(ApiError::from)
            });
            self.done = stored.is_ok();
        }
        axum::response::Response::from_parts(parts, Body::from(body))
    }
}

impl Drop for Pending<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.state.db.write(|conn| {
                conn.prepare_cached("DELETE FROM idempotency_keys WHERE id = ?1")?
                    .execute(params![self.id])
                    .map_err(ApiError::from)
            });
        }
    }
}

/// The request's `Idempotency-Key`, if it has one and is a POST.
pub fn key_of(parts: &Parts) -> Option<String> {
    if parts.method != axum::http::Method::POST {
        return None;
    }
    parts
        .headers
        .get(HEADER)
        .map(|v| v.to_str().unwrap_or("").to_string())
}
