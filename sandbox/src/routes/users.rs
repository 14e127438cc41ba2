//! Optional extras under `/fe/users`: the linked phone record and the K-Store redirect.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::errors::{ApiError, Code};
use crate::extract::PlayerAuth;
use crate::ids;
use crate::state::Shared;
use crate::store::players;

/// PascalCase record of the linked phone; 500 `RECORD_NOT_FOUND` while none is linked.
pub async fn linked_mobile_number(
    State(state): State<Shared>,
    player: PlayerAuth,
) -> Result<Json<Value>, ApiError> {
    let player = state.db.read(|conn| players::load(conn, player.id()))?;
    let Some(phone) = &player.linked_phone else {
        return Err(ApiError::new(
            Code::RecordNotFound,
            "no phone number is linked",
        ));
    };
    Ok(Json(json!({
        "UserID": player.user_id,
        "NameSpacedThirdPartyUserID": player.id,
        "WalletAddress": player.wallet_address,
        "IndiggWalletAddress": player.indigg_wallet_address,
        "LinkedPhone": phone,
        "KGenID": player.kgen_id,
    })))
}

/// A one-time K-Store link (on a reserved `.invalid` host: the sandbox has no store).
pub async fn generate_redirect_uri(
    State(state): State<Shared>,
    player: PlayerAuth,
) -> Result<Json<Value>, ApiError> {
    state.db.read(|conn| players::load(conn, player.id()))?;
    Ok(Json(
        json!({ "url": format!("https://k-store.sandbox.invalid/redirect?code={}", ids::token(32)) }),
    ))
}
