//! `reqwest-client get|post N INFLIGHT`: N requests, INFLIGHT at once, on one tokio
//! thread; each body parsed into a `serde_json::Value`. Env as bench/peers/sdk_client.c.
//! Prints `requests/s cpu_us_per_request failures` (CPU: getrusage of the process).
use std::time::Instant;

use futures_util::stream::{self, StreamExt};

fn cpu_secs() -> f64 {
    let mut u = std::mem::MaybeUninit::<libc_rusage::Rusage>::zeroed();
    unsafe { libc_rusage::getrusage(0, u.as_mut_ptr()) };
    let u = unsafe { u.assume_init() };
    let t = |tv: [i64; 2]| tv[0] as f64 + tv[1] as f64 / 1e6;
    t(u.utime) + t(u.stime)
}

mod libc_rusage {
    #[repr(C)]
    pub struct Rusage {
        pub utime: [i64; 2],
        pub stime: [i64; 2],
        pub rest: [i64; 14],
    }
    extern "C" {
        pub fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let post = args[1] == "post";
    let total: usize = args[2].parse().unwrap();
    let inflight: usize = args[3].parse().unwrap();
    let base = std::env::var("KGEN_BASE_URL").unwrap();
    let token = std::env::var("KGEN_TOKEN").unwrap();
    let url = if post {
        let t = std::env::var("KGEN_TOURNAMENT").unwrap();
        format!("{base}/fe/esports/tournaments/{t}/score")
    } else {
        format!("{base}/fe/wallet/balance")
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = reqwest::Client::new();
    let run = std::process::id();
    let (t0, c0) = (Instant::now(), cpu_secs());
    let failures = runtime.block_on(async {
        stream::iter(0..total)
            .map(|i| {
                let request = if post {
                    client
                        .post(&url)
                        .header("idempotency-key", format!("{run}-{i}"))
                        .header("content-type", "application/json")
                        .body(format!(r#"{{"payload":{{"score":{{"value":{i}}}}}}}"#))
                } else {
                    client.get(&url)
                };
                let request = request.header("user-jwt-token", &token);
                async move {
                    let response = request.send().await.ok()?;
                    if !response.status().is_success() {
                        return None;
                    }
                    let body = response.bytes().await.ok()?;
                    serde_json::from_slice::<serde_json::Value>(&body).ok()
                }
            })
            .buffer_unordered(inflight)
            .filter(|v| std::future::ready(v.is_none()))
            .count()
            .await
    });
    let (t, c) = (t0.elapsed().as_secs_f64(), cpu_secs() - c0);
    println!(
        "{:.0} {:.2} {}",
        total as f64 / t,
        c * 1e6 / total as f64,
        failures
    );
}
