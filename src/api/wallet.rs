//! The player's custodial wallet: balance, transaction history, withdrawal (`/fe/wallet`).

use super::decode::{FromJson, Json, Obj};
use super::outcome::Check;
use super::{Ack, Timestamp};
use crate::transport::{Family, HttpRequest, RetryClass};
use crate::{Error, Response, Session};

/// `GET /fe/wallet/balance`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WalletBalance {
    pub wallet_address: String,
    /// Won in tournaments; the only withdrawable part.
    pub earned_balance: f64,
    pub bought_balance: f64,
    /// Welcome bonus and promotions; the sandbox pays entry fees from it first
    /// (*sandbox-defined*).
    pub bonus_balance: f64,
    pub lazy_balance: f64,
    pub on_chain_balance: f64,
    pub lazy_balance_delta: f64,
    pub wallet_transaction_error: bool,
    pub is_lazy_balance_updated: bool,
    pub created_at: Option<Timestamp>,
    pub modified_at: Option<Timestamp>,
    /// `minWalletBalToWithdraw`: the earned balance needed to withdraw.
    pub min_wallet_bal_to_withdraw: f64,
}

impl FromJson for WalletBalance {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "wallet")?;
        Ok(WalletBalance {
            wallet_address: o.string(&["wallet_address"])?,
            earned_balance: o.f64(&["earned_balance"])?,
            bought_balance: o.f64(&["bought_balance"])?,
            bonus_balance: o.f64(&["bonus_balance"])?,
            lazy_balance: o.f64(&["lazy_balance"])?,
            on_chain_balance: o.f64(&["on_chain_balance"])?,
            lazy_balance_delta: o.f64(&["lazy_balance_delta"])?,
            wallet_transaction_error: o.bool(&["wallet_transaction_error"])?,
            is_lazy_balance_updated: o.bool(&["is_lazy_balance_updated"])?,
            created_at: o.timestamp(&["created_at"])?,
            modified_at: o.timestamp(&["modified_at"])?,
            min_wallet_bal_to_withdraw: o
                .f64(&["minWalletBalToWithdraw", "min_wallet_bal_to_withdraw"])?,
        })
    }
}

/// What a transaction was (its `description` object; a plain-text description lands in `text`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TransactionDescription {
    /// `platformProtocolsTxnAmount`.
    pub amount: f64,
    /// `platformProtocolsTxnDescription`, e.g. "Tournament fee deduct".
    pub text: String,
    /// `platformProtocolsTxnName`.
    pub name: String,
    /// `platformProtocolsTxnType`: `CREDIT` or `DEBIT`.
    pub direction: String,
    /// `type`: `JOIN`, `LEAVE`, `REWARD`, …
    pub kind: String,
}

/// One wallet transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Transaction {
    pub uid: String,
    /// Often masked, e.g. `0x7d*****f0a2`.
    pub from_wallet: String,
    pub to_wallet: String,
    pub amount: f64,
    /// `COMPLETED`, `PENDING`, …
    pub sync_status: String,
    pub created_at: Option<Timestamp>,
    pub description: TransactionDescription,
}

impl FromJson for Transaction {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "transaction")?;
        let description = match o.get(&["description"]) {
            Some(Json::Object(_)) => {
                let d = o.object(&["description"], "transaction.description")?;
                TransactionDescription {
                    amount: d.f64(&["platformProtocolsTxnAmount", "amount"])?,
                    text: d.string(&["platformProtocolsTxnDescription", "description"])?,
                    name: d.string(&["platformProtocolsTxnName", "name"])?,
                    direction: d.string(&["platformProtocolsTxnType"])?,
                    kind: d.string(&["type"])?,
                }
            }
            _ => TransactionDescription {
                text: o.string(&["description"]).unwrap_or_default(),
                ..TransactionDescription::default()
            },
        };
        Ok(Transaction {
            uid: o.string(&["uid", "transaction_uid", "id"])?,
            from_wallet: o.string(&["from_wallet"])?,
            to_wallet: o.string(&["to_wallet"])?,
            amount: o.f64(&["amount"])?,
            sync_status: o.string(&["sync_status"])?,
            created_at: o.timestamp(&["created_at"])?,
            description,
        })
    }
}

/// Which page of [`Session::wallet_transactions`] to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TransactionQuery {
    /// The previous page's `last_evaluated_key`; `None` for the first page.
    pub last_evaluated_key: Option<String>,
    /// Page size, 1 to [`TransactionQuery::MAX_LIMIT`]; `None` for the server's default.
    pub limit: Option<u32>,
}

impl TransactionQuery {
    /// The largest page size accepted. The platform documents no paging parameters;
    /// this bound is *sandbox-defined* (the sandbox refuses larger pages with 400).
    pub const MAX_LIMIT: u32 = 100;

    /// Refuses a page size the server would refuse, before anything is sent.
    pub(crate) fn check(&self) -> Result<(), Error> {
        match self.limit {
            Some(limit) if limit == 0 || limit > Self::MAX_LIMIT => Err(Error::invalid_argument(
                format!("limit must be 1-{} (got {limit})", Self::MAX_LIMIT),
            )),
            _ => Ok(()),
        }
    }
}

/// One page of the history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TransactionPage {
    pub transactions: Vec<Transaction>,
    /// Transactions paid from this wallet (older servers only).
    pub from_transactions: Vec<Transaction>,
    /// Transactions paid into this wallet (older servers only).
    pub to_transactions: Vec<Transaction>,
    /// The key of the next page; empty on the last page.
    pub last_evaluated_key: String,
}

impl TransactionPage {
    /// `true` when there is no next page.
    pub fn is_last_page(&self) -> bool {
        self.last_evaluated_key.is_empty()
    }
}

impl FromJson for TransactionPage {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        if let Json::Array(_) = value {
            return Ok(TransactionPage {
                transactions: super::decode::list(value, "transactions")?,
                ..TransactionPage::default()
            });
        }
        let o = Obj::new(value, "transactions")?;
        // Some servers send the key as an object (a DynamoDB key); it is passed back as JSON text.
        let last_evaluated_key = match o.get(&["last_evaluated_key", "lastEvaluatedKey"]) {
            Some(key @ Json::Object(_)) => key.to_text(),
            _ => o.string(&["last_evaluated_key", "lastEvaluatedKey"])?,
        };
        Ok(TransactionPage {
            transactions: o.list(&["transactions"])?,
            from_transactions: o.list(&["fromTransactions", "from_transactions"])?,
            to_transactions: o.list(&["toTransactions", "to_transactions"])?,
            last_evaluated_key,
        })
    }
}

impl Session {
    /// The wallet's balances — `GET /fe/wallet/balance`.
    ///
    /// Retry policy: **safe to retry**.
    pub async fn wallet_balance(&self) -> Result<Response<WalletBalance>, Error> {
        self.call(HttpRequest::get(Family::Kgen, &["fe", "wallet", "balance"]))
            .await
    }

    /// One page of the transaction history, newest first —
    /// `GET /fe/wallet/transactions[?last_evaluated_key=&limit=]`.
    ///
    /// The platform documents the response's `last_evaluated_key` but not the request-side
    /// paging parameters: `last_evaluated_key` and `limit` are sent as the sandbox takes them
    /// (*sandbox-defined*). So that a loop over pages always ends, a page that answers with
    /// the key it was asked for, or with no transactions, is the last one.
    ///
    /// Retry policy: **safe to retry**.
    pub async fn wallet_transactions(
        &self,
        query: &TransactionQuery,
    ) -> Result<Response<TransactionPage>, Error> {
        query.check()?;
        let mut request = HttpRequest::get(Family::Kgen, &["fe", "wallet", "transactions"]);
        if let Some(key) = query
            .last_evaluated_key
            .as_deref()
            .filter(|k| !k.is_empty())
        {
            request = request.query("last_evaluated_key", key);
        }
        if let Some(limit) = query.limit {
            request = request.query("limit", limit.to_string());
        }
        let mut response: Response<TransactionPage> = self.call(request).await?;
        let page = &mut response.data;
        let asked = query.last_evaluated_key.as_deref().unwrap_or("");
        let no_progress = page.transactions.is_empty()
            && page.from_transactions.is_empty()
            && page.to_transactions.is_empty();
        if page.last_evaluated_key == asked || no_progress {
            page.last_evaluated_key.clear();
        }
        Ok(response)
    }

    /// Moves the whole earned balance to the player's KGeN wallet — `POST /fe/wallet/withdraw`.
    /// Needs a phone linked by OTP and an earned balance of at least `minWalletBalToWithdraw`.
    ///
    /// Retry policy: **mutating**; a lost answer is resolved by sending it again under its
    /// key, else by reading the wallet balance ([`super::outcome`]).
    ///
    /// Errors: 400 `PHONE_NOT_LINKED`, `WITHDRAW_BELOW_MINIMUM` (both *sandbox-defined*: the
    /// published docs name no code for these).
    pub async fn withdraw(&self) -> Result<Response<Ack>, Error> {
        self.write(withdraw_request(), Check::Withdrew).await
    }
}

pub(crate) fn withdraw_request() -> HttpRequest {
    HttpRequest::post(
        Family::Kgen,
        &["fe", "wallet", "withdraw"],
        RetryClass::Mutating,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode::read;
    use serde_json::json;

    #[test]
    fn decodes_balance_numbers_in_any_spelling_and_empty_dates() {
        let b = read::<WalletBalance>(json!({
            "wallet_address": "0xabc", "earned_balance": 12, "bought_balance": "3.5", "bonus_balance": 50.0,
            "lazy_balance": null, "wallet_transaction_error": false, "is_lazy_balance_updated": 1,
            "created_at": "2024-09-06T05:10:53.123", "modified_at": "", "minWalletBalToWithdraw": 20
        }))
        .unwrap();
        assert_eq!(
            (
                b.earned_balance,
                b.bought_balance,
                b.bonus_balance,
                b.lazy_balance
            ),
            (12.0, 3.5, 50.0, 0.0)
        );
        assert!(b.is_lazy_balance_updated);
        assert_eq!(b.created_at.unwrap().unix_ms, Some(1_725_599_453_123));
        assert_eq!(b.modified_at, None);
        assert_eq!(b.min_wallet_bal_to_withdraw, 20.0);
    }

    #[test]
    fn decodes_all_transaction_page_shapes() {
        let tx = json!({
            "uid": "t1", "from_wallet": "0x7d*****f0a2", "to_wallet": "0x1", "amount": 10, "sync_status": "COMPLETED",
            "created_at": "2024-09-06T05:10:53+00:00", "gas_fee_payer": "x", "sync_error": null,
            "description": {"platformProtocolsTxnAmount": 10, "platformProtocolsTxnDescription": "Tournament fee deduct",
                            "platformProtocolsTxnName": "Join", "platformProtocolsTxnType": "DEBIT", "type": "JOIN", "other": 1}
        });
        let full = read::<TransactionPage>(json!({
            "fromTransactions": [], "toTransactions": null, "transactions": [tx], "last_evaluated_key": ""
        }))
        .unwrap();
        assert!(full.is_last_page());
        let t = &full.transactions[0];
        assert_eq!(
            (
                t.amount,
                t.description.kind.as_str(),
                t.description.direction.as_str()
            ),
            (10.0, "JOIN", "DEBIT")
        );
        assert_eq!(t.description.text, "Tournament fee deduct");

        let only = read::<TransactionPage>(json!({"transactions": [{"uid": "t2", "description": "refund"}], "last_evaluated_key": "k2"})).unwrap();
        assert_eq!(only.transactions[0].description.text, "refund");
        assert_eq!(only.last_evaluated_key, "k2");

        let keyed =
            read::<TransactionPage>(json!({"transactions": [], "last_evaluated_key": {"pk": "a"}}))
                .unwrap();
        assert_eq!(keyed.last_evaluated_key, r#"{"pk":"a"}"#);

        let bare = read::<TransactionPage>(json!([{"uid": "t3", "description": null}])).unwrap();
        assert_eq!(bare.transactions[0].uid, "t3");
    }
}
