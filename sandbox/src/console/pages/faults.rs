//! Faults and clock: move the clock, add and remove fault rules, the live log.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use serde_json::Value;

use super::{clock_line, render};
use crate::console::access::Admin;
use crate::console::html::{self, button, esc};
use crate::console::{Console, PREFIX};

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
