//! The outbox's delivery loop: the oldest entry of each player at a time, a few players
//! at once, backing off per player after a failure.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::Rng;
use tokio::task::JoinSet;

use super::{unix_ms, Entry, OutboxEntry, OutboxEvent, OutboxState};
use crate::auth::WeakSession;
use crate::{Ack, Client, CreateSession, Error, ErrorKind, Session};

/// Players delivered to at once.
const PARALLEL: usize = 8;

enum Attempt {
    Ended(OutboxEvent),
    /// Try again after a backoff (the platform may answer later).
    Failed(Error),
    /// Client flow: no usable session for the player.
    NoSession,
}

pub(super) async fn run(client: Client, state: Arc<OutboxState>) {
    let reports = std::mem::take(&mut state.lock().reports);
    for report in reports {
        state.emit(report);
    }
    let mut tasks = JoinSet::new();
    loop {
        let (heads, next_due) = state.due_heads(PARALLEL.saturating_sub(tasks.len()));
        for entry in heads {
            let (client, state) = (client.clone(), state.clone());
            tasks.spawn(async move {
                let attempt = attempt(&client, &state, &entry).await;
                state.settle(&client, entry, attempt);
            });
        }
        let pause = next_due.map_or(Duration::from_secs(3600), |due| {
            due.saturating_duration_since(Instant::now())
        });
        tokio::select! {
            () = state.wake.notified() => {}
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
            () = tokio::time::sleep(pause) => {}
        }
    }
}

async fn attempt(client: &Client, state: &OutboxState, entry: &Entry) -> Attempt {
    let session = match state.session_of(&entry.player) {
        Some(session) => session,
        None if client.config().client_secret.is_some() => {
            match client
                .create_session(CreateSession::new(&entry.player))
                .await
            {
                Ok(created) => {
                    state.keep_created(&created.data);
                    created.data
                }
                Err(e) => return Attempt::Failed(e),
            }
        }
        None => return Attempt::NoSession,
    };
    let request = match entry.call.request() {
        Ok(request) => request,
        Err(e) => return Attempt::Ended(rejected(entry, e)),
    };
    match session.call_keyed::<Ack>(request, &entry.key).await {
        Ok(response) => Attempt::Ended(OutboxEvent::Delivered {
            entry: public(entry),
            response,
        }),
        Err(e) if e.kind() == ErrorKind::SessionExpired => Attempt::NoSession,
        Err(e) if is_final(&e) => Attempt::Ended(rejected(entry, e)),
        Err(e) => Attempt::Failed(e),
    }
}

/// Whether an error is the platform's last word on the call: a 4xx other than 401
/// (sessions renew), 408, 409 `IDEMPOTENCY_KEY_IN_USE` (still being processed) and 429;
/// or an answer that was not understood.
fn is_final(e: &Error) -> bool {
    match e.kind() {
        ErrorKind::Http => match e.http_status() {
            Some(401 | 408 | 429) => false,
            Some(409) => e.api_code() != Some(&crate::ApiErrorCode::IdempotencyKeyInUse),
            Some(status) => (400..500).contains(&status),
            None => false,
        },
        ErrorKind::InvalidArgument | ErrorKind::Decode => true,
        _ => false,
    }
}

fn rejected(entry: &Entry, error: Error) -> OutboxEvent {
    OutboxEvent::Rejected {
        entry: public(entry),
        error,
    }
}

pub(super) fn public(entry: &Entry) -> OutboxEntry {
    OutboxEntry {
        id: entry.id,
        user_id: entry.player.clone(),
        call: entry.call.clone(),
        created_at_ms: entry.created_ms,
    }
}

impl OutboxState {
    /// The oldest entry of each player that may be sent now (up to `room`), after ending
    /// the expired ones; and when the next backoff ends.
    fn due_heads(&self, room: usize) -> (Vec<Entry>, Option<Instant>) {
        let now = Instant::now();
        let oldest_allowed = unix_ms() - self.config.max_age.as_millis() as i64;
        let mut inner = self.lock();
        let mut seen = std::collections::HashSet::new();
        let (mut heads, mut expired, mut next_due) = (Vec::new(), Vec::new(), None::<Instant>);
        for entry in inner.live.values() {
            if !seen.insert(entry.player.as_str()) {
                continue;
            }
            if entry.created_ms < oldest_allowed {
                expired.push(entry.clone());
                continue;
            }
            // Wake when the head expires, whatever else it waits for.
            let expires_in =
                Duration::from_millis((entry.created_ms - oldest_allowed).max(0) as u64);
            let expiry = now + expires_in;
            next_due = Some(next_due.map_or(expiry, |d| d.min(expiry)));
            if inner.in_flight.contains(&entry.player) || inner.waiting.contains(&entry.player) {
                continue;
            }
            if let Some((until, _)) = inner.backoff.get(&entry.player) {
                if *until > now {
                    next_due = Some(next_due.map_or(*until, |d| d.min(*until)));
                    continue;
                }
            }
            if heads.len() < room {
                heads.push(entry.clone());
            }
        }
        for entry in &heads {
            inner.in_flight.insert(entry.player.clone());
        }
        drop(inner);
        if !expired.is_empty() {
            // Their players' next entries may be due now.
            self.wake.notify_one();
        }
        for entry in expired {
            let event = OutboxEvent::Expired {
                entry: public(&entry),
            };
            self.end(&entry, event);
        }
        (heads, next_due)
    }

    fn session_of(&self, player: &str) -> Option<Session> {
        let inner = self.lock();
        let game = inner.sessions.get(player).and_then(WeakSession::upgrade);
        game.or_else(|| inner.created.get(player).cloned())
    }

    fn keep_created(&self, session: &Session) {
        self.lock()
            .created
            .insert(session.user_id().to_owned(), session.clone());
    }

    /// Records how a delivery attempt went.
    fn settle(&self, client: &Client, entry: Entry, attempt: Attempt) {
        match attempt {
            Attempt::Ended(event) => self.end(&entry, event),
            Attempt::Failed(error) => {
                let mut inner = self.lock();
                let failures = inner.backoff.get(&entry.player).map_or(0, |(_, n)| *n) + 1;
                let delay = backoff(client, failures, error.retry_after());
                inner
                    .backoff
                    .insert(entry.player.clone(), (Instant::now() + delay, failures));
                crate::log::emit(crate::LogLevel::Debug, || {
                    format!(
                        "outbox: entry {} not delivered ({error}); next try in {} ms",
                        entry.id,
                        delay.as_millis()
                    )
                });
            }
            Attempt::NoSession => {
                let mut inner = self.lock();
                inner.sessions.remove(&entry.player);
                inner.created.remove(&entry.player);
                let first = inner.waiting.insert(entry.player.clone());
                drop(inner);
                if first {
                    self.emit(OutboxEvent::WaitingForSession {
                        user_id: entry.player.clone(),
                    });
                }
            }
        }
        self.lock().in_flight.remove(&entry.player);
        self.wake.notify_one();
    }

    /// Ends an entry: recorded in the journal first, then reported.
    fn end(&self, entry: &Entry, event: OutboxEvent) {
        let mut inner = self.lock();
        if !inner.live.contains_key(&entry.id) {
            return; // discarded meanwhile
        }
        if let Err(e) = inner.record_end(entry.id) {
            // Sent again after a restart, under the same key: the platform applies it once.
            crate::log::emit(crate::LogLevel::Warn, || {
                format!(
                    "outbox: the end of entry {} was not recorded: {e}",
                    entry.id
                )
            });
            inner.live.remove(&entry.id);
        }
        inner.backoff.remove(&entry.player);
        // Reported before flush() returns for it: flush waits while `reporting` counts it.
        inner.reporting += 1;
        drop(inner);
        let _reported = Reported(self);
        self.emit(event);
    }
}

/// Ends the count of an event being reported, also if the game's handler panics.
struct Reported<'a>(&'a OutboxState);

impl Drop for Reported<'_> {
    fn drop(&mut self) {
        self.0.lock().reporting -= 1;
        self.0.ended.notify_all();
    }
}

/// The client's retry backoff (exponential from `base_delay` up to `max_delay`, half
/// jitter so that players spread out); a `Retry-After` wins.
fn backoff(client: &Client, failures: u32, retry_after: Option<Duration>) -> Duration {
    if let Some(after) = retry_after {
        return after;
    }
    let retry = &client.config().retry;
    let cap = retry.max_delay;
    let ceiling = retry
        .base_delay
        .saturating_mul(1u32 << failures.min(16))
        .min(cap);
    let ms = ceiling.as_millis().max(1) as u64;
    Duration::from_millis(rand::thread_rng().gen_range(ms / 2..=ms))
}
