//! A player: wallet and ledger, session, linked phone, OTPs "sent", rewards.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use rusqlite::Connection;

use super::{failed, render, Rows, ROWS};
use crate::console::access::{refuse, Admin};
use crate::console::html::{countdown, esc, when};
use crate::console::{Console, PREFIX};
use crate::errors::ApiError;
use crate::store::{players, rewards, tournaments, wallet};

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
