//! A tournament's leaderboard and winners.
//!
//! The current route is `/fe/esports/tournaments/{uid}/leaderboard`; one period of the
//! docs used `/fe/esports/leaderboards/{uid}/leaderboard`. On a 404 that is not
//! `TOURNAMENT_NOT_FOUND` (an unknown route: no body, plain text, `ROUTE_NOT_FOUND`) the SDK
//! tries the other route, and the client remembers the one that answered.

use std::sync::atomic::Ordering;

use super::decode::{FromJson, Json, Obj};
use crate::client::decode;
use crate::transport::{Family, HttpRequest};
use crate::{ApiErrorCode, Error, Response, Session};

/// One ranked player.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeaderboardEntry {
    pub user_id: String,
    pub score: i64,
    /// 1 for the best score. `rank` as the server sends it (the published docs show
    /// none); when absent, the 1-based position in the list.
    pub rank: i64,
}

/// One winner and the reward won.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Winner {
    pub user_id: String,
    /// `reward` (one doc example spells it `score`).
    pub reward: f64,
}

/// `GET .../leaderboard`: ranking (score descending), prize pool, winners once completed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Leaderboard {
    pub leaderboard: Vec<LeaderboardEntry>,
    /// `price_pool` on the wire (sic).
    pub price_pool: f64,
    pub winners: Vec<Winner>,
}

impl FromJson for LeaderboardEntry {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "leaderboard[]")?;
        Ok(LeaderboardEntry {
            user_id: o.string(&["user_id"])?,
            score: o.i64(&["score"])?,
            rank: o.i64(&["rank"])?,
        })
    }
}

impl FromJson for Winner {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "winners[]")?;
        Ok(Winner {
            user_id: o.string(&["user_id"])?,
            reward: o.f64(&["reward", "score"])?,
        })
    }
}

impl FromJson for Leaderboard {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "leaderboard")?;
        let mut leaderboard: Vec<LeaderboardEntry> = o.list(&["leaderboard"])?;
        for (position, entry) in (1..).zip(&mut leaderboard) {
            if entry.rank <= 0 {
                entry.rank = position;
            }
        }
        Ok(Leaderboard {
            leaderboard,
            price_pool: o.f64(&["price_pool", "prize_pool"])?,
            winners: o.list(&["winners"])?,
        })
    }
}

/// The two routes, by index; the client remembers the working index plus one (0 = unknown).
fn route(index: usize, uid: &str) -> HttpRequest {
    let area = if index == 0 {
        "tournaments"
    } else {
        "leaderboards"
    };
    HttpRequest::get(Family::Kgen, &["fe", "esports", area, uid, "leaderboard"])
}

/// A server that lacks the route: a 404 that is not about the tournament, or a 405 (the
/// path exists there with other methods).
fn is_missing_route(error: &Error) -> bool {
    match error.http_status() {
        Some(404) => !error.is_api(&ApiErrorCode::TournamentNotFound),
        Some(405) => true,
        _ => false,
    }
}

impl Session {
    /// The leaderboard of a tournament — `GET /fe/esports/tournaments/{uid}/leaderboard`
    /// (or the older route; see the module docs).
    ///
    /// Retry policy: **safe to retry**. Errors: 404 `TOURNAMENT_NOT_FOUND`.
    pub async fn leaderboard(&self, tournament_uid: &str) -> Result<Response<Leaderboard>, Error> {
        super::input::tournament_uid(tournament_uid)?;
        let client = self.client();
        let memory = &client.inner.leaderboard_route;
        let ctx = client.context();
        client
            .run(&ctx, async {
                let known = memory.load(Ordering::Relaxed);
                let first = if known == 0 {
                    0
                } else {
                    usize::from(known - 1)
                };
                let raw = match self.send(&ctx, &mut route(first, tournament_uid)).await {
                    Err(e) if known == 0 && is_missing_route(&e) => {
                        let raw = self.send(&ctx, &mut route(1, tournament_uid)).await?;
                        memory.store(2, Ordering::Relaxed);
                        raw
                    }
                    Err(e) => return Err(e),
                    Ok(raw) => {
                        memory.store(first as u8 + 1, Ordering::Relaxed);
                        raw
                    }
                };
                decode(raw)
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode::read;
    use serde_json::json;

    #[test]
    fn decodes_rankings_prize_pool_and_winners_in_either_spelling() {
        let l = read::<Leaderboard>(json!({
            "leaderboard": [{"user_id": "a", "score": 50.0}, {"user_id": "b", "score": "40"}],
            "price_pool": 27.5,
            "winners": [{"user_id": "a", "reward": 60}, {"user_id": "b", "score": 15.5}]
        }))
        .unwrap();
        assert_eq!(
            l.leaderboard[1],
            LeaderboardEntry {
                user_id: "b".into(),
                score: 40,
                rank: 2
            }
        );
        assert_eq!(l.price_pool, 27.5);
        assert_eq!(l.winners[0].reward, 60.0);
        assert_eq!(l.winners[1].reward, 15.5);
    }

    #[test]
    fn a_rank_as_sent_wins_over_the_position() {
        let l = read::<Leaderboard>(json!({
            "leaderboard": [{"user_id": "a", "score": 9, "rank": 1}, {"user_id": "b", "score": 9, "rank": 1}]
        }))
        .unwrap();
        assert_eq!((l.leaderboard[0].rank, l.leaderboard[1].rank), (1, 1));
    }

    #[test]
    fn an_empty_leaderboard_may_be_nulls() {
        let l =
            read::<Leaderboard>(json!({"leaderboard": null, "winners": null, "price_pool": null}))
                .unwrap();
        assert_eq!(l, Leaderboard::default());
    }

    #[test]
    fn only_a_routeless_404_or_a_405_falls_back() {
        let e = |code: Option<ApiErrorCode>| Error::http(404, code, String::new(), String::new());
        assert!(is_missing_route(&e(None)));
        assert!(is_missing_route(&e(Some(ApiErrorCode::RouteNotFound))));
        assert!(!is_missing_route(&e(Some(
            ApiErrorCode::TournamentNotFound
        ))));
        assert!(is_missing_route(&Error::http(
            405,
            None,
            String::new(),
            String::new()
        )));
        assert!(!is_missing_route(&Error::http(
            500,
            None,
            String::new(),
            String::new()
        )));
    }
}
