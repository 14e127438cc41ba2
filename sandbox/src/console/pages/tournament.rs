//! A tournament: timeline, lifecycle buttons, leaderboard with prizes, participants.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use rusqlite::{params, Connection};

use super::{clock_line, failed, next_step, player_link, render, state_badge, Rows, ROWS};
use crate::console::access::{refuse, Admin};
use crate::console::html::{button, countdown, esc, when};
use crate::console::{Console, PREFIX};
use crate::errors::ApiError;
use crate::store::payout::payouts;
use crate::store::tournaments;

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
