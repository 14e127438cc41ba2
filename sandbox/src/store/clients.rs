//! s2s client credentials (`x-client-id` / `x-client-secret`).

use rusqlite::{params, Connection, OptionalExtension};

use crate::errors::ApiError;

#[derive(Debug, Clone)]
pub struct Client {
    pub client_id: String,
    pub name: String,
}

/// Registers (or re-keys) a client. Ids never contain `#`: it separates the client id
/// from the game's user id in `namespaced_third_party_user_id`.
pub fn register(
    conn: &Connection,
    client_id: &str,
    secret: &str,
    name: Option<&str>,
    now: i64,
) -> Result<Client, ApiError> {
    if !(1..=128).contains(&client_id.chars().count()) || client_id.contains('#') {
        return Err(ApiError::bad_request(
            "client_id must be 1-128 characters without '#'",
        ));
    }
    if secret.is_empty() {
        return Err(ApiError::bad_request("client_secret must not be empty"));
    }
    let name = name.unwrap_or(client_id);
    conn.prepare_cached(
        "INSERT INTO clients (client_id, client_secret, name, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(client_id) DO UPDATE SET client_secret = excluded.client_secret,
         name = excluded.name",
    )?
    .execute(params![client_id, secret, name, now])?;
    Ok(Client {
        client_id: client_id.to_string(),
        name: name.to_string(),
    })
}

/// The client whose id and secret match, if any.
pub fn authenticate(
    conn: &Connection,
    client_id: &str,
    secret: &str,
) -> Result<Option<Client>, ApiError> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT client_secret, name FROM clients WHERE client_id = ?1")?
        .query_row([client_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    Ok(row.and_then(|(stored, name)| {
        constant_time_eq(stored.as_bytes(), secret.as_bytes()).then(|| Client {
            client_id: client_id.to_string(),
            name,
        })
    }))
}

pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
