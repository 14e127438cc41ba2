//! The tournament lifecycle on the sandbox clock, the leaderboard, completion, rewards
//! and statistics.

use serde_json::{json, Value};

use crate::support::{uid_path, Env, Player};

async fn status(env: &Env, player: &Player, uid: &str) -> String {
    let reply = env
        .get(&format!("/fe/esports/tournaments/{uid}"), &player.token)
        .await;
    reply.expect_ok()["tournament_status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn the_clock_moves_a_tournament_through_its_lifecycle_and_settles_it() {
    let env = Env::start().await;
    let body = json!({ "title": "Clocked", "buy_in_price": 10, "tournament_size": 10, "starts_in_secs": 7200, "duration_secs": 600 });
    let uid = env.admin_post("/sandbox/tournaments", body).await.body["tournament_uid"]
        .as_str()
        .unwrap()
        .to_string();
    let player = env.session("p1").await;
    assert_eq!(status(&env, &player, &uid).await, "SCHEDULED");
    env.advance_clock(3600).await;
    assert_eq!(status(&env, &player, &uid).await, "LOBBY");
    env.join(&player, &uid, 10).await.expect_ok();
    env.advance_clock(3600).await;
    assert_eq!(status(&env, &player, &uid).await, "STARTED");
    env.score(&player, &uid, 9).await.expect_ok();
    env.advance_clock(600).await;
    assert_eq!(status(&env, &player, &uid).await, "LOCKED");
    env.advance_clock(300).await;
    assert_eq!(status(&env, &player, &uid).await, "COMPLETED");
    let board = env.get(&uid_path(&uid, "leaderboard"), &player.token).await;
    assert_eq!(
        board.expect_ok()["winners"],
        json!([{ "user_id": "p1", "reward": 60 }]),
        "settled without an admin call"
    );
}

#[tokio::test]
async fn leaderboard_ranks_best_first_on_both_paths() {
    let env = Env::start().await;
    let uid = env.tournament("STARTED", 10, 10).await;
    let mut players = Vec::new();
    for (name, score) in [
        ("low", 10),
        ("high", 30),
        ("tie-first", 20),
        ("tie-second", 20),
    ] {
        let player = env.session(name).await;
        env.join(&player, &uid, 10).await.expect_ok();
        env.score(&player, &uid, score).await.expect_ok();
        players.push(player);
    }
    let idle = env.session("idle").await;
    env.join(&idle, &uid, 10).await.expect_ok();
    let current = env
        .get(&uid_path(&uid, "leaderboard"), &players[0].token)
        .await
        .expect_ok()
        .clone();
    let legacy = env
        .get(
            &format!("/fe/esports/leaderboards/{uid}/leaderboard"),
            &players[0].token,
        )
        .await
        .expect_ok()
        .clone();
    assert_eq!(current, legacy);
    let order: Vec<&str> = current["leaderboard"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["user_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        ["high", "tie-first", "tie-second", "low"],
        "players without a score are not ranked"
    );
    assert_eq!(
        current["winners"],
        json!([]),
        "no winners before completion"
    );
    // Four ranked players: top 1%/10%/20% is rank 1 (6x), top 40% adds rank 2 (1x).
    assert_eq!(current["price_pool"], 70);
    for path in [
        uid_path("00000000-0000-4000-8000-000000000000", "leaderboard"),
        "/fe/esports/leaderboards/nope/leaderboard".to_string(),
    ] {
        env.get(&path, &idle.token)
            .await
            .expect_error(404, "TOURNAMENT_NOT_FOUND");
    }
}

#[tokio::test]
async fn completion_pays_the_prize_table_and_rewards_are_claimed_once() {
    let env = Env::start().await;
    let uid = env.tournament("STARTED", 10, 100).await;
    let mut players = Vec::new();
    for i in 1..=10 {
        let player = env.session(&format!("p{i:02}")).await;
        env.join(&player, &uid, 10).await.expect_ok();
        env.score(&player, &uid, i * 100).await.expect_ok();
        players.push(player);
    }
    let completed = env
        .admin_post(&format!("/sandbox/tournaments/{uid}/complete"), json!({}))
        .await;
    // 10 players: rank 1 is the top 1% and 10% (6x), rank 2 the top 20% (1.5x), ranks 3-4 the top 40% (1x).
    let expected = json!([
        { "user_id": "p10", "reward": 60 }, { "user_id": "p09", "reward": 15 },
        { "user_id": "p08", "reward": 10 }, { "user_id": "p07", "reward": 10 },
    ]);
    assert_eq!(completed.body["winners"], expected);
    let winner = &players[9];
    let loser = &players[0];
    let board = env.get(&uid_path(&uid, "leaderboard"), &loser.token).await;
    assert_eq!(board.expect_ok()["winners"], expected);
    assert_eq!(board.body["price_pool"], 95);

    let rewards = env
        .get("/fe/esports/rewards/claim", &winner.token)
        .await
        .expect_ok()
        .clone();
    assert_eq!(rewards["total_claimable_rewards"], 60);
    let info = &rewards["claimable_rewards_info"][0];
    assert_eq!(
        (
            info["tournament_id"].as_str().unwrap(),
            info["claim_status"].as_str().unwrap(),
            info["reward"].as_i64().unwrap()
        ),
        (uid.as_str(), "UNCLAIMED", 60)
    );
    assert_eq!(info["user_id"], "p10");
    let claimed = env
        .post("/fe/esports/rewards/claim", &winner.token, json!(null))
        .await;
    assert_eq!(
        claimed.expect_ok()["message"],
        "Rewards claimed successfully"
    );
    assert_eq!(env.balance(winner).await["earned_balance"], 60);
    let reward_tx = &env.transactions(winner).await[0];
    assert_eq!(
        (
            reward_tx["description"]["type"].clone(),
            reward_tx["amount"].clone()
        ),
        (json!("REWARD"), json!(60))
    );
    let after = env
        .get("/fe/esports/rewards/claim", &winner.token)
        .await
        .expect_ok()
        .clone();
    assert_eq!(after["total_claimable_rewards"], 0);
    assert_eq!(
        after["claimable_rewards_info"][0]["claim_status"],
        "CLAIMED_SUCCESSFULLY"
    );
    env.post("/fe/esports/rewards/claim", &winner.token, json!(null))
        .await
        .expect_error(400, "NO_CLAIMABLE_REWARDS");
    env.post("/fe/esports/rewards/claim", &loser.token, json!(null))
        .await
        .expect_error(400, "NO_CLAIMABLE_REWARDS");

    let won = history(&env, winner).await;
    assert_eq!(
        won,
        json!([{ "type": "Tournament", "typeValue": 1, "result": "Won", "occurredAtText": won[0]["occurredAtText"], "mode": "Quick", "buyInStake": 10, "amountWon": 60 }])
    );
    let lost = history(&env, loser).await;
    assert_eq!(
        (
            lost[0]["result"].clone(),
            lost[0]["typeValue"].clone(),
            lost[0]["amountWon"].clone()
        ),
        (json!("You Lost"), json!(10), json!(0))
    );
    env.join(winner, &uid, 10)
        .await
        .expect_error(400, "TOURNAMENT_IS_NOT_LIVE");
}

async fn history(env: &Env, player: &Player) -> Value {
    env.get("/fe/esports/statistics/historic", &player.token)
        .await
        .expect_ok()
        .clone()
}

#[tokio::test]
async fn statistics_are_empty_without_history_and_the_demo_has_winners() {
    let env = Env::demo().await;
    let player = env.session("newcomer").await;
    assert_eq!(history(&env, &player).await, json!([]));
    let board = env
        .get(
            &uid_path(kgen_sandbox::COMPLETED_UID, "leaderboard"),
            &player.token,
        )
        .await;
    let winners = board.expect_ok()["winners"].as_array().unwrap().clone();
    assert_eq!(
        winners[0],
        json!({ "user_id": "demo-player-5", "reward": 60 })
    );
    let veteran = env.session("demo-player-5").await;
    assert_eq!(history(&env, &veteran).await[0]["result"], "Won");
    assert_eq!(
        env.get("/fe/esports/rewards/claim", &veteran.token)
            .await
            .expect_ok()["total_claimable_rewards"],
        60
    );
}
