//! The sandbox console: web pages under `/console/` to see and steer the sandbox —
//! tournaments, players, the live request log, faults and the clock.
//!
//! Pages are rendered on the server and work without JavaScript; one small script
//! (`assets/console.js`) streams the request log (Server-Sent Events) and counts down to
//! the next lifecycle step. Assets are compiled into the binary. Every state change goes
//! through the admin API's own handlers ([`actions`]), so the console adds no rules of
//! its own. Who may use it is decided in [`access`].

mod access;
mod actions;
pub mod feed;
mod html;
mod pages;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::http::header;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

pub use feed::{FaultNote, Feed, Tap};

use crate::state::Shared;

/// The console's path (a request to it is redirected to [`PREFIX`]).
pub const ROOT: &str = "/console";
pub const PREFIX: &str = "/console/";

pub struct Console {
    app: Shared,
    sessions: access::Sessions,
    /// The sandbox was bound to a non-loopback address: serve every peer.
    open_to_network: bool,
}

/// The console's routes, for a sandbox listening on `bound`.
pub fn router(app: Shared, bound: SocketAddr) -> Router {
    let console = Arc::new(Console {
        app,
        sessions: access::Sessions::default(),
        open_to_network: !bound.ip().is_loopback(),
    });
    Router::new()
        .route(ROOT, get(|| async { Redirect::permanent(PREFIX) }))
        .route(PREFIX, get(pages::overview))
        .route("/console/login", get(pages::login).post(actions::login))
        .route("/console/logout", post(actions::logout))
        .route("/console/events", get(pages::events))
        .route(
            "/console/tournaments/{uid}",
            get(pages::tournament).post(actions::lifecycle),
        )
        .route("/console/players/{id}", get(pages::player))
        .route(
            "/console/faults",
            get(pages::faults).post(actions::add_fault),
        )
        .route("/console/faults/remove", post(actions::remove_fault))
        .route("/console/clock", post(actions::move_clock))
        .route("/console/assets/console.css", get(css))
        .route("/console/assets/console.js", get(js))
        .route_layer(from_fn_with_state(console.clone(), access::guard))
        .with_state(console)
}

async fn css() -> Response {
    asset(
        "text/css; charset=utf-8",
        include_str!("assets/console.css"),
    )
}

async fn js() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("assets/console.js"),
    )
}

fn asset(content_type: &'static str, text: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        text,
    )
        .into_response()
}
