use serde_json::json;

use crate::support::{assert_api_error, Env, LIVE_UID};

#[tokio::test]
async fn the_leaderboard_ranks_best_scores_and_names_winners_after_completion() {
    let env = Env::demo().await;
    let uid = env.admin.tournament("STARTED", 10, 100).await;
    for (player, scores) in [("a", vec![30, 90, 40]), ("b", vec![50]), ("c", vec![10])] {
        let p = env.player(player).await;
        p.join_tournament(&uid, 10).await.unwrap();
        for score in scores {
            p.submit_score(&uid, score).await.unwrap();
        }
    }
    let p = env.player("a").await;
    let board = p.leaderboard(&uid).await.unwrap().data;
    let ranking: Vec<_> = board
        .leaderboard
        .iter()
        .map(|e| (e.user_id.as_str(), e.score))
        .collect();
    assert_eq!(
        ranking,
        vec![("a", 90), ("b", 50), ("c", 10)],
        "best score counts, descending"
    );
    assert!(board.winners.is_empty(), "no winners before completion");
    assert!(board.price_pool > 0.0);

    env.admin.complete(&uid).await;
    let board = p.leaderboard(&uid).await.unwrap().data;
    assert_eq!(board.winners.first().map(|w| w.user_id.as_str()), Some("a"));
    assert!(board.winners[0].reward > 0.0);
}

#[tokio::test]
async fn an_unknown_tournament_is_not_found_without_trying_the_older_route() {
    let env = Env::demo().await;
    let p = env.player("a").await;
    assert_api_error(
        p.leaderboard("00000000-0000-4000-8000-000000000000").await,
        404,
        "TOURNAMENT_NOT_FOUND",
    );
    assert_eq!(
        env.admin
            .hits("GET /fe/esports/leaderboards/{uid}/leaderboard")
            .await,
        0
    );
}

#[tokio::test]
async fn a_server_without_the_current_route_is_read_on_the_older_one_remembered_per_client() {
    let env = Env::demo().await;
    env.admin
        .fault(json!({"method": "GET", "path": "/fe/esports/tournaments/*/leaderboard", "status": 404}))
        .await;
    let p = env.player("a").await;
    p.join_tournament(LIVE_UID, 10).await.unwrap();
    p.submit_score(LIVE_UID, 7).await.unwrap();

    let board = p.leaderboard(LIVE_UID).await.unwrap().data;
    assert!(board
        .leaderboard
        .iter()
        .any(|e| e.user_id == "a" && e.score == 7));
    p.leaderboard(LIVE_UID).await.unwrap();
    p.leaderboard(LIVE_UID).await.unwrap();

    let current = env
        .admin
        .hits("GET /fe/esports/tournaments/{uid}/leaderboard")
        .await;
    let older = env
        .admin
        .hits("GET /fe/esports/leaderboards/{uid}/leaderboard")
        .await;
    assert_eq!(
        (current, older),
        (1, 3),
        "the missing route is tried once, then remembered"
    );
}
