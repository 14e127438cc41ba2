//! The console's live request log: every API request the sandbox answers (console pages
//! excepted) becomes one [`Entry`] — method, path (never the query string), status,
//! latency, whether it was an idempotent replay and which injected fault it met. Headers
//! and bodies are never looked at, so no secret, token, password or code can reach it.
//!
//! The last [`RECENT`] entries are kept for a page's first render; new ones are broadcast
//! to every open event stream (Server-Sent Events).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{header, Method};
use axum::response::Response;
use futures_util::stream::{self, StreamExt};
use parking_lot::Mutex;
use serde::Serialize;
use tokio::sync::broadcast::{self, error::RecvError};

use crate::faults::{Applied, Drop};
use crate::idempotency::REPLAYED;
use crate::state::Shared;

/// Entries kept for the first render of a page.
pub const RECENT: usize = 200;
/// Paths longer than this are cut (a path is never a secret, but it can be long).
const MAX_PATH: usize = 200;
/// An idle event stream sends a comment this often, so proxies and browsers keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Increases by one per entry; event streams resume after the last id they saw.
    pub id: u64,
    /// Sandbox clock, `HH:MM:SS.mmm` UTC.
    pub at: String,
    pub method: String,
    pub path: String,
    /// `None`: the connection was closed without an answer.
    pub status: Option<u16>,
    pub ms: f64,
    pub replayed: bool,
    /// The injected fault this request met, described (`status 503`, `drop after`...).
    pub fault: Option<String>,
}

pub struct Feed {
    recent: Mutex<(u64, VecDeque<Arc<Entry>>)>,
    live: broadcast::Sender<Arc<Entry>>,
}

impl Default for Feed {
    fn default() -> Self {
        Feed {
            recent: Mutex::new((0, VecDeque::with_capacity(RECENT))),
            live: broadcast::channel(256).0,
        }
    }
}

impl Feed {
    fn publish(&self, mut entry: Entry) {
        // Ids are given and sent under the lock, so every stream sees them in order.
        let mut recent = self.recent.lock();
        recent.0 += 1;
        entry.id = recent.0;
        let entry = Arc::new(entry);
        if recent.1.len() == RECENT {
            recent.1.pop_front();
        }
        recent.1.push_back(entry.clone());
        let _ = self.live.send(entry);
    }

    /// The kept entries, oldest first.
    pub fn recent(&self) -> Vec<Arc<Entry>> {
        self.recent.lock().1.iter().cloned().collect()
    }

    /// An event stream of the entries after `after`: the kept ones first, then live ones.
    pub fn event_stream(&self, after: u64) -> Response {
        // Subscribe before reading the backlog: an entry in both is sent once (by id).
        let live = self.live.subscribe();
        let backlog: Vec<_> = self.recent().into_iter().filter(|e| e.id > after).collect();
        let last = backlog.last().map_or(after, |e| e.id);
        let head = stream::iter(
            std::iter::once(Bytes::from_static(b"retry: 2000\n\n"))
                .chain(backlog.into_iter().map(|e| event(&e))),
        );
        let tail = stream::unfold((live, last), |(mut live, last)| async move {
            loop {
                match tokio::time::timeout(KEEP_ALIVE, live.recv()).await {
                    Ok(Ok(e)) if e.id <= last => continue,
                    Ok(Ok(e)) => return Some((event(&e), (live, e.id))),
                    // A slow reader misses entries rather than holding the sandbox back.
                    Ok(Err(RecvError::Lagged(_))) => continue,
                    Ok(Err(RecvError::Closed)) => return None,
                    Err(_) => return Some((Bytes::from_static(b": idle\n\n"), (live, last))),
                }
            }
        });
        let body = Body::from_stream(head.chain(tail).map(Ok::<_, Infallible>));
        let mut response = Response::new(body);
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("text/event-stream"),
        );
        headers.insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-store"),
        );
        response
    }
}

fn event(entry: &Entry) -> Bytes {
    let data = serde_json::to_string(entry).unwrap_or_default();
    Bytes::from(format!("id: {}\ndata: {data}\n\n", entry.id))
}

/// Where the request pipeline notes the fault it applied, for the request's [`Tap`].
#[derive(Clone, Default)]
pub struct FaultNote(Arc<Mutex<Option<String>>>);

impl FaultNote {
    pub fn record(&self, applied: &Applied) {
        *self.0.lock() = Some(describe(applied));
    }
}

fn describe(applied: &Applied) -> String {
    let mut parts = Vec::new();
    match (applied.status, applied.drop) {
        (Some(429), _) => parts.push(format!("429 (Retry-After {} s)", applied.retry_after_secs)),
        (Some(status), _) => parts.push(format!("status {status}")),
        (None, Some(Drop::Before)) => parts.push("drop before".into()),
        (None, Some(Drop::After)) => parts.push("drop after".into()),
        (None, None) => {}
    }
    if applied.latency_ms > 0 {
        parts.push(format!("+{} ms", applied.latency_ms));
    }
    parts.join(", ")
}

/// One request on its way through the server; publishes its entry when finished, or as
/// dropped when its future goes away unanswered.
pub struct Tap {
    state: Shared,
    method: Method,
    path: String,
    started: Instant,
    note: FaultNote,
    finished: bool,
}

impl Tap {
    /// `None` for the console's own requests (the log shows the platform's traffic).
    pub fn start(state: &Shared, method: &Method, path: &str) -> Option<Tap> {
        if path == super::ROOT || path.starts_with(super::PREFIX) {
            return None;
        }
        let mut end = path.len().min(MAX_PATH);
        while !path.is_char_boundary(end) {
            end -= 1;
        }
        Some(Tap {
            state: state.clone(),
            method: method.clone(),
            path: path[..end].to_string(),
            started: Instant::now(),
            note: FaultNote::default(),
            finished: false,
        })
    }

    pub fn fault_note(&self) -> FaultNote {
        self.note.clone()
    }

    pub fn finish(mut self, response: &Response) {
        let replayed = response
            .headers()
            .get(REPLAYED)
            .is_some_and(|v| v.as_bytes() == b"true");
        self.publish(Some(response.status().as_u16()), replayed);
        self.finished = true;
    }

    fn publish(&self, status: Option<u16>, replayed: bool) {
        let now = self.state.clock.now_ns();
        self.state.feed.publish(Entry {
            id: 0,
            at: super::html::time_of_day(now),
            method: self.method.to_string(),
            path: self.path.clone(),
            status,
            ms: self.started.elapsed().as_secs_f64() * 1000.0,
            replayed,
            fault: self.note.0.lock().take(),
        });
    }
}

impl std::ops::Drop for Tap {
    fn drop(&mut self) {
        if !self.finished {
            self.publish(None, false);
        }
    }
}
