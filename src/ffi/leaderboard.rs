//! Leaderboards: the C face of `api/leaderboard.rs`.

use std::ffi::{c_char, c_void};

use super::client::{kgen_client, start_for_session};
use super::data::*;
use super::panic::guard;
use super::session::kgen_session;
use super::status::kgen_status;
use super::tournaments::uid_in;
use super::types::{
    kgen_callback, kgen_operation::KGEN_OP_LEADERBOARD_GET, kgen_request_id, EventBuilder,
};

/// Reads a tournament's leaderboard (best score first) and, once it is
/// completed, its winners. Completion `KGEN_OP_LEADERBOARD_GET`, `data.leaderboard`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_leaderboard_get(
    client: *mut kgen_client,
    session: *mut kgen_session,
    tournament_uid: *const c_char,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let uid = unsafe { uid_in(tournament_uid) }?;
        let call = move |s: crate::Session| async move { s.leaderboard(&uid).await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_LEADERBOARD_GET,
                callback,
                user_data,
                out_request,
                call,
                leaderboard,
            )
        }
    })
}

fn leaderboard(l: &crate::Leaderboard, b: &mut EventBuilder) -> kgen_data {
    let entries: Vec<_> = l
        .leaderboard
        .iter()
        .map(|e| kgen_leaderboard_entry {
            user_id: b.text(&e.user_id),
            score: e.score,
            rank: e.rank,
        })
        .collect();
    let winners: Vec<_> = l
        .winners
        .iter()
        .map(|w| kgen_winner {
            user_id: b.text(&w.user_id),
            reward: w.reward,
        })
        .collect();
    let (entries, entry_count, entry_size) = b.list(entries);
    let (winners, winner_count, winner_size) = b.list(winners);
    kgen_data {
        leaderboard: b.item(kgen_leaderboard {
            entries,
            entry_count,
            entry_size,
            winners,
            winner_count,
            winner_size,
            price_pool: l.price_pool,
        }),
    }
}
