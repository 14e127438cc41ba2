//! Throughput and CPU cost of the SDK core for one read and one write operation.
//! Not a test: run it by hand, in release, on an otherwise idle machine.
//!
//! ```text
//! cargo run --release --example bench_core
//! BENCH_SECS=10 BENCH_CONCURRENCY=128 cargo run --release --example bench_core
//! ```
//! The SDK runs on its own tokio runtime with one worker thread named `kgen-sdk` (the
//! C ABI's default); CPU per request counts only that runtime's threads (Linux
//! `/proc/self/task`), so the embedded sandbox's work is not charged to the SDK. Set
//! `KGEN_BASE_URL` to measure against a sandbox in another process instead.

use std::time::{Duration, Instant};

use kgen::{Client, Config, CreateSession, RetryPolicy, Session};
use serde_json::json;

const SDK_THREAD: &str = "kgen-sdk";

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// CPU time (user + system) used so far by the threads named `SDK_THREAD`.
fn sdk_cpu() -> Duration {
    // Linux reports in clock ticks of 1/100 s on every mainstream configuration.
    const TICKS_PER_SEC: u64 = 100;
    let mut ticks = 0;
    for task in std::fs::read_dir("/proc/self/task")
        .into_iter()
        .flatten()
        .flatten()
    {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim() != SDK_THREAD {
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        // Fields after the parenthesised name: state is the 1st, utime the 12th, stime the 13th.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace().collect())
            .unwrap_or_default();
        let field = |i: usize| {
            fields
                .get(i)
                .and_then(|f| f.parse::<u64>().ok())
                .unwrap_or(0)
        };
        ticks += field(11) + field(12);
    }
    Duration::from_millis(ticks * 1000 / TICKS_PER_SEC)
}

#[derive(Clone, Copy)]
enum Op {
    Read,
    Write,
}

async fn run(
    op: Op,
    sessions: &[Session],
    tournament: &str,
    concurrency: usize,
    secs: u64,
) -> Vec<Duration> {
    let until = Instant::now() + Duration::from_secs(secs);
    let workers: Vec<_> = (0..concurrency)
        .map(|i| {
            let session = sessions[i % sessions.len()].clone();
            let tournament = tournament.to_owned();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut score = 0;
                while Instant::now() < until {
                    let started = Instant::now();
                    let result = match op {
                        Op::Read => session.wallet_balance().await.map(|_| ()),
                        Op::Write => {
                            score += 1;
                            session.submit_score(&tournament, score).await.map(|_| ())
                        }
                    };
                    if let Err(e) = result {
                        eprintln!("request failed: {e}");
                        continue;
                    }
                    latencies.push(started.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.await.unwrap_or_default());
    }
    all
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secs = setting("BENCH_SECS", 5);
    let concurrency = setting("BENCH_CONCURRENCY", 64) as usize;
    let players = setting("BENCH_PLAYERS", 64) as usize;

    let (base_url, admin_key, _sandbox) = match std::env::var("KGEN_BASE_URL") {
        Ok(url) => (
            url,
            std::env::var("KGEN_ADMIN_KEY").unwrap_or_else(|_| "sandbox-admin".into()),
            None,
        ),
        Err(_) => {
            let sandbox =
                kgen_sandbox::Sandbox::start_background(kgen_sandbox::Options::default())?;
            (
                sandbox.base_url(),
                sandbox.admin_key().to_owned(),
                Some(sandbox),
            )
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name(SDK_THREAD)
        .enable_all()
        .build()?;

    runtime.block_on(async {
        let seeded = reqwest::Client::new()
            .post(format!("{base_url}/sandbox/tournaments"))
            .header("x-admin-key", admin_key)
            .header("content-type", "application/json")
            .body(json!({"title": "bench", "buy_in_price": 1, "tournament_size": 1_000_000, "state": "STARTED"}).to_string())
            .send()
            .await?
            .text()
            .await?;
        let tournament = serde_json::from_str::<serde_json::Value>(&seeded)?["tournament_uid"]
            .as_str()
            .ok_or("no tournament uid")?
            .to_owned();
        let config = Config {
            retry: RetryPolicy::none(),
            ..Config::new(&base_url).with_client_credentials("demo-client", "demo-secret")
        };
        let client = Client::new(config)?;
        let mut sessions = Vec::new();
        for i in 0..players {
            let session = client.create_session(CreateSession::new(format!("bench-{i}"))).await?.data;
            session.join_tournament(&tournament, 1).await?;
            sessions.push(session);
        }
        println!("kgen-sdk {} core benchmark: {secs} s per operation, {concurrency} concurrent calls, {players} players, 1 SDK worker thread", kgen::VERSION);
        println!("{:<36} {:>10} {:>14} {:>10} {:>10}", "operation", "req/s", "CPU us/req", "p50 ms", "p99 ms");
        for (name, op) in [("read  GET /fe/wallet/balance", Op::Read), ("write POST .../{uid}/score", Op::Write)] {
            let (cpu_before, started) = (sdk_cpu(), Instant::now());
            let mut latencies = run(op, &sessions, &tournament, concurrency, secs).await;
            let (wall, cpu) = (started.elapsed(), sdk_cpu().saturating_sub(cpu_before));
            latencies.sort();
            let count = latencies.len().max(1);
            let pct = |p: usize| latencies.get(count * p / 100).copied().unwrap_or_default().as_secs_f64() * 1000.0;
            println!(
                "{name:<36} {:>10.0} {:>14.1} {:>10.2} {:>10.2}",
                latencies.len() as f64 / wall.as_secs_f64(),
                cpu.as_secs_f64() * 1e6 / count as f64,
                pct(50),
                pct(99)
            );
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    })
}
