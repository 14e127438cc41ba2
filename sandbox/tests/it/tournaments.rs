//! Tournament listing, join, leave and score submission.

use serde_json::json;

use crate::support::{uid_path, Env};

const UNKNOWN: &str = "00000000-0000-4000-8000-000000000000";

#[tokio::test]
async fn active_lists_the_games_open_tournaments_with_every_field() {
    let env = Env::demo().await;
    let player = env.session("p1").await;
    let active = env
        .get("/fe/esports/tournaments/active", &player.token)
        .await;
    let list = active.expect_ok().as_array().unwrap().clone();
    let statuses: Vec<&str> = list
        .iter()
        .map(|t| t["tournament_status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["STARTED", "LOBBY", "SCHEDULED"],
        "completed ones are not active"
    );
    let live = &list[0];
    assert_eq!(live["tournament_uid"], kgen_sandbox::LIVE_UID);
    assert_eq!(live["game_uid"], "demo-client");
    assert_eq!(live["buy_in_price"], 10);
    assert_eq!(live["tournament_size"], 1000);
    for key in [
        "title",
        "description",
        "participants_count",
        "schedules_at_timestamp",
        "moves_to_lobby_at_timestamp",
        "starts_at_timestamp",
        "locks_at_timestamp",
        "ends_at_timestamp",
        "created_at",
        "updated_at",
    ] {
        assert!(!live[key].is_null(), "{key} missing");
    }
    assert!(live["starts_at_timestamp"].as_str().unwrap().ends_with('Z'));

    let empty = Env::start().await;
    let other = empty.session("p1").await;
    assert_eq!(
        empty
            .get("/fe/esports/tournaments/active", &other.token)
            .await
            .expect_ok(),
        &json!([])
    );
}

#[tokio::test]
async fn get_finds_only_the_games_own_tournaments() {
    let env = Env::demo().await;
    let player = env.session("p1").await;
    let one = env
        .get(
            &format!("/fe/esports/tournaments/{}", kgen_sandbox::LOBBY_UID),
            &player.token,
        )
        .await;
    assert_eq!(one.expect_ok()["tournament_status"], "LOBBY");
    let upper = kgen_sandbox::LOBBY_UID.to_uppercase();
    env.get(&format!("/fe/esports/tournaments/{upper}"), &player.token)
        .await
        .expect_ok();
    for uid in [UNKNOWN, "not-a-uuid"] {
        env.get(&format!("/fe/esports/tournaments/{uid}"), &player.token)
            .await
            .expect_error(404, "TOURNAMENT_NOT_FOUND");
    }
    let body = json!({ "title": "Elsewhere", "buy_in_price": 0, "tournament_size": 5, "state": "STARTED", "game_uid": "other-game" });
    let foreign = env.admin_post("/sandbox/tournaments", body).await.body["tournament_uid"]
        .as_str()
        .unwrap()
        .to_string();
    env.get(&format!("/fe/esports/tournaments/{foreign}"), &player.token)
        .await
        .expect_error(404, "TOURNAMENT_NOT_FOUND");
    env.join(&player, &foreign, 0)
        .await
        .expect_error(404, "TOURNAMENT_NOT_FOUND");
}

#[tokio::test]
async fn join_debits_the_fee_with_a_join_transaction() {
    let env = Env::start().await;
    let uid = env.tournament("STARTED", 10, 100).await;
    let player = env.session("p1").await;
    let joined = env.join(&player, &uid, 10).await;
    assert_eq!(
        joined.expect_ok(),
        &json!({ "message": "user successfully joined the tournament" })
    );
    assert_eq!(env.balance(&player).await["bonus_balance"], 40);
    let transactions = env.transactions(&player).await;
    let join = &transactions[0];
    assert_eq!(join["amount"], 10);
    assert_eq!(join["description"]["type"], "JOIN");
    assert_eq!(join["description"]["platformProtocolsTxnType"], "DEBIT");
    assert_eq!(
        join["description"]["platformProtocolsTxnDescription"],
        "Tournament fee deduct"
    );
    assert_eq!(join["from_wallet"], player.session["wallet_address"]);
    assert_eq!(join["sync_status"], "COMPLETED");
    let participated = env
        .get("/fe/esports/tournaments/participated", &player.token)
        .await;
    assert_eq!(participated.expect_ok(), &json!([uid]));
    let tournament = env
        .get(&format!("/fe/esports/tournaments/{uid}"), &player.token)
        .await;
    assert_eq!(tournament.expect_ok()["participants_count"], 1);
}

#[tokio::test]
async fn join_refuses_with_each_documented_code() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let live = env.tournament("STARTED", 10, 100).await;
    env.join(&player, &live, 5)
        .await
        .expect_error(400, "TOURNAMENT_INVALID_JOINING_STAKE");
    for state in ["SCHEDULED", "LOCKED", "COMPLETED"] {
        let uid = env.tournament(state, 10, 100).await;
        env.join(&player, &uid, 10)
            .await
            .expect_error(400, "TOURNAMENT_IS_NOT_LIVE");
    }
    env.join(&player, UNKNOWN, 10)
        .await
        .expect_error(404, "TOURNAMENT_NOT_FOUND");
    env.join(&player, &live, 10).await.expect_ok();
    env.join(&player, &live, 10)
        .await
        .expect_error(409, "EXISTING_PARTICIPATION_FOUND");
    let tiny = env.tournament("LOBBY", 0, 1).await;
    env.join(&player, &tiny, 0).await.expect_ok();
    let other = env.session("p2").await;
    env.join(&other, &tiny, 0)
        .await
        .expect_error(409, "TOURNAMENT_IS_FULL");
    let pricey = env.tournament("STARTED", 51, 100).await;
    env.join(&other, &pricey, 51)
        .await
        .expect_error(400, "INSUFFICIENT_FUNDS");
    assert_eq!(
        env.balance(&other).await["bonus_balance"],
        50,
        "a refused join takes nothing"
    );
    assert_eq!(
        env.transactions(&other).await.len(),
        1,
        "only the welcome bonus"
    );
}

#[tokio::test]
async fn fees_take_bonus_then_bought_then_earned_and_leave_refunds_them() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    env.credit(&player, json!({ "bought": 5, "earned": 20 }))
        .await;
    let uid = env.tournament("LOBBY", 60, 10).await;
    env.join(&player, &uid, 60).await.expect_ok();
    let balance = env.balance(&player).await;
    assert_eq!(
        (
            balance["bonus_balance"].clone(),
            balance["bought_balance"].clone(),
            balance["earned_balance"].clone()
        ),
        (json!(0), json!(0), json!(15))
    );
    let left = env
        .post(&uid_path(&uid, "leave"), &player.token, json!(null))
        .await;
    assert_eq!(
        left.expect_ok(),
        &json!({ "message": "user left the tournament successfully" })
    );
    let balance = env.balance(&player).await;
    assert_eq!(
        (
            balance["bonus_balance"].clone(),
            balance["bought_balance"].clone(),
            balance["earned_balance"].clone()
        ),
        (json!(50), json!(5), json!(20))
    );
    let refund = &env.transactions(&player).await[0];
    assert_eq!(refund["description"]["type"], "REFUND");
    assert_eq!(refund["description"]["platformProtocolsTxnType"], "CREDIT");
    assert_eq!(refund["amount"], 60);
    assert_eq!(refund["to_wallet"], player.session["wallet_address"]);
    let participated = env
        .get("/fe/esports/tournaments/participated", &player.token)
        .await;
    assert_eq!(participated.expect_ok(), &json!([]));
}

#[tokio::test]
async fn leave_refuses_with_each_documented_code() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let uid = env.tournament("STARTED", 10, 10).await;
    let leave = |uid: String| {
        let env = &env;
        let token = player.token.clone();
        async move {
            env.send(
                reqwest::Method::POST,
                &uid_path(&uid, "leave"),
                &[("user-jwt-token", &token)],
                None,
            )
            .await
        }
    };
    leave(uid.clone())
        .await
        .expect_error(404, "TOURNAMENT_PARTICIPATION_NOT_FOUND");
    leave(UNKNOWN.to_string())
        .await
        .expect_error(404, "TOURNAMENT_NOT_FOUND");
    env.join(&player, &uid, 10).await.expect_ok();
    env.force_state(&uid, "LOCKED").await;
    leave(uid.clone())
        .await
        .expect_error(400, "TOURNAMENT_IS_NOT_LIVE");
}

#[tokio::test]
async fn scores_keep_the_best_and_refuse_with_each_code() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let uid = env.tournament("LOBBY", 10, 10).await;
    env.score(&player, &uid, 5)
        .await
        .expect_error(404, "TOURNAMENT_PARTICIPATION_NOT_FOUND");
    env.join(&player, &uid, 10).await.expect_ok();
    env.score(&player, &uid, 5)
        .await
        .expect_error(400, "TOURNAMENT_IS_NOT_LIVE");
    env.force_state(&uid, "STARTED").await;
    let scored = env.score(&player, &uid, 50).await;
    assert_eq!(
        scored.expect_ok(),
        &json!({ "message": "leaderboard score update successful" })
    );
    env.score(&player, &uid, 30).await.expect_ok();
    let board = env.get(&uid_path(&uid, "leaderboard"), &player.token).await;
    assert_eq!(
        board.expect_ok()["leaderboard"][0]["score"],
        50,
        "a lower score does not replace a better one"
    );
    env.score(&player, &uid, 70).await.expect_ok();
    let board = env.get(&uid_path(&uid, "leaderboard"), &player.token).await;
    assert_eq!(board.expect_ok()["leaderboard"][0]["score"], 70);
    env.score(&player, &uid, -1)
        .await
        .expect_error(400, "INVALID_SCORE");
    env.score(&player, UNKNOWN, 1)
        .await
        .expect_error(404, "TOURNAMENT_NOT_FOUND");
    let fractional = json!({ "payload": { "score": { "value": 1.5 } } });
    env.post(&uid_path(&uid, "score"), &player.token, fractional)
        .await
        .expect_error(400, "BAD_REQUEST");
    env.force_state(&uid, "LOCKED").await;
    env.score(&player, &uid, 100)
        .await
        .expect_error(400, "TOURNAMENT_IS_NOT_LIVE");
}
