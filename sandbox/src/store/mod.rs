//! The platform's state and rules on top of SQLite. Each function runs on a connection
//! the caller holds (inside a transaction for writes) and returns the API's error codes.

pub mod clients;
pub mod otp;
pub mod payout;
pub mod players;
pub mod rewards;
pub mod stats;
pub mod tournaments;
pub mod v3;
pub mod wallet;

#[cfg(test)]
pub(crate) mod tests {
    use crate::db::Db;
    use crate::store::players::{self, Player};

    /// An in-memory database holding one fresh player.
    pub fn player() -> (Db, Player) {
        let db = Db::open(None, crate::DEFAULT_MEMORY_LIMIT_MB).unwrap();
        let (player, _) = db
            .write(|conn| players::open_session(conn, "game", "p1", Default::default(), 0))
            .unwrap();
        (db, player)
    }
}
