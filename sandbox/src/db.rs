//! The SQLite database: one connection behind a mutex.
//!
//! Every write runs in a `BEGIN IMMEDIATE` transaction while the mutex is held, so
//! concurrent requests are serialised (N parallel joins to a tournament of size K give
//! exactly K successes). Statements go through rusqlite's prepared-statement cache; file
//! databases use WAL with `synchronous=NORMAL`. The lock is never held across an `.await`.

use std::path::Path;

use parking_lot::Mutex;
use rusqlite::{ffi, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

/// What an in-memory database may grow to unless told (`--memory-limit-mb`). SQLite's own
/// bound is 1 GiB, which about three million keyed writes fill (each keeps its stored
/// answer for 24 h, and the score ledger keeps every submission).
pub const DEFAULT_MEMORY_LIMIT_MB: u64 = 4096;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clients (
    client_id TEXT PRIMARY KEY, client_secret TEXT NOT NULL, name TEXT NOT NULL,
    created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS players (
    id TEXT PRIMARY KEY, client_id TEXT NOT NULL, user_id TEXT NOT NULL,
    session_id TEXT NOT NULL, session_started_at INTEGER NOT NULL, profile TEXT NOT NULL,
    wallet_address TEXT NOT NULL, indigg_id TEXT NOT NULL, indigg_wallet_address TEXT NOT NULL,
    linked_phone TEXT, kgen_id TEXT, kgen_wallet_address TEXT,
    earned INTEGER NOT NULL DEFAULT 0, bought INTEGER NOT NULL DEFAULT 0,
    bonus INTEGER NOT NULL DEFAULT 0, withdrawn INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS players_linked_phone ON players(linked_phone)
    WHERE linked_phone IS NOT NULL;
CREATE TABLE IF NOT EXISTS tournaments (
    uid TEXT PRIMARY KEY, game_uid TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,
    buy_in_price INTEGER NOT NULL, tournament_size INTEGER NOT NULL,
    schedules_at INTEGER NOT NULL, lobby_at INTEGER NOT NULL, starts_at INTEGER NOT NULL,
    locks_at INTEGER NOT NULL, ends_at INTEGER NOT NULL, settled INTEGER NOT NULL DEFAULT 0,
    participants_count INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS tournaments_game ON tournaments(game_uid, starts_at);
CREATE INDEX IF NOT EXISTS tournaments_due ON tournaments(settled, ends_at);
CREATE TABLE IF NOT EXISTS participations (
    tournament_uid TEXT NOT NULL, player_id TEXT NOT NULL,
    paid_bonus INTEGER NOT NULL, paid_bought INTEGER NOT NULL, paid_earned INTEGER NOT NULL,
    score INTEGER, scored_at INTEGER, final_rank INTEGER, joined_at INTEGER NOT NULL,
    PRIMARY KEY (tournament_uid, player_id));
CREATE INDEX IF NOT EXISTS participations_player ON participations(player_id, joined_at);
CREATE INDEX IF NOT EXISTS participations_rank
    ON participations(tournament_uid, score DESC, scored_at, joined_at) WHERE score IS NOT NULL;
CREATE TABLE IF NOT EXISTS score_submissions (
    id INTEGER PRIMARY KEY, tournament_uid TEXT NOT NULL, player_id TEXT NOT NULL,
    score INTEGER NOT NULL, submitted_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS score_submissions_tournament ON score_submissions(tournament_uid, id);
CREATE TABLE IF NOT EXISTS rewards (
    tournament_uid TEXT NOT NULL, player_id TEXT NOT NULL, rank INTEGER NOT NULL,
    reward INTEGER NOT NULL, claim_status TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    PRIMARY KEY (tournament_uid, player_id));
CREATE INDEX IF NOT EXISTS rewards_player ON rewards(player_id, created_at);
CREATE TABLE IF NOT EXISTS transactions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE, player_id TEXT NOT NULL,
    kind TEXT NOT NULL, amount INTEGER NOT NULL, from_wallet TEXT NOT NULL,
    to_wallet TEXT NOT NULL, tournament_uid TEXT, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS transactions_player ON transactions(player_id, seq);
CREATE TABLE IF NOT EXISTS otps (
    id INTEGER PRIMARY KEY AUTOINCREMENT, player_id TEXT NOT NULL, phone TEXT NOT NULL,
    auth_code TEXT NOT NULL, otp TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    used INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS otps_phone ON otps(phone, created_at);
CREATE TABLE IF NOT EXISTS analytics_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, player_id TEXT NOT NULL, event_id TEXT NOT NULL,
    payload TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS v3_users (
    user_id INTEGER PRIMARY KEY AUTOINCREMENT, user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL, email TEXT NOT NULL, two_factor INTEGER NOT NULL,
    api_key TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS v3_sessions (
    token TEXT PRIMARY KEY, user_id INTEGER NOT NULL, state TEXT NOT NULL, otp TEXT,
    otp_expires_at INTEGER NOT NULL DEFAULT 0, otp_attempts INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS v3_login_failures (
    user_name TEXT NOT NULL COLLATE NOCASE, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS v3_login_failures_name ON v3_login_failures(user_name, at);
-- The key table's earlier layout: a database file from before starts without its keys
-- (each is kept 24 h anyway).
DROP TABLE IF EXISTS idempotency;
CREATE TABLE IF NOT EXISTS idempotency_keys (
    id BLOB NOT NULL UNIQUE, fingerprint BLOB NOT NULL, state TEXT NOT NULL,
    status INTEGER, headers TEXT, body BLOB, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys(created_at);
"#;

/// Tables wiped by a reset (all of them).
const TABLES: &[&str] = &[
    "meta",
    "clients",
    "players",
    "tournaments",
    "participations",
    "rewards",
    "transactions",
    "otps",
    "analytics_events",
    "v3_users",
    "v3_sessions",
    "v3_login_failures",
    "idempotency_keys",
];

pub struct Db {
    conn: Mutex<Connection>,
}

impl Db {
    /// Opens (and creates) the database: a file in WAL mode, or a private in-memory one
    /// that may grow to `memory_limit_mb` MiB (beyond it, writes fail with SQLite's
    /// "database or disk is full").
    pub fn open(path: Option<&Path>, memory_limit_mb: u64) -> rusqlite::Result<Db> {
        let conn = match path {
            Some(path) => {
                let conn = Connection::open(path)?;
                conn.pragma_update(None, "journal_mode", "WAL")?;
                conn.pragma_update(None, "synchronous", "NORMAL")?;
                conn
            }
            // Not `:memory:`: there the page cache is the storage, and SQLite's end of
            // every transaction walks it, so writes slowed down as the tables grew (a
            // million idempotency keys cost half the write throughput). The memdb VFS
            // keeps the database in memory behind an ordinary bounded cache. The name has
            // no leading '/', so the database is private to this connection.
            None => {
                let conn = Connection::open_with_flags(
                    "file:kgen-sandbox?vfs=memdb",
                    OpenFlags::SQLITE_OPEN_READ_WRITE
                        | OpenFlags::SQLITE_OPEN_CREATE
                        | OpenFlags::SQLITE_OPEN_URI
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                set_memory_limit(&conn, memory_limit_mb)?;
                conn
            }
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(128);
        conn.execute_batch(SCHEMA)?;
        Ok(Db {
            conn: Mutex::new(conn),
        })
    }

    /// Runs `f` without a transaction (single reads).
    pub fn read<T, E: From<rusqlite::Error>>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        f(&self.conn.lock())
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction: committed when `f` returns `Ok`,
    /// rolled back when it returns `Err` (or panics).
    pub fn write<T, E: From<rusqlite::Error>>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.conn.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// Bounds the memdb database at `mb` MiB.
fn set_memory_limit(conn: &Connection, mb: u64) -> rusqlite::Result<()> {
    memory_limit(
        conn,
        i64::try_from(mb.saturating_mul(1 << 20)).unwrap_or(i64::MAX),
    )?;
    Ok(())
}

/// SQLITE_FCNTL_SIZE_LIMIT on a memdb database: sets the limit to `bytes` (or to the
/// current size, if larger) and returns the limit in force; a negative `bytes` only asks.
fn memory_limit(conn: &Connection, bytes: i64) -> rusqlite::Result<i64> {
    let mut limit = bytes;
    // SAFETY: the connection is open for the whole call, and SQLITE_FCNTL_SIZE_LIMIT
    // reads and writes only the one i64 it is pointed at.
    let rc = unsafe {
        ffi::sqlite3_file_control(
            conn.handle(),
            c"main".as_ptr(),
            ffi::SQLITE_FCNTL_SIZE_LIMIT,
            (&raw mut limit).cast(),
        )
    };
    if rc == ffi::SQLITE_OK {
        Ok(limit)
    } else {
        Err(rusqlite::Error::SqliteFailure(
            ffi::Error::new(rc),
            Some("cannot set the in-memory database's size limit".into()),
        ))
    }
}

/// Deletes every row of every table.
pub fn wipe(conn: &Connection) -> rusqlite::Result<()> {
    for table in TABLES {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    Ok(())
}

pub fn get_meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()
}

pub fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::ApiError;

    /// Writes 4 KiB rows until one fails (or `most` rows): how many fit, and the failure.
    fn fill(db: &Db, most: usize) -> (usize, Option<rusqlite::Error>) {
        let row = "x".repeat(4096);
        for i in 0..most {
            let insert = |c: &Connection| {
                c.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                    (format!("k{i}"), &row),
                )
            };
            if let Err(e) = db.write(insert) {
                return (i, Some(e));
            }
        }
        (most, None)
    }

    #[test]
    fn an_in_memory_database_grows_to_its_limit_then_refuses_writes_with_a_clear_error() {
        let (rows, error) = fill(&Db::open(None, 1).unwrap(), 10_000);
        let error = error.expect("a 1 MiB database is full before 40 MiB of rows");
        assert_eq!(
            error.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DiskFull)
        );
        assert!((100..256).contains(&rows), "{rows} rows of 4 KiB in 1 MiB");
        let answer = ApiError::from(error);
        assert_eq!(answer.status, 500);
        assert!(
            answer.message.contains("--memory-limit-mb"),
            "{}",
            answer.message
        );

        // Four times the room holds about four times the rows.
        let (bigger, error) = fill(&Db::open(None, 4).unwrap(), 10_000);
        assert!(
            error.is_some() && bigger > 3 * rows,
            "{bigger} rows in 4 MiB, {rows} in 1"
        );
    }

    #[test]
    fn the_default_limit_is_beyond_sqlites_own_gigabyte() {
        let db = Db::open(None, DEFAULT_MEMORY_LIMIT_MB).unwrap();
        assert_eq!(db.read(|c| memory_limit(c, -1)).unwrap(), 4096 << 20);
    }
}
