//! The ranked leaderboard, served on both documented paths.

use axum::extract::State;
use axum::Json;

use crate::errors::ApiError;
use crate::extract::{PlayerAuth, TournamentUid};
use crate::state::Shared;
use crate::store::tournaments::{self, Leaderboard};

/// `{"leaderboard": [{"user_id", "score", "rank"}], "price_pool", "winners": [{"user_id", "reward"}]}`:
/// best score first; winners once the tournament has completed.
pub async fn get(
    State(state): State<Shared>,
    player: PlayerAuth,
    TournamentUid(uid): TournamentUid,
) -> Result<Json<Leaderboard>, ApiError> {
    let now = state.clock.now_ns();
    let board = state.db.write(|conn| {
        tournaments::settle_due(conn, now)?;
        let tournament = tournaments::load_for_game(conn, &uid, &player.0.client_id)?;
        tournaments::leaderboard(conn, &tournament)
    })?;
    Ok(Json(board))
}
