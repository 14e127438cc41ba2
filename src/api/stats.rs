//! The player's tournament history (`/fe/esports/statistics/historic`).

use super::decode::{list, FromJson, Json, Obj};
use crate::transport::{Family, HttpRequest};
use crate::{Error, Response, Session};

/// One finished game of the player.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistoricStat {
    /// `type`, e.g. `"Tournament"`.
    pub kind: String,
    /// `typeValue`.
    pub type_value: i64,
    /// `"Won"` or `"You Lost"`.
    pub result: String,
    /// `occurredAtText`: a human-readable time, as sent.
    pub occurred_at_text: String,
    /// E.g. `"Quick"`.
    pub mode: String,
    pub buy_in_stake: f64,
    pub amount_won: f64,
}

impl FromJson for HistoricStat {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "statistic")?;
        Ok(HistoricStat {
            kind: o.string(&["type"])?,
            type_value: o.i64(&["typeValue"])?,
            result: o.string(&["result"])?,
            occurred_at_text: o.string(&["occurredAtText"])?,
            mode: o.string(&["mode"])?,
            buy_in_stake: o.f64(&["buyInStake"])?,
            amount_won: o.f64(&["amountWon"])?,
        })
    }
}

impl FromJson for Vec<HistoricStat> {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        list(value, "statistics")
    }
}

impl Session {
    /// The player's past tournaments — `GET /fe/esports/statistics/historic`.
    ///
    /// Retry policy: **safe to retry**.
    pub async fn historic_statistics(&self) -> Result<Response<Vec<HistoricStat>>, Error> {
        self.call(HttpRequest::get(
            Family::Kgen,
            &["fe", "esports", "statistics", "historic"],
        ))
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode::read;
    use serde_json::json;

    #[test]
    fn decodes_the_documented_entry() {
        let s = read::<Vec<HistoricStat>>(json!([{
            "type": "Tournament", "typeValue": 3.0, "result": "You Lost", "occurredAtText": "2 days ago",
            "mode": "Quick", "buyInStake": "10", "amountWon": 0
        }]))
        .unwrap();
        assert_eq!(s[0].kind, "Tournament");
        assert_eq!(
            (s[0].type_value, s[0].buy_in_stake, s[0].amount_won),
            (3, 10.0, 0.0)
        );
        assert_eq!(s[0].result, "You Lost");
    }
}
