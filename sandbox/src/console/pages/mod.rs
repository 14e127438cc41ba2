//! The pages (GET): the overview, login and the event stream here; the tournament,
//! player, and faults-and-clock pages in files of their own. Pages read the store;
//! changes are in `actions`.

mod faults;
mod player;
mod tournament;

pub use faults::faults;
pub use player::player;
pub use tournament::tournament;

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::Connection;

use super::access::{refuse, Admin};
use super::html::{self, countdown, esc, segment, when};
use super::{Console, PREFIX};
use crate::errors::ApiError;
use crate::extract::Query;
use crate::store::players;
use crate::store::tournaments::{self, Status, Tournament};

/// Rows shown per table at most (the console is a window, not an export).
pub const ROWS: i64 = 200;

pub fn failed(e: ApiError) -> Response {
    refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.message)
}

pub fn render(title: &str, admin: &Admin, body: &str) -> Response {
    let main = format!("{}{body}", html::flash(&admin.flash));
    html::page(title, Some(&admin.csrf), &main).into_response()
}

pub fn player_link(id: &str) -> String {
    format!(
        r#"<a href="{PREFIX}players/{}">{}</a>"#,
        segment(id),
        esc(players::user_id_of(id))
    )
}

pub fn state_badge(status: Status) -> String {
    let s = status.as_str();
    format!(
        r#"<span class="badge state {}">{s}</span>"#,
        s.to_ascii_lowercase()
    )
}

/// The next lifecycle step of a tournament and when it comes.
pub fn next_step(t: &Tournament, now: i64) -> String {
    let s = &t.schedule;
    let (label, at) = match t.status(now) {
        Status::Scheduled => ("lobby opens", s.lobby_at),
        Status::Lobby => ("starts", s.starts_at),
        Status::Started => ("locks", s.locks_at),
        Status::Locked => ("results", s.ends_at),
        Status::Completed => ("ended", s.ends_at.min(t.updated_at)),
    };
    format!("{label} {}", countdown(at, now))
}

pub fn clock_line(console: &Console) -> String {
    let now = console.app.clock.now_ns();
    let offset = console.app.clock.offset_secs();
    let shift = if offset == 0 {
        "real time".to_string()
    } else {
        format!(
            "{}{} from real time",
            if offset > 0 { "+" } else { "−" },
            html::span(offset)
        )
    };
    format!(
        r#"<p class="clock">Sandbox clock <strong id="clock-now">{}</strong> <span id="clock-offset">({shift})</span></p>"#,
        when(now)
    )
}

pub type Rows<T> = Result<Vec<T>, ApiError>;

fn clients(conn: &Connection) -> Rows<(String, String, i64)> {
    let mut statement = conn.prepare_cached(
        "SELECT client_id, name, created_at FROM clients ORDER BY created_at LIMIT ?1",
    )?;
    let rows = statement.query_map([ROWS], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

struct PlayerRow {
    id: String,
    client_id: String,
    phone: Option<String>,
    balance: i64,
    session_at: i64,
}

fn player_rows(conn: &Connection) -> Rows<PlayerRow> {
    let mut statement = conn.prepare_cached(
        "SELECT id, client_id, linked_phone, earned + bought + bonus, session_started_at
         FROM players ORDER BY modified_at DESC LIMIT ?1",
    )?;
    let rows = statement.query_map([ROWS], |r| {
        Ok(PlayerRow {
            id: r.get(0)?,
            client_id: r.get(1)?,
            phone: r.get(2)?,
            balance: r.get(3)?,
            session_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub async fn overview(State(console): State<Arc<Console>>, admin: Admin) -> Response {
    let now = console.app.clock.now_ns();
    let loaded = console.app.db.write(|conn| {
        tournaments::settle_due(conn, now)?;
        Ok::<_, ApiError>((
            clients(conn)?,
            tournaments::list_all(conn)?,
            player_rows(conn)?,
        ))
    });
    let (clients, list, players) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => return failed(e),
    };
    let mut body = clock_line(&console);
    body.push_str(r#"<div class="grid">"#);

    let mut rows = String::new();
    for t in &list {
        let _ = write!(
            rows,
            r#"<tr><td><a href="{PREFIX}tournaments/{}">{}</a></td><td>{}</td><td>{}</td><td>{}/{}</td><td>{}</td></tr>"#,
            esc(&t.uid),
            esc(&t.title),
            state_badge(t.status(now)),
            t.buy_in_price,
            t.participants_count,
            t.tournament_size,
            next_step(t, now)
        );
    }
    let _ = write!(
        body,
        r#"<section class="card wide"><h2>Tournaments ({})</h2><div class="scroll"><table id="tournaments">
<thead><tr><th>title</th><th>state</th><th>buy-in</th><th>players</th><th>next</th></tr></thead><tbody>{rows}</tbody></table></div></section>"#,
        list.len()
    );
    body.push_str(&html::request_log(&console.app.feed.recent()));

    rows.clear();
    for p in &players {
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            player_link(&p.id),
            esc(&p.client_id),
            p.balance,
            esc(p.phone.as_deref().unwrap_or("—")),
            when(p.session_at)
        );
    }
    if players.is_empty() {
        rows.push_str(r#"<tr><td colspan="5">No players yet: a session (<code>POST /s2s/session</code>) creates one.</td></tr>"#);
    }
    let _ = write!(
        body,
        r#"<section class="card"><h2>Players</h2><div class="scroll"><table id="players">
<thead><tr><th>user</th><th>client</th><th>balance</th><th>phone</th><th>last session</th></tr></thead><tbody>{rows}</tbody></table></div></section>"#
    );

    rows.clear();
    for (id, name, created) in &clients {
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(id),
            esc(name),
            when(*created)
        );
    }
    let _ = write!(
        body,
        r#"<section class="card"><h2>Clients</h2><p class="hint">Secrets are not shown.</p><div class="scroll"><table id="clients">
<thead><tr><th>client id</th><th>name</th><th>registered</th></tr></thead><tbody>{rows}</tbody></table></div></section></div>"#
    );
    render("Overview", &admin, &body)
}

pub async fn login() -> Response {
    html::page("Log in", None, &html::login_form(None)).into_response()
}

#[derive(serde::Deserialize)]
pub struct After {
    after: Option<u64>,
}

/// The request log as Server-Sent Events, resuming after `Last-Event-ID` or `?after=`.
pub async fn events(
    State(console): State<Arc<Console>>,
    _: Admin,
    headers: HeaderMap,
    Query(query): Query<After>,
) -> Response {
    let after = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .or(query.after)
        .unwrap_or(0);
    console.app.feed.event_stream(after)
}
