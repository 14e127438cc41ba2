//! A write whose answer is lost completes with what the server did — applied or not —
//! checked by a read; only when that read fails too does it end "outcome unknown".

use kgen::ErrorKind;
use serde_json::json;

use crate::support::{Env, LIVE_UID};

const JOIN: &str = "/fe/esports/tournaments/*/join";

#[tokio::test]
async fn a_join_applied_whose_answer_is_lost_completes_as_applied() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    env.admin
        .fault(json!({"method": "POST", "path": JOIN, "drop": "after", "times": 1}))
        .await;
    let joined = p.join_tournament(LIVE_UID, 10).await.unwrap();
    assert!(joined.data.message.contains("applied"), "{joined:?}");
    assert_eq!(joined.http_status, 0, "the write's own answer never came");
    assert!(joined.request_id.starts_with("kgen-"));
    assert_eq!(
        env.admin
            .hits("POST /fe/esports/tournaments/{uid}/join")
            .await,
        1,
        "not repeated"
    );
    assert_eq!(p.wallet_balance().await.unwrap().data.bonus_balance, 40.0);
}

#[tokio::test]
async fn a_join_dropped_before_it_was_applied_completes_as_not_applied() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    env.admin
        .fault(json!({"method": "POST", "path": JOIN, "drop": "before", "times": 1}))
        .await;
    let e = p.join_tournament(LIVE_UID, 10).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e:?}");
    assert!(
        e.message()
            .ends_with("not applied (checked by reading participated tournaments)"),
        "{e}"
    );
    assert!(p.participated_tournaments().await.unwrap().data.is_empty());
    assert_eq!(p.wallet_balance().await.unwrap().data.bonus_balance, 50.0);
    // Not applied, so repeating it is safe.
    p.join_tournament(LIVE_UID, 10).await.unwrap();
}

#[tokio::test]
async fn a_lost_join_whose_check_fails_too_completes_outcome_unknown() {
    let env = Env::demo().await;
    let p = env.player("r1").await;
    env.admin
        .fault(json!({"method": "POST", "path": JOIN, "drop": "after", "times": 1}))
        .await;
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
async fn a_lost_leave_and_a_lost_score_are_checked_too() {
    let env = Env::demo().await;
    let uid = env.admin.tournament("STARTED", 10, 10).await;
    let p = env.player("r1").await;
    p.join_tournament(&uid, 10).await.unwrap();
    env.admin
        .fault(json!({"method": "POST", "path": "/fe/esports/tournaments/*/score", "drop": "after", "times": 1}))
        .await;
    let scored = p.submit_score(&uid, 77).await.unwrap();
    assert!(scored.data.message.contains("leaderboard"), "{scored:?}");
    env.admin
        .fault(json!({"method": "POST", "path": "/fe/esports/tournaments/*/score", "drop": "before", "times": 1}))
        .await;
    let e = p.submit_score(&uid, 99).await.unwrap_err();
    assert!(e.message().contains("not applied"), "{e}");
    env.admin
        .fault(json!({"method": "POST", "path": "/fe/esports/tournaments/*/leave", "drop": "after", "times": 1}))
        .await;
    p.leave_tournament(&uid).await.unwrap();
    assert!(p.participated_tournaments().await.unwrap().data.is_empty());
}

#[tokio::test]
async fn a_lost_claim_is_checked_by_the_rewards() {
    let env = Env::demo().await;
    let uid = env.admin.tournament("STARTED", 10, 10).await;
    let winner = env.player("r1").await;
    winner.join_tournament(&uid, 10).await.unwrap();
    winner.submit_score(&uid, 100).await.unwrap();
    env.admin.complete(&uid).await;
    env.admin
        .fault(json!({"method": "POST", "path": "/fe/esports/rewards/claim", "drop": "before", "times": 1}))
        .await;
    let e = winner.claim_rewards().await.unwrap_err();
    assert!(e.message().contains("not applied"), "{e}");
    env.admin
        .fault(json!({"method": "POST", "path": "/fe/esports/rewards/claim", "drop": "after", "times": 1}))
        .await;
    let claimed = winner.claim_rewards().await.unwrap();
    assert!(
        claimed.data.message.contains("claimable rewards"),
        "{claimed:?}"
    );
    assert_eq!(
        winner
            .claimable_rewards()
            .await
            .unwrap()
            .data
            .total_claimable_rewards,
        0.0
    );
}
