use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use kgen::{Client, Config, ErrorKind, Session};
use kgen_sandbox::Options;

use serde_json::json;

use crate::support::{assert_api_error, Env};

/// Tokens live an hour; sessions renew 5 minutes before expiry (the default).
async fn env() -> Env {
    Env::with(Options {
        token_ttl_secs: 3600,
        ..Options::default()
    })
    .await
}

const SESSION_ROUTE: &str = "POST /s2s/session";

#[tokio::test]
async fn renewal_is_decided_by_the_server_clock_not_the_device_clock() {
    let env = env().await;
    let p = env.player("n1").await;
    let (first_token, first_exp) = (p.access_token(), p.expires_at().unwrap());

    // Only the server's clock moves: 200 s before expiry, inside the renewal window.
    env.admin.advance_clock(3400).await;
    p.wallet_balance().await.unwrap();
    assert_eq!(
        env.admin.hits(SESSION_ROUTE).await,
        1,
        "the old token is still valid"
    );
    let offset = p.client().server_clock_offset_ms();
    assert!(
        (3_399_000..=3_401_500).contains(&offset),
        "server clock learned: {offset}"
    );

    p.wallet_balance().await.unwrap();
    assert_eq!(
        env.admin.hits(SESSION_ROUTE).await,
        2,
        "renewed before expiry"
    );
    assert_ne!(p.access_token(), first_token);
    assert!(p.expires_at().unwrap() >= first_exp + 3400);
    p.wallet_balance().await.unwrap();
    assert_eq!(env.admin.hits(SESSION_ROUTE).await, 2, "renewed once");
}

#[tokio::test]
async fn fifty_calls_refused_at_once_cause_exactly_one_renewal() {
    let env = env().await;
    let p = env.player("n2").await;
    env.admin.advance_clock(3700).await; // the token expired; the client does not know yet

    let calls: Vec<_> = (0..50)
        .map(|_| {
            let p = p.clone();
            tokio::spawn(async move { p.wallet_balance().await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap().data.bonus_balance, 50.0);
    }
    assert_eq!(
        env.admin.hits(SESSION_ROUTE).await,
        2,
        "one creation, one renewal"
    );
    // Calls that start after the first refusal taught the client the server's time renew
    // (or wait for the renewal) before sending; the others are refused once, then resent.
    let balance_hits = env.admin.hits("GET /fe/wallet/balance").await;
    assert!((51..=100).contains(&balance_hits), "{balance_hits}");
}

#[tokio::test]
async fn calls_waiting_for_a_renewal_that_fails_share_its_failure_instead_of_retrying_it() {
    let env = env().await;
    let p = env.player("n4").await;
    env.admin.advance_clock(3700).await;
    // The platform cannot renew: every attempt is slow and fails.
    env.admin
        .fault(json!({"method": "POST", "path": "/s2s/session", "status": 503, "latency_ms": 500}))
        .await;

    let calls: Vec<_> = (0..20)
        .map(|_| {
            let p = p.clone();
            tokio::spawn(async move { p.wallet_balance().await })
        })
        .collect();
    for call in calls {
        assert_api_error(call.await.unwrap(), 503, "INJECTED_FAULT");
    }
    assert_eq!(
        env.admin.hits(SESSION_ROUTE).await,
        1 + 4,
        "the creation, then one renewal of 4 attempts"
    );

    // Later calls try again, and renew once the platform can.
    env.admin.clear_faults().await;
    assert_eq!(p.wallet_balance().await.unwrap().data.bonus_balance, 50.0);
    assert_eq!(env.admin.hits(SESSION_ROUTE).await, 1 + 4 + 1);
}

/// A game client (no secret) holding player g1's token, and a count of the
/// session-expired events it raised.
async fn game_session(env: &Env) -> (Session, Arc<AtomicUsize>) {
    let issuer = env.player("g1").await;
    // The /v3 settings only let the clock probe below (`current_user`) reach the sandbox.
    let game = Client::new(
        Config::new(env.sandbox.base_url())
            .with_account_base_url(env.sandbox.base_url())
            .with_private_token("demo-api-key"),
    )
    .unwrap();
    let raised = Arc::new(AtomicUsize::new(0));
    let counter = raised.clone();
    game.set_session_expired_handler(Some(Arc::new(move |session: &Session| {
        assert_eq!(session.user_id(), "g1");
        counter.fetch_add(1, Ordering::SeqCst);
    })));
    let session = game
        .restore_session(issuer.access_token().expose(), None)
        .unwrap();
    (session, raised)
}

#[tokio::test]
async fn a_game_client_raises_session_expired_once_and_never_loops() {
    let env = env().await;
    let (p, raised) = game_session(&env).await;
    p.wallet_balance().await.unwrap();

    env.admin.advance_clock(3700).await;
    let e = p.wallet_balance().await.unwrap_err();
    assert_eq!(
        (e.kind(), e.http_status()),
        (ErrorKind::SessionExpired, Some(401)),
        "{e:?}"
    );
    assert_eq!(raised.load(Ordering::SeqCst), 1);
    assert_eq!(env.admin.hits("GET /fe/wallet/balance").await, 2);

    // The server refused this token: no request goes out with it again.
    let e = p.active_tournaments().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::SessionExpired);
    assert_eq!(
        env.admin.hits("GET /fe/esports/tournaments/active").await,
        0
    );
    assert_eq!(raised.load(Ordering::SeqCst), 1, "raised once per token");
    assert_eq!(
        env.admin.hits("POST /s2s/session").await,
        1,
        "a game client never renews"
    );

    // The game fetched a new token from its server.
    let fresh = env.player("g1").await.access_token();
    p.update_tokens(fresh.expose(), None).unwrap();
    p.wallet_balance().await.unwrap();
    assert_eq!(raised.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn one_wrong_server_clock_reading_cannot_strand_a_game_client() {
    let env = env().await;
    let (p, raised) = game_session(&env).await;

    // The client reads a server time past the token's expiry (as from a bad Date header)…
    env.admin.advance_clock(3700).await;
    let _ = p.client().current_user().await; // any answer teaches the clock
    let offset = p.client().server_clock_offset_ms();
    assert!(offset > 3_600_000, "{offset}");
    // …that the server itself does not hold.
    env.admin
        .post("/sandbox/clock", json!({"offset_secs": 0}))
        .await;

    // The token looks expired on the estimate: the game is warned, but the call still
    // goes out, the server accepts the token, and its answer corrects the estimate.
    assert_eq!(p.wallet_balance().await.unwrap().data.bonus_balance, 50.0);
    assert_eq!(raised.load(Ordering::SeqCst), 1, "warned once");
    let offset = p.client().server_clock_offset_ms();
    assert!(offset.abs() < 2_000, "corrected: {offset}");
    p.wallet_balance().await.unwrap();
    assert_eq!(raised.load(Ordering::SeqCst), 1, "still once per token");
    assert_eq!(env.admin.hits("GET /fe/wallet/balance").await, 2);
}

#[tokio::test]
async fn a_refusal_of_a_token_replaced_meanwhile_is_answered_with_the_new_token() {
    let env = env().await;
    let (p, raised) = game_session(&env).await;
    env.admin.advance_clock(3700).await; // the restored token is dead on the server
    env.admin
        .fault(
            json!({"method": "GET", "path": "/fe/wallet/balance", "latency_ms": 1000, "times": 1}),
        )
        .await;
    let call = tokio::spawn({
        let p = p.clone();
        async move { p.wallet_balance().await }
    });

    // While the old token is out, the game passes a new one.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let fresh = env.player("g1").await.access_token();
    p.update_tokens(fresh.expose(), None).unwrap();

    assert_eq!(call.await.unwrap().unwrap().data.bonus_balance, 50.0);
    assert_eq!(env.admin.hits("GET /fe/wallet/balance").await, 2);
    assert_eq!(
        raised.load(Ordering::SeqCst),
        0,
        "the new token was not refused"
    );
}

#[tokio::test]
async fn a_game_client_is_warned_before_expiry_while_calls_still_work() {
    let env = env().await;
    let (p, raised) = game_session(&env).await;

    env.admin.advance_clock(3400).await;
    p.wallet_balance().await.unwrap(); // learns the server's time
    assert_eq!(raised.load(Ordering::SeqCst), 0);
    p.wallet_balance().await.unwrap();
    p.wallet_balance().await.unwrap();
    assert_eq!(
        raised.load(Ordering::SeqCst),
        1,
        "warned once, calls still served"
    );

    let other = env.player("g2").await;
    assert_eq!(
        p.update_tokens(other.access_token().expose(), None)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument,
        "a token of another player is refused"
    );
}

#[tokio::test]
async fn a_join_refused_for_an_expired_token_is_renewed_and_applied_once() {
    let env = env().await;
    let p = env.player("n3").await;
    env.admin.advance_clock(3700).await;
    p.join_tournament(crate::support::LIVE_UID, 10)
        .await
        .unwrap();
    assert_eq!(env.admin.hits(SESSION_ROUTE).await, 2);
    assert_eq!(
        env.admin
            .hits("POST /fe/esports/tournaments/{uid}/join")
            .await,
        2
    );
    assert_eq!(p.wallet_balance().await.unwrap().data.bonus_balance, 40.0);
}
