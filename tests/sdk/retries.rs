use std::time::{Duration, Instant};

use kgen::{Client, Config, CreateSession, ErrorKind, LoginRequest, RetryPolicy, Secret};
use kgen_sandbox::{Options, Sandbox};
use serde_json::json;

use crate::support::{assert_api_error, Env, LIVE_UID, V3_PASSWORD};

#[tokio::test]
async fn a_429_is_waited_out_as_retry_after_says() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    env.admin
        .fault(json!({"method": "GET", "path": "/fe/wallet/balance", "status": 429, "retry_after_secs": 1, "times": 1}))
        .await;
    let started = Instant::now();
    let balance = p.wallet_balance().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(balance.data.bonus_balance, 50.0);
    assert_eq!(env.admin.hits("GET /fe/wallet/balance").await, 2);
}

#[tokio::test]
async fn a_mutating_call_refused_with_429_is_retried_and_applied_once() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    env.admin
        .fault(json!({"method": "POST", "path": "/fe/esports/tournaments/*/join", "status": 429, "retry_after_secs": 1, "times": 1}))
        .await;
    p.join_tournament(LIVE_UID, 10).await.unwrap();
    assert_eq!(p.wallet_balance().await.unwrap().data.bonus_balance, 40.0);
}

#[tokio::test]
async fn a_get_whose_connection_drops_is_retried() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    for drop in ["before", "after"] {
        env.admin
            .fault(json!({"method": "GET", "path": "/fe/esports/tournaments/active", "drop": drop, "times": 1}))
            .await;
        assert!(
            !p.active_tournaments().await.unwrap().data.is_empty(),
            "drop {drop}"
        );
    }
    assert_eq!(
        env.admin.hits("GET /fe/esports/tournaments/active").await,
        4
    );
}

#[tokio::test]
async fn a_mutating_call_that_failed_on_the_server_is_not_repeated() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    env.admin
        .fault(json!({"method": "POST", "path": "/fe/esports/tournaments/*/join", "status": 503, "times": 1}))
        .await;
    assert_api_error(p.join_tournament(LIVE_UID, 10).await, 503, "INJECTED_FAULT");
    assert_eq!(
        env.admin
            .hits("POST /fe/esports/tournaments/{uid}/join")
            .await,
        1
    );
}

#[tokio::test]
async fn server_errors_on_reads_are_retried_up_to_the_attempt_limit() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    env.admin
        .fault(json!({"method": "GET", "path": "/fe/wallet/balance", "status": 503, "times": 3}))
        .await;
    p.wallet_balance().await.unwrap();
    assert_eq!(env.admin.hits("GET /fe/wallet/balance").await, 4);

    env.admin
        .fault(json!({"method": "GET", "path": "/fe/wallet/balance", "status": 500, "times": 4}))
        .await;
    assert_api_error(p.wallet_balance().await, 500, "INJECTED_FAULT");
    assert_eq!(
        env.admin.hits("GET /fe/wallet/balance").await,
        8,
        "4 attempts, no more"
    );
}

#[tokio::test]
async fn the_deadline_covers_slow_answers_and_long_retry_afters() {
    let env = Env::demo().await;
    let session = env.player("r1").await;
    let client = Client::new(
        env.config()
            .with_request_timeout(Duration::from_millis(400)),
    )
    .unwrap();
    let p = client
        .restore_session(session.access_token().expose(), None)
        .unwrap();

    env.admin
        .fault(
            json!({"method": "GET", "path": "/fe/wallet/balance", "latency_ms": 3000, "times": 1}),
        )
        .await;
    let started = Instant::now();
    let e = p.wallet_balance().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e:?}");
    assert!(e.request_id().starts_with("kgen-"));
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );

    env.admin
        .fault(json!({"method": "GET", "path": "/fe/wallet/balance", "status": 429, "retry_after_secs": 30, "times": 1}))
        .await;
    let started = Instant::now();
    let e = assert_api_error(p.wallet_balance().await, 429, "RATE_LIMITED");
    assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "no wait that cannot finish in time"
    );
}

#[tokio::test]
async fn a_stalled_read_is_abandoned_after_the_attempt_timeout_and_retried() {
    let env = Env::demo().await;
    let p = env.impatient_player("r1").await;
    env.admin
        .fault(
            json!({"method": "GET", "path": "/fe/wallet/balance", "latency_ms": 4000, "times": 1}),
        )
        .await;
    assert_eq!(p.wallet_balance().await.unwrap().data.bonus_balance, 50.0);
    assert_eq!(
        env.admin.hits("GET /fe/wallet/balance").await,
        2,
        "the stalled attempt, then one that answered"
    );
}

#[tokio::test]
async fn a_stalled_session_creation_is_retried() {
    let env = Env::demo().await;
    env.admin
        .fault(json!({"method": "POST", "path": "/s2s/session", "latency_ms": 4000, "times": 1}))
        .await;
    let session = env
        .impatient_client()
        .create_session(CreateSession::new("r2"))
        .await
        .unwrap()
        .data;
    assert_eq!(session.user_id(), "r2");
    assert_eq!(env.admin.hits("POST /s2s/session").await, 2);
}

#[tokio::test]
async fn an_attempt_timeout_of_zero_is_refused() {
    let mut config = Config::new("http://127.0.0.1:1");
    config.retry.attempt_timeout = Duration::ZERO;
    assert_eq!(
        Client::new(config).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
}

#[tokio::test]
async fn a_mutating_call_is_retried_while_the_server_cannot_be_reached() {
    // Reserve a free port, release it, and bring the server up there a little later.
    let port = crate::support::unused_port();
    let config = Config {
        retry: RetryPolicy {
            max_attempts: 20,
            base_delay: Duration::from_millis(50),
            max_delay: Duration::from_millis(100),
            ..RetryPolicy::default()
        },
        ..Config::new(format!("http://127.0.0.1:{port}"))
            .with_account_base_url(format!("http://127.0.0.1:{port}"))
            .with_private_token("demo-api-key")
    };
    let client = Client::new(config).unwrap();
    let server = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        Sandbox::start(Options {
            port,
            demo: true,
            ..Options::default()
        })
        .await
        .unwrap()
    });
    let request = LoginRequest {
        user_name: "demo".into(),
        password: Secret::new(V3_PASSWORD),
        remember_me: false,
    };
    let result = client.login(&request).await.unwrap();
    assert!(!result.data.requires_otp);
    drop(server.await.unwrap());
}
