//! A write whose answer is lost completes with what the server did — applied or not: the
//! SDK sends it again under its Idempotency-Key (the repeat's answer is the write's), and
//! reads the state it changes when no repeat gets a verdict. Only when that read cannot
//! settle it does the call end "outcome unknown".

use std::time::Duration;

use kgen::{ApiErrorCode, Client, CreateSession, ErrorKind, Session};
use serde_json::{json, Value};

use crate::support::{Env, LIVE_UID};

const JOIN: &str = "/fe/esports/tournaments/*/join";
const JOIN_ROUTE: &str = "POST /fe/esports/tournaments/{uid}/join";
const PARTICIPATED_ROUTE: &str = "GET /fe/esports/tournaments/participated";

/// The player is in the live tournament and paid its buy-in once.
async fn assert_joined_once(p: &Session) {
    assert_eq!(
        p.participated_tournaments().await.unwrap().data,
        vec![LIVE_UID.to_owned()]
    );
    assert_eq!(p.wallet_balance().await.unwrap().data.bonus_balance, 40.0);
}

/// Injects `fault` (the sandbox's fault fields but method and path) on the join route.
async fn on_join(env: &Env, mut fault: Value) {
    fault["method"] = json!("POST");
    fault["path"] = json!(JOIN);
    env.admin.fault(fault).await;
}

#[tokio::test]
async fn a_join_applied_whose_answer_is_lost_is_answered_by_its_repeat_and_paid_once() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    on_join(&env, json!({"drop": "after", "times": 1})).await;
    let joined = p.join_tournament(LIVE_UID, 10).await.unwrap();
    assert_eq!(joined.http_status, 200, "the repeat's answer: {joined:?}");
    assert!(joined.request_id.starts_with("kgen-"));
    assert_eq!(env.admin.hits(JOIN_ROUTE).await, 2, "sent once more");
    assert_eq!(
        p.wallet_balance().await.unwrap().data.bonus_balance,
        40.0,
        "paid once: the repeat got the first attempt's stored answer"
    );
}

#[tokio::test]
async fn a_join_dropped_before_it_reached_the_server_is_applied_by_its_repeat() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    on_join(&env, json!({"drop": "before", "times": 1})).await;
    let joined = p.join_tournament(LIVE_UID, 10).await.unwrap();
    assert_eq!(joined.http_status, 200, "{joined:?}");
    assert_joined_once(&p).await;
}

#[tokio::test]
async fn a_join_whose_every_attempt_is_dropped_before_it_is_applied_completes_as_not_applied() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    on_join(&env, json!({"drop": "before"})).await;
    let e = p.join_tournament(LIVE_UID, 10).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e:?}");
    assert!(
        e.message()
            .ends_with("not applied (checked by reading participated tournaments)"),
        "{e}"
    );
    assert!(
        env.admin.hits(JOIN_ROUTE).await > 2,
        "sent again while the deadline allowed"
    );
    env.admin.clear_faults().await;
    assert!(p.participated_tournaments().await.unwrap().data.is_empty());
    assert_eq!(p.wallet_balance().await.unwrap().data.bonus_balance, 50.0);
    // Not applied, so repeating it is safe.
    p.join_tournament(LIVE_UID, 10).await.unwrap();
}

#[tokio::test]
async fn a_join_that_could_not_connect_was_not_sent_and_needs_no_check() {
    let env = Env::demo().await;
    let tokens = env.player("r1").await;
    let port = crate::support::unused_port();
    let client = Client::new(kgen::Config {
        base_url: format!("http://127.0.0.1:{port}"),
        ..env.config()
    })
    .unwrap();
    let p = client
        .restore_session(tokens.access_token().expose(), None)
        .unwrap();
    let e = p.join_tournament(LIVE_UID, 10).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e:?}");
    assert!(!e.message().contains("applied"), "no repeat, no read: {e}");
}

#[tokio::test]
async fn a_lost_join_is_not_sent_again_under_a_policy_of_one_attempt() {
    let env = Env::demo().await;
    let client = Client::new(env.config().with_retry(kgen::RetryPolicy::none())).unwrap();
    let p = client
        .create_session(CreateSession::new("r1"))
        .await
        .unwrap()
        .data;
    on_join(&env, json!({"drop": "after", "times": 1})).await;
    let joined = p.join_tournament(LIVE_UID, 10).await.unwrap();
    assert_eq!(joined.http_status, 0, "confirmed by the read: {joined:?}");
    assert!(
        joined
            .data
            .message
            .contains("confirmed by reading participated tournaments"),
        "{joined:?}"
    );
    assert_eq!(env.admin.hits(JOIN_ROUTE).await, 1, "not repeated");
}

#[tokio::test]
async fn a_lost_join_whose_check_fails_too_completes_outcome_unknown() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    on_join(&env, json!({"drop": "after"})).await;
    env.admin
        .fault(
            json!({"method": "GET", "path": "/fe/esports/tournaments/participated", "status": 503}),
        )
        .await;
    let e = p.join_tournament(LIVE_UID, 10).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OutcomeUnknown, "{e:?}");
    assert!(
        e.message().starts_with("may or may not have been applied"),
        "{e}"
    );
    assert!(e.request_id().starts_with("kgen-"));
    env.admin.clear_faults().await;
    assert_eq!(
        p.participated_tournaments().await.unwrap().data,
        vec![LIVE_UID.to_owned()],
        "it was applied, as the SDK could not tell"
    );
}

#[tokio::test]
async fn a_repeat_refused_after_the_first_attempt_took_effect_is_read_as_applied() {
    // As a server that ignores the Idempotency-Key would: the first join is applied, its
    // answer lost, and every repeat refused without a replay.
    let env = Env::demo().await;
    let p = env.player("r1").await;
    on_join(&env, json!({"drop": "after", "times": 1})).await;
    on_join(&env, json!({"status": 400, "times": 2})).await;
    let joined = p.join_tournament(LIVE_UID, 10).await.unwrap();
    assert_eq!(joined.http_status, 0, "{joined:?}");
    assert_eq!(
        env.admin.hits(JOIN_ROUTE).await,
        3,
        "the refusal was sent once more"
    );
    assert!(
        joined
            .data
            .message
            .contains("confirmed by reading participated tournaments"),
        "{joined:?}"
    );
    assert_eq!(p.wallet_balance().await.unwrap().data.bonus_balance, 40.0);
}

#[tokio::test]
async fn a_repeat_refused_when_nothing_took_effect_completes_with_the_refusal() {
    // Refusals without a replay, as from a server that ignores the key: the read decides.
    let env = Env::demo().await;
    let p = env.player("r1").await;
    on_join(&env, json!({"drop": "before", "times": 1})).await;
    on_join(&env, json!({"status": 404, "times": 2})).await;
    let e = p.join_tournament(LIVE_UID, 10).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http, "{e:?}");
    assert_eq!(e.http_status(), Some(404));
    assert!(e.message().contains("not applied"), "{e}");
    assert!(p.participated_tournaments().await.unwrap().data.is_empty());
}

/// The player joins, then joins again while already in, and that second join's answer is
/// lost (`drop`): it ends with the refusal, after `repeats` repeats and no read.
async fn join_again_while_in(drop: &str, repeats: u64) {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    p.join_tournament(LIVE_UID, 10).await.unwrap();
    on_join(&env, json!({"drop": drop, "times": 1})).await;
    let e = p.join_tournament(LIVE_UID, 10).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http, "{e:?}");
    assert_eq!(e.http_status(), Some(409), "{e:?}");
    assert_eq!(
        e.api_code(),
        Some(&ApiErrorCode::ExistingParticipationFound),
        "{e:?}"
    );
    assert_eq!(env.admin.hits(JOIN_ROUTE).await, 2 + repeats);
    assert_eq!(env.admin.hits(PARTICIPATED_ROUTE).await, 0, "no read");
    assert_joined_once(&p).await;
}

#[tokio::test]
async fn a_repeat_answered_with_the_first_attempts_stored_refusal_ends_with_that_refusal() {
    // The first attempt is refused (the player is in already) and its answer lost; the
    // repeat gets the stored refusal replayed: that is the write's answer.
    join_again_while_in("after", 1).await;
}

#[tokio::test]
async fn a_fresh_refusal_of_a_repeat_stands_once_the_server_replays_it() {
    // The first attempt never arrives; the repeat is refused afresh (the player is in
    // already), which a server that honours the key confirms by replaying it.
    join_again_while_in("before", 2).await;
}

#[tokio::test]
async fn a_join_still_running_when_its_attempt_timed_out_is_answered_once_it_lands() {
    let env = Env::demo().await;
    let p = env.impatient_player("r1").await;
    on_join(&env, json!({"latency_ms": 1800, "times": 1})).await;
    let joined = p.join_tournament(LIVE_UID, 10).await.unwrap();
    assert_eq!(joined.http_status, 200, "{joined:?}");
    assert!(env.admin.hits(JOIN_ROUTE).await >= 2);
    // Past the stalled attempt: it was applied once, as reported.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_joined_once(&p).await;
}

#[tokio::test]
async fn a_join_that_never_answers_in_time_is_not_reported_not_applied() {
    // Every attempt stalls past the call's deadline: the read finds it not applied, yet
    // an attempt may still land, so the outcome is unknown.
    let env = Env::demo().await;
    let p = env.impatient_player("r1").await;
    on_join(&env, json!({"latency_ms": 6000})).await;
    let e = p.join_tournament(LIVE_UID, 10).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OutcomeUnknown, "{e:?}");
    assert!(
        e.message()
            .contains("found it not applied, but an attempt that got no answer in time may still reach the server"),
        "{e}"
    );
}

#[tokio::test]
async fn a_lost_score_is_answered_by_its_repeat_and_recorded_once() {
    let env = Env::demo().await;
    let uid = env.admin.tournament("STARTED", 10, 10).await;
    let p = env.player("r1").await;
    p.join_tournament(&uid, 10).await.unwrap();
    env.admin
        .fault(json!({"method": "POST", "path": "/fe/esports/tournaments/*/score", "drop": "after", "times": 1}))
        .await;
    p.submit_score(&uid, 77).await.unwrap();
    env.admin
        .fault(
            json!({"method": "POST", "path": "/fe/esports/tournaments/*/score", "drop": "before"}),
        )
        .await;
    let e = p.submit_score(&uid, 99).await.unwrap_err();
    assert!(
        e.message()
            .ends_with("not applied (checked by reading the leaderboard)"),
        "{e}"
    );
    env.admin.clear_faults().await;
    let ledger = env.admin.scores(&uid).await;
    assert_eq!(ledger, vec![77], "77 once, 99 never");
}

#[tokio::test]
async fn a_leave_whose_every_answer_is_lost_is_read_as_applied() {
    let env = Env::demo().await;
    let uid = env.admin.tournament("STARTED", 10, 10).await;
    let p = env.player("r1").await;
    p.join_tournament(&uid, 10).await.unwrap();
    env.admin
        .fault(
            json!({"method": "POST", "path": "/fe/esports/tournaments/*/leave", "drop": "after"}),
        )
        .await;
    let left = p.leave_tournament(&uid).await.unwrap();
    assert_eq!(left.http_status, 0, "{left:?}");
    env.admin.clear_faults().await;
    assert!(p.participated_tournaments().await.unwrap().data.is_empty());
}

#[tokio::test]
async fn a_lost_claim_is_resolved_by_its_repeat_or_the_rewards() {
    let env = Env::demo().await;
    let uid = env.admin.tournament("STARTED", 10, 10).await;
    let winner = env.player("r1").await;
    winner.join_tournament(&uid, 10).await.unwrap();
    winner.submit_score(&uid, 100).await.unwrap();
    env.admin.complete(&uid).await;
    env.admin
        .fault(json!({"method": "POST", "path": "/fe/esports/rewards/claim", "drop": "before"}))
        .await;
    let e = winner.claim_rewards().await.unwrap_err();
    assert!(
        e.message()
            .ends_with("not applied (checked by reading claimable rewards)"),
        "{e}"
    );
    env.admin.clear_faults().await;
    let unclaimed = winner
        .claimable_rewards()
        .await
        .unwrap()
        .data
        .total_claimable_rewards;
    assert!(unclaimed > 0.0, "still there after a claim not applied");
    env.admin
        .fault(json!({"method": "POST", "path": "/fe/esports/rewards/claim", "drop": "after", "times": 1}))
        .await;
    let claimed = winner.claim_rewards().await.unwrap();
    assert_eq!(claimed.http_status, 200, "{claimed:?}");
    let rewards = winner.claimable_rewards().await.unwrap().data;
    assert_eq!(rewards.total_claimable_rewards, 0.0);
    let earned = winner.wallet_balance().await.unwrap().data.earned_balance;
    assert_eq!(earned, unclaimed, "credited once");
}
