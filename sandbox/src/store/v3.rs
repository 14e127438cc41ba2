//! The `/v3/session` account family: users with password hashes and API keys, cookie
//! sessions, two-factor codes and login attempt limiting.
//!
//! A login creates a cookie session: `active` at once, or `pending` until the 2FA code
//! arrives at `/login/otp` within `otp_ttl_secs`. Sessions live 2 h (30 days with
//! `rememberMe`); logout deletes them. Five failed logins for a user name within 15
//! minutes lock that name until the oldest failure leaves the window.

use std::sync::LazyLock;

use axum::http::StatusCode;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::clock::{secs_to_ns, NANOS_PER_SEC};
use crate::errors::{ApiError, I3dCode, V3Error};
use crate::ids;
use crate::password;

pub const SESSION_SECS: i64 = 2 * 3600;
pub const REMEMBER_ME_SECS: i64 = 30 * 86_400;
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;
pub const MAX_OTP_ATTEMPTS: i64 = 5;
pub const OTP_LEN: usize = 6;

const ACTIVE: &str = "active";
const PENDING: &str = "pending";

#[derive(Debug, Clone)]
pub struct User {
    pub user_id: i64,
    pub user_name: String,
    pub email: String,
    pub two_factor: bool,
    pub api_key: String,
}

const SELECT_USER: &str =
    "SELECT user_id, user_name, email, two_factor, api_key, password_hash FROM v3_users";

fn user_from_row(row: &Row) -> rusqlite::Result<(User, String)> {
    Ok((
        User {
            user_id: row.get(0)?,
            user_name: row.get(1)?,
            email: row.get(2)?,
            two_factor: row.get(3)?,
            api_key: row.get(4)?,
        },
        row.get(5)?,
    ))
}

pub fn create_user(
    conn: &Connection,
    user_name: &str,
    password: &str,
    email: Option<&str>,
    two_factor: bool,
    api_key: Option<&str>,
    now: i64,
) -> Result<User, ApiError> {
    if user_name.is_empty() || password.is_empty() {
        return Err(ApiError::bad_request("userName and password are required"));
    }
    if find_user(conn, "user_name", &user_name)?.is_some() {
        return Err(ApiError::bad_request(format!("user {user_name} exists")));
    }
    let api_key = api_key.map_or_else(|| ids::token(40), str::to_string);
    let email = email.map_or_else(|| format!("{user_name}@example.com"), str::to_string);
    conn.prepare_cached(
        "INSERT INTO v3_users (user_name, password_hash, email, two_factor, api_key, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        user_name,
        password::hash(password),
        email,
        two_factor,
        api_key,
        now
    ])?;
    Ok(User {
        user_id: conn.last_insert_rowid(),
        user_name: user_name.to_string(),
        email,
        two_factor,
        api_key,
    })
}

fn find_user(
    conn: &Connection,
    column: &str,
    value: &dyn rusqlite::ToSql,
) -> Result<Option<(User, String)>, ApiError> {
    Ok(conn
        .prepare_cached(&format!("{SELECT_USER} WHERE {column} = ?1"))?
        .query_row([value], user_from_row)
        .optional()?)
}

pub fn user_by_api_key(conn: &Connection, api_key: &str) -> Result<Option<User>, ApiError> {
    Ok(find_user(conn, "api_key", &api_key)?.map(|(user, _)| user))
}

/// The user logged in with this cookie session (active and unexpired), if any.
pub fn session_user(conn: &Connection, token: &str, now: i64) -> Result<Option<User>, ApiError> {
    let user_id: Option<i64> = conn
        .prepare_cached(
            "SELECT user_id FROM v3_sessions WHERE token = ?1 AND state = ?2 AND expires_at > ?3",
        )?
        .query_row(params![token, ACTIVE, now], |row| row.get(0))
        .optional()?;
    match user_id {
        Some(id) => Ok(find_user(conn, "user_id", &id)?.map(|(user, _)| user)),
        None => Ok(None),
    }
}

/// What a successful login answers.
pub struct Login {
    pub token: String,
    pub requires_otp: bool,
    pub expires_at: i64,
    pub otp_expires_at: i64,
    pub remember_me: bool,
}

/// Logs in. The inner error is an answer whose side effect (a counted failure) is committed.
pub fn login(
    conn: &Connection,
    cookie: Option<&str>,
    user_name: &str,
    password_text: &str,
    remember_me: bool,
    otp_ttl_secs: u64,
    now: i64,
) -> Result<Result<Login, V3Error>, V3Error> {
    if let Some(token) = cookie {
        if session_user(conn, token, now)?.is_some() {
            return Ok(Err(V3Error::new(
                StatusCode::CONFLICT,
                I3dCode::AlreadyLoggedIn,
                "Already logged in",
            )));
        }
    }
    let window_start = now - secs_to_ns(FAILURE_WINDOW_SECS);
    let (failures, oldest): (i64, Option<i64>) = conn
        .prepare_cached(
            "SELECT COUNT(*), MIN(at) FROM v3_login_failures WHERE user_name = ?1 AND at > ?2",
        )?
        .query_row(params![user_name, window_start], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
    if failures >= MAX_FAILURES {
        let free_at = oldest.unwrap_or(now) + secs_to_ns(FAILURE_WINDOW_SECS);
        let mut error = V3Error::new(
            StatusCode::TOO_MANY_REQUESTS,
            I3dCode::Unauthenticated,
            "Too many login attempts",
        );
        error.retry_after_secs =
            Some((((free_at - now) + NANOS_PER_SEC - 1) / NANOS_PER_SEC).max(1) as u64);
        return Ok(Err(error));
    }
    static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| password::hash("no such user"));
    let user = find_user(conn, "user_name", &user_name)?;
    let stored = user
        .as_ref()
        .map_or(DUMMY_HASH.as_str(), |(_, hash)| hash.as_str());
    let valid = password::verify(password_text, stored);
    let user = match user {
        Some((user, _)) if valid => user,
        _ => {
            conn.prepare_cached("INSERT INTO v3_login_failures (user_name, at) VALUES (?1, ?2)")?
                .execute(params![user_name, now])?;
            return Ok(Err(V3Error::new(
                StatusCode::UNAUTHORIZED,
                I3dCode::Unauthenticated,
                "Invalid credentials",
            )));
        }
    };
    conn.prepare_cached("DELETE FROM v3_login_failures WHERE user_name = ?1")?
        .execute([user_name])?;
    if let Some(token) = cookie {
        conn.prepare_cached("DELETE FROM v3_sessions WHERE token = ?1")?
            .execute([token])?;
    }
    let lifetime = if remember_me {
        REMEMBER_ME_SECS
    } else {
        SESSION_SECS
    };
    let login = Login {
        token: ids::token(43),
        requires_otp: user.two_factor,
        expires_at: now + secs_to_ns(lifetime),
        otp_expires_at: if user.two_factor {
            now + secs_to_ns(otp_ttl_secs as i64)
        } else {
            0
        },
        remember_me,
    };
    let otp = user.two_factor.then(|| ids::digits(OTP_LEN));
    conn.prepare_cached(
        "INSERT INTO v3_sessions (token, user_id, state, otp, otp_expires_at, expires_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        login.token,
        user.user_id,
        if user.two_factor { PENDING } else { ACTIVE },
        otp,
        login.otp_expires_at,
        login.expires_at,
        now,
    ])?;
    Ok(Ok(login))
}

/// Completes a pending 2FA login. The inner error (a counted wrong code) is committed.
pub fn login_otp(
    conn: &Connection,
    cookie: Option<&str>,
    otp: &str,
    now: i64,
) -> Result<Result<(), V3Error>, V3Error> {
    let no_pending = || {
        V3Error::new(
            StatusCode::NOT_FOUND,
            I3dCode::EntityNotFound,
            "No pending two-factor login",
        )
    };
    let Some(token) = cookie else {
        return Ok(Err(no_pending()));
    };
    let pending: Option<(String, i64, i64)> = conn
        .prepare_cached(
            "SELECT otp, otp_expires_at, otp_attempts FROM v3_sessions WHERE token = ?1 AND state = ?2",
        )?
        .query_row(params![token, PENDING], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?;
    let Some((expected, otp_expires_at, attempts)) = pending else {
        return Ok(Err(no_pending()));
    };
    if now >= otp_expires_at || attempts >= MAX_OTP_ATTEMPTS {
        conn.prepare_cached("DELETE FROM v3_sessions WHERE token = ?1")?
            .execute([token])?;
        return Ok(Err(no_pending()));
    }
    if otp != expected {
        conn.prepare_cached(
            "UPDATE v3_sessions SET otp_attempts = otp_attempts + 1 WHERE token = ?1",
        )?
        .execute([token])?;
        return Ok(Err(V3Error::new(
            StatusCode::UNAUTHORIZED,
            I3dCode::Unauthenticated,
            "Invalid one-time password",
        )));
    }
    conn.prepare_cached("UPDATE v3_sessions SET state = ?2, otp = NULL WHERE token = ?1")?
        .execute(params![token, ACTIVE])?;
    Ok(Ok(()))
}

pub fn logout(conn: &Connection, token: &str) -> Result<(), ApiError> {
    conn.prepare_cached("DELETE FROM v3_sessions WHERE token = ?1")?
        .execute([token])?;
    Ok(())
}

/// The code of the user's pending 2FA login, if one is still open (admin).
pub fn pending_otp(
    conn: &Connection,
    user_name: &str,
    now: i64,
) -> Result<Option<String>, ApiError> {
    Ok(conn
        .prepare_cached(
            "SELECT s.otp FROM v3_sessions s JOIN v3_users u ON u.user_id = s.user_id
             WHERE u.user_name = ?1 AND s.state = ?2 AND s.otp_expires_at > ?3
             ORDER BY s.created_at DESC LIMIT 1",
        )?
        .query_row(params![user_name, PENDING, now], |row| row.get(0))
        .optional()?)
}
