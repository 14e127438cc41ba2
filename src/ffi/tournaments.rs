//! Tournaments: the C face of `api/tournaments.rs`.

use std::ffi::{c_char, c_void};

use super::client::{kgen_client, start_for_session};
use super::data::*;
use super::panic::{guard, FfiResult};
use super::pointers::str_in;
use super::session::kgen_session;
use super::status::kgen_status;
use super::types::{kgen_callback, kgen_operation::*, kgen_request_id, EventBuilder};

/// A tournament uid argument, refused at the call when it could not name a
/// tournament (it would reach another route).
///
/// # Safety
/// As `str_in`.
pub(crate) unsafe fn uid_in(ptr: *const c_char) -> FfiResult<String> {
    let uid = unsafe { str_in(ptr, "tournament_uid") }?;
    crate::api::input::tournament_uid(uid)?;
    Ok(uid.to_owned())
}

/// Joins a tournament, paying `joining_stake` (must equal its `buy_in_price`)
/// from the player's wallet (the sandbox takes the bonus balance first, then
/// bought, then earned: *sandbox-defined*). Completion `KGEN_OP_TOURNAMENTS_JOIN`, `data.message`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_tournaments_join(
    client: *mut kgen_client,
    session: *mut kgen_session,
    tournament_uid: *const c_char,
    joining_stake: i64,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let uid = unsafe { uid_in(tournament_uid) }?;
        let call =
            move |s: crate::Session| async move { s.join_tournament(&uid, joining_stake).await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_TOURNAMENTS_JOIN,
                callback,
                user_data,
                out_request,
                call,
                message,
            )
        }
    })
}

/// Leaves a tournament (the sandbox refunds the fee: *sandbox-defined*). Completion
/// `KGEN_OP_TOURNAMENTS_LEAVE`, `data.message`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_tournaments_leave(
    client: *mut kgen_client,
    session: *mut kgen_session,
    tournament_uid: *const c_char,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let uid = unsafe { uid_in(tournament_uid) }?;
        let call = move |s: crate::Session| async move { s.leave_tournament(&uid).await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_TOURNAMENTS_LEAVE,
                callback,
                user_data,
                out_request,
                call,
                message,
            )
        }
    })
}

/// Submits the player's score (an integer >= 0; the best score counts: both
/// *sandbox-defined*).
/// Completion `KGEN_OP_TOURNAMENTS_SUBMIT_SCORE`, `data.message`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_tournaments_submit_score(
    client: *mut kgen_client,
    session: *mut kgen_session,
    tournament_uid: *const c_char,
    score: i64,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let uid = unsafe { uid_in(tournament_uid) }?;
        let queued = super::outbox::enqueue_if_enabled(
            client,
            session,
            crate::OutboxCall::SubmitScore {
                tournament_uid: uid.clone(),
                score,
            },
        )?;
        // With an outbox the call is accepted once queued: the outbox delivers it and
        // reports its end as an outbox event.
        let call = move |s: crate::Session| async move {
            match queued {
                Some(entry_id) => Ok(super::outbox::accepted(entry_id)),
                None => s.submit_score(&uid, score).await,
            }
        };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_TOURNAMENTS_SUBMIT_SCORE,
                callback,
                user_data,
                out_request,
                call,
                message,
            )
        }
    })
}

/// Lists the tournaments that are not completed (`GET
/// /fe/esports/tournaments/active`): scheduled, lobby, started and locked ones
/// alike - check each one's `status` before joining. In the sandbox a `LOBBY`
/// or `STARTED` one accepts joins, only a `STARTED` one scores; other states
/// answer `TOURNAMENT_IS_NOT_LIVE`. The platform documents the route, not
/// which states it lists nor when joining opens: both are *sandbox-defined*
/// (it lists every state but `COMPLETED`). Completion
/// `KGEN_OP_TOURNAMENTS_ACTIVE`, `data.tournaments`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_tournaments_active(
    client: *mut kgen_client,
    session: *mut kgen_session,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let call = |s: crate::Session| async move { s.active_tournaments().await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_TOURNAMENTS_ACTIVE,
                callback,
                user_data,
                out_request,
                call,
                |l: &Vec<_>, b| tournament_list(l, b),
            )
        }
    })
}

/// Lists the uids of the tournaments the player joined. Completion
/// `KGEN_OP_TOURNAMENTS_PARTICIPATED`, `data.strings`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_tournaments_participated(
    client: *mut kgen_client,
    session: *mut kgen_session,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let call = |s: crate::Session| async move { s.participated_tournaments().await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_TOURNAMENTS_PARTICIPATED,
                callback,
                user_data,
                out_request,
                call,
                |l: &Vec<_>, b| uid_list(l, b),
            )
        }
    })
}

/// Reads one tournament. Completion `KGEN_OP_TOURNAMENTS_GET`, `data.tournament`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_tournaments_get(
    client: *mut kgen_client,
    session: *mut kgen_session,
    tournament_uid: *const c_char,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let uid = unsafe { uid_in(tournament_uid) }?;
        let call = move |s: crate::Session| async move { s.tournament(&uid).await };
        let convert = |t: &crate::Tournament, b: &mut EventBuilder| {
            let t = tournament(t, b);
            kgen_data {
                tournament: b.item(t),
            }
        };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_TOURNAMENTS_GET,
                callback,
                user_data,
                out_request,
                call,
                convert,
            )
        }
    })
}

fn status(s: &crate::TournamentStatus) -> kgen_tournament_status {
    use crate::TournamentStatus::*;
    use kgen_tournament_status::*;
    match s {
        Scheduled => KGEN_TOURNAMENT_SCHEDULED,
        Lobby => KGEN_TOURNAMENT_LOBBY,
        Started => KGEN_TOURNAMENT_STARTED,
        Locked => KGEN_TOURNAMENT_LOCKED,
        Completed => KGEN_TOURNAMENT_COMPLETED,
        _ => KGEN_TOURNAMENT_OTHER,
    }
}

fn tournament(t: &crate::Tournament, b: &mut EventBuilder) -> kgen_tournament {
    kgen_tournament {
        tournament_uid: b.text(&t.tournament_uid),
        game_uid: b.text(&t.game_uid),
        status: status(&t.tournament_status),
        status_text: b.text(t.tournament_status.as_str()),
        title: b.text(&t.title),
        description: b.text(&t.description),
        buy_in_price: t.buy_in_price,
        tournament_size: t.tournament_size,
        participants_count: t.participants_count,
        schedules_at: timestamp(b, &t.schedules_at_timestamp),
        moves_to_lobby_at: timestamp(b, &t.moves_to_lobby_at_timestamp),
        starts_at: timestamp(b, &t.starts_at_timestamp),
        locks_at: timestamp(b, &t.locks_at_timestamp),
        ends_at: timestamp(b, &t.ends_at_timestamp),
        created_at: timestamp(b, &t.created_at),
        updated_at: timestamp(b, &t.updated_at),
    }
}

fn tournament_list(list: &[crate::Tournament], b: &mut EventBuilder) -> kgen_data {
    let items: Vec<_> = list.iter().map(|t| tournament(t, b)).collect();
    let (items, count, item_size) = b.list(items);
    kgen_data {
        tournaments: b.item(kgen_tournament_list {
            items,
            count,
            item_size,
        }),
    }
}

fn uid_list(list: &[String], b: &mut EventBuilder) -> kgen_data {
    let (items, count) = b.text_list(list.iter().map(String::as_str));
    kgen_data {
        strings: b.item(kgen_string_list { items, count }),
    }
}
