//! The HTTP server: accepts connections and serves each with hyper, so that a fault can
//! close a connection without writing a response. Every response gets `x-request-id` and
//! a `Date` from the sandbox clock; every request gets one log line on stderr.

use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::FutureExt;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::errors::ApiError;
use crate::ids;
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

async fn handle(
    state: Shared,
    router: Router,
    conn_drop: ConnDrop,
    peer: SocketAddr,
    req: Request<Incoming>,
) -> Response {
    let request_id = request_id(req.headers());
    let log = RequestLog::start(&state, req.method(), req.uri().path(), &request_id);
    let mut req = req.map(axum::body::Body::new);
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

/// One line per request on stderr: method, path (never the query string, which may hold
/// codes), status, latency, request id. A request whose connection was dropped logs
/// `dropped` when its future goes away.
struct RequestLog {
    method: Method,
    path: String,
    request_id: String,
    started: Instant,
    finished: bool,
}

impl RequestLog {
    fn start(state: &Shared, method: &Method, path: &str, request_id: &str) -> Option<RequestLog> {
        (!state.config.quiet).then(|| RequestLog {
            method: method.clone(),
            path: path.to_string(),
            request_id: request_id.to_string(),
            started: Instant::now(),
            finished: false,
        })
    }

    fn finish(mut self, status: u16) {
        self.write(&status.to_string());
        self.finished = true;
    }

    fn write(&self, outcome: &str) {
        let ms = self.started.elapsed().as_secs_f64() * 1000.0;
        let line = format!(
            "{} {} {} {ms:.2}ms {}\n",
            self.method, self.path, outcome, self.request_id
        );
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }
}

impl Drop for RequestLog {
    fn drop(&mut self) {
        if !self.finished {
            self.write("dropped");
        }
    }
}
