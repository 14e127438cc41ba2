//! Demo data (`--demo`): tournaments in every interesting state for the command line's
//! client, and the `/v3` users `demo` and `demo2fa`. Fixed uids make the README's curl
//! walk-through copy-pasteable.

use rusqlite::Connection;

use crate::errors::ApiError;
use crate::store::tournaments::{self, NewTournament, Schedule, Status, DEFAULT_DURATION_SECS};
use crate::store::{players, v3};

pub const LIVE_UID: &str = "d1a0c0de-0000-4000-8000-000000000001";
pub const LOBBY_UID: &str = "d1a0c0de-0000-4000-8000-000000000002";
pub const SCHEDULED_UID: &str = "d1a0c0de-0000-4000-8000-000000000003";
pub const COMPLETED_UID: &str = "d1a0c0de-0000-4000-8000-000000000004";
pub const V3_PASSWORD: &str = "demo-password";

pub fn seed(conn: &Connection, game_uid: &str, now: i64) -> Result<(), ApiError> {
    let tournament =
        |uid: &str, title: &str, buy_in: i64, size: i64, state: Status| NewTournament {
            uid: Some(uid.to_string()),
            game_uid: game_uid.to_string(),
            title: title.to_string(),
            description: format!("{title}: a demo tournament of the KGeN sandbox"),
            buy_in_price: buy_in,
            tournament_size: size,
            schedule: Schedule::in_state(state, DEFAULT_DURATION_SECS, now),
        };
    tournaments::create(
        conn,
        tournament(LIVE_UID, "Daily Blitz", 10, 1000, Status::Started),
        now,
    )?;
    tournaments::create(
        conn,
        tournament(LOBBY_UID, "Evening Cup", 10, 100, Status::Lobby),
        now,
    )?;
    tournaments::create(
        conn,
        tournament(SCHEDULED_UID, "Weekend Major", 20, 100, Status::Scheduled),
        now,
    )?;
    // The completed one is played for real: five players join and score, then it ends.
    tournaments::create(
        conn,
        tournament(
            COMPLETED_UID,
            "Yesterday's Sprint",
            10,
            100,
            Status::Started,
        ),
        now,
    )?;
    for i in 1..=5 {
        let user_id = format!("demo-player-{i}");
        let (player, _) = players::open_session(conn, game_uid, &user_id, Default::default(), now)?;
        tournaments::join(conn, &player.id, COMPLETED_UID, 10, now)?;
        tournaments::submit_score(conn, &player.id, COMPLETED_UID, 100 * i, now)?;
    }
    tournaments::force_state(conn, COMPLETED_UID, Status::Completed, now)?;
    v3::create_user(
        conn,
        "demo",
        V3_PASSWORD,
        None,
        false,
        Some("demo-api-key"),
        now,
    )?;
    v3::create_user(
        conn,
        "demo2fa",
        V3_PASSWORD,
        None,
        true,
        Some("demo2fa-api-key"),
        now,
    )?;
    Ok(())
}
