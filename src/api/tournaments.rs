//! Tournaments: list, read, join, leave, submit scores (`/fe/esports/tournaments`).

use serde_json::json;

use super::decode::{list, FromJson, Json, Obj};
use super::outcome::Check;
use super::{Ack, Timestamp};
use crate::transport::{Family, HttpRequest, RetryClass};
use crate::{Error, Response, Session};

/// Where a tournament is in its lifecycle: SCHEDULED → LOBBY → STARTED → LOCKED → COMPLETED.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TournamentStatus {
    Scheduled,
    /// Open for joining, not started.
    Lobby,
    /// Live: joining and scores accepted.
    Started,
    /// Closed for scores, winners not yet decided.
    Locked,
    Completed,
    /// A status this SDK version does not know (the wire text; empty when absent).
    Other(String),
}

impl Default for TournamentStatus {
    fn default() -> Self {
        TournamentStatus::Other(String::new())
    }
}

impl TournamentStatus {
    /// The wire text, e.g. `"STARTED"`.
    pub fn as_str(&self) -> &str {
        match self {
            TournamentStatus::Scheduled => "SCHEDULED",
            TournamentStatus::Lobby => "LOBBY",
            TournamentStatus::Started => "STARTED",
            TournamentStatus::Locked => "LOCKED",
            TournamentStatus::Completed => "COMPLETED",
            TournamentStatus::Other(text) => text,
        }
    }

    fn from_wire(text: &str) -> TournamentStatus {
        match text.trim().to_ascii_uppercase().as_str() {
            "SCHEDULED" => TournamentStatus::Scheduled,
            "LOBBY" => TournamentStatus::Lobby,
            "STARTED" => TournamentStatus::Started,
            "LOCKED" => TournamentStatus::Locked,
            "COMPLETED" => TournamentStatus::Completed,
            _ => TournamentStatus::Other(text.to_owned()),
        }
    }
}

/// A tournament.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tournament {
    pub tournament_uid: String,
    /// The game it belongs to (= the session's `third_party_client_id`).
    pub game_uid: String,
    pub tournament_status: TournamentStatus,
    pub title: String,
    pub description: String,
    /// Entry fee; pass it as `joining_stake` to [`Session::join_tournament`].
    pub buy_in_price: i64,
    /// Maximum number of players.
    pub tournament_size: i64,
    pub participants_count: i64,
    pub schedules_at_timestamp: Option<Timestamp>,
    pub moves_to_lobby_at_timestamp: Option<Timestamp>,
    pub starts_at_timestamp: Option<Timestamp>,
    pub locks_at_timestamp: Option<Timestamp>,
    pub ends_at_timestamp: Option<Timestamp>,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
}

impl FromJson for Tournament {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "tournament")?;
        Ok(Tournament {
            tournament_uid: o.string(&["tournament_uid", "tournamentUID", "uid"])?,
            game_uid: o.string(&["game_uid", "gameUID"])?,
            tournament_status: TournamentStatus::from_wire(
                &o.string(&["tournament_status", "status"])?,
            ),
            title: o.string(&["title"])?,
            description: o.string(&["description"])?,
            buy_in_price: o.i64(&["buy_in_price"])?,
            tournament_size: o.i64(&["tournament_size"])?,
            participants_count: o.i64(&["participants_count"])?,
            schedules_at_timestamp: o.timestamp(&["schedules_at_timestamp"])?,
            moves_to_lobby_at_timestamp: o.timestamp(&["moves_to_lobby_at_timestamp"])?,
            starts_at_timestamp: o.timestamp(&["starts_at_timestamp"])?,
            locks_at_timestamp: o.timestamp(&["locks_at_timestamp"])?,
            ends_at_timestamp: o.timestamp(&["ends_at_timestamp"])?,
            created_at: o.timestamp(&["created_at"])?,
            updated_at: o.timestamp(&["updated_at"])?,
        })
    }
}

impl FromJson for Vec<Tournament> {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        list(value, "tournaments")
    }
}

impl FromJson for Vec<String> {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        list(value, "tournament uids")
    }
}

/// `/fe/esports/tournaments/{uid}[/action]`, refusing a uid that cannot name a
/// tournament (see [`super::input::tournament_uid`]).
pub(crate) fn tournament_request(
    uid: &str,
    action: Option<&str>,
    post: bool,
) -> Result<HttpRequest, Error> {
    super::input::tournament_uid(uid)?;
    let mut segments = vec!["fe", "esports", "tournaments", uid];
    segments.extend(action);
    Ok(if post {
        HttpRequest::post(Family::Kgen, &segments, RetryClass::Mutating)
    } else {
        HttpRequest::get(Family::Kgen, &segments)
    })
}

pub(crate) fn join_request(uid: &str, joining_stake: i64) -> Result<HttpRequest, Error> {
    Ok(
        tournament_request(uid, Some("join"), true)?
            .json(&json!({ "joiningStake": joining_stake })),
    )
}

pub(crate) fn leave_request(uid: &str) -> Result<HttpRequest, Error> {
    tournament_request(uid, Some("leave"), true)
}

pub(crate) fn score_request(uid: &str, score: i64) -> Result<HttpRequest, Error> {
    // Written straight from structs (the hottest write), fields in the order a JSON
    // object would sort them.
    #[derive(serde::Serialize)]
    struct Body<'a> {
        // The path is authoritative; older servers read `tournamentId` from the metadata.
        metadata: Metadata<'a>,
        payload: Payload,
    }
    #[derive(serde::Serialize)]
    struct Metadata<'a> {
        #[serde(rename = "tournamentId")]
        id: &'a str,
        #[serde(rename = "tournamentUID")]
        uid: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Payload {
        score: Score,
    }
    #[derive(serde::Serialize)]
    struct Score {
        value: i64,
    }
    Ok(tournament_request(uid, Some("score"), true)?.json(&Body {
        metadata: Metadata { id: uid, uid },
        payload: Payload {
            score: Score { value: score },
        },
    }))
}

impl Session {
    /// Joins a tournament, paying `joining_stake` (must equal its `buy_in_price`; which
    /// balance pays first is *sandbox-defined*: the bonus, then bought, then earned) —
    /// `POST /fe/esports/tournaments/{uid}/join`.
    ///
    /// Retry policy: **mutating** (one `Idempotency-Key`; retried only when it provably had no effect).
    /// A lost answer is resolved by sending it again under its key, else by reading the
    /// participated tournaments ([`super::outcome`]).
    ///
    /// Errors: 400 `TOURNAMENT_INVALID_JOINING_STAKE`, `TOURNAMENT_IS_NOT_LIVE`,
    /// `INSUFFICIENT_FUNDS` (*sandbox-defined*); 404 `TOURNAMENT_NOT_FOUND`; 409
    /// `EXISTING_PARTICIPATION_FOUND`, `TOURNAMENT_IS_FULL`.
    pub async fn join_tournament(
        &self,
        tournament_uid: &str,
        joining_stake: i64,
    ) -> Result<Response<Ack>, Error> {
        let request = join_request(tournament_uid, joining_stake)?;
        self.write(request, Check::Joined(tournament_uid)).await
    }

    /// Leaves a tournament — `POST /fe/esports/tournaments/{uid}/leave`. The sandbox refunds
    /// the stake to the balances it came from and drops the player's score (*sandbox-defined*:
    /// the published docs do not say whether leaving refunds).
    ///
    /// Retry policy: **mutating**; a lost answer is resolved by sending it again under its
    /// key, else by reading the participated tournaments ([`super::outcome`]).
    ///
    /// Errors: 400 `TOURNAMENT_IS_NOT_LIVE`; 404 `TOURNAMENT_NOT_FOUND`,
    /// `TOURNAMENT_PARTICIPATION_NOT_FOUND`.
    pub async fn leave_tournament(&self, tournament_uid: &str) -> Result<Response<Ack>, Error> {
        let request = leave_request(tournament_uid)?;
        self.write(request, Check::Left(tournament_uid)).await
    }

    /// Submits a score — an integer >= 0; the best score counts (both *sandbox-defined*: the
    /// published docs say neither whether a score replaces, adds to or keeps the best, nor
    /// whether it may be negative) —
    /// `POST /fe/esports/tournaments/{uid}/score`.
    ///
    /// Retry policy: **mutating**; a lost answer is resolved by sending it again under its
    /// key, else by reading the leaderboard ([`super::outcome`]).
    ///
    /// Errors: 400 `INVALID_SCORE` (*sandbox-defined*), `TOURNAMENT_IS_NOT_LIVE`; 404
    /// `TOURNAMENT_NOT_FOUND`, `TOURNAMENT_PARTICIPATION_NOT_FOUND`.
    pub async fn submit_score(
        &self,
        tournament_uid: &str,
        score: i64,
    ) -> Result<Response<Ack>, Error> {
        let request = score_request(tournament_uid, score)?;
        self.write(request, Check::Scored(tournament_uid, score))
            .await
    }

    /// The tournaments not yet completed — `GET /fe/esports/tournaments/active`: scheduled,
    /// lobby, started and locked ones alike (which states are listed, and that `Lobby` and
    /// `Started` accept joins and only `Started` scores, are *sandbox-defined*).
    ///
    /// Retry policy: **safe to retry**.
    pub async fn active_tournaments(&self) -> Result<Response<Vec<Tournament>>, Error> {
        self.call(HttpRequest::get(
            Family::Kgen,
            &["fe", "esports", "tournaments", "active"],
        ))
        .await
    }

    /// The uids of the tournaments the player joined — `GET /fe/esports/tournaments/participated`.
    ///
    /// Retry policy: **safe to retry**.
    pub async fn participated_tournaments(&self) -> Result<Response<Vec<String>>, Error> {
        self.call(HttpRequest::get(
            Family::Kgen,
            &["fe", "esports", "tournaments", "participated"],
        ))
        .await
    }

    /// One tournament — `GET /fe/esports/tournaments/{uid}`.
    ///
    /// Retry policy: **safe to retry**. Errors: 404 `TOURNAMENT_NOT_FOUND`.
    pub async fn tournament(&self, tournament_uid: &str) -> Result<Response<Tournament>, Error> {
        self.call(tournament_request(tournament_uid, None, false)?)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode::read;
    use serde_json::{json, Value};

    #[test]
    fn decodes_a_documented_tournament() {
        let t = read::<Tournament>(json!({
            "tournament_uid": "8c0e", "game_uid": "g", "tournament_status": "STARTED", "title": "Daily",
            "description": null, "buy_in_price": 10.0, "tournament_size": "1000", "participants_count": 3,
            "schedules_at_timestamp": "2024-09-06T00:00:00Z", "moves_to_lobby_at_timestamp": "",
            "starts_at_timestamp": "2024-09-06T01:00:00Z", "locks_at_timestamp": null,
            "ends_at_timestamp": "2024-09-07T01:00:00Z", "created_at": "2024-09-06T00:00:00.123456789Z",
            "updated_at": "2024-09-06T00:00:00.5Z", "future_field": [1, 2]
        }))
        .unwrap();
        assert_eq!(t.tournament_status, TournamentStatus::Started);
        assert_eq!(
            (t.buy_in_price, t.tournament_size, t.participants_count),
            (10, 1000, 3)
        );
        assert_eq!(t.description, "");
        assert_eq!(t.moves_to_lobby_at_timestamp, None);
        assert_eq!(t.locks_at_timestamp, None);
        assert_eq!(t.created_at.unwrap().unix_ms, Some(1_725_580_800_123));
    }

    #[test]
    fn unknown_statuses_are_kept_and_lists_accept_null() {
        let t = read::<Tournament>(json!({"tournament_status": "PAUSED"})).unwrap();
        assert_eq!(
            t.tournament_status,
            TournamentStatus::Other("PAUSED".into())
        );
        assert_eq!(t.tournament_status.as_str(), "PAUSED");
        assert!(read::<Vec<Tournament>>(Value::Null).unwrap().is_empty());
        assert_eq!(
            read::<Vec<String>>(json!(["a", "b"])).unwrap(),
            vec!["a", "b"]
        );
        assert!(read::<Vec<Tournament>>(json!({"not": "a list"})).is_err());
    }

    #[test]
    fn an_empty_uid_is_refused_before_any_request() {
        let Err(e) = tournament_request(" ", None, false) else {
            panic!("an empty uid must be refused")
        };
        assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
    }
}
