//! `--db PATH`: a restart continues where the last run stopped.

use kgen_sandbox::Options;
use reqwest::Method;
use serde_json::json;

use crate::support::{uid_path, Env};

#[tokio::test]
async fn a_restart_on_the_same_file_keeps_every_thing() {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options {
        db: Some(dir.path().join("sandbox.db")),
        demo: true,
        ..Options::default()
    };

    let env = Env::with(opts.clone()).await;
    let player = env.session("p1").await;
    let uid = env.tournament("STARTED", 10, 10).await;
    env.join(&player, &uid, 10).await.expect_ok();
    env.score(&player, &uid, 77).await.expect_ok();
    env.admin_post("/sandbox/clock", json!({ "advance_secs": 120 }))
        .await;
    env.admin_post("/sandbox/settings", json!({ "min_withdraw": 33 }))
        .await;
    let headers = [
        ("user-jwt-token", player.token.as_str()),
        ("Idempotency-Key", "keep"),
    ];
    let first = env
        .send(Method::POST, &uid_path(&uid, "leave"), &headers, None)
        .await;
    first.expect_ok();
    let balance = env.balance(&player).await;
    env.shutdown().await;

    let env = Env::with(opts).await;
    assert_eq!(
        env.balance(&player).await,
        balance,
        "the old token is still valid and the wallet unchanged"
    );
    assert_eq!(
        env.admin_get("/sandbox/clock").await.body["offset_secs"],
        120
    );
    assert_eq!(balance["minWalletBalToWithdraw"], 33);
    let replay = env
        .send(Method::POST, &uid_path(&uid, "leave"), &headers, None)
        .await;
    assert_eq!(
        (replay.status, replay.header("idempotent-replayed")),
        (200, Some("true"))
    );
    assert_eq!(env.tournaments().await.len(), 5, "demo seeded once");
    let again = env.session("p1").await;
    assert_eq!(again.session["is_new_user"], false);
    assert_eq!(
        env.transactions(&again).await.len(),
        3,
        "bonus, join, refund"
    );
}
