//! `POST /s2s/session` (and `/s2s/session/`): create or retrieve a player's session.
//!
//! The player is `<client id>#<user_id>`; the first call creates it (custodial wallet,
//! welcome bonus, `is_new_user: true`), later calls retrieve it, merge the profile fields
//! sent and issue fresh tokens (which is how a game server renews a session).

use axum::extract::State;
use axum::Json;
use serde_json::{json, Map, Value};

use super::object;
use crate::clock;
use crate::errors::ApiError;
use crate::extract::{JsonBody, S2sAuth};
use crate::jwt::{self, Claims};
use crate::state::Shared;
use crate::store::clients::Client;
use crate::store::players::{self, Player};

const TEXT_FIELDS: [&str; 16] = [
    "name",
    "username",
    "email",
    "device_id",
    "phonenumber",
    "date_joined",
    "playertag",
    "location",
    "location_name",
    "device_model",
    "os_name",
    "os_version",
    "browser_name",
    "fb_login",
    "google_login",
    "app_version",
];
const INT_FIELDS: [&str; 2] = ["level", "rank"];
/// Screen sizes are echoed as strings; numbers are accepted too.
const SIZE_FIELDS: [&str; 2] = ["screen_height", "screen_width"];

pub async fn create(
    State(state): State<Shared>,
    S2sAuth(client): S2sAuth,
    JsonBody(body): JsonBody<Map<String, Value>>,
) -> Result<Json<Value>, ApiError> {
    let user_id = user_id(&body)?;
    let profile = profile(&body)?;
    let now = state.clock.now_ns();
    let (player, is_new) = state
        .db
        .write(|conn| players::open_session(conn, &client.client_id, &user_id, profile, now))?;
    let ttl = state.settings().token_ttl_secs as i64;
    let claims = claims(&client, &player, is_new, state.clock.now_secs(), ttl);
    let access_token = state.sign(&claims);
    let refresh_token = state.sign(&Claims {
        exp: claims.iat + jwt::REFRESH_TTL_SECS,
        ..claims
    });
    Ok(Json(response(
        &client,
        &player,
        is_new,
        access_token,
        refresh_token,
    )))
}

/// `user_id` (older docs: `gamer_id`): a string of 1-256 characters.
fn user_id(body: &Map<String, Value>) -> Result<String, ApiError> {
    // A null field counts as absent, so a null user_id falls back to gamer_id.
    let present = |key: &str| body.get(key).filter(|v| !v.is_null());
    match present("user_id").or_else(|| present("gamer_id")) {
        Some(Value::String(id)) if (1..=256).contains(&id.chars().count()) => Ok(id.clone()),
        Some(_) => Err(ApiError::bad_request(
            "user_id must be a string of 1-256 characters",
        )),
        None => Err(ApiError::bad_request("user_id is required")),
    }
}

/// The profile fields sent (absent and null ones are left alone).
fn profile(body: &Map<String, Value>) -> Result<Map<String, Value>, ApiError> {
    let mut profile = Map::new();
    for (field, value) in body.iter().filter(|(_, v)| !v.is_null()) {
        let field = field.as_str();
        let wrong = || ApiError::bad_request(format!("{field} has the wrong type"));
        let value = if TEXT_FIELDS.contains(&field) {
            match value {
                Value::String(_) => value.clone(),
                // Login flags are sometimes sent as booleans.
                Value::Bool(b) => Value::String(b.to_string()),
                _ => return Err(wrong()),
            }
        } else if INT_FIELDS.contains(&field) {
            value.as_i64().ok_or_else(wrong)?.into()
        } else if SIZE_FIELDS.contains(&field) {
            match value {
                Value::String(_) => value.clone(),
                Value::Number(n) if n.is_i64() || n.is_u64() => Value::String(n.to_string()),
                _ => return Err(wrong()),
            }
        } else {
            continue;
        };
        profile.insert(field.to_string(), value);
    }
    Ok(profile)
}

fn claims(client: &Client, player: &Player, is_new: bool, now_secs: i64, ttl_secs: i64) -> Claims {
    Claims {
        sub: player.user_id.clone(),
        client_id: client.client_id.clone(),
        // The issuer is the game's client id, as in the documented tokens.
        iss: client.client_id.clone(),
        iat: now_secs,
        exp: now_secs + ttl_secs,
        user_id: player.user_id.clone(),
        gamer_id: String::new(),
        third_party_client_id: client.client_id.clone(),
        third_party_client_name: client.name.clone(),
        namespaced_third_party_user_id: player.id.clone(),
        wallet_address: player.wallet_address.clone(),
        is_new_user: is_new,
        // No sandbox player has linked an IndiGG account.
        indigg_id: None,
        indigg_wallet_address: player.indigg_wallet_address.clone(),
        linked_phone: player.linked_phone.clone().unwrap_or_default(),
    }
}

fn response(
    client: &Client,
    player: &Player,
    is_new: bool,
    access_token: String,
    refresh_token: String,
) -> Value {
    let mut body = Map::new();
    for field in TEXT_FIELDS.iter().chain(&SIZE_FIELDS) {
        body.insert(
            field.to_string(),
            player
                .profile
                .get(*field)
                .cloned()
                .unwrap_or_else(|| "".into()),
        );
    }
    for field in INT_FIELDS {
        body.insert(
            field.to_string(),
            player
                .profile
                .get(field)
                .cloned()
                .unwrap_or_else(|| 0.into()),
        );
    }
    let linked_phone = player.linked_phone.clone().unwrap_or_default();
    let rest = json!({
        "user_id": player.user_id,
        "session_id": player.session_id,
        "indigg_id": null, // no sandbox player has linked an IndiGG account
        "indigg_wallet_address": player.indigg_wallet_address,
        "third_party_client_id": client.client_id,
        "third_party_client_name": client.name,
        "namespaced_third_party_user_id": player.id,
        "wallet_address": player.wallet_address,
        "is_new_user": is_new,
        "access_token": access_token,
        "refresh_token": refresh_token,
        "linked_phone": linked_phone,
        "session_start_time": clock::go_time(player.session_started_at),
        // Legacy aliases that live servers still send.
        "token": access_token,
        "appId": client.client_id,
        "gamer_id": player.user_id,
        "linkedMobileNumber": linked_phone,
    });
    body.extend(object(rest));
    Value::Object(body)
}
