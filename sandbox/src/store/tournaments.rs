//! Tournaments: lifecycle from timestamps and the sandbox clock, participation, scores,
//! the ranked leaderboard and settlement (winners and claimable rewards).
//!
//! Lifecycle: SCHEDULED until `moves_to_lobby_at`, LOBBY until `starts_at`, STARTED until
//! `locks_at`, LOCKED until `ends_at`, then COMPLETED. Joining and leaving are open in
//! LOBBY and STARTED, scores only in STARTED. A tournament whose `ends_at` has passed is
//! settled (winners picked, rewards created) the next time anyone looks at results.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::clock::{self, secs_to_ns};
use crate::errors::{ApiError, Code};
use crate::ids;
use crate::store::payout::payouts;
use crate::store::players::{self, user_id_of};
use crate::store::wallet::{self, Split, TxKind};

/// The lobby opens this long before the start.
pub const LOBBY_SECS: i64 = 3600;
/// Scores close at `locks_at`; results come this long after.
pub const LOCKED_SECS: i64 = 300;
/// Tournaments typically run 24 h.
pub const DEFAULT_DURATION_SECS: i64 = 86_400;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Scheduled,
    Lobby,
    Started,
    Locked,
    Completed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scheduled => "SCHEDULED",
            Status::Lobby => "LOBBY",
            Status::Started => "STARTED",
            Status::Locked => "LOCKED",
            Status::Completed => "COMPLETED",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [
            Status::Scheduled,
            Status::Lobby,
            Status::Started,
            Status::Locked,
            Status::Completed,
        ]
        .into_iter()
        .find(|status| status.as_str().eq_ignore_ascii_case(s))
    }
}

/// The five lifecycle timestamps, Unix nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub schedules_at: i64,
    pub lobby_at: i64,
    pub starts_at: i64,
    pub locks_at: i64,
    pub ends_at: i64,
}

impl Schedule {
    /// Starts at `starts_at` and runs `duration_secs` (lobby 1 h before, results 5 min after).
    pub fn starting_at(starts_at: i64, duration_secs: i64, now: i64) -> Schedule {
        let lobby_at = starts_at - secs_to_ns(LOBBY_SECS);
        let locks_at = starts_at + secs_to_ns(duration_secs);
        Schedule {
            schedules_at: now.min(lobby_at),
            lobby_at,
            starts_at,
            locks_at,
            ends_at: locks_at + secs_to_ns(LOCKED_SECS),
        }
    }

    /// Places the timestamps so that `now` lies in `state`: SCHEDULED starts in 2 h,
    /// LOBBY has just opened (starts in 1 h), STARTED starts now, LOCKED locks now,
    /// COMPLETED ends now.
    pub fn in_state(state: Status, duration_secs: i64, now: i64) -> Schedule {
        let duration = secs_to_ns(duration_secs);
        let starts_at = match state {
            Status::Scheduled => now + secs_to_ns(2 * LOBBY_SECS),
            Status::Lobby => now + secs_to_ns(LOBBY_SECS),
            Status::Started => now,
            Status::Locked => now - duration,
            Status::Completed => now - duration - secs_to_ns(LOCKED_SECS),
        };
        Schedule::starting_at(starts_at, duration_secs, now)
    }

    pub fn status(&self, now: i64) -> Status {
        if now < self.lobby_at {
            Status::Scheduled
        } else if now < self.starts_at {
            Status::Lobby
        } else if now < self.locks_at {
            Status::Started
        } else if now < self.ends_at {
            Status::Locked
        } else {
            Status::Completed
        }
    }
}

#[derive(Debug, Clone)]
pub struct Tournament {
    pub uid: String,
    pub game_uid: String,
    pub title: String,
    pub description: String,
    pub buy_in_price: i64,
    pub tournament_size: i64,
    pub schedule: Schedule,
    pub settled: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub participants_count: i64,
}

impl Tournament {
    pub fn status(&self, now: i64) -> Status {
        if self.settled {
            Status::Completed
        } else {
            self.schedule.status(now)
        }
    }

    pub fn duration_secs(&self) -> i64 {
        (self.schedule.locks_at - self.schedule.starts_at) / clock::NANOS_PER_SEC
    }

    /// The wire form (API.md's tournament object).
    pub fn view(&self, now: i64) -> TournamentView<'_> {
        let s = &self.schedule;
        TournamentView {
            tournament_uid: &self.uid,
            game_uid: &self.game_uid,
            tournament_status: self.status(now).as_str(),
            title: &self.title,
            description: &self.description,
            buy_in_price: self.buy_in_price,
            tournament_size: self.tournament_size,
            participants_count: self.participants_count,
            schedules_at_timestamp: clock::rfc3339_secs(s.schedules_at),
            moves_to_lobby_at_timestamp: clock::rfc3339_secs(s.lobby_at),
            starts_at_timestamp: clock::rfc3339_secs(s.starts_at),
            locks_at_timestamp: clock::rfc3339_secs(s.locks_at),
            ends_at_timestamp: clock::rfc3339_secs(s.ends_at),
            created_at: clock::rfc3339_nanos(self.created_at),
            updated_at: clock::rfc3339_nanos(self.updated_at),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct TournamentView<'a> {
    tournament_uid: &'a str,
    game_uid: &'a str,
    tournament_status: &'static str,
    title: &'a str,
    description: &'a str,
    buy_in_price: i64,
    tournament_size: i64,
    participants_count: i64,
    schedules_at_timestamp: String,
    moves_to_lobby_at_timestamp: String,
    starts_at_timestamp: String,
    locks_at_timestamp: String,
    ends_at_timestamp: String,
    created_at: String,
    updated_at: String,
}

const SELECT: &str = "SELECT t.uid, t.game_uid, t.title, t.description, t.buy_in_price,
    t.tournament_size, t.schedules_at, t.lobby_at, t.starts_at, t.locks_at, t.ends_at, t.settled,
    t.created_at, t.updated_at, t.participants_count FROM tournaments t";

fn from_row(row: &Row) -> rusqlite::Result<Tournament> {
    Ok(Tournament {
        uid: row.get(0)?,
        game_uid: row.get(1)?,
        title: row.get(2)?,
        description: row.get(3)?,
        buy_in_price: row.get(4)?,
        tournament_size: row.get(5)?,
        schedule: Schedule {
            schedules_at: row.get(6)?,
            lobby_at: row.get(7)?,
            starts_at: row.get(8)?,
            locks_at: row.get(9)?,
            ends_at: row.get(10)?,
        },
        settled: row.get(11)?,
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
        participants_count: row.get(14)?,
    })
}

/// What the admin API asks for.
#[derive(Debug, Clone)]
pub struct NewTournament {
    pub uid: Option<String>,
    pub game_uid: String,
    pub title: String,
    pub description: String,
    pub buy_in_price: i64,
    pub tournament_size: i64,
    pub schedule: Schedule,
}

pub fn create(conn: &Connection, new: NewTournament, now: i64) -> Result<Tournament, ApiError> {
    let uid = new.uid.unwrap_or_else(ids::uuid);
    let s = new.schedule;
    conn.prepare_cached(
        "INSERT INTO tournaments (uid, game_uid, title, description, buy_in_price, tournament_size,
         schedules_at, lobby_at, starts_at, locks_at, ends_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        uid,
        new.game_uid,
        new.title,
        new.description,
        new.buy_in_price,
        new.tournament_size,
        s.schedules_at,
        s.lobby_at,
        s.starts_at,
        s.locks_at,
        s.ends_at,
        now,
    ])?;
    let tournament = load(conn, &uid)?;
    if tournament.status(now) == Status::Completed {
        settle(conn, &tournament, now)?;
    }
    Ok(tournament)
}

/// Any tournament by uid (admin view).
pub fn load(conn: &Connection, uid: &str) -> Result<Tournament, ApiError> {
    conn.prepare_cached(&format!("{SELECT} WHERE t.uid = ?1"))?
        .query_row([uid], from_row)
        .optional()?
        .ok_or_else(|| ApiError::new(Code::TournamentNotFound, format!("no tournament {uid}")))
}

/// A tournament of the player's game; other games' tournaments do not exist for it.
pub fn load_for_game(conn: &Connection, uid: &str, game_uid: &str) -> Result<Tournament, ApiError> {
    let tournament = load(conn, uid)?;
    if tournament.game_uid != game_uid {
        return Err(ApiError::new(
            Code::TournamentNotFound,
            format!("no tournament {uid}"),
        ));
    }
    Ok(tournament)
}

/// Every tournament of every game, newest first (admin view).
pub fn list_all(conn: &Connection) -> Result<Vec<Tournament>, ApiError> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} ORDER BY t.created_at DESC"))?
        .query_map([], from_row)?
        .collect::<Result<_, _>>()?)
}

/// The game's tournaments that have not completed, by start time.
pub fn active(conn: &Connection, game_uid: &str, now: i64) -> Result<Vec<Tournament>, ApiError> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE t.game_uid = ?1 AND t.settled = 0 AND t.ends_at > ?2 ORDER BY t.starts_at"
        ))?
        .query_map(params![game_uid, now], from_row)?
        .collect::<Result<_, _>>()?)
}

/// The uids of every tournament the player is in, in the order joined.
pub fn participated(conn: &Connection, player_id: &str) -> Result<Vec<String>, ApiError> {
    Ok(conn
        .prepare_cached(
            "SELECT tournament_uid FROM participations WHERE player_id = ?1 ORDER BY joined_at",
        )?
        .query_map([player_id], |row| row.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Moves the timestamps so the clock agrees with `state` (and settles on COMPLETED).
pub fn force_state(
    conn: &Connection,
    uid: &str,
    state: Status,
    now: i64,
) -> Result<Tournament, ApiError> {
    let tournament = load(conn, uid)?;
    if tournament.settled {
        if state == Status::Completed {
            return Ok(tournament);
        }
        return Err(ApiError::bad_request(
            "the tournament has completed and paid out",
        ));
    }
    let s = Schedule::in_state(state, tournament.duration_secs(), now);
    conn.prepare_cached(
        "UPDATE tournaments SET schedules_at = ?2, lobby_at = ?3, starts_at = ?4, locks_at = ?5,
         ends_at = ?6, updated_at = ?7 WHERE uid = ?1",
    )?
    .execute(params![
        uid,
        s.schedules_at,
        s.lobby_at,
        s.starts_at,
        s.locks_at,
        s.ends_at,
        now
    ])?;
    let tournament = load(conn, uid)?;
    if state == Status::Completed {
        settle(conn, &tournament, now)?;
        return load(conn, uid);
    }
    Ok(tournament)
}

fn participation(conn: &Connection, uid: &str, player_id: &str) -> Result<Option<Split>, ApiError> {
    Ok(conn
        .prepare_cached(
            "SELECT paid_bonus, paid_bought, paid_earned FROM participations
             WHERE tournament_uid = ?1 AND player_id = ?2",
        )?
        .query_row(params![uid, player_id], |row| {
            Ok(Split {
                bonus: row.get(0)?,
                bought: row.get(1)?,
                earned: row.get(2)?,
            })
        })
        .optional()?)
}

/// Keeps `participants_count` in step with the participations (join +1, leave -1).
fn count_participant(conn: &Connection, uid: &str, delta: i64) -> Result<(), ApiError> {
    conn.prepare_cached(
        "UPDATE tournaments SET participants_count = participants_count + ?2 WHERE uid = ?1",
    )?
    .execute(params![uid, delta])?;
    Ok(())
}

fn not_participating(uid: &str) -> ApiError {
    ApiError::new(
        Code::TournamentParticipationNotFound,
        format!("not a participant of {uid}"),
    )
}

fn not_live(tournament: &Tournament, now: i64, action: &str) -> ApiError {
    ApiError::new(
        Code::TournamentIsNotLive,
        format!(
            "cannot {action} a tournament in {}",
            tournament.status(now).as_str()
        ),
    )
}

/// Joins: checks existence, liveness, stake, duplicate participation, size and funds,
/// then debits the fee (bonus, bought, earned) with a `JOIN` transaction.
pub fn join(
    conn: &Connection,
    player_id: &str,
    uid: &str,
    stake: i64,
    now: i64,
) -> Result<(), ApiError> {
    let mut player = players::load(conn, player_id)?;
    let tournament = load_for_game(conn, uid, &player.client_id)?;
    if !matches!(tournament.status(now), Status::Lobby | Status::Started) {
        return Err(not_live(&tournament, now, "join"));
    }
    if stake != tournament.buy_in_price {
        return Err(ApiError::new(
            Code::TournamentInvalidJoiningStake,
            format!(
                "joiningStake must equal the buy-in of {}",
                tournament.buy_in_price
            ),
        ));
    }
    if participation(conn, uid, player_id)?.is_some() {
        return Err(ApiError::new(
            Code::ExistingParticipationFound,
            "already joined",
        ));
    }
    if tournament.participants_count >= tournament.tournament_size {
        return Err(ApiError::new(
            Code::TournamentIsFull,
            "the tournament is full",
        ));
    }
    let split = wallet::pay(&mut player, tournament.buy_in_price)?;
    conn.prepare_cached(
        "INSERT INTO participations (tournament_uid, player_id, paid_bonus, paid_bought,
         paid_earned, joined_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        uid,
        player_id,
        split.bonus,
        split.bought,
        split.earned,
        now
    ])?;
    count_participant(conn, uid, 1)?;
    if tournament.buy_in_price > 0 {
        players::save_balances(conn, &player, now)?;
        let escrow = wallet::escrow(uid);
        wallet::record(
            conn,
            &player,
            TxKind::Join,
            tournament.buy_in_price,
            &escrow,
            Some(uid),
            now,
        )?;
    }
    Ok(())
}

/// Leaves: the fee goes back to the balances it came from (a `REFUND` credit) and the
/// player's score is dropped.
pub fn leave(conn: &Connection, player_id: &str, uid: &str, now: i64) -> Result<(), ApiError> {
    let mut player = players::load(conn, player_id)?;
    let tournament = load_for_game(conn, uid, &player.client_id)?;
    if !matches!(tournament.status(now), Status::Lobby | Status::Started) {
        return Err(not_live(&tournament, now, "leave"));
    }
    let split = participation(conn, uid, player_id)?.ok_or_else(|| not_participating(uid))?;
    conn.prepare_cached("DELETE FROM participations WHERE tournament_uid = ?1 AND player_id = ?2")?
        .execute(params![uid, player_id])?;
    count_participant(conn, uid, -1)?;
    let amount = split.bonus + split.bought + split.earned;
    if amount > 0 {
        wallet::deposit(&mut player, split);
        players::save_balances(conn, &player, now)?;
        wallet::record(
            conn,
            &player,
            TxKind::Refund,
            amount,
            &wallet::escrow(uid),
            Some(uid),
            now,
        )?;
    }
    Ok(())
}

/// Records a score: integers >= 0, participants only, while STARTED; the best score counts.
pub fn submit_score(
    conn: &Connection,
    player_id: &str,
    uid: &str,
    score: i64,
    now: i64,
) -> Result<(), ApiError> {
    if score < 0 {
        return Err(ApiError::new(
            Code::InvalidScore,
            "scores are integers >= 0",
        ));
    }
    let player = players::load(conn, player_id)?;
    let tournament = load_for_game(conn, uid, &player.client_id)?;
    participation(conn, uid, player_id)?.ok_or_else(|| not_participating(uid))?;
    if tournament.status(now) != Status::Started {
        return Err(not_live(&tournament, now, "score in"));
    }
    conn.prepare_cached(
        "UPDATE participations SET score = ?3, scored_at = ?4
         WHERE tournament_uid = ?1 AND player_id = ?2 AND (score IS NULL OR score < ?3)",
    )?
    .execute(params![uid, player_id, score, now])?;
    // Every accepted submission, best or not: the ledger tests check effects against.
    conn.prepare_cached(
        "INSERT INTO score_submissions (tournament_uid, player_id, score, submitted_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![uid, player_id, score, now])?;
    Ok(())
}

/// Every accepted score submission of a tournament, in the order they were applied.
pub fn score_submissions(conn: &Connection, uid: &str) -> Result<Vec<(String, i64)>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT player_id, score FROM score_submissions WHERE tournament_uid = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![uid], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Players with a score, best first; ties go to whoever reached the score first.
fn ranking(conn: &Connection, uid: &str) -> Result<Vec<(String, i64)>, ApiError> {
    Ok(conn
        .prepare_cached(
            "SELECT player_id, score FROM participations
             WHERE tournament_uid = ?1 AND score IS NOT NULL
             ORDER BY score DESC, scored_at, joined_at",
        )?
        .query_map([uid], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Winner {
    pub user_id: String,
    pub reward: i64,
}

/// The winners by rank (none until settled).
pub fn winners(conn: &Connection, uid: &str) -> Result<Vec<Winner>, ApiError> {
    Ok(conn
        .prepare_cached(
            "SELECT player_id, reward FROM rewards WHERE tournament_uid = ?1 ORDER BY rank",
        )?
        .query_map([uid], |row| {
            let player_id: String = row.get(0)?;
            Ok(Winner {
                user_id: user_id_of(&player_id).to_string(),
                reward: row.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

#[derive(Debug, Serialize)]
pub struct Leaderboard {
    leaderboard: Vec<Entry>,
    price_pool: i64,
    winners: Vec<Winner>,
}

#[derive(Debug, Serialize)]
struct Entry {
    user_id: String,
    score: i64,
    rank: usize,
}

pub fn leaderboard(conn: &Connection, tournament: &Tournament) -> Result<Leaderboard, ApiError> {
    let ranking = ranking(conn, &tournament.uid)?;
    let price_pool = payouts(ranking.len(), tournament.buy_in_price).iter().sum();
    let leaderboard = ranking
        .into_iter()
        .enumerate()
        .map(|(i, (player_id, score))| Entry {
            user_id: user_id_of(&player_id).to_string(),
            score,
            rank: i + 1,
        })
        .collect();
    Ok(Leaderboard {
        leaderboard,
        price_pool,
        winners: winners(conn, &tournament.uid)?,
    })
}

/// Picks the winners of a tournament that has ended and creates their UNCLAIMED rewards.
/// Records every ranked player's final rank. Does nothing the second time.
pub fn settle(
    conn: &Connection,
    tournament: &Tournament,
    now: i64,
) -> Result<Vec<Winner>, ApiError> {
    let changed = conn
        .prepare_cached(
            "UPDATE tournaments SET settled = 1, updated_at = ?2 WHERE uid = ?1 AND settled = 0",
        )?
        .execute(params![tournament.uid, now])?;
    if changed == 1 {
        let ranking = ranking(conn, &tournament.uid)?;
        let rewards = payouts(ranking.len(), tournament.buy_in_price);
        for (rank, ((player_id, _), reward)) in ranking.iter().zip(rewards).enumerate() {
            conn.prepare_cached(
                "UPDATE participations SET final_rank = ?3 WHERE tournament_uid = ?1 AND player_id = ?2",
            )?
            .execute(params![tournament.uid, player_id, rank as i64 + 1])?;
            if reward > 0 {
                conn.prepare_cached(
                    "INSERT INTO rewards (tournament_uid, player_id, rank, reward, claim_status,
                     created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'UNCLAIMED', ?5, ?5)",
                )?
                .execute(params![
                    tournament.uid,
                    player_id,
                    rank as i64 + 1,
                    reward,
                    now
                ])?;
            }
        }
    }
    winners(conn, &tournament.uid)
}

/// Settles every tournament whose `ends_at` has passed on the sandbox clock.
pub fn settle_due(conn: &Connection, now: i64) -> Result<(), ApiError> {
    let due: Vec<String> = conn
        .prepare_cached("SELECT uid FROM tournaments WHERE settled = 0 AND ends_at <= ?1")?
        .query_map([now], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for uid in due {
        settle(conn, &load(conn, &uid)?, now)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_place_now_in_the_requested_state() {
        let now = 1_000_000 * clock::NANOS_PER_SEC;
        for state in [
            Status::Scheduled,
            Status::Lobby,
            Status::Started,
            Status::Locked,
            Status::Completed,
        ] {
            assert_eq!(Schedule::in_state(state, 600, now).status(now), state);
        }
    }
}
