//! Tournament listing, join, leave and score submission (`user-jwt-token`).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::Value;

use super::message;
use crate::errors::ApiError;
use crate::extract::{JsonBody, PlayerAuth, TournamentUid};
use crate::state::Shared;
use crate::store::tournaments;

fn game_of(player: &PlayerAuth) -> &str {
    &player.0.client_id
}

pub async fn active(State(state): State<Shared>, player: PlayerAuth) -> Result<Response, ApiError> {
    let now = state.clock.now_ns();
    let list = state
        .db
        .read(|conn| tournaments::active(conn, game_of(&player), now))?;
    let views: Vec<_> = list.iter().map(|t| t.view(now)).collect();
    Ok(Json(views).into_response())
}

pub async fn participated(
    State(state): State<Shared>,
    player: PlayerAuth,
) -> Result<Json<Value>, ApiError> {
    let uids = state
        .db
        .read(|conn| tournaments::participated(conn, player.id()))?;
    Ok(Json(uids.into()))
}

pub async fn get(
    State(state): State<Shared>,
    player: PlayerAuth,
    TournamentUid(uid): TournamentUid,
) -> Result<Response, ApiError> {
    let now = state.clock.now_ns();
    let tournament = state
        .db
        .read(|conn| tournaments::load_for_game(conn, &uid, game_of(&player)))?;
    Ok(Json(tournament.view(now)).into_response())
}

#[derive(Deserialize)]
pub struct JoinBody {
    #[serde(rename = "joiningStake")]
    joining_stake: i64,
}

pub async fn join(
    State(state): State<Shared>,
    player: PlayerAuth,
    TournamentUid(uid): TournamentUid,
    JsonBody(body): JsonBody<JoinBody>,
) -> Result<Response, ApiError> {
    let now = state.clock.now_ns();
    state
        .db
        .write(|conn| tournaments::join(conn, player.id(), &uid, body.joining_stake, now))?;
    Ok(message("user successfully joined the tournament"))
}

pub async fn leave(
    State(state): State<Shared>,
    player: PlayerAuth,
    TournamentUid(uid): TournamentUid,
) -> Result<Response, ApiError> {
    let now = state.clock.now_ns();
    state
        .db
        .write(|conn| tournaments::leave(conn, player.id(), &uid, now))?;
    Ok(message("user left the tournament successfully"))
}

/// `{"metadata": {...}, "payload": {"score": {"value": int}}}`; the metadata is not
/// needed (the path names the tournament).
#[derive(Deserialize)]
pub struct ScoreBody {
    payload: ScorePayload,
}

#[derive(Deserialize)]
struct ScorePayload {
    score: ScoreValue,
}

#[derive(Deserialize)]
struct ScoreValue {
    value: i64,
}

pub async fn score(
    State(state): State<Shared>,
    player: PlayerAuth,
    TournamentUid(uid): TournamentUid,
    JsonBody(body): JsonBody<ScoreBody>,
) -> Result<Response, ApiError> {
    let now = state.clock.now_ns();
    let value = body.payload.score.value;
    state
        .db
        .write(|conn| tournaments::submit_score(conn, player.id(), &uid, value, now))?;
    Ok(message("leaderboard score update successful"))
}
