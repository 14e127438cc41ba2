//! Phone linking by one-time password.
//!
//! Register (or resend) "sends" a fresh 6-digit OTP and returns a 4-digit `authCode`
//! that verify must echo. Codes expire after `otp_ttl_secs` (default 300 s); five wrong
//! OTPs burn a code; at most five codes per phone per 10 minutes (then 429 with
//! Retry-After). The latest code is readable through the admin API.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use crate::clock::{secs_to_ns, NANOS_PER_SEC};
use crate::errors::{ApiError, Code};
use crate::ids;
use crate::store::players;

pub const OTP_LEN: usize = 6;
pub const AUTH_CODE_LEN: usize = 4;
pub const MAX_SENDS: i64 = 5;
pub const SEND_WINDOW_SECS: i64 = 600;
pub const MAX_ATTEMPTS: i64 = 5;

/// A validated phone: `countryCode` `+` and 1-3 digits, `phone_number` 6-14 digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(number: &str, country_code: &str) -> Result<Phone, ApiError> {
        let digits = |s: &str, range: std::ops::RangeInclusive<usize>| {
            range.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        let country = country_code.strip_prefix('+').unwrap_or(country_code);
        if !digits(country, 1..=3) || country.starts_with('0') {
            return Err(ApiError::new(
                Code::InvalidPhoneNumber,
                "countryCode must look like +91",
            ));
        }
        if !digits(number, 6..=14) {
            return Err(ApiError::new(
                Code::InvalidPhoneNumber,
                "phone_number must be 6-14 digits",
            ));
        }
        Ok(Phone(format!("+{country}{number}")))
    }

    /// `+<country><number>`, as `linked_phone` shows it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check_not_linked_elsewhere(
    conn: &Connection,
    player_id: &str,
    phone: &Phone,
) -> Result<bool, ApiError> {
    match players::phone_owner(conn, phone.as_str())? {
        Some(owner) if owner != player_id => Err(ApiError::new(
            Code::PhoneAlreadyLinked,
            "the phone is linked to another player",
        )),
        owner => Ok(owner.is_none()),
    }
}

/// Sends a new code (register and resend). Answers `{"authCode", "isNewUser"}`.
pub fn send(
    conn: &Connection,
    player_id: &str,
    phone: &Phone,
    ttl_secs: u64,
    now: i64,
) -> Result<Value, ApiError> {
    let is_new_user = check_not_linked_elsewhere(conn, player_id, phone)?;
    let window_start = now - secs_to_ns(SEND_WINDOW_SECS);
    let (sent, oldest): (i64, Option<i64>) = conn
        .prepare_cached(
            "SELECT COUNT(*), MIN(created_at) FROM otps WHERE phone = ?1 AND created_at > ?2",
        )?
        .query_row(params![phone.as_str(), window_start], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
    if sent >= MAX_SENDS {
        let free_at = oldest.unwrap_or(now) + secs_to_ns(SEND_WINDOW_SECS);
        let wait = ((free_at - now) + NANOS_PER_SEC - 1) / NANOS_PER_SEC;
        return Err(
            ApiError::new(Code::OtpRateLimited, "too many codes sent to this phone")
                .retry_after(wait.max(1) as u64),
        );
    }
    let auth_code = ids::digits(AUTH_CODE_LEN);
    conn.prepare_cached(
        "INSERT INTO otps (player_id, phone, auth_code, otp, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        player_id,
        phone.as_str(),
        auth_code,
        ids::digits(OTP_LEN),
        now,
        now + secs_to_ns(ttl_secs as i64),
    ])?;
    Ok(json!({ "authCode": auth_code, "isNewUser": is_new_user }))
}

/// Checks a code. The outer error rolls back; the inner one is an answer whose side
/// effect (a counted wrong attempt) must be committed.
pub fn verify(
    conn: &Connection,
    player_id: &str,
    phone: &Phone,
    auth_code: &str,
    otp: &str,
    now: i64,
) -> Result<Result<(), ApiError>, ApiError> {
    check_not_linked_elsewhere(conn, player_id, phone)?;
    let invalid = || ApiError::new(Code::InvalidOtp, "wrong authCode or otp");
    let pending: Option<(i64, String, String, i64)> = conn
        .prepare_cached(
            "SELECT id, auth_code, otp, expires_at FROM otps
             WHERE player_id = ?1 AND phone = ?2 AND used = 0 ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![player_id, phone.as_str()], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .optional()?;
    let Some((id, expected_auth, expected_otp, expires_at)) = pending else {
        return Ok(Err(invalid()));
    };
    if auth_code != expected_auth {
        return Ok(Err(invalid()));
    }
    if now >= expires_at {
        return Ok(Err(ApiError::new(
            Code::OtpExpired,
            "the code has expired: request a new one",
        )));
    }
    if otp != expected_otp {
        conn.prepare_cached(
            "UPDATE otps SET attempts = attempts + 1, used = (attempts + 1 >= ?2) WHERE id = ?1",
        )?
        .execute(params![id, MAX_ATTEMPTS])?;
        return Ok(Err(invalid()));
    }
    conn.prepare_cached("UPDATE otps SET used = 1 WHERE id = ?1")?
        .execute([id])?;
    players::link_phone(conn, player_id, phone.as_str(), now)?;
    Ok(Ok(()))
}

/// The latest code sent to a phone: `{"authCode", "otp", "expires_at"}` (admin).
pub fn latest(conn: &Connection, phone: &Phone) -> Result<Option<(String, String, i64)>, ApiError> {
    Ok(conn
        .prepare_cached(
            "SELECT auth_code, otp, expires_at FROM otps WHERE phone = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([phone.as_str()], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_validation() {
        assert_eq!(
            Phone::parse("9876543219", "+91").unwrap().as_str(),
            "+919876543219"
        );
        assert_eq!(
            Phone::parse("9876543219", "91").unwrap().as_str(),
            "+919876543219"
        );
        for (number, country) in [
            ("98765", "+91"),
            ("98765x3219", "+91"),
            ("9876543219", "+"),
            ("9876543219", "+0"),
        ] {
            assert_eq!(
                Phone::parse(number, country).unwrap_err().code,
                Code::InvalidPhoneNumber
            );
        }
    }
}
