//! Play statistics from the player's real tournament history.

use rusqlite::Connection;
use serde_json::{json, Value};

use crate::clock;
use crate::errors::ApiError;

/// One entry per completed tournament the player took part in, newest first:
/// `typeValue` is the final rank (0 without a score), `amountWon` the reward.
pub fn historic(conn: &Connection, player_id: &str) -> Result<Vec<Value>, ApiError> {
    Ok(conn
        .prepare_cached(
            "SELECT t.buy_in_price, t.ends_at, p.final_rank, COALESCE(r.reward, 0)
             FROM participations p
             JOIN tournaments t ON t.uid = p.tournament_uid
             LEFT JOIN rewards r ON r.tournament_uid = p.tournament_uid AND r.player_id = p.player_id
             WHERE p.player_id = ?1 AND t.settled = 1
             ORDER BY t.ends_at DESC, t.uid",
        )?
        .query_map([player_id], |row| {
            let (buy_in, ends_at, rank, won): (i64, i64, Option<i64>, i64) =
                (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
            Ok(json!({
                "type": "Tournament",
                "typeValue": rank.unwrap_or(0),
                "result": if won > 0 { "Won" } else { "You Lost" },
                // ISO 8601 (the documented examples' form), never a prose date.
                "occurredAtText": clock::rfc3339_secs(ends_at),
                "mode": "Quick",
                "buyInStake": buy_in,
                "amountWon": won,
            }))
        })?
        .collect::<Result<_, _>>()?)
}
