//! The server's shared state: database, clock, settings, signing key, faults, counters.

use std::sync::Arc;

use axum::http::HeaderMap;
use parking_lot::RwLock;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::console::Feed;
use crate::counters::Counters;
use crate::db::{self, Db};
use crate::errors::ApiError;
use crate::faults::Faults;
use crate::jwt::{self, Claims};
use crate::store::clients;
use crate::{demo, ids, Error, Options};

/// Settings the admin API can change at run time; persisted with the data.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Settings {
    pub min_withdraw: i64,
    pub token_ttl_secs: u64,
    pub otp_ttl_secs: u64,
}

pub const DEFAULT_MIN_WITHDRAW: i64 = 20;
pub const DEFAULT_OTP_TTL_SECS: u64 = 300;

/// What the command line fixed for the life of the process.
#[derive(Debug, Clone)]
pub struct Config {
    pub admin_key: String,
    pub client_id: String,
    pub client_secret: String,
    pub token_ttl_secs: u64,
    pub quiet: bool,
    pub strict: bool,
}

pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub faults: Faults,
    pub counters: Counters,
    /// The request log the console shows live.
    pub feed: Feed,
    pub config: Config,
    /// When expired idempotency keys were last deleted (sandbox clock, ns).
    pub idempotency_purged_at: std::sync::atomic::AtomicI64,
    settings: RwLock<Settings>,
    jwt_secret: RwLock<Arc<[u8]>>,
}

pub type Shared = Arc<AppState>;

const META_SECRET: &str = "jwt_secret";
const META_CLOCK: &str = "clock_offset_secs";
const META_SETTINGS: &str = "settings";
const META_DEMO: &str = "demo_seeded";

impl AppState {
    pub fn open(opts: &Options) -> Result<Shared, Error> {
        let db = Db::open(opts.db.as_deref(), opts.memory_limit_mb)?;
        let config = Config {
            admin_key: opts.admin_key.clone(),
            client_id: opts.client_id.clone(),
            client_secret: opts.client_secret.clone(),
            token_ttl_secs: opts.token_ttl_secs,
            quiet: opts.quiet,
            strict: opts.strict,
        };
        let state = Arc::new(AppState {
            db,
            clock: Clock::default(),
            faults: Faults::default(),
            counters: Counters::default(),
            feed: Feed::default(),
            idempotency_purged_at: std::sync::atomic::AtomicI64::new(0),
            settings: RwLock::new(config.default_settings()),
            jwt_secret: RwLock::new(Arc::from(Vec::new())),
            config,
        });
        state
            .db
            .write(|conn| state.initialise(conn, opts.demo))
            .map_err(|e| Error::Setup(e.message))?;
        Ok(state)
    }

    /// Loads (or creates) the persisted state, registers the command line's client and
    /// seeds the demo data once per database.
    fn initialise(&self, conn: &Connection, demo: bool) -> Result<(), ApiError> {
        let secret = match db::get_meta(conn, META_SECRET)? {
            Some(secret) => secret,
            None => {
                let secret = ids::token(64);
                db::set_meta(conn, META_SECRET, &secret)?;
                secret
            }
        };
        *self.jwt_secret.write() = Arc::from(secret.into_bytes());
        let offset = db::get_meta(conn, META_CLOCK)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        self.clock.set_offset_secs(offset);
        let mut settings: Settings = db::get_meta(conn, META_SETTINGS)?
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_else(|| self.config.default_settings());
        settings.token_ttl_secs = self.config.token_ttl_secs;
        self.save_settings(conn, settings)?;
        let now = self.clock.now_ns();
        clients::register(
            conn,
            &self.config.client_id,
            &self.config.client_secret,
            None,
            now,
        )?;
        if demo && db::get_meta(conn, META_DEMO)?.is_none() {
            demo::seed(conn, &self.config.client_id, now)?;
            db::set_meta(conn, META_DEMO, "1")?;
        }
        // Requests in flight when the process stopped will never finish.
        conn.execute("DELETE FROM idempotency_keys WHERE state = 'pending'", [])?;
        Ok(())
    }

    /// Wipes every table, fault and counter, as if freshly started (demo data if asked).
    pub fn reset(&self, demo: bool) -> Result<(), ApiError> {
        self.db.write(|conn| {
            db::wipe(conn)?;
            self.initialise(conn, demo)
        })?;
        self.faults.clear();
        self.counters.clear();
        Ok(())
    }

    pub fn settings(&self) -> Settings {
        self.settings.read().clone()
    }

    pub fn save_settings(&self, conn: &Connection, settings: Settings) -> Result<(), ApiError> {
        db::set_meta(
            conn,
            META_SETTINGS,
            &serde_json::to_string(&settings).unwrap_or_default(),
        )?;
        *self.settings.write() = settings;
        Ok(())
    }

    pub fn set_clock_offset(&self, conn: &Connection, secs: i64) -> Result<(), ApiError> {
        db::set_meta(conn, META_CLOCK, &secs.to_string())?;
        self.clock.set_offset_secs(secs);
        Ok(())
    }

    pub fn sign(&self, claims: &Claims) -> String {
        jwt::sign(&self.jwt_secret.read(), claims)
    }

    /// The verified access-token claims of a `/fe` request (`user-jwt-token`; a `Bearer `
    /// prefix is tolerated).
    pub fn player_claims(&self, headers: &HeaderMap) -> Option<Claims> {
        // The raw token: the documented header carries no "Bearer " scheme.
        let token = headers.get("user-jwt-token")?.to_str().ok()?.trim();
        let secret = self.jwt_secret.read().clone();
        jwt::verify(&secret, token, self.clock.now_secs())
    }
}

impl Config {
    fn default_settings(&self) -> Settings {
        Settings {
            min_withdraw: DEFAULT_MIN_WITHDRAW,
            token_ttl_secs: self.token_ttl_secs,
            otp_ttl_secs: DEFAULT_OTP_TTL_SECS,
        }
    }
}
