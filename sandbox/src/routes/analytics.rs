//! `POST /fe/analytics/px-tracker/events/{eventID}/drop`: records a flat analytics event.

use axum::extract::State;
use axum::Json;
use rusqlite::params;
use serde_json::{json, Map, Value};

use crate::errors::ApiError;
use crate::extract::{JsonBody, PathParam, PlayerAuth};
use crate::state::Shared;

/// The body must be a flat object (no nested objects or arrays): 400 `BAD_REQUEST` otherwise.
pub async fn drop_event(
    State(state): State<Shared>,
    player: PlayerAuth,
    PathParam(event_id): PathParam,
    JsonBody(event): JsonBody<Map<String, Value>>,
) -> Result<Json<Value>, ApiError> {
    if let Some((key, _)) = event.iter().find(|(_, v)| v.is_object() || v.is_array()) {
        return Err(ApiError::bad_request(format!(
            "event fields must be flat: {key} is not"
        )));
    }
    let now = state.clock.now_ns();
    state.db.write(|conn| {
        conn.prepare_cached(
            "INSERT INTO analytics_events (player_id, event_id, payload, created_at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![player.id(), event_id, Value::Object(event).to_string(), now])
        .map_err(ApiError::from)
    })?;
    Ok(Json(json!({ "msg": "event dropped successfully" })))
}
