//! kgen-sandbox: a local, persistent emulator of the KGeN platform APIs.
//!
//! It serves both API families of the SDK — the KGeN ESports Protocol (`/s2s`, `/fe`) and
//! the i3D.net API v3 account sessions (`/v3/session`) — plus an admin API (`/sandbox`)
//! to seed data, move the clock and inject faults. State lives in SQLite (in memory, or a
//! file with `--db`). See the crate's README for every behaviour it chooses.
//!
//! In-process use (tests):
//! ```no_run
//! # async fn demo() -> Result<(), kgen_sandbox::Error> {
//! let sandbox = kgen_sandbox::Sandbox::start(kgen_sandbox::Options { demo: true, ..Default::default() }).await?;
//! println!("{}", sandbox.base_url());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod clock;
mod console;
mod counters;
mod db;
mod demo;
mod errors;
mod extract;
mod faults;
mod idempotency;
mod ids;
mod jwt;
mod log;
mod password;
mod pipeline;
mod routes;
mod server;
mod state;
mod store;

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use tokio::net::TcpListener;
use tokio::sync::watch;

pub use db::DEFAULT_MEMORY_LIMIT_MB;
pub use demo::{COMPLETED_UID, LIVE_UID, LOBBY_UID, SCHEDULED_UID, V3_PASSWORD};
pub use extract::BODY_LIMIT;

/// How to run the sandbox (the command line's flags).
#[derive(Debug, Clone)]
pub struct Options {
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    /// SQLite file; `None` keeps everything in memory.
    pub db: Option<PathBuf>,
    /// MiB the in-memory database may grow to (ignored with `db`); writes beyond it fail
    /// with 500 `INTERNAL_ERROR`.
    pub memory_limit_mb: u64,
    pub admin_key: String,
    pub token_ttl_secs: u64,
    /// Seed demo tournaments and `/v3` users (once per database).
    pub demo: bool,
    /// s2s credentials that are always registered.
    pub client_id: String,
    pub client_secret: String,
    /// No request log lines on stderr.
    pub quiet: bool,
    /// Accept only the request forms the published docs show, where the real backend is
    /// strict and the sandbox could be lenient (OTP verify's `authCode` and `otp` as JSON
    /// integers; `/v3` login's `rememberMe` as 0 or 1 and the 2FA `otp` as a string). On
    /// by default, so an SDK that drifts from the docs fails here first.
    pub strict: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            host: "127.0.0.1".into(),
            port: 0,
            db: None,
            memory_limit_mb: db::DEFAULT_MEMORY_LIMIT_MB,
            admin_key: "sandbox-admin".into(),
            token_ttl_secs: 86_400,
            demo: false,
            client_id: "demo-client".into(),
            client_secret: "demo-secret".into(),
            quiet: true,
            strict: true,
        }
    }
}

#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    Database(rusqlite::Error),
    Setup(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "I/O error: {e}"),
            Error::Database(e) => write!(f, "database error: {e}"),
            Error::Setup(e) => write!(f, "setup failed: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Database(e)
    }
}

/// A running sandbox. Dropping it stops the server.
pub struct Sandbox {
    addr: SocketAddr,
    admin_key: String,
    shutdown: watch::Sender<bool>,
    server: Option<tokio::task::JoinHandle<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sandbox {
    /// Opens the database, binds and serves on the current tokio runtime.
    pub async fn start(opts: Options) -> Result<Sandbox, Error> {
        let state = state::AppState::open(&opts)?;
        let listener = TcpListener::bind((opts.host.as_str(), opts.port)).await?;
        let addr = listener.local_addr()?;
        let (shutdown, stop) = watch::channel(false);
        let router = routes::router(state.clone()).merge(console::router(state.clone(), addr));
        let server = tokio::spawn(server::serve(listener, state, router, stop));
        Ok(Sandbox {
            addr,
            admin_key: opts.admin_key,
            shutdown,
            server: Some(server),
            thread: None,
        })
    }

    /// Like [`Sandbox::start`], on a runtime of its own on a thread of its own (for
    /// callers without a tokio runtime).
    pub fn start_background(opts: Options) -> Result<Sandbox, Error> {
        let (ready, started) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("kgen-sandbox".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(e) => return drop(ready.send(Err(Error::Io(e)))),
                };
                runtime.block_on(async move {
                    match Sandbox::start(opts).await {
                        Ok(mut sandbox) => {
                            let server = sandbox.server.take();
                            let _ = ready.send(Ok(sandbox));
                            if let Some(server) = server {
                                let _ = server.await;
                            }
                        }
                        Err(e) => drop(ready.send(Err(e))),
                    }
                });
            })?;
        let mut sandbox = started
            .recv()
            .map_err(|_| Error::Setup("the sandbox thread stopped".into()))??;
        sandbox.thread = Some(thread);
        Ok(sandbox)
    }

    /// `http://HOST:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The web console: `http://HOST:PORT/console/`.
    pub fn console_url(&self) -> String {
        format!("{}{}", self.base_url(), console::PREFIX)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn admin_key(&self) -> &str {
        &self.admin_key
    }

    /// Stops accepting, closes every connection and waits until the server has stopped.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        log::flush();
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// `(method, path)` of every route the sandbox serves (used to check `openapi.yaml`).
pub fn route_list() -> Vec<(String, &'static str)> {
    routes::route_list()
        .into_iter()
        .map(|(method, path)| (method.to_string(), path))
        .collect()
}
