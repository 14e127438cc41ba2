use kgen::{ErrorKind, TournamentStatus};

use crate::support::{assert_api_error, Env, LIVE_UID, LOBBY_UID, SCHEDULED_UID};

#[tokio::test]
async fn a_player_lists_joins_scores_and_leaves() {
    let env = Env::demo().await;
    let p = env.player("p1").await;

    let active = p.active_tournaments().await.unwrap().data;
    let live = active
        .iter()
        .find(|t| t.tournament_uid == LIVE_UID)
        .expect("live listed");
    assert_eq!(live.tournament_status, TournamentStatus::Started);
    assert_eq!(live.buy_in_price, 10);
    assert!(live
        .starts_at_timestamp
        .as_ref()
        .and_then(|t| t.unix_ms)
        .is_some());
    assert_eq!(live.game_uid, p.info().third_party_client_id);

    let joined = p.join_tournament(LIVE_UID, 10).await.unwrap();
    assert_eq!(
        joined.data.message,
        "user successfully joined the tournament"
    );
    assert_eq!(
        p.participated_tournaments().await.unwrap().data,
        vec![LIVE_UID.to_owned()]
    );
    let t = p.tournament(LIVE_UID).await.unwrap().data;
    assert_eq!(t.participants_count, live.participants_count + 1);
    assert_eq!(
        p.wallet_balance().await.unwrap().data.bonus_balance,
        40.0,
        "the bonus pays first"
    );

    let scored = p.submit_score(LIVE_UID, 120).await.unwrap();
    assert_eq!(scored.data.message, "leaderboard score update successful");

    let left = p.leave_tournament(LIVE_UID).await.unwrap();
    assert_eq!(left.data.message, "user left the tournament successfully");
    assert!(p.participated_tournaments().await.unwrap().data.is_empty());
    assert_eq!(
        p.wallet_balance().await.unwrap().data.bonus_balance,
        50.0,
        "leaving refunds"
    );
}

#[tokio::test]
async fn joining_reports_every_refusal_by_name() {
    let env = Env::demo().await;
    let p = env.player("p1").await;
    assert_api_error(
        p.join_tournament(LIVE_UID, 5).await,
        400,
        "TOURNAMENT_INVALID_JOINING_STAKE",
    );
    assert_api_error(
        p.join_tournament(SCHEDULED_UID, 10).await,
        400,
        "TOURNAMENT_IS_NOT_LIVE",
    );
    let unknown = "00000000-0000-4000-8000-00000000dead";
    assert_api_error(
        p.join_tournament(unknown, 10).await,
        404,
        "TOURNAMENT_NOT_FOUND",
    );
    assert_api_error(
        p.join_tournament("not-a-uuid", 10).await,
        404,
        "TOURNAMENT_NOT_FOUND",
    );

    p.join_tournament(LOBBY_UID, 10).await.unwrap();
    assert_api_error(
        p.join_tournament(LOBBY_UID, 10).await,
        409,
        "EXISTING_PARTICIPATION_FOUND",
    );

    let expensive = env.admin.tournament("STARTED", 100, 10).await;
    assert_api_error(
        p.join_tournament(&expensive, 100).await,
        400,
        "INSUFFICIENT_FUNDS",
    );

    let one_seat = env.admin.tournament("LOBBY", 1, 1).await;
    env.player("p2")
        .await
        .join_tournament(&one_seat, 1)
        .await
        .unwrap();
    assert_api_error(
        p.join_tournament(&one_seat, 1).await,
        409,
        "TOURNAMENT_IS_FULL",
    );
}

#[tokio::test]
async fn scores_and_leaving_need_a_live_participation() {
    let env = Env::demo().await;
    let p = env.player("p1").await;
    assert_api_error(
        p.submit_score(LIVE_UID, 5).await,
        404,
        "TOURNAMENT_PARTICIPATION_NOT_FOUND",
    );
    assert_api_error(
        p.leave_tournament(LIVE_UID).await,
        404,
        "TOURNAMENT_PARTICIPATION_NOT_FOUND",
    );
    let unknown = "00000000-0000-4000-8000-00000000beef";
    assert_api_error(
        p.submit_score(unknown, 5).await,
        404,
        "TOURNAMENT_NOT_FOUND",
    );
    assert_api_error(
        p.leave_tournament(unknown).await,
        404,
        "TOURNAMENT_NOT_FOUND",
    );

    p.join_tournament(LIVE_UID, 10).await.unwrap();
    assert_api_error(p.submit_score(LIVE_UID, -1).await, 400, "INVALID_SCORE");

    p.join_tournament(LOBBY_UID, 10).await.unwrap();
    assert_api_error(
        p.submit_score(LOBBY_UID, 5).await,
        400,
        "TOURNAMENT_IS_NOT_LIVE",
    );
    env.admin.set_state(LOBBY_UID, "LOCKED").await;
    assert_api_error(
        p.leave_tournament(LOBBY_UID).await,
        400,
        "TOURNAMENT_IS_NOT_LIVE",
    );
}

#[tokio::test]
async fn reading_a_tournament_that_does_not_exist_is_not_found() {
    let env = Env::demo().await;
    let p = env.player("p1").await;
    assert_api_error(
        p.tournament("00000000-0000-4000-8000-000000000000").await,
        404,
        "TOURNAMENT_NOT_FOUND",
    );
    assert_eq!(
        p.tournament("").await.unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    let lobby = p.tournament(LOBBY_UID).await.unwrap().data;
    assert_eq!(lobby.tournament_status, TournamentStatus::Lobby);
}
