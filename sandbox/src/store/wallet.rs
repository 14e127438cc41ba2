//! The custodial wallet: balances, the transaction ledger, fee payment and withdrawal.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use crate::clock;
use crate::errors::{ApiError, Code};
use crate::ids;
use crate::store::players::{self, Player};

/// What a ledger entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxKind {
    WelcomeBonus,
    Join,
    Refund,
    Reward,
    Withdraw,
    AdminCredit,
}

impl TxKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TxKind::WelcomeBonus => "WELCOME_BONUS",
            TxKind::Join => "JOIN",
            TxKind::Refund => "REFUND",
            TxKind::Reward => "REWARD",
            TxKind::Withdraw => "WITHDRAW",
            TxKind::AdminCredit => "CREDIT",
        }
    }

    fn parse(s: &str) -> TxKind {
        [
            TxKind::WelcomeBonus,
            TxKind::Join,
            TxKind::Refund,
            TxKind::Reward,
            TxKind::Withdraw,
            TxKind::AdminCredit,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == s)
        .unwrap_or(TxKind::AdminCredit)
    }

    fn is_debit(self) -> bool {
        matches!(self, TxKind::Join | TxKind::Withdraw)
    }

    /// `platformProtocolsTxnName` and `platformProtocolsTxnDescription`.
    fn texts(self) -> (&'static str, &'static str) {
        match self {
            TxKind::WelcomeBonus => ("Welcome Bonus", "Welcome bonus credit"),
            TxKind::Join => ("Tournament Join", "Tournament fee deduct"),
            TxKind::Refund => ("Tournament Leave", "Tournament fee refund"),
            TxKind::Reward => ("Tournament Reward", "Tournament reward claim"),
            TxKind::Withdraw => (
                "Wallet Withdraw",
                "Earned balance withdrawal to KGeN wallet",
            ),
            TxKind::AdminCredit => ("Sandbox Credit", "Funds added by the sandbox admin"),
        }
    }
}

/// How a fee was paid, so that a refund goes back to the balances it came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Split {
    pub bonus: i64,
    pub bought: i64,
    pub earned: i64,
}

/// The game's treasury wallet (welcome bonuses, sandbox credits).
pub fn treasury(client_id: &str) -> String {
    ids::platform_wallet(&format!("treasury:{client_id}"))
}

/// A tournament's escrow wallet (fees in, refunds and rewards out).
pub fn escrow(tournament_uid: &str) -> String {
    ids::platform_wallet(&format!("tournament:{tournament_uid}"))
}

/// Takes `amount` from the player's balances: bonus first, then bought, then earned.
pub fn pay(player: &mut Player, amount: i64) -> Result<Split, ApiError> {
    if player.spendable() < amount {
        return Err(ApiError::new(
            Code::InsufficientFunds,
            format!(
                "the wallet holds {} but the buy-in is {amount}",
                player.spendable()
            ),
        ));
    }
    let mut due = amount;
    let mut take = |balance: &mut i64| {
        let part = due.min(*balance);
        *balance -= part;
        due -= part;
        part
    };
    Ok(Split {
        bonus: take(&mut player.bonus),
        bought: take(&mut player.bought),
        earned: take(&mut player.earned),
    })
}

/// Adds `split` to the player's balances (refunds and credits).
pub fn deposit(player: &mut Player, split: Split) {
    player.bonus += split.bonus;
    player.bought += split.bought;
    player.earned += split.earned;
}

/// Appends a ledger entry between the player's wallet and `counterparty`.
pub fn record(
    conn: &Connection,
    player: &Player,
    kind: TxKind,
    amount: i64,
    counterparty: &str,
    tournament_uid: Option<&str>,
    now: i64,
) -> Result<(), ApiError> {
    let (from, to) = if kind.is_debit() {
        (player.wallet_address.as_str(), counterparty)
    } else {
        (counterparty, player.wallet_address.as_str())
    };
    conn.prepare_cached(
        "INSERT INTO transactions (uid, player_id, kind, amount, from_wallet, to_wallet,
         tournament_uid, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        ids::uuid(),
        player.id,
        kind.as_str(),
        amount,
        from,
        to,
        tournament_uid,
        now
    ])?;
    Ok(())
}

pub fn balance_json(player: &Player, min_withdraw: i64) -> Value {
    json!({
        "wallet_address": player.wallet_address,
        "earned_balance": player.earned,
        "bought_balance": player.bought,
        "bonus_balance": player.bonus,
        "lazy_balance": player.spendable(),
        "on_chain_balance": player.withdrawn,
        // The welcome bonus (and any bonus credit) is credited off-chain: it shows as
        // the lazy balance's delta, as in the documented examples.
        "lazy_balance_delta": player.bonus,
        "wallet_transaction_error": false,
        "is_lazy_balance_updated": true,
        "created_at": clock::naive_iso(player.created_at),
        "modified_at": clock::naive_iso(player.modified_at),
        "minWalletBalToWithdraw": min_withdraw,
    })
}

pub const DEFAULT_PAGE: i64 = 20;
pub const MAX_PAGE: i64 = 100;

/// One page of the player's ledger, newest first. `after` is the previous page's
/// `last_evaluated_key` (the uid of its last entry); the last page answers `""`.
pub fn transactions(
    conn: &Connection,
    player: &Player,
    after: Option<&str>,
    limit: i64,
) -> Result<Value, ApiError> {
    let before_seq = match after.filter(|key| !key.is_empty()) {
        None => i64::MAX,
        Some(key) => conn
            .prepare_cached("SELECT seq FROM transactions WHERE uid = ?1 AND player_id = ?2")?
            .query_row(params![key, player.id], |row| row.get(0))
            .optional()?
            .ok_or_else(|| ApiError::bad_request("unknown last_evaluated_key"))?,
    };
    let mut statement = conn.prepare_cached(
        "SELECT seq, uid, kind, amount, from_wallet, to_wallet, tournament_uid, created_at
         FROM transactions WHERE player_id = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3",
    )?;
    let mut rows = statement
        .query_map(params![player.id, before_seq, limit + 1], |row| {
            Ok((
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, String>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, i64>(7)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let last_key = if more {
        rows.last().map(|row| row.0.clone()).unwrap_or_default()
    } else {
        String::new()
    };
    let (mut all, mut from, mut to) = (Vec::new(), Vec::new(), Vec::new());
    for (uid, kind, amount, from_wallet, to_wallet, tournament_uid, created_at) in rows {
        let kind = TxKind::parse(&kind);
        let (name, description) = kind.texts();
        let show = |address: String| {
            if address == player.wallet_address {
                address
            } else {
                ids::mask_wallet(&address)
            }
        };
        let created = clock::naive_iso(created_at);
        let entry = json!({
            "uid": uid,
            "from_wallet": show(from_wallet),
            "to_wallet": show(to_wallet),
            "amount": amount,
            "sync_status": "COMPLETED",
            "created_at": created,
            "modified_at": created,
            "tournament_uid": tournament_uid,
            "description": {
                "platformProtocolsTxnAmount": amount,
                "platformProtocolsTxnDescription": description,
                "platformProtocolsTxnName": name,
                "platformProtocolsTxnType": if kind.is_debit() { "DEBIT" } else { "CREDIT" },
                "type": kind.as_str(),
            },
        });
        if kind.is_debit() {
            from.push(entry.clone())
        } else {
            to.push(entry.clone())
        }
        all.push(entry);
    }
    Ok(json!({
        "fromTransactions": from,
        "toTransactions": to,
        "transactions": all,
        "last_evaluated_key": last_key,
    }))
}

/// Moves the whole earned balance to the player's KGeN wallet. Returns the amount.
pub fn withdraw(
    conn: &Connection,
    player_id: &str,
    min_withdraw: i64,
    now: i64,
) -> Result<i64, ApiError> {
    let mut player = players::load(conn, player_id)?;
    let Some(kgen_wallet) = player.kgen_wallet_address.clone() else {
        return Err(ApiError::new(
            Code::PhoneNotLinked,
            "link a phone number by OTP before withdrawing",
        ));
    };
    if player.earned <= 0 || player.earned < min_withdraw {
        return Err(ApiError::new(
            Code::WithdrawBelowMinimum,
            format!(
                "earned balance {} is below the minimum of {min_withdraw}",
                player.earned
            ),
        ));
    }
    let amount = player.earned;
    player.earned = 0;
    player.withdrawn += amount;
    players::save_balances(conn, &player, now)?;
    record(
        conn,
        &player,
        TxKind::Withdraw,
        amount,
        &kgen_wallet,
        None,
        now,
    )?;
    Ok(amount)
}

/// Adds funds (sandbox admin), one ledger entry per balance credited.
pub fn credit(
    conn: &Connection,
    mut player: Player,
    split: Split,
    now: i64,
) -> Result<Player, ApiError> {
    deposit(&mut player, split);
    players::save_balances(conn, &player, now)?;
    let treasury = treasury(&player.client_id);
    for amount in [split.bonus, split.bought, split.earned] {
        if amount > 0 {
            record(
                conn,
                &player,
                TxKind::AdminCredit,
                amount,
                &treasury,
                None,
                now,
            )?;
        }
    }
    Ok(player)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pays_bonus_then_bought_then_earned() {
        let (_, mut player) = crate::store::tests::player();
        player.bonus = 5;
        player.bought = 3;
        player.earned = 10;
        let split = pay(&mut player, 12).unwrap();
        assert_eq!(
            split,
            Split {
                bonus: 5,
                bought: 3,
                earned: 4
            }
        );
        assert_eq!((player.bonus, player.bought, player.earned), (0, 0, 6));
        deposit(&mut player, split);
        assert_eq!((player.bonus, player.bought, player.earned), (5, 3, 10));
        assert_eq!(
            pay(&mut player, 19).unwrap_err().code,
            Code::InsufficientFunds
        );
    }
}
