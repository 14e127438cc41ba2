//! `kgen-sandbox`: runs the local KGeN platform emulator.

use std::io::Write;
use std::path::PathBuf;

use clap::Parser;
use kgen_sandbox::{Options, Sandbox};

/// A local, persistent emulator of the KGeN platform APIs (and i3D.net's /v3 sessions).
#[derive(Parser)]
#[command(name = "kgen-sandbox", version)]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// SQLite file that keeps the state across restarts (default: in memory).
    #[arg(long)]
    db: Option<PathBuf>,
    /// MiB the in-memory database may grow to; writes beyond it fail (500). About 3,000
    /// keyed writes fill 1 MiB while their keys are kept (24 h).
    #[arg(long, default_value_t = kgen_sandbox::DEFAULT_MEMORY_LIMIT_MB,
          value_parser = clap::value_parser!(u64).range(1..))]
    memory_limit_mb: u64,
    /// Seed demo tournaments and /v3 users.
    #[arg(long)]
    demo: bool,
    /// Key of the admin API (header x-admin-key).
    #[arg(long, default_value = "sandbox-admin")]
    admin_key: String,
    /// Lifetime of issued access tokens, in seconds.
    #[arg(long = "token-ttl", default_value_t = 86_400)]
    token_ttl: u64,
    /// s2s client id that is always registered.
    #[arg(long, default_value = "demo-client")]
    client_id: String,
    /// s2s client secret of --client-id.
    #[arg(long, default_value = "demo-secret")]
    client_secret: String,
    /// No request log on stderr.
    #[arg(long)]
    quiet: bool,
    /// Also accept request forms the published docs do not show (OTP verify codes as
    /// strings, `/v3` `rememberMe` as a boolean and its 2FA code as a number); by default
    /// only the documented forms are accepted.
    #[arg(long)]
    lenient: bool,
    /// Threads serving requests (default: one per core). Every request goes through the
    /// one SQLite connection, so under many concurrent writes a second thread mostly
    /// hands its lock back and forth: `--workers 1` serves them with less CPU.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    workers: Option<u16>,
}

const DEFAULTS_NOTE: &str = "(the default)";

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(workers) = cli.workers {
        builder.worker_threads(usize::from(workers));
    }
    let runtime = match builder.enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("kgen-sandbox: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(cli))
}

async fn run(cli: Cli) -> std::process::ExitCode {
    let default_secret = cli.client_secret == Options::default().client_secret;
    let default_admin_key = cli.admin_key == Options::default().admin_key;
    let opts = Options {
        host: cli.host,
        port: cli.port,
        db: cli.db,
        memory_limit_mb: cli.memory_limit_mb,
        admin_key: cli.admin_key,
        token_ttl_secs: cli.token_ttl,
        demo: cli.demo,
        client_id: cli.client_id,
        client_secret: cli.client_secret,
        quiet: cli.quiet,
        strict: !cli.lenient,
    };
    let sandbox = match Sandbox::start(opts.clone()).await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("kgen-sandbox: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let stop = stop_signal();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "listening on {}", sandbox.base_url());
    // Second line, also kept stable: where to open the console.
    let _ = writeln!(out, "console: {}", sandbox.console_url());
    // Custom secrets were typed by the user and are not echoed.
    let secret = if default_secret {
        opts.client_secret.as_str()
    } else {
        "(as given by --client-secret)"
    };
    let _ = writeln!(
        out,
        "s2s credentials: x-client-id: {}  x-client-secret: {secret}",
        opts.client_id
    );
    let admin = if default_admin_key {
        format!("{} {DEFAULTS_NOTE}", opts.admin_key)
    } else {
        "(as given by --admin-key)".into()
    };
    let _ = writeln!(out, "admin API: header x-admin-key: {admin}");
    if opts.demo {
        let _ = writeln!(
            out,
            "demo: live tournament {}, lobby {}, /v3 users demo and demo2fa (password {})",
            kgen_sandbox::LIVE_UID,
            kgen_sandbox::LOBBY_UID,
            kgen_sandbox::V3_PASSWORD
        );
    }
    let _ = out.flush();
    drop(out);
    stop.await;
    sandbox.shutdown().await;
    std::process::ExitCode::SUCCESS
}

/// Registers for SIGTERM and Ctrl-C at once — before the address is printed, so a
/// supervisor that signals as soon as it has read it is honoured — and resolves on either.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let signals = signal(SignalKind::terminate()).and_then(|term| {
            let int = signal(SignalKind::interrupt())?;
            Ok((term, int))
        });
        async move {
            match signals {
                Ok((mut term, mut int)) => {
                    tokio::select! {
                        _ = term.recv() => {}
                        _ = int.recv() => {}
                    }
                }
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
