//! Fault injection: latency, forced status, 429 with Retry-After, dropped connections.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{uid_path, Env};

async fn participants(env: &Env, uid: &str) -> i64 {
    let tournament = env
        .tournaments()
        .await
        .into_iter()
        .find(|t| t["tournament_uid"] == uid)
        .unwrap()
        .clone();
    tournament["participants_count"].as_i64().unwrap()
}

/// Sends raw HTTP/1.1 and returns every byte the server wrote before closing.
async fn raw_exchange(addr: SocketAddr, request: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let read =
        tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut received)).await;
    assert!(read.is_ok(), "the server neither answered nor closed");
    received
}

#[tokio::test]
async fn latency_delays_matching_requests_only() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    env.fault(json!({ "method": "GET", "path": "/fe/wallet/*", "latency_ms": 300 }))
        .await;
    let started = Instant::now();
    env.get("/fe/wallet/balance", &player.token)
        .await
        .expect_ok();
    assert!(started.elapsed() >= Duration::from_millis(300));
    let listed = env.admin_get("/sandbox/faults").await.body;
    assert_eq!(listed[0]["applied"], 1);
    env.get("/fe/esports/tournaments/active", &player.token)
        .await
        .expect_ok();
    let listed = env.admin_get("/sandbox/faults").await.body;
    assert_eq!(listed[0]["applied"], 1, "other routes are not slowed");
}

#[tokio::test]
async fn forced_status_answers_without_any_effect() {
    let env = Env::start().await;
    let uid = env.tournament("STARTED", 10, 10).await;
    let player = env.session("p1").await;
    let id = env
        .fault(json!({ "path": "/fe/esports/tournaments/*/join", "status": 503 }))
        .await;
    let refused = env.join(&player, &uid, 10).await;
    refused.expect_error(503, "INJECTED_FAULT");
    assert_eq!(participants(&env, &uid).await, 0);
    assert_eq!(env.balance(&player).await["bonus_balance"], 50);
    let removed = env
        .admin_send(Method::DELETE, &format!("/sandbox/faults/{id}"), None)
        .await;
    removed.expect_ok();
    env.admin_send(Method::DELETE, &format!("/sandbox/faults/{id}"), None)
        .await
        .expect_error(404, "RECORD_NOT_FOUND");
    env.join(&player, &uid, 10).await.expect_ok();
}

#[tokio::test]
async fn probability_and_times_bound_a_fault() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    env.fault(json!({ "path": "/fe/wallet/balance", "status": 500, "probability": 0.0 }))
        .await;
    for _ in 0..20 {
        env.get("/fe/wallet/balance", &player.token)
            .await
            .expect_ok();
    }
    env.admin_send(Method::DELETE, "/sandbox/faults", None)
        .await
        .expect_ok();
    env.fault(json!({ "path": "/fe/**", "status": 502, "times": 2 }))
        .await;
    env.get("/fe/wallet/balance", &player.token)
        .await
        .expect_error(502, "INJECTED_FAULT");
    env.get("/fe/esports/tournaments/active", &player.token)
        .await
        .expect_error(502, "INJECTED_FAULT");
    env.get("/fe/wallet/balance", &player.token)
        .await
        .expect_ok();
    assert_eq!(
        env.admin_get("/sandbox/faults").await.body,
        json!([]),
        "a used-up fault disappears"
    );
}

#[tokio::test]
async fn rate_limit_faults_carry_retry_after() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    env.fault(
        json!({ "path": "/fe/wallet/balance", "status": 429, "retry_after_secs": 7, "times": 1 }),
    )
    .await;
    let limited = env.get("/fe/wallet/balance", &player.token).await;
    limited.expect_error(429, "RATE_LIMITED");
    assert_eq!(limited.header("retry-after"), Some("7"));
    env.fault(json!({ "path": "/v3/session/user", "status": 500, "times": 1 }))
        .await;
    let v3 = env.send(Method::GET, "/v3/session/user", &[], None).await;
    assert_eq!(
        (v3.status, v3.body["errorCode"].clone(), v3.code()),
        (500, json!(10007), "INJECTED_FAULT"),
        "the /v3 family keeps its error shape"
    );
}

#[tokio::test]
async fn drop_before_closes_without_a_response_or_an_effect() {
    let env = Env::start().await;
    let uid = env.tournament("STARTED", 10, 10).await;
    let player = env.session("p1").await;
    env.fault(json!({ "method": "POST", "path": "/fe/esports/tournaments/*/join", "drop": "before", "times": 1 })).await;
    let body = json!({ "joiningStake": 10 }).to_string();
    let request = format!(
        "POST {} HTTP/1.1\r\nhost: sandbox\r\nuser-jwt-token: {}\r\ncontent-length: {}\r\n\r\n{body}",
        uid_path(&uid, "join"),
        player.token,
        body.len()
    );
    assert!(
        raw_exchange(env.sandbox.addr(), &request).await.is_empty(),
        "not a byte of response"
    );
    assert_eq!(participants(&env, &uid).await, 0);
    assert_eq!(env.balance(&player).await["bonus_balance"], 50);
    env.join(&player, &uid, 10).await.expect_ok();
}

#[tokio::test]
async fn drop_after_commits_the_effect_then_closes() {
    let env = Env::start().await;
    let uid = env.tournament("STARTED", 10, 10).await;
    let player = env.session("p1").await;
    env.fault(json!({ "path": "/fe/esports/tournaments/*/join", "drop": "after", "times": 1 }))
        .await;
    let failed = env
        .try_send(
            Method::POST,
            &uid_path(&uid, "join"),
            &[("user-jwt-token", &player.token)],
            Some(r#"{"joiningStake":10}"#),
        )
        .await;
    assert!(
        failed.is_err(),
        "the client sees a broken connection: {failed:?}"
    );
    assert_eq!(participants(&env, &uid).await, 1);
    assert_eq!(env.balance(&player).await["bonus_balance"], 40);
    env.join(&player, &uid, 10)
        .await
        .expect_error(409, "EXISTING_PARTICIPATION_FOUND");
}

#[tokio::test]
async fn faults_are_validated_and_never_touch_admin_routes() {
    let env = Env::start().await;
    for bad in [
        json!({ "path": "no-slash", "status": 500 }),
        json!({ "path": "/x" }),
        json!({ "path": "/x", "status": 200 }),
        json!({ "path": "/x", "status": 500, "drop": "after" }),
        json!({ "path": "/x", "status": 500, "probability": 1.5 }),
        json!({ "path": "/x", "drop": "sideways" }),
        json!({ "path": "/x", "status": 500, "times": 0 }),
    ] {
        let reply = env
            .admin_send(Method::POST, "/sandbox/faults", Some(&bad.to_string()))
            .await;
        reply.expect_error(400, "BAD_REQUEST");
    }
    env.fault(json!({ "path": "/**", "status": 500 })).await;
    env.admin_get("/sandbox/clock").await.expect_ok();
}
