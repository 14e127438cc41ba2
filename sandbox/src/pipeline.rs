//! What every matched route goes through before its handler: the request counter,
//! injected faults, the body size limit and idempotency.
//!
//! Order: a forced status or "drop before" answers before anything else (no effect, no
//! Idempotency-Key claimed); latency delays the handler; "drop after" closes the
//! connection once the handler's effect (and any idempotent response) is committed.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::console::FaultNote;
use crate::errors::{family_error, ApiError, Code};
use crate::extract::read_body;
use crate::faults::{Applied, Drop};
use crate::idempotency;
use crate::server::ConnDrop;
use crate::state::Shared;

pub async fn pipeline(
    State(state): State<Shared>,
    matched: MatchedPath,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_string();
    let conn_drop = req.extensions().get::<ConnDrop>().cloned();
    state.counters.hit(req.method().as_str(), matched.as_str());
    let fault = if path.starts_with("/sandbox/") {
        None
    } else {
        state.faults.take(req.method().as_str(), &path)
    };
    if let (Some(fault), Some(note)) = (fault, req.extensions().get::<FaultNote>()) {
        note.record(&fault);
    }
    let latency = Duration::from_millis(fault.map_or(0, |f| f.latency_ms));
    if let Some(fault) = fault.filter(|f| f.status.is_some() || f.drop == Some(Drop::Before)) {
        pause(latency).await;
        return match fault.status {
            Some(status) => injected(&path, status, &fault),
            None => drop_connection(conn_drop).await,
        };
    }
    let (parts, body) = req.into_parts();
    let body = match read_body(&parts.headers, body).await {
        Ok(body) => body,
        Err(e) => return family_error(&path, e),
    };
    // Latency slows the handler itself: an Idempotency-Key is already claimed meanwhile.
    let handler = |req: Request| async move {
        pause(latency).await;
        next.run(req).await
    };
    let response = match idempotency::key_of(&parts) {
        Some(key) => idempotency::run(&state, &key, parts, body, handler).await,
        None => handler(Request::from_parts(parts, Body::from(body))).await,
    };
    if fault.is_some_and(|f| f.drop == Some(Drop::After)) {
        return drop_connection(conn_drop).await;
    }
    response
}

async fn pause(latency: Duration) {
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
}

/// Closes the connection without a response: the connection task drops this request's
/// future when it sees the signal, so nothing is ever written.
async fn drop_connection(conn_drop: Option<ConnDrop>) -> Response {
    match conn_drop {
        Some(conn_drop) => {
            conn_drop.fire();
            std::future::pending().await
        }
        None => ApiError::internal("no connection to drop").into_response(),
    }
}

fn injected(path: &str, status: u16, fault: &Applied) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let error = if status == StatusCode::TOO_MANY_REQUESTS {
        ApiError::new(Code::RateLimited, "injected rate limit").retry_after(fault.retry_after_secs)
    } else {
        ApiError::new(
            Code::InjectedFault,
            format!("injected fault: status {}", status.as_u16()),
        )
        .with_status(status)
    };
    family_error(path, error)
}

/// 404 for paths no route knows.
pub async fn route_not_found(method: Method, uri: axum::http::Uri) -> Response {
    family_error(
        uri.path(),
        ApiError::new(
            Code::RouteNotFound,
            format!("no route for {method} {}", uri.path()),
        ),
    )
}

/// 405 for a known path with a method it does not serve.
pub async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> Response {
    family_error(
        uri.path(),
        ApiError::new(
            Code::MethodNotAllowed,
            format!("{method} is not allowed on {}", uri.path()),
        ),
    )
}
