//! `Idempotency-Key`: replay without a second effect, in-use and reuse conflicts.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::support::{uid_path, Env, Player, CLIENT_ID, CLIENT_SECRET};

async fn join_with_key(
    env: &Env,
    player: &Player,
    uid: &str,
    stake: i64,
    key: &str,
) -> crate::support::Reply {
    let headers = [
        ("user-jwt-token", player.token.as_str()),
        ("Idempotency-Key", key),
    ];
    env.send(
        Method::POST,
        &uid_path(uid, "join"),
        &headers,
        Some(&json!({ "joiningStake": stake }).to_string()),
    )
    .await
}

async fn join_debits(env: &Env, player: &Player) -> usize {
    env.transactions(player)
        .await
        .iter()
        .filter(|t| t["description"]["type"] == "JOIN")
        .count()
}

#[tokio::test]
async fn a_repeat_replays_the_first_response_without_a_second_effect() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let uid = env.tournament("STARTED", 10, 10).await;
    let first = join_with_key(&env, &player, &uid, 10, "k-1").await;
    first.expect_ok();
    assert_eq!(first.header("idempotent-replayed"), None);
    let second = join_with_key(&env, &player, &uid, 10, "k-1").await;
    assert_eq!(
        (second.status, second.text.as_str()),
        (200, first.text.as_str())
    );
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(second.header("content-type"), Some("application/json"));
    assert_ne!(second.header("x-request-id"), first.header("x-request-id"));
    assert_eq!(join_debits(&env, &player).await, 1);
    assert_eq!(env.balance(&player).await["bonus_balance"], 40);
    join_with_key(&env, &player, &uid, 10, "k-2")
        .await
        .expect_error(409, "EXISTING_PARTICIPATION_FOUND");
}

#[tokio::test]
async fn errors_are_replayed_too_and_keys_belong_to_their_caller() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let other = env.session("p2").await;
    let uid = env.tournament("STARTED", 10, 10).await;
    join_with_key(&env, &player, &uid, 99, "k")
        .await
        .expect_error(400, "TOURNAMENT_INVALID_JOINING_STAKE");
    let replay = join_with_key(&env, &player, &uid, 99, "k").await;
    replay.expect_error(400, "TOURNAMENT_INVALID_JOINING_STAKE");
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    join_with_key(&env, &player, &uid, 10, "k")
        .await
        .expect_error(422, "IDEMPOTENCY_KEY_REUSED");
    join_with_key(&env, &other, &uid, 10, "k").await.expect_ok();
    let elsewhere = env.tournament("STARTED", 10, 10).await;
    join_with_key(&env, &player, &elsewhere, 99, "k")
        .await
        .expect_error(422, "IDEMPOTENCY_KEY_REUSED");
}

#[tokio::test]
async fn a_repeat_while_the_first_runs_is_in_use() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let uid = env.tournament("STARTED", 10, 10).await;
    env.fault(json!({ "path": "/fe/esports/tournaments/*/join", "latency_ms": 2000, "times": 1 }))
        .await;
    let (slow, early) = tokio::join!(join_with_key(&env, &player, &uid, 10, "slow"), async {
        // The slow request has taken the fault (and so claimed its key) once the fault is used up.
        while env.admin_get("/sandbox/faults").await.body != json!([]) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        join_with_key(&env, &player, &uid, 10, "slow").await
    });
    slow.expect_ok();
    early.expect_error(409, "IDEMPOTENCY_KEY_IN_USE");
    let late = join_with_key(&env, &player, &uid, 10, "slow").await;
    assert_eq!(
        (late.status, late.header("idempotent-replayed")),
        (200, Some("true"))
    );
    assert_eq!(join_debits(&env, &player).await, 1);
}

#[tokio::test]
async fn a_retry_after_a_dropped_response_gets_the_stored_one() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let uid = env.tournament("STARTED", 10, 10).await;
    env.fault(json!({ "path": "/fe/esports/tournaments/*/join", "drop": "after", "times": 1 }))
        .await;
    let headers = [
        ("user-jwt-token", player.token.as_str()),
        ("Idempotency-Key", "retry-me"),
    ];
    let lost = env
        .try_send(
            Method::POST,
            &uid_path(&uid, "join"),
            &headers,
            Some(r#"{"joiningStake":10}"#),
        )
        .await;
    assert!(lost.is_err());
    let retried = join_with_key(&env, &player, &uid, 10, "retry-me").await;
    retried.expect_ok();
    assert_eq!(retried.header("idempotent-replayed"), Some("true"));
    assert_eq!(join_debits(&env, &player).await, 1);
}

#[tokio::test]
async fn failed_attempts_release_the_key() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let uid = env.tournament("STARTED", 10, 10).await;
    env.fault(json!({ "path": "/fe/esports/tournaments/*/join", "status": 503, "times": 1 }))
        .await;
    join_with_key(&env, &player, &uid, 10, "k")
        .await
        .expect_error(503, "INJECTED_FAULT");
    let fresh = join_with_key(&env, &player, &uid, 10, "k").await;
    fresh.expect_ok();
    assert_eq!(fresh.header("idempotent-replayed"), None);
}

#[tokio::test]
async fn sessions_and_admin_calls_are_idempotent_too() {
    let env = Env::start().await;
    let headers = [
        ("x-client-id", CLIENT_ID),
        ("x-client-secret", CLIENT_SECRET),
        ("Idempotency-Key", "s-1"),
    ];
    let first = env
        .send(
            Method::POST,
            "/s2s/session",
            &headers,
            Some(r#"{"user_id":"p1"}"#),
        )
        .await;
    let second = env
        .send(
            Method::POST,
            "/s2s/session",
            &headers,
            Some(r#"{"user_id":"p1"}"#),
        )
        .await;
    assert_eq!(second.text, first.text);
    assert_eq!(second.body["is_new_user"], true);
    let admin = [("x-admin-key", "sandbox-admin"), ("Idempotency-Key", "t-1")];
    let body = r#"{"title":"Once","buy_in_price":1,"tournament_size":2}"#;
    let created = env
        .send(Method::POST, "/sandbox/tournaments", &admin, Some(body))
        .await;
    let again = env
        .send(Method::POST, "/sandbox/tournaments", &admin, Some(body))
        .await;
    assert_eq!(created.body["tournament_uid"], again.body["tournament_uid"]);
    assert_eq!(env.tournaments().await.len(), 1);
    let unauthenticated = env
        .send(
            Method::POST,
            "/fe/wallet/withdraw",
            &[("Idempotency-Key", "x")],
            None,
        )
        .await;
    unauthenticated.expect_error(401, "UN_AUTHORIZED");
}

#[tokio::test]
async fn keys_past_their_24_hours_are_deleted() {
    let env = Env::start().await;
    let player = env.session("p-expiry").await;
    let keys = |stats: serde_json::Value| stats["idempotency_keys"].as_i64().unwrap();
    for (n, uid) in [
        env.tournament("STARTED", 0, 10).await,
        env.tournament("STARTED", 0, 10).await,
    ]
    .iter()
    .enumerate()
    {
        join_with_key(&env, &player, uid, 0, &format!("old-{n}"))
            .await
            .expect_ok();
    }
    assert!(keys(env.admin_get("/sandbox/stats").await.body) >= 2);
    env.advance_clock(25 * 3600).await;
    // The next keyed request after a minute of sandbox time deletes the expired keys.
    let player = env.session("p-expiry").await; // its token expired with the day
    let uid = env.tournament("STARTED", 0, 10).await;
    join_with_key(&env, &player, &uid, 0, "new")
        .await
        .expect_ok();
    assert_eq!(keys(env.admin_get("/sandbox/stats").await.body), 1);
}

#[tokio::test]
async fn a_full_in_memory_database_refuses_writes_with_a_clear_error_and_still_reads() {
    let env = Env::with(kgen_sandbox::Options {
        memory_limit_mb: 1,
        ..Default::default()
    })
    .await;
    let player = env.session("p-full").await;
    let uid = env.tournament("STARTED", 0, 10).await;
    env.join(&player, &uid, 0).await.expect_ok();
    let mut refused = None;
    for n in 0..20_000 {
        let key = format!("fill-{n}");
        let headers = [
            ("user-jwt-token", player.token.as_str()),
            ("Idempotency-Key", key.as_str()),
        ];
        let body = json!({ "payload": { "score": { "value": n } } }).to_string();
        let reply = env
            .send(
                Method::POST,
                &uid_path(&uid, "score"),
                &headers,
                Some(&body),
            )
            .await;
        if reply.status != 200 {
            refused = Some((n, reply));
            break;
        }
    }
    let (n, reply) = refused.expect("1 MiB holds fewer than 20,000 keyed writes");
    assert!(n > 500, "full after {n} writes");
    reply.expect_error(500, "INTERNAL_ERROR");
    assert!(reply.text.contains("--memory-limit-mb"), "{}", reply.text);
    // The refused write changed nothing (its score was the best yet), and reads answer.
    let board = env.get(&uid_path(&uid, "leaderboard"), &player.token).await;
    assert_eq!(board.expect_ok()["leaderboard"][0]["score"], n - 1);
    env.balance(&player).await;
}
