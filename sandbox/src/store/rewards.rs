//! Rewards of completed tournaments: listed with their claim status, claimed all at once
//! into the earned balance.

use rusqlite::{params, Connection};
use serde_json::{json, Value};

use crate::clock;
use crate::errors::{ApiError, Code};
use crate::store::players::{self, Player};
use crate::store::wallet::{self, TxKind};

pub const UNCLAIMED: &str = "UNCLAIMED";
pub const CLAIMED: &str = "CLAIMED_SUCCESSFULLY";

struct Reward {
    tournament_uid: String,
    reward: i64,
    claim_status: String,
    created_at: i64,
    updated_at: i64,
}

fn rewards(conn: &Connection, player_id: &str) -> Result<Vec<Reward>, ApiError> {
    Ok(conn
        .prepare_cached(
            "SELECT tournament_uid, reward, claim_status, created_at, updated_at FROM rewards
             WHERE player_id = ?1 ORDER BY created_at DESC, tournament_uid",
        )?
        .query_map([player_id], |row| {
            Ok(Reward {
                tournament_uid: row.get(0)?,
                reward: row.get(1)?,
                claim_status: row.get(2)?,
                created_at: row.get(3)?,
                updated_at: row.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// Every reward of the player with its status; the total is the amount still unclaimed.
pub fn list(conn: &Connection, player: &Player) -> Result<Value, ApiError> {
    let rewards = rewards(conn, &player.id)?;
    let total: i64 = rewards
        .iter()
        .filter(|r| r.claim_status == UNCLAIMED)
        .map(|r| r.reward)
        .sum();
    let info: Vec<Value> = rewards
        .iter()
        .map(|r| {
            json!({
                "user_id": player.user_id,
                "tournament_id": r.tournament_uid,
                "claim_status": r.claim_status,
                "reward": r.reward,
                "wallet_address": player.wallet_address,
                "created_at": clock::rfc3339_nanos(r.created_at),
                "updated_at": clock::rfc3339_nanos(r.updated_at),
            })
        })
        .collect();
    Ok(json!({ "total_claimable_rewards": total, "claimable_rewards_info": info }))
}

/// Claims every UNCLAIMED reward: earned balance up, one `REWARD` credit each.
/// Returns the amount credited.
pub fn claim(conn: &Connection, player_id: &str, now: i64) -> Result<i64, ApiError> {
    let mut player = players::load(conn, player_id)?;
    let unclaimed: Vec<Reward> = rewards(conn, player_id)?
        .into_iter()
        .filter(|r| r.claim_status == UNCLAIMED)
        .collect();
    if unclaimed.is_empty() {
        return Err(ApiError::new(Code::NoClaimableRewards, "nothing to claim"));
    }
    let mut total = 0;
    for reward in &unclaimed {
        conn.prepare_cached(
            "UPDATE rewards SET claim_status = ?3, updated_at = ?4
             WHERE tournament_uid = ?1 AND player_id = ?2",
        )?
        .execute(params![reward.tournament_uid, player_id, CLAIMED, now])?;
        let escrow = wallet::escrow(&reward.tournament_uid);
        wallet::record(
            conn,
            &player,
            TxKind::Reward,
            reward.reward,
            &escrow,
            Some(&reward.tournament_uid),
            now,
        )?;
        total += reward.reward;
    }
    player.earned += total;
    players::save_balances(conn, &player, now)?;
    Ok(total)
}
