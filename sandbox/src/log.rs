//! The request log: one line per request on stderr — method, path (never the query
//! string, which may hold codes), status, latency, request id. A request whose connection
//! was dropped logs `dropped` when its future goes away.
//!
//! Lines are written by a thread of their own, so a slow or unread stderr never stalls a
//! request; when 8192 lines are waiting, new ones are dropped.

use std::io::Write;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::http::Method;

const BACKLOG: usize = 8192;

enum Entry {
    Line(String),
    Flush(SyncSender<()>),
}

fn sink() -> &'static SyncSender<Entry> {
    static SINK: OnceLock<SyncSender<Entry>> = OnceLock::new();
    SINK.get_or_init(|| {
        let (sink, entries) = sync_channel(BACKLOG);
        // Without the thread the receiver is gone and lines are dropped: logging is best effort.
        let _ = std::thread::Builder::new()
            .name("kgen-sandbox-log".into())
            .spawn(move || {
                for entry in entries {
                    match entry {
                        Entry::Line(line) => {
                            drop(std::io::stderr().lock().write_all(line.as_bytes()))
                        }
                        Entry::Flush(done) => drop(done.send(())),
                    }
                }
            });
        sink
    })
}

/// Waits (at most a second) until the lines logged so far are written.
pub fn flush() {
    let (done, written) = sync_channel(1);
    if sink().try_send(Entry::Flush(done)).is_ok() {
        let _ = written.recv_timeout(Duration::from_secs(1));
    }
}

pub struct RequestLog {
    method: Method,
    path: String,
    request_id: String,
    started: Instant,
    finished: bool,
}

impl RequestLog {
    pub fn start(method: &Method, path: &str, request_id: &str) -> RequestLog {
        RequestLog {
            method: method.clone(),
            path: path.to_string(),
            request_id: request_id.to_string(),
            started: Instant::now(),
            finished: false,
        }
    }

    pub fn finish(mut self, status: u16) {
        self.write(&status.to_string());
        self.finished = true;
    }

    fn write(&self, outcome: &str) {
        let ms = self.started.elapsed().as_secs_f64() * 1000.0;
        let line = format!(
            "{} {} {outcome} {ms:.2}ms {}\n",
            self.method, self.path, self.request_id
        );
        // A full backlog drops the line rather than stall the request.
        let _ = sink().try_send(Entry::Line(line));
    }
}

impl Drop for RequestLog {
    fn drop(&mut self) {
        if !self.finished {
            self.write("dropped");
        }
    }
}
