//! Entry points for the fuzz targets in `fuzz/` (built only under `cfg(fuzzing)`, which
//! cargo-fuzz sets): every response decoder, the error-body reader and the timestamp
//! parser, fed whatever bytes the fuzzer makes. Each must return, never panic.

use crate::api::decode::{FromJson, Json};
use crate::api::{
    account::{AccountUser, LoginResult},
    otp::OtpRegistration,
    rewards::ClaimableRewards,
    session::SessionInfo,
    stats::HistoricStat,
    tournaments::Tournament,
    wallet::{TransactionPage, WalletBalance},
    Ack, Timestamp,
};
use crate::{JwtClaims, Leaderboard};

/// Every model the SDK decodes from a response body. The body is parsed once and handed
/// to each model's `from_json`, which is what the default `from_body` does; the bodies a
/// model reads itself (plain-text acknowledgements, a JWT) and the "not JSON" error path
/// are fed the text.
pub fn decode_responses(body: &str) {
    let _ = Ack::from_body(body);
    let _ = <()>::from_body(body);
    let _ = JwtClaims::decode(body);
    let value = match Json::parse(body) {
        Ok(value) => value,
        Err(_) => {
            assert!(Tournament::from_body(body).is_err());
            return;
        }
    };
    let _ = String::from_json(&value);
    let _ = Tournament::from_json(&value);
    let _ = Vec::<Tournament>::from_json(&value);
    let _ = Vec::<String>::from_json(&value);
    let _ = Leaderboard::from_json(&value);
    let _ = ClaimableRewards::from_json(&value);
    let _ = WalletBalance::from_json(&value);
    let _ = TransactionPage::from_json(&value);
    let _ = HistoricStat::from_json(&value);
    let _ = Vec::<HistoricStat>::from_json(&value);
    let _ = OtpRegistration::from_json(&value);
    let _ = SessionInfo::from_json(&value);
    let _ = LoginResult::from_json(&value);
    let _ = AccountUser::from_json(&value);
    let _ = JwtClaims::from_json(&value);
}

/// The error-body reader of both API families.
pub fn error_body(body: &str) {
    let _ = crate::transport::error_body::parse(body);
}

/// The timestamp parser; it keeps the text it was given.
pub fn timestamp(text: &str) {
    if let Some(parsed) = Timestamp::parse(text) {
        assert_eq!(parsed.text, text);
    }
}
