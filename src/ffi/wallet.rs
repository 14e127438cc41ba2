//! Wallet: the C face of `api/wallet.rs`.

use std::ffi::{c_char, c_void};

use super::client::{kgen_client, start_for_session};
use super::data::*;
use super::panic::guard;
use super::pointers::opt_str_in;
use super::session::kgen_session;
use super::status::kgen_status;
use super::types::{kgen_callback, kgen_operation::*, kgen_request_id, EventBuilder};

/// Reads the player's balances. Completion `KGEN_OP_WALLET_BALANCE`, `data.balance`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_wallet_balance(
    client: *mut kgen_client,
    session: *mut kgen_session,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let call = |s: crate::Session| async move { s.wallet_balance().await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_WALLET_BALANCE,
                callback,
                user_data,
                out_request,
                call,
                balance,
            )
        }
    })
}

/// Reads one page of the player's transactions: `last_evaluated_key` NULL (or
/// "") for the first page, else the previous page's key; `limit` 1 to 100
/// transactions per page, or 0 for the server's default page size (a larger
/// `limit` is refused at the call with `KGEN_ERR_INVALID_ARGUMENT`; the platform
/// documents no paging parameters, the bound is *sandbox-defined*). The
/// request-side paging parameters themselves are undocumented: they are sent
/// as the sandbox takes them (*sandbox-defined*). A page that answers with the
/// key it was asked for, or with no transactions, reports `is_last_page` 1, so
/// a loop over pages always ends.
/// Completion `KGEN_OP_WALLET_TRANSACTIONS`, `data.transactions`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_wallet_transactions(
    client: *mut kgen_client,
    session: *mut kgen_session,
    last_evaluated_key: *const c_char,
    limit: u32,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let query = crate::TransactionQuery {
            last_evaluated_key: unsafe { opt_str_in(last_evaluated_key, "last_evaluated_key") }?
                .filter(|k| !k.is_empty())
                .map(str::to_owned),
            limit: (limit != 0).then_some(limit),
        };
        query.check()?;
        let call = move |s: crate::Session| async move { s.wallet_transactions(&query).await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_WALLET_TRANSACTIONS,
                callback,
                user_data,
                out_request,
                call,
                page,
            )
        }
    })
}

/// Moves the earned balance to the player's KGeN wallet (needs a phone linked
/// by OTP and at least `min_wallet_bal_to_withdraw`). Completion
/// `KGEN_OP_WALLET_WITHDRAW`, `data.message`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_wallet_withdraw(
    client: *mut kgen_client,
    session: *mut kgen_session,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let call = |s: crate::Session| async move { s.withdraw().await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_WALLET_WITHDRAW,
                callback,
                user_data,
                out_request,
                call,
                message,
            )
        }
    })
}

fn balance(w: &crate::WalletBalance, b: &mut EventBuilder) -> kgen_data {
    let balance = kgen_balance {
        wallet_address: b.text(&w.wallet_address),
        earned_balance: w.earned_balance,
        bought_balance: w.bought_balance,
        bonus_balance: w.bonus_balance,
        lazy_balance: w.lazy_balance,
        on_chain_balance: w.on_chain_balance,
        lazy_balance_delta: w.lazy_balance_delta,
        min_wallet_bal_to_withdraw: w.min_wallet_bal_to_withdraw,
        wallet_transaction_error: flag(w.wallet_transaction_error),
        is_lazy_balance_updated: flag(w.is_lazy_balance_updated),
        created_at: timestamp(b, &w.created_at),
        modified_at: timestamp(b, &w.modified_at),
    };
    kgen_data {
        balance: b.item(balance),
    }
}

fn transactions(
    list: &[crate::Transaction],
    b: &mut EventBuilder,
) -> (*const kgen_transaction, usize, usize) {
    let items: Vec<_> = list
        .iter()
        .map(|t| kgen_transaction {
            uid: b.text(&t.uid),
            from_wallet: b.text(&t.from_wallet),
            to_wallet: b.text(&t.to_wallet),
            amount: t.amount,
            sync_status: b.text(&t.sync_status),
            created_at: timestamp(b, &t.created_at),
            description_amount: t.description.amount,
            description_text: b.text(&t.description.text),
            description_name: b.text(&t.description.name),
            description_direction: b.text(&t.description.direction),
            description_kind: b.text(&t.description.kind),
        })
        .collect();
    b.list(items)
}

fn page(p: &crate::TransactionPage, b: &mut EventBuilder) -> kgen_data {
    let (transactions, transaction_count, transaction_size) = transactions(&p.transactions, b);
    let (from_transactions, from_transaction_count, _) =
        self::transactions(&p.from_transactions, b);
    let (to_transactions, to_transaction_count, _) = self::transactions(&p.to_transactions, b);
    let page = kgen_transaction_page {
        transactions,
        transaction_count,
        transaction_size,
        from_transactions,
        from_transaction_count,
        to_transactions,
        to_transaction_count,
        last_evaluated_key: b.text(&p.last_evaluated_key),
        is_last_page: flag(p.is_last_page()),
    };
    kgen_data {
        transactions: b.item(page),
    }
}
