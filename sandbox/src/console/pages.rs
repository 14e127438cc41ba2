//! The pages (GET): overview, tournament, player, faults and clock, login, the event
//! stream. They read the store; changes are in `actions`.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::{params, Connection};
use serde_json::Value;

use super::access::{refuse, Admin};
use super::html::{self, button, countdown, esc, segment, when};
use super::{Console, PREFIX};
use crate::errors::ApiError;
use crate::extract::Query;
use crate::store::payout::payouts;
use crate::store::tournaments::{self, Status, Tournament};
use crate::store::{players, rewards, wallet};

/// Rows shown per table at most (the console is a window, not an export).
const ROWS: i64 = 200;

fn failed(e: ApiError) -> Response {
    refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.message)
}

fn render(title: &str, admin: &Admin, body: &str) -> Response {
    let main = format!("{}{body}", html::flash(&admin.flash));
    html::page(title, Some(&admin.csrf), &main).into_response()
}

fn player_link(id: &str) -> String {
    format!(
        r#"<a href="{PREFIX}players/{}">{}</a>"#,
        segment(id),
        esc(players::user_id_of(id))
    )
}

fn state_badge(status: Status) -> String {
    let s = status.as_str();
    format!(
        r#"<span class="badge state {}">{s}</span>"#,
        s.to_ascii_lowercase()
    )
}

/// The next lifecycle step of a tournament and when it comes.
fn next_step(t: &Tournament, now: i64) -> String {
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

fn clock_line(console: &Console) -> String {
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

type Rows<T> = Result<Vec<T>, ApiError>;

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

struct Participant {
    player_id: String,
    paid: i64,
    score: Option<i64>,
    final_rank: Option<i64>,
    joined_at: i64,
}

fn participants(conn: &Connection, uid: &str) -> Rows<Participant> {
    let mut statement = conn.prepare_cached(
        "SELECT player_id, paid_bonus + paid_bought + paid_earned, score, final_rank, joined_at
         FROM participations WHERE tournament_uid = ?1 ORDER BY joined_at LIMIT ?2",
    )?;
    let rows = statement.query_map(params![uid, ROWS], |r| {
        Ok(Participant {
            player_id: r.get(0)?,
            paid: r.get(1)?,
            score: r.get(2)?,
            final_rank: r.get(3)?,
            joined_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub async fn tournament(
    State(console): State<Arc<Console>>,
    admin: Admin,
    Path(uid): Path<String>,
) -> Response {
    let now = console.app.clock.now_ns();
    let loaded = console.app.db.write(|conn| {
        tournaments::settle_due(conn, now)?;
        let t = tournaments::load(conn, &uid)?;
        let board = serde_json::to_value(tournaments::leaderboard(conn, &t)?).unwrap_or_default();
        Ok::<_, ApiError>((participants(conn, &t.uid)?, board, t))
    });
    let (participants, board, t) = match loaded {
        Ok(loaded) => loaded,
        Err(e) if e.status == StatusCode::NOT_FOUND || e.message.contains("no tournament") => {
            return refuse(StatusCode::NOT_FOUND, &format!("No tournament {uid}."))
        }
        Err(e) => return failed(e),
    };
    let status = t.status(now);
    let s = &t.schedule;
    let mut body = format!(
        r#"<h1 id="title">{} {}</h1><p class="hint">{} · uid <code>{}</code> · game <code>{}</code></p>{}<div class="grid">"#,
        esc(&t.title),
        state_badge(status),
        esc(&t.description),
        esc(&t.uid),
        esc(&t.game_uid),
        clock_line(&console)
    );

    let action = format!("{PREFIX}tournaments/{}", t.uid);
    let controls: String = [
        ("lobby", "To lobby"),
        ("start", "Start"),
        ("lock", "Lock"),
        ("complete", "Complete"),
    ]
    .iter()
    .map(|(step, label)| button(&admin.csrf, &action, &[("step", step)], label, step))
    .collect();
    let mut timeline = String::new();
    for (label, at) in [
        ("scheduled", s.schedules_at),
        ("lobby opens", s.lobby_at),
        ("starts", s.starts_at),
        ("locks", s.locks_at),
        ("ends", s.ends_at),
    ] {
        let _ = write!(
            timeline,
            "<tr><td>{label}</td><td>{}</td><td>{}</td></tr>",
            when(at),
            countdown(at, now)
        );
    }
    let _ = write!(
        body,
        r#"<section class="card"><h2>Lifecycle</h2><p>Buy-in {} · {}/{} players · {}</p>
<div class="controls" id="lifecycle">{controls}</div>
<p class="hint">The admin API's actions (<code>POST /sandbox/tournaments/{{uid}}/state</code> and <code>/complete</code>). Completing settles the tournament: winners are picked and their rewards become claimable.</p>
<table><tbody>{timeline}</tbody></table></section>"#,
        t.buy_in_price,
        t.participants_count,
        t.tournament_size,
        next_step(&t, now)
    );

    let entries = board["leaderboard"].as_array().cloned().unwrap_or_default();
    let prizes = payouts(entries.len(), t.buy_in_price);
    let winners: Vec<(String, i64)> = board["winners"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|w| {
            (
                w["user_id"].as_str().unwrap_or_default().to_string(),
                w["reward"].as_i64().unwrap_or_default(),
            )
        })
        .collect();
    let mut rows = String::new();
    for (i, e) in entries.iter().enumerate() {
        let user = e["user_id"].as_str().unwrap_or_default();
        let won = winners.iter().find(|(u, _)| u == user).map(|(_, r)| *r);
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e["rank"],
            esc(user),
            e["score"],
            prizes.get(i).copied().unwrap_or(0),
            won.map_or("—".to_string(), |r| r.to_string())
        );
    }
    if entries.is_empty() {
        rows.push_str(r#"<tr><td colspan="5">No scores yet.</td></tr>"#);
    }
    let _ = write!(
        body,
        r#"<section class="card"><h2>Leaderboard and prizes</h2><p>Prize pool <strong id="prize-pool">{}</strong> for {} ranked player(s): the top 1% win 6× the buy-in, the top 10% 4×, the top 20% 1.5×, the top 40% 1×.</p>
<div class="scroll"><table id="leaderboard"><thead><tr><th>rank</th><th>user</th><th>score</th><th>prize</th><th>awarded</th></tr></thead><tbody>{rows}</tbody></table></div></section>"#,
        board["price_pool"],
        entries.len()
    );

    rows.clear();
    for p in &participants {
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            player_link(&p.player_id),
            p.paid,
            p.score.map_or("—".to_string(), |s| s.to_string()),
            p.final_rank.map_or("—".to_string(), |r| r.to_string()),
            when(p.joined_at)
        );
    }
    if participants.is_empty() {
        rows.push_str(r#"<tr><td colspan="5">Nobody has joined.</td></tr>"#);
    }
    let _ = write!(
        body,
        r#"<section class="card wide"><h2>Participants</h2><div class="scroll"><table id="participants">
<thead><tr><th>user</th><th>paid</th><th>score</th><th>final rank</th><th>joined</th></tr></thead><tbody>{rows}</tbody></table></div></section></div>"#
    );
    render(&t.title, &admin, &body)
}

struct Otp {
    phone: String,
    code: String,
    auth_code: String,
    attempts: i64,
    used: bool,
    created_at: i64,
    expires_at: i64,
}

fn otps(conn: &Connection, player_id: &str) -> Rows<Otp> {
    let mut statement = conn.prepare_cached(
        "SELECT phone, otp, auth_code, attempts, used, created_at, expires_at
         FROM otps WHERE player_id = ?1 ORDER BY id DESC LIMIT 20",
    )?;
    let rows = statement.query_map([player_id], |r| {
        Ok(Otp {
            phone: r.get(0)?,
            code: r.get(1)?,
            auth_code: r.get(2)?,
            attempts: r.get(3)?,
            used: r.get(4)?,
            created_at: r.get(5)?,
            expires_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub async fn player(
    State(console): State<Arc<Console>>,
    admin: Admin,
    Path(id): Path<String>,
) -> Response {
    let now = console.app.clock.now_ns();
    let min_withdraw = console.app.settings().min_withdraw;
    let loaded = console.app.db.write(|conn| {
        tournaments::settle_due(conn, now)?;
        let Some(player) = players::find(conn, &id)? else {
            return Ok(None);
        };
        let ledger = wallet::transactions(conn, &player, None, ROWS)?;
        let rewards = rewards::list(conn, &player)?;
        Ok::<_, ApiError>(Some((otps(conn, &id)?, ledger, rewards, player)))
    });
    let (otps, ledger, rewards, p) = match loaded {
        Ok(Some(loaded)) => loaded,
        Ok(None) => return refuse(StatusCode::NOT_FOUND, &format!("No player {id}.")),
        Err(e) => return failed(e),
    };
    let balance = wallet::balance_json(&p, min_withdraw);
    let mut body = format!(
        r#"<h1 id="title">{}</h1><p class="hint">client <code>{}</code> · player <code>{}</code></p><div class="grid">"#,
        esc(&p.user_id),
        esc(&p.client_id),
        esc(&p.id)
    );
    let mut cells = String::new();
    for (label, key) in [
        ("spendable", "lazy_balance"),
        ("earned", "earned_balance"),
        ("bought", "bought_balance"),
        ("bonus", "bonus_balance"),
        ("withdrawn", "on_chain_balance"),
    ] {
        let _ = write!(
            cells,
            r#"<div class="figure"><span>{label}</span><strong id="balance-{label}">{}</strong></div>"#,
            balance[key]
        );
    }
    let _ = write!(
        body,
        r#"<section class="card"><h2>Wallet</h2><div class="figures">{cells}</div><p class="hint">Wallet <code>{}</code> · withdrawals from {min_withdraw} earned</p>
<h3>Session</h3><p id="session">Session <code>{}</code> opened {} ({})</p>
<h3>Linked phone</h3><p id="phone">{}</p></section>"#,
        esc(&p.wallet_address),
        esc(&p.session_id),
        when(p.session_started_at),
        countdown(p.session_started_at, now),
        p.linked_phone.as_deref().map_or("none".to_string(), esc)
    );

    let mut rows = String::new();
    for r in rewards["claimable_rewards_info"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let uid = r["tournament_id"].as_str().unwrap_or_default();
        let _ = write!(
            rows,
            r#"<tr><td><a href="{PREFIX}tournaments/{}">{}</a></td><td>{}</td><td>{}</td></tr>"#,
            esc(uid),
            esc(uid),
            r["reward"],
            esc(r["claim_status"].as_str().unwrap_or_default())
        );
    }
    if rows.is_empty() {
        rows.push_str(r#"<tr><td colspan="3">No rewards.</td></tr>"#);
    }
    let _ = write!(
        body,
        r#"<section class="card"><h2>Rewards</h2><p>Claimable now: <strong id="claimable">{}</strong></p><div class="scroll"><table id="rewards">
<thead><tr><th>tournament</th><th>reward</th><th>status</th></tr></thead><tbody>{rows}</tbody></table></div></section>"#,
        rewards["total_claimable_rewards"]
    );

    rows.clear();
    for o in &otps {
        let state = if o.used {
            "used".to_string()
        } else if o.expires_at <= now {
            "expired".to_string()
        } else {
            format!("expires {}", countdown(o.expires_at, now))
        };
        let _ = write!(
            rows,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{state}</td></tr>",
            esc(&o.phone),
            esc(&o.code),
            esc(&o.auth_code),
            when(o.created_at),
            o.attempts
        );
    }
    if otps.is_empty() {
        rows.push_str(r#"<tr><td colspan="6">No code was sent.</td></tr>"#);
    }
    let _ = write!(
        body,
        r#"<section class="card"><h2>One-time passwords "sent"</h2><p class="hint">What the player would have received by SMS.</p><div class="scroll"><table id="otps">
<thead><tr><th>phone</th><th>code</th><th>authCode</th><th>sent</th><th>attempts</th><th>state</th></tr></thead><tbody>{rows}</tbody></table></div></section>"#
    );

    rows.clear();
    for tx in ledger["transactions"].as_array().into_iter().flatten() {
        let d = &tx["description"];
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(tx["created_at"].as_str().unwrap_or_default()),
            esc(d["type"].as_str().unwrap_or_default()),
            esc(d["platformProtocolsTxnType"].as_str().unwrap_or_default()),
            tx["amount"],
            esc(d["platformProtocolsTxnDescription"]
                .as_str()
                .unwrap_or_default())
        );
    }
    let _ = write!(
        body,
        r#"<section class="card wide"><h2>Ledger</h2><div class="scroll"><table id="ledger">
<thead><tr><th>at</th><th>type</th><th></th><th>amount</th><th>description</th></tr></thead><tbody>{rows}</tbody></table></div></section></div>"#
    );
    render(&p.user_id, &admin, &body)
}

pub async fn faults(State(console): State<Arc<Console>>, admin: Admin) -> Response {
    let csrf = &admin.csrf;
    let mut body = format!(
        r#"<h1>Faults and clock</h1>{}<div class="grid"><section class="card"><h2>Clock</h2>
<p class="hint">Moving the clock moves every tournament, token and code lifetime with it.</p><div class="controls">{}{}{}{}</div>
<form method="post" action="{PREFIX}clock" class="row">{}<label>Advance by (seconds) <input name="advance_secs" id="advance-secs" type="number" required></label><button>Advance</button></form></section>"#,
        clock_line(&console),
        button(
            csrf,
            &format!("{PREFIX}clock"),
            &[("advance_secs", "300")],
            "+5 min",
            ""
        ),
        button(
            csrf,
            &format!("{PREFIX}clock"),
            &[("advance_secs", "3600")],
            "+1 hour",
            ""
        ),
        button(
            csrf,
            &format!("{PREFIX}clock"),
            &[("advance_secs", "86400")],
            "+1 day",
            ""
        ),
        button(
            csrf,
            &format!("{PREFIX}clock"),
            &[("offset_secs", "0")],
            "Back to real time",
            ""
        ),
        html::csrf_field(csrf)
    );

    let list = console.app.faults.list();
    let mut rows = String::new();
    for f in list.as_array().into_iter().flatten() {
        let id = f["id"].as_str().unwrap_or_default();
        let text = |key: &str| match &f[key] {
            Value::Null => "—".to_string(),
            Value::String(s) => esc(s),
            other => esc(&other.to_string()),
        };
        let _ = write!(
            rows,
            "<tr><td>{}</td><td class=\"path\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            text("method").replace('—', "any"),
            text("path"),
            text("status"),
            text("latency_ms"),
            text("drop"),
            text("probability"),
            text("remaining"),
            text("applied"),
            button(csrf, &format!("{PREFIX}faults/remove"), &[("id", id)], "Remove", "danger")
        );
    }
    if rows.is_empty() {
        rows.push_str(
            r#"<tr><td colspan="9">No faults: every request is answered normally.</td></tr>"#,
        );
    }
    let _ = write!(
        body,
        r#"<section class="card"><h2>Add a fault</h2>
<form method="post" action="{PREFIX}faults" class="stack" id="add-fault">{}
<div class="row"><label>Method <select name="method"><option value="">any</option><option>GET</option><option>POST</option><option>DELETE</option></select></label>
<label class="grow">Path <input name="path" id="fault-path" placeholder="/fe/** or /fe/esports/tournaments/*/join" required></label></div>
<div class="row"><label>Effect <select name="effect" id="fault-effect"><option value="status">answer with a status</option><option value="rate_limit">429 with Retry-After</option><option value="latency">latency only</option><option value="drop_before">drop the connection before the handler</option><option value="drop_after">drop the connection after the handler</option></select></label>
<label>Status <input name="status" id="fault-status" type="number" min="400" max="599" value="503"></label>
<label>Retry-After (s) <input name="retry_after_secs" type="number" min="0" value="1"></label></div>
<div class="row"><label>Latency (ms) <input name="latency_ms" type="number" min="0" max="60000"></label>
<label>Probability <input name="probability" type="number" min="0" max="1" step="0.05" value="1"></label>
<label>Times <input name="times" id="fault-times" type="number" min="1" placeholder="always"></label></div>
<button id="add-fault-button">Add fault</button></form></section>
<section class="card wide"><h2>Active faults</h2><div class="scroll"><table id="faults">
<thead><tr><th>method</th><th>path</th><th>status</th><th>latency ms</th><th>drop</th><th>probability</th><th>left</th><th>applied</th><th></th></tr></thead><tbody>{rows}</tbody></table></div>
<p class="hint">Admin routes (<code>/sandbox/…</code>) and the console are never faulted.</p></section>"#,
        html::csrf_field(csrf)
    );
    body.push_str(&html::request_log(&console.app.feed.recent()));
    body.push_str("</div>");
    render("Faults and clock", &admin, &body)
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
