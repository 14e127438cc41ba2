//! `GET /fe/esports/statistics/historic`: the player's completed tournaments.

use axum::extract::State;
use axum::Json;
use serde_json::Value;

use crate::errors::ApiError;
use crate::extract::PlayerAuth;
use crate::state::Shared;
use crate::store::{stats, tournaments};

pub async fn historic(
    State(state): State<Shared>,
    player: PlayerAuth,
) -> Result<Json<Value>, ApiError> {
    let now = state.clock.now_ns();
    let entries = state.db.write(|conn| {
        tournaments::settle_due(conn, now)?;
        stats::historic(conn, player.id())
    })?;
    Ok(Json(entries.into()))
}
