//! Rewards of completed tournaments: list and claim-all (`user-jwt-token`).

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::extract::PlayerAuth;
use crate::state::Shared;
use crate::store::{players, rewards, tournaments};

pub async fn list(
    State(state): State<Shared>,
    player: PlayerAuth,
) -> Result<Json<Value>, ApiError> {
    let now = state.clock.now_ns();
    let body = state.db.write(|conn| {
        tournaments::settle_due(conn, now)?;
        rewards::list(conn, &players::load(conn, player.id())?)
    })?;
    Ok(Json(body))
}

pub async fn claim(
    State(state): State<Shared>,
    player: PlayerAuth,
) -> Result<Json<Value>, ApiError> {
    let now = state.clock.now_ns();
    let claimed = state.db.write(|conn| {
        tournaments::settle_due(conn, now)?;
        rewards::claim(conn, player.id(), now)
    })?;
    Ok(Json(
        json!({ "message": "Rewards claimed successfully", "claimed": claimed }),
    ))
}
