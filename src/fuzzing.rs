//! Entry points for the fuzz targets in `fuzz/` (built only under `cfg(fuzzing)`, which
//! cargo-fuzz sets): every response decoder, the error-body reader and the timestamp
//! parser, fed whatever bytes the fuzzer makes. Each must return, never panic.

use crate::api::decode::FromJson;
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

/// Every model the SDK decodes from a response body.
pub fn decode_responses(body: &str) {
    let _ = Ack::from_body(body);
    let _ = <()>::from_body(body);
    let _ = String::from_body(body);
    let _ = Tournament::from_body(body);
    let _ = Vec::<Tournament>::from_body(body);
    let _ = Vec::<String>::from_body(body);
    let _ = Leaderboard::from_body(body);
    let _ = ClaimableRewards::from_body(body);
    let _ = WalletBalance::from_body(body);
    let _ = TransactionPage::from_body(body);
    let _ = HistoricStat::from_body(body);
    let _ = Vec::<HistoricStat>::from_body(body);
    let _ = OtpRegistration::from_body(body);
    let _ = SessionInfo::from_body(body);
    let _ = LoginResult::from_body(body);
    let _ = AccountUser::from_body(body);
    let _ = JwtClaims::from_body(body);
    let _ = JwtClaims::decode(body);
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
