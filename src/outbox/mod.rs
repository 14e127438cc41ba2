//! The outbox: writes that must not be lost — a score the player earned — kept on disk
//! until the platform has them, across offline periods, killed apps and crashed servers.
//!
//! Opt-in per client ([`crate::Config::outbox`]). [`Outbox::enqueue`] writes the call,
//! with its `Idempotency-Key`, its player and the time it was made, durably to the
//! outbox's journal *before* it returns; from then on the outbox delivers it in the
//! background, in order per player, with the client's retry policy and backoff between
//! attempts, for as long as it takes — or until it outlives
//! [`OutboxConfig::max_age`]. Each entry ends exactly once, reported as an
//! [`OutboxEvent`]: delivered, rejected with the API's error (e.g.
//! `TOURNAMENT_IS_NOT_LIVE`: too late), or expired.
//!
//! A call may reach the platform more than once — after a lost answer, or after a crash
//! between the platform applying it and the journal recording its end — always with the
//! same `Idempotency-Key`, so a server that honours the key applies it once. That the key
//! is honoured, and for how long, is *sandbox-defined*: the sandbox keeps keys for 24
//! hours; the platform's published docs do not mention the header. Keys must be kept at
//! least as long as `max_age`.
//!
//! Sessions: a server-flow client (with client credentials) creates the sessions it needs
//! to deliver; a client-flow client delivers a player's entries once the game has
//! restored a session of that player (after a restart: [`crate::Client::restore_session`]),
//! and reports [`OutboxEvent::WaitingForSession`] once meanwhile instead of retrying.

mod delivery;
mod journal;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::auth::WeakSession;
use crate::transport::HttpRequest;
use crate::{Ack, Client, Error, ErrorKind, Response, Session};
use journal::Journal;

/// Where and how much a client's outbox keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxConfig {
    /// The outbox's directory (created if missing). One client of one process owns it at
    /// a time; a second one gets [`ErrorKind::OutboxLocked`].
    pub path: PathBuf,
    /// Entries kept at most; [`Outbox::enqueue`] beyond it fails with
    /// [`ErrorKind::OutboxFull`] (nothing is ever dropped to make room). Default 10,000.
    pub max_entries: usize,
    /// An entry not delivered within this long after it was made ends as
    /// [`OutboxEvent::Expired`]. Default 24 hours.
    pub max_age: Duration,
}

impl OutboxConfig {
    pub fn new(path: impl Into<PathBuf>) -> OutboxConfig {
        OutboxConfig {
            path: path.into(),
            max_entries: 10_000,
            max_age: Duration::from_secs(24 * 3600),
        }
    }
}

/// A write the outbox can deliver later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum OutboxCall {
    SubmitScore {
        tournament_uid: String,
        score: i64,
    },
    JoinTournament {
        tournament_uid: String,
        joining_stake: i64,
    },
    LeaveTournament {
        tournament_uid: String,
    },
    Withdraw,
    ClaimRewards,
}

impl OutboxCall {
    /// The request it sends (also checks its arguments, before anything is stored).
    pub(crate) fn request(&self) -> Result<HttpRequest, Error> {
        use crate::api::{rewards, tournaments, wallet};
        match self {
            OutboxCall::SubmitScore {
                tournament_uid,
                score,
            } => tournaments::score_request(tournament_uid, *score),
            OutboxCall::JoinTournament {
                tournament_uid,
                joining_stake,
            } => tournaments::join_request(tournament_uid, *joining_stake),
            OutboxCall::LeaveTournament { tournament_uid } => {
                tournaments::leave_request(tournament_uid)
            }
            OutboxCall::Withdraw => Ok(wallet::withdraw_request()),
            OutboxCall::ClaimRewards => Ok(rewards::claim_request()),
        }
    }
}

/// One queued call, as kept in the journal.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub id: u64,
    pub player: String,
    pub call: OutboxCall,
    pub key: String,
    pub created_ms: i64,
}

/// A journal record.
#[derive(Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub(crate) enum Record {
    Add(Entry),
    End { id: u64 },
}

/// An entry as events report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxEntry {
    /// Unique within the outbox, across restarts; [`Outbox::enqueue`] returned it.
    pub id: u64,
    pub user_id: String,
    pub call: OutboxCall,
    /// When the call was made (Unix milliseconds, this device's clock).
    pub created_at_ms: i64,
}

/// What the outbox reports, each once.
#[derive(Debug)]
pub enum OutboxEvent {
    /// The platform accepted the call.
    Delivered {
        entry: OutboxEntry,
        response: Response<Ack>,
    },
    /// The platform refused it for good (a 4xx other than 401, 408, 409 in-use and 429).
    Rejected { entry: OutboxEntry, error: Error },
    /// It outlived [`OutboxConfig::max_age`] undelivered.
    Expired { entry: OutboxEntry },
    /// Client flow: the player's entries wait until the game restores a session of that
    /// player (reported once until then).
    WaitingForSession { user_id: String },
    /// The journal did not read back whole: what could be read is kept, the damaged file
    /// was set aside, and the entries in the unreadable part are lost (the message says
    /// where and how many bytes). An [`ErrorKind::OutboxStorage`] error.
    Damaged { error: Error },
}

/// Receives the outbox's events, on the thread that delivers them.
pub type OutboxHandler = Arc<dyn Fn(OutboxEvent) + Send + Sync>;

/// Pending entries, for a status line or a "syncing" badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutboxStatus {
    pub pending: usize,
    /// How long the oldest pending entry has waited (`None` when nothing is pending).
    pub oldest_age: Option<Duration>,
}

/// A client's outbox (see the module docs): [`crate::Client::outbox`].
#[derive(Clone)]
pub struct Outbox {
    client: Client,
    state: Arc<OutboxState>,
}

pub(crate) struct OutboxState {
    config: OutboxConfig,
    inner: Mutex<Inner>,
    /// Signalled whenever entries end (for `flush`).
    ended: Condvar,
    /// New work for the delivery loop: an entry, a session, a wake-up.
    wake: tokio::sync::Notify,
    handler: RwLock<Option<OutboxHandler>>,
    running: AtomicBool,
}

struct Inner {
    journal: Journal,
    live: BTreeMap<u64, Entry>,
    next_id: u64,
    /// The game's sessions to deliver with, by player: held weakly (a session holds
    /// its client, which holds the outbox), so they serve while the game keeps them.
    sessions: HashMap<String, WeakSession>,
    /// Sessions the delivery loop created (server flow); dropped when it stops.
    created: HashMap<String, Session>,
    /// Players told to be waiting for a session (client flow).
    waiting: HashSet<String>,
    /// Players whose head entry is being delivered.
    in_flight: HashSet<String>,
    /// Players backing off after a failed delivery: until when, and how many failures.
    backoff: HashMap<String, (Instant, u32)>,
    /// Found when opening; reported when delivery starts.
    reports: Vec<OutboxEvent>,
    /// Entries ended whose event is being reported: `flush` waits for them too.
    reporting: usize,
}

impl Inner {
    /// Ends a live entry in the journal, then compacts it when ended records dominate.
    fn record_end(&mut self, id: u64) -> Result<(), Error> {
        self.journal.append(&Record::End { id })?;
        self.live.remove(&id);
        self.journal.compact_if_due(self.live.values())
    }
}

impl OutboxState {
    pub(crate) fn open(config: &OutboxConfig) -> Result<Arc<OutboxState>, Error> {
        if config.max_entries == 0 || config.max_age.is_zero() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "the outbox needs max_entries and max_age above 0",
            ));
        }
        let (journal, live, recovery) = Journal::open(&config.path)?;
        let mut reports = Vec::new();
        if let Some((kept, bytes)) = recovery.damaged {
            reports.push(OutboxEvent::Damaged {
                error: Error::new(
                    ErrorKind::OutboxStorage,
                    format!(
                        "the outbox journal was damaged: {bytes} bytes could not be read and \
                         the entries in them are lost; the damaged file is kept as {}",
                        kept.display()
                    ),
                ),
            });
        }
        if recovery.torn_bytes > 0 {
            crate::log::emit(crate::LogLevel::Info, || {
                format!(
                    "outbox: cut an unfinished last record ({} bytes, never acknowledged)",
                    recovery.torn_bytes
                )
            });
        }
        let next_id = live.keys().next_back().map_or(1, |id| id + 1);
        Ok(Arc::new(OutboxState {
            config: config.clone(),
            inner: Mutex::new(Inner {
                journal,
                live,
                next_id,
                sessions: HashMap::new(),
                created: HashMap::new(),
                waiting: HashSet::new(),
                in_flight: HashSet::new(),
                backoff: HashMap::new(),
                reports,
                reporting: 0,
            }),
            ended: Condvar::new(),
            wake: tokio::sync::Notify::new(),
            handler: RwLock::new(None),
            running: AtomicBool::new(false),
        }))
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A session of a player with pending entries became available (created or restored).
    pub(crate) fn offer_session(&self, session: &Session) {
        let mut inner = self.lock();
        let player = session.user_id();
        if inner.live.values().any(|e| e.player == player) {
            inner
                .sessions
                .insert(player.to_owned(), session.downgrade());
            inner.waiting.remove(player);
            drop(inner);
            self.wake.notify_one();
        }
    }

    fn emit(&self, event: OutboxEvent) {
        let handler = self
            .handler
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        match handler {
            Some(handler) => handler(event),
            None => crate::log::emit(crate::LogLevel::Info, || {
                format!("outbox: {event:?} (no outbox handler)")
            }),
        }
    }
}

impl Outbox {
    pub(crate) fn new(client: Client, state: Arc<OutboxState>) -> Outbox {
        Outbox { client, state }
    }

    /// Queues `call` for `session`'s player and returns its entry id once the entry is on
    /// stable storage (this waits for the disk: a few milliseconds). Nothing is sent
    /// here; the delivery loop ([`Outbox::deliver`]) sends it.
    ///
    /// Fails with `InvalidArgument` for arguments the call itself would refuse,
    /// [`ErrorKind::OutboxFull`] at [`OutboxConfig::max_entries`], and
    /// [`ErrorKind::OutboxStorage`] when the journal cannot be written (nothing queued).
    pub fn enqueue(&self, session: &Session, call: OutboxCall) -> Result<u64, Error> {
        call.request()?;
        let state = &self.state;
        let mut inner = state.lock();
        if inner.live.len() >= state.config.max_entries {
            return Err(Error::new(
                ErrorKind::OutboxFull,
                format!(
                    "the outbox holds {} entries, its limit (max_entries)",
                    inner.live.len()
                ),
            ));
        }
        let entry = Entry {
            id: inner.next_id,
            player: session.user_id().to_owned(),
            call,
            key: uuid::Uuid::new_v4().to_string(),
            created_ms: unix_ms(),
        };
        inner.journal.append(&Record::Add(entry.clone()))?;
        inner.next_id += 1;
        inner.waiting.remove(&entry.player);
        inner
            .sessions
            .insert(entry.player.clone(), session.downgrade());
        let id = entry.id;
        inner.live.insert(id, entry);
        drop(inner);
        state.wake.notify_one();
        Ok(id)
    }

    /// Entries pending and the oldest one's age.
    pub fn status(&self) -> OutboxStatus {
        let inner = self.state.lock();
        OutboxStatus {
            pending: inner.live.len(),
            oldest_age: inner
                .live
                .values()
                .map(|e| e.created_ms)
                .min()
                .map(|created| {
                    Duration::from_millis(unix_ms().saturating_sub(created).max(0) as u64)
                }),
        }
    }

    /// Blocks the calling thread until nothing is pending or `timeout` passed; true when
    /// the outbox is empty. (Entries waiting for a session wait on.) Not from an async task.
    pub fn flush(&self, timeout: Duration) -> bool {
        let inner = self.state.lock();
        let (inner, _) = self
            .state
            .ended
            .wait_timeout_while(inner, timeout, |i| !i.live.is_empty() || i.reporting > 0)
            .unwrap_or_else(|e| e.into_inner());
        inner.live.is_empty() && inner.reporting == 0
    }

    /// Drops every pending entry of `user_id` (e.g. the account was deleted) without
    /// sending them or reporting them; returns how many. An entry being delivered right
    /// now may still arrive.
    pub fn discard_player(&self, user_id: &str) -> Result<usize, Error> {
        let mut inner = self.state.lock();
        let ids: Vec<u64> = inner
            .live
            .values()
            .filter(|e| e.player == user_id)
            .map(|e| e.id)
            .collect();
        for id in &ids {
            inner.record_end(*id)?;
        }
        inner.sessions.remove(user_id);
        inner.created.remove(user_id);
        inner.waiting.remove(user_id);
        inner.backoff.remove(user_id);
        drop(inner);
        self.state.ended.notify_all();
        Ok(ids.len())
    }

    /// Installs (or removes) the event handler. Set it before starting [`Outbox::deliver`]:
    /// events found when the outbox was opened are reported when delivery starts.
    pub fn set_event_handler(&self, handler: Option<OutboxHandler>) {
        *self
            .state
            .handler
            .write()
            .unwrap_or_else(|e| e.into_inner()) = handler;
    }

    /// The delivery loop: spawn it once on your runtime (the C ABI does so itself). It
    /// runs until the future is dropped; a second one running at once returns at once.
    pub async fn deliver(self) {
        if self.state.running.swap(true, Ordering::AcqRel) {
            return;
        }
        let _running = RunningFlag(&self.state);
        delivery::run(self.client.clone(), self.state.clone()).await;
    }
}

struct RunningFlag<'a>(&'a OutboxState);

impl Drop for RunningFlag<'_> {
    fn drop(&mut self) {
        // The sessions it created hold the client: let it go.
        self.0.lock().created.clear();
        self.0.running.store(false, Ordering::Release);
    }
}

pub(crate) fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
