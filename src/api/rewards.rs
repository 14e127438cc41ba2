//! Rewards won in tournaments: list and claim (`/fe/esports/rewards/claim`).

use super::decode::{FromJson, Json, Obj};
use super::outcome::Check;
use super::{Ack, Timestamp};
use crate::transport::{Family, HttpRequest, RetryClass};
use crate::{Error, Response, Session};

/// One reward.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RewardInfo {
    pub user_id: String,
    pub tournament_id: String,
    /// `UNCLAIMED` or `CLAIMED_SUCCESSFULLY`.
    pub claim_status: String,
    pub reward: f64,
    pub wallet_address: String,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
}

/// `GET /fe/esports/rewards/claim`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimableRewards {
    /// The amount claimable now (the sandbox's reading; the docs leave open whether it is a count).
    pub total_claimable_rewards: f64,
    pub claimable_rewards_info: Vec<RewardInfo>,
}

impl FromJson for RewardInfo {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "claimable_rewards_info[]")?;
        Ok(RewardInfo {
            user_id: o.string(&["user_id"])?,
            tournament_id: o.string(&["tournament_id", "tournament_uid"])?,
            claim_status: o.string(&["claim_status"])?,
            reward: o.f64(&["reward"])?,
            wallet_address: o.string(&["wallet_address"])?,
            created_at: o.timestamp(&["created_at"])?,
            updated_at: o.timestamp(&["updated_at"])?,
        })
    }
}

impl FromJson for ClaimableRewards {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "rewards")?;
        Ok(ClaimableRewards {
            total_claimable_rewards: o.f64(&["total_claimable_rewards"])?,
            claimable_rewards_info: o.list(&["claimable_rewards_info"])?,
        })
    }
}

impl Session {
    /// The player's rewards and the claimable total — `GET /fe/esports/rewards/claim`.
    ///
    /// Retry policy: **safe to retry**.
    pub async fn claimable_rewards(&self) -> Result<Response<ClaimableRewards>, Error> {
        self.call(HttpRequest::get(
            Family::Kgen,
            &["fe", "esports", "rewards", "claim"],
        ))
        .await
    }

    /// Claims every unclaimed reward into the earned balance — `POST /fe/esports/rewards/claim`.
    ///
    /// Retry policy: **mutating**; a lost answer is resolved by sending it again under its
    /// key, else by reading the claimable rewards ([`super::outcome`]). Errors: 400
    /// `NO_CLAIMABLE_REWARDS`.
    pub async fn claim_rewards(&self) -> Result<Response<Ack>, Error> {
        self.write(claim_request(), Check::Claimed).await
    }
}

pub(crate) fn claim_request() -> HttpRequest {
    HttpRequest::post(
        Family::Kgen,
        &["fe", "esports", "rewards", "claim"],
        RetryClass::Mutating,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode::read;
    use serde_json::json;

    #[test]
    fn decodes_rewards_with_string_amounts_and_extra_fields() {
        let r = read::<ClaimableRewards>(json!({
            "total_claimable_rewards": "60",
            "claimable_rewards_info": [{"user_id": "p1", "tournament_id": "t1", "claim_status": "UNCLAIMED",
              "reward": 60, "wallet_address": "0x1", "created_at": "2024-09-06T05:10:53Z", "updated_at": "", "new": true}]
        }))
        .unwrap();
        assert_eq!(r.total_claimable_rewards, 60.0);
        assert_eq!(r.claimable_rewards_info[0].claim_status, "UNCLAIMED");
        assert_eq!(r.claimable_rewards_info[0].updated_at, None);
        assert_eq!(
            read::<ClaimableRewards>(json!({})).unwrap(),
            ClaimableRewards::default()
        );
    }
}
