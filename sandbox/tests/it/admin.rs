//! The admin API: key guard, clients, tournaments, clock, settings, reset, counters.

use reqwest::Method;
use serde_json::json;

use crate::support::{Env, Reply};

#[tokio::test]
async fn every_admin_route_needs_the_key() {
    let env = Env::start().await;
    for (method, path) in kgen_sandbox::route_list() {
        if !path.starts_with("/sandbox/") {
            continue;
        }
        let path = path
            .replace("{uid}", kgen_sandbox::LIVE_UID)
            .replace("{user_name}", "demo")
            .replace("{id}", "x");
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        for headers in [&[][..], &[("x-admin-key", "wrong")][..]] {
            env.send(method.clone(), &path, headers, Some("{}"))
                .await
                .expect_error(401, "UN_AUTHORIZED");
        }
    }
    let custom = Env::with(kgen_sandbox::Options {
        admin_key: "k3y".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(custom.admin_get("/sandbox/clock").await.status, 200);
}

#[tokio::test]
async fn registered_clients_are_games_of_their_own() {
    let env = Env::demo().await;
    env.admin_post(
        "/sandbox/clients",
        json!({ "client_id": "studio-2", "client_secret": "s2", "name": "Studio Two" }),
    )
    .await;
    let creds = [("x-client-id", "studio-2"), ("x-client-secret", "s2")];
    let session = env
        .send(
            Method::POST,
            "/s2s/session",
            &creds,
            Some(r#"{"user_id":"p1"}"#),
        )
        .await;
    let session = session.expect_ok().clone();
    assert_eq!(session["third_party_client_name"], "Studio Two");
    assert_eq!(session["namespaced_third_party_user_id"], "studio-2#p1");
    let token = session["access_token"].as_str().unwrap();
    assert_eq!(
        env.get("/fe/esports/tournaments/active", token)
            .await
            .expect_ok(),
        &json!([]),
        "demo tournaments belong to demo-client"
    );
    let bad = env
        .admin_send(
            Method::POST,
            "/sandbox/clients",
            Some(r#"{"client_id":"a#b","client_secret":"x"}"#),
        )
        .await;
    bad.expect_error(400, "BAD_REQUEST");
}

#[tokio::test]
async fn tournaments_are_created_listed_forced_and_completed() {
    let env = Env::start().await;
    for state in ["SCHEDULED", "LOBBY", "STARTED", "LOCKED", "COMPLETED"] {
        let body = json!({ "title": state, "buy_in_price": 5, "tournament_size": 8, "state": state, "duration_secs": 120 });
        let created = env.admin_post("/sandbox/tournaments", body).await;
        assert_eq!(created.body["tournament_status"], state);
        assert_eq!(created.body["game_uid"], "demo-client");
    }
    assert_eq!(env.tournaments().await.len(), 5);
    let uid = env.tournament("SCHEDULED", 5, 8).await;
    assert_eq!(
        env.force_state(&uid, "started").await["tournament_status"],
        "STARTED"
    );
    let player = env.session("p1").await;
    env.join(&player, &uid, 5).await.expect_ok();
    env.score(&player, &uid, 3).await.expect_ok();
    let done = env
        .admin_post(&format!("/sandbox/tournaments/{uid}/complete"), json!(null))
        .await;
    assert_eq!(
        done.body,
        json!({ "winners": [{ "user_id": "p1", "reward": 30 }] })
    );
    let again = env
        .admin_post(&format!("/sandbox/tournaments/{uid}/complete"), json!(null))
        .await;
    assert_eq!(again.body, done.body, "completing twice pays once");
    let admin = |method: Method, path: String, body: &'static str| {
        let env = &env;
        async move {
            env.send(
                method,
                &path,
                &[("x-admin-key", "sandbox-admin")],
                Some(body),
            )
            .await
        }
    };
    admin(
        Method::POST,
        format!("/sandbox/tournaments/{uid}/state"),
        r#"{"state":"LOBBY"}"#,
    )
    .await
    .expect_error(400, "BAD_REQUEST");
    admin(
        Method::POST,
        format!("/sandbox/tournaments/{uid}/state"),
        r#"{"state":"PAUSED"}"#,
    )
    .await
    .expect_error(400, "BAD_REQUEST");
    let unknown = "00000000-0000-4000-8000-000000000000";
    admin(
        Method::POST,
        format!("/sandbox/tournaments/{unknown}/complete"),
        "",
    )
    .await
    .expect_error(404, "TOURNAMENT_NOT_FOUND");
    for bad in [
        r#"{"title":"x","buy_in_price":-1,"tournament_size":5}"#,
        r#"{"title":"x","buy_in_price":1,"tournament_size":0}"#,
        r#"{"title":"x","buy_in_price":1,"tournament_size":5,"state":"LOBBY","starts_in_secs":60}"#,
        r#"{"title":"x","buy_in_price":1,"tournament_size":5,"duration_secs":9223372036854775807}"#,
        r#"{"buy_in_price":1,"tournament_size":5}"#,
    ] {
        admin(Method::POST, "/sandbox/tournaments".into(), bad)
            .await
            .expect_error(400, "BAD_REQUEST");
    }
}

#[tokio::test]
async fn the_clock_moves_and_the_date_header_follows_it() {
    let env = Env::start().await;
    let clock = env.admin_get("/sandbox/clock").await;
    assert_eq!(clock.body["offset_secs"], 0);
    let before = date_of(&clock);
    env.admin_post("/sandbox/clock", json!({ "advance_secs": 86_400 }))
        .await;
    let moved = env
        .admin_post("/sandbox/clock", json!({ "advance_secs": 3600 }))
        .await;
    assert_eq!(moved.body["offset_secs"], 90_000);
    let after = date_of(&moved);
    assert!(
        (after - before - 90_000).abs() <= 5,
        "Date moved {} s",
        after - before
    );
    env.admin_post("/sandbox/clock", json!({ "offset_secs": -60 }))
        .await;
    assert_eq!(
        env.admin_get("/sandbox/clock").await.body["offset_secs"],
        -60
    );
    for bad in [
        r#"{"advance_secs":1,"offset_secs":2}"#,
        r#"{"advance_secs":9223372036854775807}"#,
        "{}",
    ] {
        env.admin_send(Method::POST, "/sandbox/clock", Some(bad))
            .await
            .expect_error(400, "BAD_REQUEST");
    }
    assert_eq!(
        env.admin_get("/sandbox/clock").await.body["offset_secs"],
        -60
    );
}

fn date_of(reply: &Reply) -> i64 {
    let date = httpdate::parse_http_date(reply.header("date").unwrap()).unwrap();
    date.duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn reset_wipes_everything_and_can_reseed_the_demo() {
    let env = Env::demo().await;
    let player = env.session("p1").await;
    env.fault(json!({ "path": "/fe/never", "status": 500 }))
        .await;
    env.admin_post("/sandbox/clock", json!({ "advance_secs": 10 }))
        .await;
    env.admin_post("/sandbox/reset", json!({})).await;
    env.get("/fe/wallet/balance", &player.token)
        .await
        .expect_error(401, "UN_AUTHORIZED");
    assert_eq!(env.admin_get("/sandbox/tournaments").await.body, json!([]));
    assert_eq!(env.admin_get("/sandbox/faults").await.body, json!([]));
    assert_eq!(env.admin_get("/sandbox/clock").await.body["offset_secs"], 0);
    let fresh = env.session("p1").await;
    assert_eq!(fresh.session["is_new_user"], true);
    env.admin_post("/sandbox/reset", json!({ "demo": true }))
        .await;
    assert_eq!(env.tournaments().await.len(), 4);
    let demo_user = env
        .send(
            Method::GET,
            "/v3/session/user",
            &[("PRIVATE-TOKEN", "demo2fa-api-key")],
            None,
        )
        .await;
    assert_eq!(demo_user.body["userName"], "demo2fa");
}

#[tokio::test]
async fn stats_count_requests_per_route() {
    let env = Env::start().await;
    for _ in 0..3 {
        env.session("p1").await;
    }
    let player = env.session("p2").await;
    env.get("/fe/wallet/balance", &player.token).await;
    let stats = env.admin_get("/sandbox/stats").await.body;
    assert_eq!(stats["routes"]["POST /s2s/session"], 4);
    assert_eq!(stats["routes"]["GET /fe/wallet/balance"], 1);
    assert!(stats["total"].as_u64().unwrap() >= 5);
}

#[tokio::test]
async fn wallet_credits_need_an_existing_player() {
    let env = Env::start().await;
    let reply = env
        .admin_send(
            Method::POST,
            "/sandbox/wallets/credit",
            Some(r#"{"user_id":"ghost","earned":5}"#),
        )
        .await;
    reply.expect_error(404, "RECORD_NOT_FOUND");
    let player = env.session("p1").await;
    let credited = env
        .admin_post(
            "/sandbox/wallets/credit",
            json!({ "user_id": "p1", "bought": 7, "bonus": 1 }),
        )
        .await;
    assert_eq!(
        (
            credited.body["bought_balance"].clone(),
            credited.body["bonus_balance"].clone()
        ),
        (json!(7), json!(51))
    );
    assert_eq!(env.transactions(&player).await.len(), 3);
}
