//! Rewards: the C face of `api/rewards.rs`.

use std::ffi::c_void;

use super::client::{kgen_client, start_for_session};
use super::data::*;
use super::panic::guard;
use super::session::kgen_session;
use super::status::kgen_status;
use super::types::{kgen_callback, kgen_operation::*, kgen_request_id, EventBuilder};

/// Lists the player's rewards from completed tournaments. Completion
/// `KGEN_OP_REWARDS_CLAIMABLE`, `data.rewards`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_rewards_claimable(
    client: *mut kgen_client,
    session: *mut kgen_session,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let call = |s: crate::Session| async move { s.claimable_rewards().await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_REWARDS_CLAIMABLE,
                callback,
                user_data,
                out_request,
                call,
                rewards,
            )
        }
    })
}

/// Claims every unclaimed reward into the earned balance. Completion
/// `KGEN_OP_REWARDS_CLAIM`, `data.message`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_rewards_claim(
    client: *mut kgen_client,
    session: *mut kgen_session,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let call = |s: crate::Session| async move { s.claim_rewards().await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_REWARDS_CLAIM,
                callback,
                user_data,
                out_request,
                call,
                message,
            )
        }
    })
}

fn rewards(r: &crate::ClaimableRewards, b: &mut EventBuilder) -> kgen_data {
    let items: Vec<_> = r
        .claimable_rewards_info
        .iter()
        .map(|i| kgen_reward {
            user_id: b.text(&i.user_id),
            tournament_id: b.text(&i.tournament_id),
            claim_status: b.text(&i.claim_status),
            reward: i.reward,
            wallet_address: b.text(&i.wallet_address),
            created_at: timestamp(b, &i.created_at),
            updated_at: timestamp(b, &i.updated_at),
        })
        .collect();
    let (items, count, item_size) = b.list(items);
    kgen_data {
        rewards: b.item(kgen_claimable_rewards {
            total_claimable_rewards: r.total_claimable_rewards,
            items,
            count,
            item_size,
        }),
    }
}
