//! Players: one per `<client id>#<user id>`, with their profile, custodial wallet and
//! linked phone.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{Map, Value};

use crate::errors::ApiError;
use crate::ids;
use crate::store::wallet::{self, TxKind};

/// The one-time welcome bonus of a player's first session, in `bonus_balance`.
pub const WELCOME_BONUS: i64 = 50;

#[derive(Debug, Clone)]
pub struct Player {
    pub id: String,
    pub client_id: String,
    pub user_id: String,
    pub session_id: String,
    pub session_started_at: i64,
    pub profile: Map<String, Value>,
    pub wallet_address: String,
    pub indigg_id: String,
    pub indigg_wallet_address: String,
    pub linked_phone: Option<String>,
    pub kgen_id: Option<String>,
    pub kgen_wallet_address: Option<String>,
    pub earned: i64,
    pub bought: i64,
    pub bonus: i64,
    pub withdrawn: i64,
    pub created_at: i64,
    pub modified_at: i64,
}

impl Player {
    pub fn spendable(&self) -> i64 {
        self.earned + self.bought + self.bonus
    }
}

const SELECT: &str = "SELECT id, client_id, user_id, session_id, session_started_at, profile,
    wallet_address, indigg_id, indigg_wallet_address, linked_phone, kgen_id, kgen_wallet_address,
    earned, bought, bonus, withdrawn, created_at, modified_at FROM players";

fn from_row(row: &Row) -> rusqlite::Result<Player> {
    let profile: String = row.get(5)?;
    Ok(Player {
        id: row.get(0)?,
        client_id: row.get(1)?,
        user_id: row.get(2)?,
        session_id: row.get(3)?,
        session_started_at: row.get(4)?,
        profile: serde_json::from_str(&profile).unwrap_or_default(),
        wallet_address: row.get(6)?,
        indigg_id: row.get(7)?,
        indigg_wallet_address: row.get(8)?,
        linked_phone: row.get(9)?,
        kgen_id: row.get(10)?,
        kgen_wallet_address: row.get(11)?,
        earned: row.get(12)?,
        bought: row.get(13)?,
        bonus: row.get(14)?,
        withdrawn: row.get(15)?,
        created_at: row.get(16)?,
        modified_at: row.get(17)?,
    })
}

/// `<client id>#<user id>`: the player's key and `namespaced_third_party_user_id`.
pub fn namespaced_id(client_id: &str, user_id: &str) -> String {
    format!("{client_id}#{user_id}")
}

/// The game's own user id inside a namespaced id (client ids never contain `#`).
pub fn user_id_of(player_id: &str) -> &str {
    player_id
        .split_once('#')
        .map_or(player_id, |(_, user)| user)
}

pub fn find(conn: &Connection, id: &str) -> Result<Option<Player>, ApiError> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

/// The player a verified token names; a token for a player that no longer exists
/// (after a reset) is refused like a bad token.
pub fn load(conn: &Connection, id: &str) -> Result<Player, ApiError> {
    find(conn, id)?.ok_or_else(|| ApiError::unauthorized("unknown player"))
}

/// Creates the player on the first session (custodial wallet plus welcome bonus) or
/// merges the profile fields sent this time. Returns the player and whether it is new.
pub fn open_session(
    conn: &Connection,
    client_id: &str,
    user_id: &str,
    profile: Map<String, Value>,
    now: i64,
) -> Result<(Player, bool), ApiError> {
    let id = namespaced_id(client_id, user_id);
    if let Some(mut player) = find(conn, &id)? {
        if !profile.is_empty() {
            player.profile.extend(profile);
            conn.prepare_cached("UPDATE players SET profile = ?2 WHERE id = ?1")?
                .execute(params![
                    id,
                    Value::Object(player.profile.clone()).to_string()
                ])?;
        }
        return Ok((player, false));
    }
    let player = Player {
        id,
        client_id: client_id.to_string(),
        user_id: user_id.to_string(),
        session_id: ids::uuid(),
        session_started_at: now,
        profile,
        wallet_address: ids::wallet_address(),
        indigg_id: ids::uuid(),
        indigg_wallet_address: ids::wallet_address(),
        linked_phone: None,
        kgen_id: None,
        kgen_wallet_address: None,
        earned: 0,
        bought: 0,
        bonus: WELCOME_BONUS,
        withdrawn: 0,
        created_at: now,
        modified_at: now,
    };
    conn.prepare_cached(
        "INSERT INTO players (id, client_id, user_id, session_id, session_started_at, profile,
         wallet_address, indigg_id, indigg_wallet_address, bonus, created_at, modified_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        player.id,
        player.client_id,
        player.user_id,
        player.session_id,
        player.session_started_at,
        Value::Object(player.profile.clone()).to_string(),
        player.wallet_address,
        player.indigg_id,
        player.indigg_wallet_address,
        player.bonus,
        now,
    ])?;
    let treasury = wallet::treasury(client_id);
    wallet::record(
        conn,
        &player,
        TxKind::WelcomeBonus,
        WELCOME_BONUS,
        &treasury,
        None,
        now,
    )?;
    Ok((player, true))
}

/// Writes the player's balances back (after a debit or credit).
pub fn save_balances(conn: &Connection, player: &Player, now: i64) -> Result<(), ApiError> {
    conn.prepare_cached(
        "UPDATE players SET earned = ?2, bought = ?3, bonus = ?4, withdrawn = ?5, modified_at = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        player.id,
        player.earned,
        player.bought,
        player.bonus,
        player.withdrawn,
        now
    ])?;
    Ok(())
}

/// The player whose verified phone is `phone`, if any.
pub fn phone_owner(conn: &Connection, phone: &str) -> Result<Option<String>, ApiError> {
    Ok(conn
        .prepare_cached("SELECT id FROM players WHERE linked_phone = ?1")?
        .query_row([phone], |row| row.get(0))
        .optional()?)
}

/// Links a verified phone; the KGeN wallet (the target of withdrawals) exists from then on.
pub fn link_phone(conn: &Connection, id: &str, phone: &str, now: i64) -> Result<(), ApiError> {
    conn.prepare_cached(
        "UPDATE players SET linked_phone = ?2, modified_at = ?3,
         kgen_id = COALESCE(kgen_id, ?4),
         kgen_wallet_address = COALESCE(kgen_wallet_address, ?5) WHERE id = ?1",
    )?
    .execute(params![id, phone, now, ids::uuid(), ids::wallet_address()])?;
    Ok(())
}
