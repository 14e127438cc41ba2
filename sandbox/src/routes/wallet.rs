//! Wallet balance, transaction history and withdrawal (`user-jwt-token`).

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::extract::{PlayerAuth, Query};
use crate::state::Shared;
use crate::store::{players, wallet};

pub async fn balance(
    State(state): State<Shared>,
    player: PlayerAuth,
) -> Result<Json<Value>, ApiError> {
    let player = state.db.read(|conn| players::load(conn, player.id()))?;
    Ok(Json(wallet::balance_json(
        &player,
        state.settings().min_withdraw,
    )))
}

#[derive(Deserialize)]
pub struct Page {
    last_evaluated_key: Option<String>,
    limit: Option<i64>,
}

pub async fn transactions(
    State(state): State<Shared>,
    player: PlayerAuth,
    Query(page): Query<Page>,
) -> Result<Json<Value>, ApiError> {
    let limit = page.limit.unwrap_or(wallet::DEFAULT_PAGE);
    if !(1..=wallet::MAX_PAGE).contains(&limit) {
        return Err(ApiError::bad_request(format!(
            "limit must be 1-{}",
            wallet::MAX_PAGE
        )));
    }
    let body = state.db.read(|conn| {
        let player = players::load(conn, player.id())?;
        wallet::transactions(conn, &player, page.last_evaluated_key.as_deref(), limit)
    })?;
    Ok(Json(body))
}

pub async fn withdraw(
    State(state): State<Shared>,
    player: PlayerAuth,
) -> Result<Json<Value>, ApiError> {
    let now = state.clock.now_ns();
    let min = state.settings().min_withdraw;
    let amount = state
        .db
        .write(|conn| wallet::withdraw(conn, player.id(), min, now))?;
    Ok(Json(
        json!({ "msg": "wallet withdrawl successful", "amount": amount }),
    ))
}
