use crate::support::{assert_api_error, Env};

#[tokio::test]
async fn a_winner_claims_rewards_into_the_earned_balance() {
    let env = Env::demo().await;
    let uid = env.admin.tournament("STARTED", 10, 10).await;
    let winner = env.player("r1").await;
    winner.join_tournament(&uid, 10).await.unwrap();
    winner.submit_score(&uid, 100).await.unwrap();

    let nothing = winner.claimable_rewards().await.unwrap().data;
    assert_eq!(nothing.total_claimable_rewards, 0.0);
    assert_api_error(winner.claim_rewards().await, 400, "NO_CLAIMABLE_REWARDS");

    env.admin.complete(&uid).await;
    let rewards = winner.claimable_rewards().await.unwrap().data;
    let reward = rewards
        .claimable_rewards_info
        .iter()
        .find(|r| r.tournament_id == uid)
        .expect("a reward");
    assert_eq!(
        (reward.claim_status.as_str(), reward.user_id.as_str()),
        ("UNCLAIMED", "r1")
    );
    assert!(reward.reward > 0.0);
    assert_eq!(rewards.total_claimable_rewards, reward.reward);

    let earned_before = winner.wallet_balance().await.unwrap().data.earned_balance;
    assert!(!winner
        .claim_rewards()
        .await
        .unwrap()
        .data
        .message
        .is_empty());
    let earned_after = winner.wallet_balance().await.unwrap().data.earned_balance;
    assert_eq!(earned_after - earned_before, reward.reward);

    let after = winner.claimable_rewards().await.unwrap().data;
    assert_eq!(after.total_claimable_rewards, 0.0);
    assert!(after
        .claimable_rewards_info
        .iter()
        .all(|r| r.claim_status == "CLAIMED_SUCCESSFULLY"));
    assert_api_error(winner.claim_rewards().await, 400, "NO_CLAIMABLE_REWARDS");
}
