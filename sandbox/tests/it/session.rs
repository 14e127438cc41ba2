//! `POST /s2s/session`: create or retrieve, tokens and their expiry.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::Method;
use serde_json::{json, Value};

use crate::support::{Env, CLIENT_ID, CLIENT_SECRET};

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

#[tokio::test]
async fn first_session_creates_the_player_and_later_ones_retrieve_it() {
    let env = Env::start().await;
    let profile = json!({
        "user_id": "alice", "name": "Alice", "level": 7, "rank": 2,
        "screen_height": 1080, "screen_width": "1920", "fb_login": true
    });
    let creds = [
        ("x-client-id", CLIENT_ID),
        ("x-client-secret", CLIENT_SECRET),
    ];
    let first = env
        .send(
            Method::POST,
            "/s2s/session",
            &creds,
            Some(&profile.to_string()),
        )
        .await;
    let first = first.expect_ok().clone();
    assert_eq!(first["is_new_user"], true);
    assert_eq!(first["user_id"], "alice");
    assert_eq!(first["name"], "Alice");
    assert_eq!(first["level"], 7);
    assert_eq!(first["screen_height"], "1080");
    assert_eq!(first["screen_width"], "1920");
    assert_eq!(first["fb_login"], "true");
    assert_eq!(
        first["email"], "",
        "unknown profile fields are empty strings"
    );
    assert_eq!(first["namespaced_third_party_user_id"], "demo-client#alice");
    assert_eq!(first["third_party_client_id"], CLIENT_ID);
    assert_eq!(first["appId"], CLIENT_ID);
    assert_eq!(first["token"], first["access_token"]);
    assert_eq!(first["linked_phone"], "");
    assert!(first["wallet_address"].as_str().unwrap().starts_with("0x"));
    let start = first["session_start_time"].as_str().unwrap();
    assert!(
        start.ends_with(" +0000 UTC")
            && start.len() == "2024-09-06 05:10:53.871198445 +0000 UTC".len(),
        "{start}"
    );
    uuid_like(&first["session_id"]);
    assert_eq!(
        first["indigg_id"],
        Value::Null,
        "a new player has no IndiGG id"
    );

    let second = env
        .send(
            Method::POST,
            "/s2s/session",
            &creds,
            Some(r#"{"user_id":"alice","email":"a@example.com"}"#),
        )
        .await;
    let second = second.expect_ok();
    assert_eq!(second["is_new_user"], false);
    assert_eq!(second["session_id"], first["session_id"]);
    assert_eq!(second["wallet_address"], first["wallet_address"]);
    assert_eq!(second["email"], "a@example.com");
    assert_eq!(second["level"], 7, "profile fields sent earlier are kept");

    let player = env.session("alice").await;
    let balance = env.balance(&player).await;
    assert_eq!(
        balance["bonus_balance"], 50,
        "the welcome bonus is paid once"
    );
}

fn uuid_like(value: &Value) {
    let text = value.as_str().unwrap();
    assert!(uuid::Uuid::parse_str(text).is_ok(), "{text}");
}

#[tokio::test]
async fn tokens_carry_the_documented_claims() {
    let env = Env::start().await;
    let player = env.session("bob").await;
    let claims = claims(&player.token);
    for key in [
        "sub",
        "client_id",
        "iss",
        "iat",
        "exp",
        "user_id",
        "gamer_id",
        "third_party_client_id",
        "third_party_client_name",
        "namespaced_third_party_user_id",
        "wallet_address",
        "is_new_user",
        "indigg_id",
        "indigg_wallet_address",
        "linked_phone",
    ] {
        assert!(claims.get(key).is_some(), "claim {key} missing");
    }
    assert_eq!(claims["sub"], "bob");
    assert_eq!(
        claims["iss"], CLIENT_ID,
        "the issuer is the game's client id"
    );
    assert!(
        claims.get("token_use").is_none(),
        "only the documented claims"
    );
    assert_eq!(claims["gamer_id"], "");
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        86_400
    );
    let header: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(player.token.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header["alg"], "HS256");
    let refresh = claims_of_refresh(&player.session);
    assert_eq!(refresh["sub"], "bob");
}

fn claims_of_refresh(session: &Value) -> Value {
    claims(session["refresh_token"].as_str().unwrap())
}

#[tokio::test]
async fn every_credential_header_spelling_and_the_trailing_slash_work() {
    let env = Env::start().await;
    for (id, secret) in [
        ("x-client-id", "x-client-secret"),
        ("x-clientID", "x-clientSecret"),
        ("clientID", "clientSecret"),
    ] {
        for path in ["/s2s/session", "/s2s/session/"] {
            let reply = env
                .send(
                    Method::POST,
                    path,
                    &[(id, CLIENT_ID), (secret, CLIENT_SECRET)],
                    Some(r#"{"user_id":"carol"}"#),
                )
                .await;
            reply.expect_ok();
        }
    }
    let legacy = env
        .send(
            Method::POST,
            "/s2s/session",
            &[
                ("x-client-id", CLIENT_ID),
                ("x-client-secret", CLIENT_SECRET),
            ],
            Some(r#"{"gamer_id":"dave"}"#),
        )
        .await;
    assert_eq!(
        legacy.expect_ok()["user_id"],
        "dave",
        "older docs keyed on gamer_id"
    );
}

#[tokio::test]
async fn bad_credentials_and_bodies_are_refused() {
    let env = Env::start().await;
    let body = Some(r#"{"user_id":"erin"}"#);
    env.send(Method::POST, "/s2s/session", &[], body)
        .await
        .expect_error(401, "UN_AUTHORIZED");
    env.send(
        Method::POST,
        "/s2s/session",
        &[("x-client-id", CLIENT_ID), ("x-client-secret", "wrong")],
        body,
    )
    .await
    .expect_error(401, "UN_AUTHORIZED");
    env.send(
        Method::POST,
        "/s2s/session",
        &[
            ("x-client-id", "nobody"),
            ("x-client-secret", CLIENT_SECRET),
        ],
        body,
    )
    .await
    .expect_error(401, "UN_AUTHORIZED");
    let creds = [
        ("x-client-id", CLIENT_ID),
        ("x-client-secret", CLIENT_SECRET),
    ];
    for bad in [
        r#"{}"#,
        r#"{"user_id":""}"#,
        r#"{"user_id":42}"#,
        r#"{"user_id":"x","level":"high"}"#,
        "[1,2]",
        "{nope",
    ] {
        env.send(Method::POST, "/s2s/session", &creds, Some(bad))
            .await
            .expect_error(400, "BAD_REQUEST");
    }
}

#[tokio::test]
async fn tokens_expire_on_the_sandbox_clock() {
    let env = Env::start().await;
    let player = env.session("frank").await;
    env.get("/fe/wallet/balance", &player.token)
        .await
        .expect_ok();
    env.advance_clock(86_400 - 60).await;
    env.get("/fe/wallet/balance", &player.token)
        .await
        .expect_ok();
    env.advance_clock(61).await;
    env.get("/fe/wallet/balance", &player.token)
        .await
        .expect_error(401, "UN_AUTHORIZED");
    // Calling /s2s/session again is how a server renews.
    let renewed = env.session("frank").await;
    env.get("/fe/wallet/balance", &renewed.token)
        .await
        .expect_ok();
}

#[tokio::test]
async fn token_lifetime_follows_the_settings() {
    let env = Env::start().await;
    env.admin_post("/sandbox/settings", json!({ "token_ttl_secs": 60 }))
        .await;
    let player = env.session("gina").await;
    let claims = claims(&player.token);
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        60
    );
    env.advance_clock(61).await;
    env.get("/fe/wallet/balance", &player.token)
        .await
        .expect_error(401, "UN_AUTHORIZED");
}

#[tokio::test]
async fn fe_routes_refuse_missing_and_forged_tokens_and_take_refresh_tokens() {
    let env = Env::start().await;
    let player = env.session("hank").await;
    env.send(Method::GET, "/fe/wallet/balance", &[], None)
        .await
        .expect_error(401, "UN_AUTHORIZED");
    env.get("/fe/wallet/balance", "not.a.jwt")
        .await
        .expect_error(401, "UN_AUTHORIZED");
    let mut forged = player.token.clone().into_bytes();
    let i = forged.len() - 10;
    forged[i] = if forged[i] == b'A' { b'B' } else { b'A' };
    env.get("/fe/wallet/balance", &String::from_utf8(forged).unwrap())
        .await
        .expect_error(401, "UN_AUTHORIZED");
    // Access and refresh tokens carry the same claims; both are accepted.
    let refresh = player.session["refresh_token"].as_str().unwrap();
    assert_ne!(refresh, player.token);
    env.get("/fe/wallet/balance", refresh).await.expect_ok();
}
