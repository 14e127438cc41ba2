//! The route table: every path and method the sandbox serves, in one list. The router is
//! built from it and `openapi.yaml` is checked against it.

pub mod account;
pub mod admin;
pub mod analytics;
pub mod leaderboard;
pub mod otp;
pub mod rewards;
pub mod session;
pub mod stats;
pub mod tournaments;
pub mod users;
pub mod wallet;

use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{on, MethodFilter, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::pipeline::{method_not_allowed, pipeline, route_not_found};
use crate::state::Shared;

pub struct Route {
    pub method: Method,
    pub path: &'static str,
    endpoint: MethodRouter<Shared>,
}

fn route<H: Handler<T, Shared>, T: 'static>(
    method: Method,
    path: &'static str,
    handler: H,
) -> Route {
    let filter = MethodFilter::try_from(method.clone()).expect("a standard method");
    Route {
        method,
        path,
        endpoint: on(filter, handler),
    }
}

#[rustfmt::skip]
pub fn table() -> Vec<Route> {
    use Method as M;
    vec![
        // KGeN ESports Protocol
        route(M::POST, "/s2s/session", session::create),
        route(M::POST, "/s2s/session/", session::create),
        route(M::GET,  "/fe/esports/tournaments/active", tournaments::active),
        route(M::GET,  "/fe/esports/tournaments/participated", tournaments::participated),
        route(M::GET,  "/fe/esports/tournaments/{uid}", tournaments::get),
        route(M::POST, "/fe/esports/tournaments/{uid}/join", tournaments::join),
        route(M::POST, "/fe/esports/tournaments/{uid}/leave", tournaments::leave),
        route(M::POST, "/fe/esports/tournaments/{uid}/score", tournaments::score),
        route(M::GET,  "/fe/esports/tournaments/{uid}/leaderboard", leaderboard::get),
        route(M::GET,  "/fe/esports/leaderboards/{uid}/leaderboard", leaderboard::get),
        route(M::GET,  "/fe/wallet/balance", wallet::balance),
        route(M::GET,  "/fe/wallet/transactions", wallet::transactions),
        route(M::POST, "/fe/wallet/withdraw", wallet::withdraw),
        route(M::POST, "/fe/users/auth/otp/register", otp::send),
        route(M::POST, "/fe/users/auth/otp/resend", otp::send),
        route(M::POST, "/fe/users/auth/otp/verify", otp::verify),
        route(M::GET,  "/fe/esports/rewards/claim", rewards::list),
        route(M::POST, "/fe/esports/rewards/claim", rewards::claim),
        route(M::GET,  "/fe/esports/statistics/historic", stats::historic),
        route(M::GET,  "/fe/users/account/linked-mobile-number", users::linked_mobile_number),
        route(M::POST, "/fe/users/k-store/generate-redirect-uri", users::generate_redirect_uri),
        route(M::POST, "/fe/analytics/px-tracker/events/{event_id}/drop", analytics::drop_event),
        // i3D.net API v3 account sessions
        route(M::GET,  "/v3/session/user", account::user),
        route(M::POST, "/v3/session/login", account::login),
        route(M::POST, "/v3/session/login/otp", account::login_otp),
        route(M::POST, "/v3/session/logout", account::logout),
        // Sandbox administration
        route(M::POST,   "/sandbox/clients", admin::create_client),
        route(M::GET,    "/sandbox/tournaments", admin::list_tournaments),
        route(M::POST,   "/sandbox/tournaments", admin::create_tournament),
        route(M::POST,   "/sandbox/tournaments/{uid}/state", admin::force_state),
        route(M::POST,   "/sandbox/tournaments/{uid}/complete", admin::complete),
        route(M::GET,    "/sandbox/tournaments/{uid}/scores", admin::score_submissions),
        route(M::GET,    "/sandbox/clock", admin::clock),
        route(M::POST,   "/sandbox/clock", admin::move_clock),
        route(M::GET,    "/sandbox/otp", admin::latest_otp),
        route(M::POST,   "/sandbox/v3/users", admin::create_v3_user),
        route(M::GET,    "/sandbox/v3/users/{user_name}/otp", admin::v3_pending_otp),
        route(M::POST,   "/sandbox/wallets/credit", admin::credit_wallet),
        route(M::POST,   "/sandbox/settings", admin::settings),
        route(M::GET,    "/sandbox/faults", admin::list_faults),
        route(M::POST,   "/sandbox/faults", admin::add_fault),
        route(M::DELETE, "/sandbox/faults", admin::clear_faults),
        route(M::DELETE, "/sandbox/faults/{id}", admin::remove_fault),
        route(M::POST,   "/sandbox/reset", admin::reset),
        route(M::GET,    "/sandbox/stats", admin::stats),
    ]
}

/// `(method, path)` of every route, for documentation checks.
pub fn route_list() -> Vec<(Method, &'static str)> {
    table().into_iter().map(|r| (r.method, r.path)).collect()
}

pub fn router(state: Shared) -> Router {
    table()
        .into_iter()
        .fold(Router::new(), |router, r| router.route(r.path, r.endpoint))
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(from_fn_with_state(state.clone(), pipeline))
        .fallback(route_not_found)
        .with_state(state)
}

/// The map inside a `json!({...})` object literal.
pub fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// `{"message": text}`, the usual success body.
pub fn message(text: &str) -> Response {
    Json(json!({ "message": text })).into_response()
}
