//! HTML building blocks: escaping, the page frame, times and the request-log table.
//! Pages are plain strings assembled on the server; every value from the database or a
//! request goes through [`esc`].

use std::fmt::Write;

use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Html;
use time::macros::format_description;
use time::OffsetDateTime;

use super::access::Flash;
use super::feed::Entry;
use super::PREFIX;
use crate::clock::NANOS_PER_SEC;

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a path segment (player ids hold `#`).
pub fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A whole page. `csrf` is the session's token when logged in (the header then shows the
/// navigation and the log-out button).
pub fn page(title: &str, csrf: Option<&str>, main: &str) -> Html<String> {
    let nav = match csrf {
        Some(csrf) => format!(
            r#"<nav><a href="{PREFIX}">Overview</a><a href="{PREFIX}faults">Faults &amp; clock</a>
<form method="post" action="{PREFIX}logout" class="inline">{}<button class="link">Log out</button></form></nav>"#,
            csrf_field(csrf)
        ),
        None => String::new(),
    };
    Html(format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{} · kgen sandbox console</title>
<link rel="stylesheet" href="{PREFIX}assets/console.css">
<script src="{PREFIX}assets/console.js" defer></script>
</head><body>
<header><a class="brand" href="{PREFIX}">kgen sandbox <span>console</span></a>{nav}</header>
<main>{main}</main>
</body></html>"#,
        esc(title)
    ))
}

pub fn csrf_field(csrf: &str) -> String {
    format!(r#"<input type="hidden" name="csrf" value="{}">"#, esc(csrf))
}

/// A POST form that is one button.
pub fn button(
    csrf: &str,
    action: &str,
    fields: &[(&str, &str)],
    label: &str,
    class: &str,
) -> String {
    let mut hidden = csrf_field(csrf);
    for (name, value) in fields {
        let _ = write!(
            hidden,
            r#"<input type="hidden" name="{}" value="{}">"#,
            esc(name),
            esc(value)
        );
    }
    format!(
        r#"<form method="post" action="{}" class="inline">{hidden}<button class="{class}">{}</button></form>"#,
        esc(action),
        esc(label)
    )
}

pub fn flash(flash: &Option<Flash>) -> String {
    match flash {
        Some(f) => format!(
            r#"<p class="notice {}" id="flash">{}</p>"#,
            if f.ok { "ok" } else { "bad" },
            esc(&f.text)
        ),
        None => String::new(),
    }
}

pub fn login_form(error: Option<&str>) -> String {
    let error = error.map_or(String::new(), |e| {
        format!(r#"<p class="notice bad" id="login-error">{}</p>"#, esc(e))
    });
    format!(
        r#"<section class="card narrow"><h1>Log in</h1>{error}
<form method="post" action="{PREFIX}login" class="stack">
<label>Admin key <input type="password" name="key" id="key" autocomplete="current-password" required autofocus></label>
<button id="login">Log in</button></form>
<p class="hint">The key is the sandbox's <code>--admin-key</code> (default <code>sandbox-admin</code>), the same as the admin API's <code>x-admin-key</code>.</p></section>"#
    )
}

pub const CONSOLE_OFF: &str = r#"<section class="card narrow"><h1>The console is off</h1>
<p id="console-off">This sandbox runs without an admin key, so nobody may log in. Start it with one,
for example <code>kgen-sandbox --demo --admin-key my-key</code>, then open this page again and
log in with that key.</p></section>"#;

/// Headers of every console response: no caching, no framing, no foreign scripts.
pub fn secure_headers(headers: &mut HeaderMap) {
    let set = |headers: &mut HeaderMap, name, value| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Not `no-referrer`: browsers then send `Origin: null` on the console's own forms.
    set(headers, header::REFERRER_POLICY, "same-origin");
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
}

fn datetime(ns: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(ns as i128).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// `HH:MM:SS.mmm` (UTC).
pub fn time_of_day(ns: i64) -> String {
    datetime(ns)
        .format(format_description!(
            "[hour]:[minute]:[second].[subsecond digits:3]"
        ))
        .unwrap_or_default()
}

/// `2026-12-04 05:10 UTC`.
pub fn when(ns: i64) -> String {
    datetime(ns)
        .format(format_description!(
            "[year]-[month]-[day] [hour]:[minute] UTC"
        ))
        .unwrap_or_default()
}

/// `1d 02h`, `3h 04m`, `5m 06s`, `7s`.
pub fn span(secs: i64) -> String {
    let secs = secs.abs();
    let (d, h, m, s) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
    if d > 0 {
        format!("{d}d {h:02}h")
    } else if h > 0 {
        format!("{h}h {m:02}m")
    } else if m > 0 {
        format!("{m}m {s:02}s")
    } else {
        format!("{s}s")
    }
}

/// "in 3h 04m" or "5m 06s ago", counted down live by the script.
pub fn countdown(at_ns: i64, now_ns: i64) -> String {
    let secs = (at_ns - now_ns).div_euclid(NANOS_PER_SEC);
    let text = if secs >= 0 {
        format!("in {}", span(secs))
    } else {
        format!("{} ago", span(secs))
    };
    format!(r#"<span class="countdown" data-secs="{secs}">{text}</span>"#)
}

/// The live request log: the kept entries, newest first; the script appends new ones.
pub fn request_log(entries: &[std::sync::Arc<Entry>]) -> String {
    let last = entries.last().map_or(0, |e| e.id);
    let mut rows = String::new();
    for e in entries.iter().rev() {
        rows.push_str(&log_row(e));
    }
    if entries.is_empty() {
        rows.push_str(r#"<tr id="log-empty"><td colspan="6">No requests yet.</td></tr>"#);
    }
    format!(
        r#"<section class="card wide"><h2>Requests <span id="live" class="badge">not live</span></h2>
<p class="hint">Every API request as it is answered: no headers, bodies or query strings, so never a secret, token, password or code.</p>
<div class="scroll"><table class="log"><thead><tr><th>time</th><th>method</th><th>path</th><th>status</th><th>latency</th><th>notes</th></tr></thead>
<tbody id="log-rows" data-last-id="{last}">{rows}</tbody></table></div></section>"#
    )
}

/// One row; `console.js` builds the same cells for live entries.
fn log_row(e: &Entry) -> String {
    let (class, status) = match e.status {
        None => ("bad", "dropped".to_string()),
        Some(s) if s >= 500 => ("bad", s.to_string()),
        Some(s) if s >= 400 => ("warn", s.to_string()),
        Some(s) => ("", s.to_string()),
    };
    let mut notes = String::new();
    if e.replayed {
        notes.push_str(r#"<span class="badge">replay</span>"#);
    }
    if let Some(fault) = &e.fault {
        let _ = write!(
            notes,
            r#"<span class="badge bad">fault: {}</span>"#,
            esc(fault)
        );
    }
    format!(
        r#"<tr class="{class}"><td>{}</td><td>{}</td><td class="path">{}</td><td>{status}</td><td>{:.1} ms</td><td>{notes}</td></tr>"#,
        esc(&e.at),
        esc(&e.method),
        esc(&e.path),
        e.ms
    )
}
