//! Who may use the console, and how.
//!
//! - The admin key logs in (a form); the session lives in a cookie that is `HttpOnly`
//!   (scripts cannot read it) and `SameSite=Strict` (other sites' links and forms do not
//!   carry it). Sessions are kept in memory: a restart logs everyone out.
//! - Every state change is a POST that must come from the console's own origin
//!   (`Sec-Fetch-Site`, `Origin`) and carry the session's CSRF token. The origin check
//!   matters beyond the cookie: another port of the same host is the same *site*, so
//!   `SameSite` alone lets it through.
//! - A sandbox bound to loopback serves the console to loopback peers only, and only under
//!   a loopback host name (a page on another name that resolves to 127.0.0.1 — DNS
//!   rebinding — is refused). Bound elsewhere on purpose (`--host 0.0.0.0`), it serves
//!   everyone who has the admin key.
//! - Without an admin key (`--admin-key ""`) the console is off and says how to turn it on.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use parking_lot::Mutex;
use serde::de::DeserializeOwned;

use super::html;
use super::Console;
use crate::extract::read_body;
use crate::ids;
use crate::store::clients::constant_time_eq;

pub const COOKIE: &str = "kgen_console";
/// A session ends this long after login.
const SESSION_TTL: Duration = Duration::from_secs(12 * 3600);
/// Beyond this many sessions the oldest is ended.
const MAX_SESSIONS: usize = 32;

struct Session {
    csrf: String,
    created: Instant,
    flash: Option<Flash>,
}

/// A one-time message shown on the next page (the result of a POST).
#[derive(Clone)]
pub struct Flash {
    pub ok: bool,
    pub text: String,
}

#[derive(Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// A new session; returns its cookie value.
    fn create(&self) -> String {
        let token = ids::token(48);
        let mut map = self.map.lock();
        map.retain(|_, s| s.created.elapsed() < SESSION_TTL);
        if map.len() >= MAX_SESSIONS {
            if let Some(oldest) = map
                .iter()
                .min_by_key(|(_, s)| s.created)
                .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
        }
        map.insert(
            token.clone(),
            Session {
                csrf: ids::token(32),
                created: Instant::now(),
                flash: None,
            },
        );
        token
    }

    fn remove(&self, token: &str) {
        self.map.lock().remove(token);
    }

    /// The session's CSRF token and pending flash (taken), if the session is valid.
    fn open(&self, token: &str) -> Option<(String, Option<Flash>)> {
        let mut map = self.map.lock();
        let session = map.get_mut(token)?;
        if session.created.elapsed() >= SESSION_TTL {
            map.remove(token);
            return None;
        }
        Some((session.csrf.clone(), session.flash.take()))
    }

    pub fn flash(&self, token: &str, ok: bool, text: impl Into<String>) {
        if let Some(session) = self.map.lock().get_mut(token) {
            session.flash = Some(Flash {
                ok,
                text: text.into(),
            });
        }
    }
}

fn cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == COOKIE).then_some(value)
        })
}

/// A logged-in console user.
pub struct Admin {
    pub token: String,
    pub csrf: String,
    pub flash: Option<Flash>,
}

impl FromRequestParts<Arc<Console>> for Admin {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        console: &Arc<Console>,
    ) -> Result<Self, Response> {
        let token = cookie(&parts.headers).unwrap_or_default();
        match console.sessions.open(token) {
            Some((csrf, flash)) => Ok(Admin {
                token: token.to_string(),
                csrf,
                flash,
            }),
            None if parts.method == Method::GET => {
                Err(Redirect::to(&format!("{}login", super::PREFIX)).into_response())
            }
            None => Err(refuse(StatusCode::UNAUTHORIZED, "Log in first.")),
        }
    }
}

/// A POSTed form of a logged-in user whose `csrf` field is the session's token.
pub struct AdminForm<T> {
    pub admin: Admin,
    pub form: T,
}

impl<T: DeserializeOwned> FromRequest<Arc<Console>> for AdminForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, console: &Arc<Console>) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let admin = Admin::from_request_parts(&mut parts, console).await?;
        let bytes = read_body(&parts.headers, body)
            .await
            .map_err(|e| refuse(e.status, &e.message))?;
        let fields: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        let sent = fields
            .iter()
            .find(|(name, _)| name == "csrf")
            .map_or("", |(_, value)| value.as_str());
        if !constant_time_eq(sent.as_bytes(), admin.csrf.as_bytes()) {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                "This form is out of date or did not come from the console (CSRF token). Reload the page and try again.",
            ));
        }
        let form = serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| refuse(StatusCode::BAD_REQUEST, &format!("invalid form: {e}")))?;
        Ok(AdminForm { admin, form })
    }
}

pub fn refuse(status: StatusCode, why: &str) -> Response {
    let body = format!(
        "<h1>{}</h1><p class=\"notice bad\" id=\"refused\">{}</p><p><a href=\"{}\">Back to the console</a></p>",
        status.as_u16(),
        html::esc(why),
        super::PREFIX
    );
    (status, html::page("Refused", None, &body)).into_response()
}

/// Guards every console request: network, admin key configured, cross-site POSTs.
pub async fn guard(State(console): State<Arc<Console>>, req: Request, next: Next) -> Response {
    if !console.open_to_network {
        let peer = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| peer.ip());
        if !peer.is_some_and(|ip| ip.is_loopback()) || !loopback_host(req.headers()) {
            return refuse(
                StatusCode::FORBIDDEN,
                "The console answers on loopback only (http://127.0.0.1 or http://localhost). Start the sandbox with --host to serve it elsewhere on purpose.",
            );
        }
    }
    if console.app.config.admin_key.is_empty() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            html::page("Console off", None, html::CONSOLE_OFF),
        )
            .into_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD && cross_site(req.headers()) {
        return refuse(
            StatusCode::FORBIDDEN,
            "Cross-site request refused: state changes are accepted from the console's own pages only.",
        );
    }
    let mut response = next.run(req).await;
    html::secure_headers(response.headers_mut());
    response
}

/// Whether the `Host` names the loopback interface.
fn loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Whether a browser says the request comes from another origin. Browsers send
/// `Sec-Fetch-Site` and `Origin` on POSTs; a client that sends neither is not a browser
/// page and still needs the session cookie and CSRF token.
fn cross_site(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        if site != "same-origin" && site != "none" {
            return true;
        }
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (Some(origin), Some(host)) => {
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                != Some(host)
        }
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Logs in with the admin key: a session cookie and back to the overview, or 401.
pub fn login(console: &Console, key: &str) -> Response {
    let expected = console.app.config.admin_key.as_bytes();
    if !constant_time_eq(key.as_bytes(), expected) {
        return (
            StatusCode::UNAUTHORIZED,
            html::page(
                "Log in",
                None,
                &html::login_form(Some("That is not the admin key.")),
            ),
        )
            .into_response();
    }
    let token = console.sessions.create();
    let cookie = format!(
        "{COOKIE}={token}; Path={}; HttpOnly; SameSite=Strict",
        super::ROOT
    );
    let mut response = Redirect::to(super::PREFIX).into_response();
    if let Ok(value) = header::HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Ends the session and clears the cookie.
pub fn logout(console: &Console, admin: &Admin) -> Response {
    console.sessions.remove(&admin.token);
    let mut response = Redirect::to(&format!("{}login", super::PREFIX)).into_response();
    let cookie = format!(
        "{COOKIE}=; Path={}; HttpOnly; SameSite=Strict; Max-Age=0",
        super::ROOT
    );
    if let Ok(value) = header::HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}
