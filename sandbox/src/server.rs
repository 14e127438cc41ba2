//! The HTTP server: accepts connections and serves each with hyper, so that a fault can
//! close a connection without writing a response. Every response gets `x-request-id` and
//! a `Date` from the sandbox clock; every request gets one log line on stderr.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Bytes, HttpBody};
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, HeaderValue, Request};
use axum::response::{IntoResponse, Response};
use axum::{BoxError, Router};
use futures_util::FutureExt;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::console::Tap;
use crate::errors::ApiError;
use crate::ids;
use crate::log::RequestLog;
use crate::state::Shared;

/// Asks the connection serving a request to close without answering.
#[derive(Clone, Default)]
pub struct ConnDrop(Arc<Notify>);

impl ConnDrop {
    pub fn fire(&self) {
        self.0.notify_one();
    }
}

/// Serves `listener` until `shutdown` turns true (or its sender goes away).
pub async fn serve(
    listener: TcpListener,
    state: Shared,
    router: Router,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            // Only `true` is ever sent; an error means the sender is gone.
            _ = shutdown.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    connections.spawn(serve_connection(stream, peer, state.clone(), router.clone()));
                }
                // Out of file descriptors and the like: let the pressure pass.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

async fn serve_connection(stream: TcpStream, peer: SocketAddr, state: Shared, router: Router) {
    let _ = stream.set_nodelay(true);
    let conn_drop = ConnDrop::default();
    let service = hyper::service::service_fn({
        let conn_drop = conn_drop.clone();
        move |req: Request<Incoming>| {
            let (state, router, conn_drop) = (state.clone(), router.clone(), conn_drop.clone());
            async move { Ok::<_, Infallible>(handle(state, router, conn_drop, peer, req).await) }
        }
    });
    let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        _ = conn_drop.0.notified() => {}
    }
}

async fn handle<B>(
    state: Shared,
    router: Router,
    conn_drop: ConnDrop,
    peer: SocketAddr,
    req: Request<B>,
) -> Response
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    let request_id = request_id(req.headers());
    let log = (!state.config.quiet)
        .then(|| RequestLog::start(req.method(), req.uri().path(), &request_id));
    let tap = Tap::start(&state, req.method(), req.uri().path());
    let mut req = req.map(axum::body::Body::new);
    if let Some(tap) = &tap {
        req.extensions_mut().insert(tap.fault_note());
    }
    req.extensions_mut().insert(conn_drop);
    req.extensions_mut().insert(ConnectInfo(peer));
    let mut response = match AssertUnwindSafe(router.oneshot(req)).catch_unwind().await {
        Ok(Ok(response)) => response,
        Ok(Err(never)) => match never {},
        Err(_) => ApiError::internal("the request handler failed").into_response(),
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert("x-request-id", value);
    }
    if let Ok(value) =
        HeaderValue::from_str(&httpdate::fmt_http_date(state.clock.now_system_time()))
    {
        headers.insert(header::DATE, value);
    }
    if let Some(log) = log {
        log.finish(response.status().as_u16());
    }
    if let Some(tap) = tap {
        tap.finish(&response);
    }
    response
}

/// The caller's `x-request-id` when it is sane, else a new one.
fn request_id(headers: &HeaderMap) -> String {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map_or_else(|| format!("sbx-{}", ids::uuid()), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;

    async fn boom() -> &'static str {
        panic!("a bug in a handler")
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_internal_error_with_the_usual_headers() {
        let state = crate::state::AppState::open(&Options::default()).unwrap();
        let router = Router::new().route("/boom", axum::routing::get(boom));
        let req = Request::get("/boom")
            .header("x-request-id", "r-1")
            .body(axum::body::Body::empty())
            .unwrap();
        let peer = SocketAddr::from(([127, 0, 0, 1], 1));
        let response = handle(state, router, ConnDrop::default(), peer, req).await;
        assert_eq!(response.status(), 500);
        assert_eq!(response.headers()["x-request-id"], "r-1");
        assert!(response.headers().contains_key(header::DATE));
        let body = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"], "INTERNAL_ERROR");
    }
}
