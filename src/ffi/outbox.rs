//! The outbox's C face: its options, its events, and the calls on a client's outbox.
//! The outbox itself is `crate::outbox`.

use std::ffi::c_char;
use std::sync::{Arc, Weak};
use std::time::Duration;

use super::client::{client, kgen_client, kgen_client_options, read_versioned, ClientEntry};
use super::data::kgen_data;
use super::panic::{guard, FfiError, FfiResult};
use super::pointers::{opt_str_in, out, str_in};
use super::session::{self, kgen_session};
use super::status::*;
use super::tournaments::uid_in;
use super::types::{kgen_event_kind, kgen_operation, kgen_result, EventBuilder, OwnedEvent};
use crate::outbox::{OutboxCall, OutboxConfig, OutboxEntry, OutboxEvent};

/// How an outbox event ends (or waits).
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum kgen_outbox_outcome {
    /// The platform accepted the call; `message` is its confirmation.
    KGEN_OUTBOX_DELIVERED = 1,
    /// The platform refused it for good; the event's `result` has the error.
    KGEN_OUTBOX_REJECTED = 2,
    /// It outlived `outbox_max_age_secs` undelivered (`KGEN_ERR_OUTBOX_EXPIRED`).
    KGEN_OUTBOX_EXPIRED = 3,
    /// Client flow: `user_id`'s entries wait until the game restores a session
    /// of that player (`kgen_session_restore`); reported once until then. Not an end.
    KGEN_OUTBOX_WAITING_FOR_SESSION = 4,
    /// The journal did not read back whole when the client opened it: the
    /// entries in the unreadable part are lost; `result.message` says how many
    /// bytes and where the damaged file was kept. `entry_id` is 0.
    KGEN_OUTBOX_DAMAGED = 5,
}

/// `data.outbox` of a `KGEN_EVENT_OUTBOX` event: borrowed until the callback
/// returns (or until `kgen_event_free`).
#[repr(C)]
pub struct kgen_outbox_entry {
    /// The id `kgen_outbox_enqueue` returned; unique in the outbox across restarts.
    pub entry_id: u64,
    pub outcome: kgen_outbox_outcome,
    /// The call: `KGEN_OP_TOURNAMENTS_SUBMIT_SCORE`, `_JOIN`, `_LEAVE`,
    /// `KGEN_OP_WALLET_WITHDRAW` or `KGEN_OP_REWARDS_CLAIM` (`KGEN_OP_NONE`
    /// for `KGEN_OUTBOX_WAITING_FOR_SESSION` and `KGEN_OUTBOX_DAMAGED`).
    pub operation: kgen_operation,
    pub user_id: *const c_char,
    /// "" for calls without a tournament.
    pub tournament_uid: *const c_char,
    /// The score or the joining stake; 0 for the other calls.
    pub value: i64,
    /// When the call was made: Unix milliseconds on this device's clock.
    pub created_at_ms: i64,
    /// The platform's confirmation when delivered, else "".
    pub message: *const c_char,
}

/// A call for `kgen_outbox_enqueue`. Set `struct_size` to `sizeof(kgen_outbox_call)`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct kgen_outbox_call {
    pub struct_size: u32,
    /// `KGEN_OP_TOURNAMENTS_SUBMIT_SCORE`, `KGEN_OP_TOURNAMENTS_JOIN`,
    /// `KGEN_OP_TOURNAMENTS_LEAVE`, `KGEN_OP_WALLET_WITHDRAW` or `KGEN_OP_REWARDS_CLAIM`.
    pub operation: kgen_operation,
    /// For the tournament calls; NULL otherwise.
    pub tournament_uid: *const c_char,
    /// The score (submit) or the joining stake (join); 0 otherwise.
    pub value: i64,
}

/// The outbox configured by the C options, if any.
///
/// # Safety
/// The strings of `o` are NULL or valid C strings.
pub(crate) unsafe fn config(o: &kgen_client_options) -> FfiResult<Option<OutboxConfig>> {
    let Some(path) = (unsafe { opt_str_in(o.outbox_path, "outbox_path") })? else {
        return Ok(None);
    };
    let mut config = OutboxConfig::new(path);
    if o.outbox_max_entries != 0 {
        config.max_entries = o.outbox_max_entries as usize;
    }
    if o.outbox_max_age_secs != 0 {
        config.max_age = Duration::from_secs(u64::from(o.outbox_max_age_secs));
    }
    Ok(Some(config))
}

/// Routes the outbox's events through the client's dispatch and starts delivering.
pub(crate) fn start(entry: &Arc<ClientEntry>) {
    let Some(outbox) = entry.core.outbox() else {
        return;
    };
    let weak: Weak<ClientEntry> = Arc::downgrade(entry);
    outbox.set_event_handler(Some(Arc::new(move |event| {
        if let Some(entry) = weak.upgrade() {
            entry.outbox_event(event_of(event));
        }
    })));
    entry.spawn(outbox.deliver());
}

fn event_of(event: OutboxEvent) -> OwnedEvent {
    use kgen_outbox_outcome::*;
    let mut b = EventBuilder::default();
    let (result, outcome, entry, user, message) = match &event {
        OutboxEvent::Delivered { entry, response } => (
            kgen_result::answered(&mut b, response),
            KGEN_OUTBOX_DELIVERED,
            Some(entry),
            "",
            response.data.message.as_str(),
        ),
        OutboxEvent::Rejected { entry, error } => (
            kgen_result::from_error(&mut b, error),
            KGEN_OUTBOX_REJECTED,
            Some(entry),
            "",
            "",
        ),
        OutboxEvent::Expired { entry } => (
            kgen_result::without_answer(
                &mut b,
                KGEN_ERR_OUTBOX_EXPIRED,
                "the entry outlived outbox_max_age_secs undelivered",
            ),
            KGEN_OUTBOX_EXPIRED,
            Some(entry),
            "",
            "",
        ),
        OutboxEvent::WaitingForSession { user_id } => (
            kgen_result::without_answer(
                &mut b,
                KGEN_ERR_SESSION_EXPIRED,
                "the player's outbox entries wait for a session: restore one with kgen_session_restore",
            ),
            KGEN_OUTBOX_WAITING_FOR_SESSION,
            None,
            user_id.as_str(),
            "",
        ),
        OutboxEvent::Damaged { error } => (
            kgen_result::from_error(&mut b, error),
            KGEN_OUTBOX_DAMAGED,
            None,
            "",
            "",
        ),
    };
    let (operation, uid, value) = entry.map_or((kgen_operation::KGEN_OP_NONE, "", 0), |e| {
        operation_of(&e.call)
    });
    let item = kgen_outbox_entry {
        entry_id: entry.map_or(0, |e| e.id),
        outcome,
        operation,
        user_id: b.text(entry.map_or(user, |e: &OutboxEntry| e.user_id.as_str())),
        tournament_uid: b.text(uid),
        value,
        created_at_ms: entry.map_or(0, |e| e.created_at_ms),
        message: b.text(message),
    };
    let data = kgen_data {
        outbox: b.item(item),
    };
    let mut event = b.finish(kgen_event_kind::KGEN_EVENT_OUTBOX, result, data);
    event.view_mut().operation = operation;
    event
}

fn operation_of(call: &OutboxCall) -> (kgen_operation, &str, i64) {
    use kgen_operation::*;
    match call {
        OutboxCall::SubmitScore {
            tournament_uid,
            score,
        } => (KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, tournament_uid, *score),
        OutboxCall::JoinTournament {
            tournament_uid,
            joining_stake,
        } => (KGEN_OP_TOURNAMENTS_JOIN, tournament_uid, *joining_stake),
        OutboxCall::LeaveTournament { tournament_uid } => {
            (KGEN_OP_TOURNAMENTS_LEAVE, tournament_uid, 0)
        }
        OutboxCall::Withdraw => (KGEN_OP_WALLET_WITHDRAW, "", 0),
        OutboxCall::ClaimRewards => (KGEN_OP_REWARDS_CLAIM, "", 0),
    }
}

/// The client's outbox, or why there is none.
fn outbox_of(handle: *mut kgen_client) -> FfiResult<(Arc<ClientEntry>, crate::Outbox)> {
    let entry = client(handle)?;
    let outbox = entry.core.outbox().ok_or_else(|| {
        FfiError::new(
            KGEN_ERR_INVALID_ARGUMENT,
            "the client has no outbox (set kgen_client_options.outbox_path)",
        )
    })?;
    Ok((entry, outbox))
}

/// Queues `call` durably for `session`'s player, when the client has an outbox:
/// used by `kgen_tournaments_submit_score`. `None` without an outbox.
pub(crate) fn enqueue_if_enabled(
    client_handle: *mut kgen_client,
    session_handle: *mut kgen_session,
    call: OutboxCall,
) -> FfiResult<Option<u64>> {
    let entry = client(client_handle)?;
    let Some(outbox) = entry.core.outbox() else {
        return Ok(None);
    };
    let player = session::of_client(client_handle, session_handle)?;
    Ok(Some(outbox.enqueue(&player, call)?))
}

/// Queues a call in the client's outbox for `session`'s player and returns once
/// it is on stable storage (the disk's sync: milliseconds): from then on the
/// outbox delivers it, in order per player, across restarts, and reports its end
/// once as a `KGEN_EVENT_OUTBOX` event. `*out_entry_id` (may be NULL) gets the
/// entry's id. Everything is copied during the call.
///
/// Fails with `KGEN_ERR_INVALID_ARGUMENT` without an outbox or for arguments
/// the call itself would refuse, `KGEN_ERR_OUTBOX_FULL` at
/// `outbox_max_entries`, `KGEN_ERR_OUTBOX_STORAGE` when the journal cannot be
/// written: nothing is queued then.
#[no_mangle]
pub unsafe extern "C" fn kgen_outbox_enqueue(
    client: *mut kgen_client,
    session: *mut kgen_session,
    call: *const kgen_outbox_call,
    out_entry_id: *mut u64,
) -> kgen_status {
    guard(|| {
        let c = unsafe { read_versioned(call, std::mem::size_of::<kgen_outbox_call>(), "call") }?;
        let call = unsafe { call_of(&c) }?;
        let (_, outbox) = outbox_of(client)?;
        let player = session::of_client(client, session)?;
        let id = outbox.enqueue(&player, call)?;
        unsafe { super::pointers::write_opt(out_entry_id, id) };
        Ok(())
    })
}

unsafe fn call_of(c: &kgen_outbox_call) -> FfiResult<OutboxCall> {
    use kgen_operation::*;
    let uid = || unsafe { uid_in(c.tournament_uid) };
    Ok(match c.operation {
        KGEN_OP_TOURNAMENTS_SUBMIT_SCORE => OutboxCall::SubmitScore {
            tournament_uid: uid()?,
            score: c.value,
        },
        KGEN_OP_TOURNAMENTS_JOIN => OutboxCall::JoinTournament {
            tournament_uid: uid()?,
            joining_stake: c.value,
        },
        KGEN_OP_TOURNAMENTS_LEAVE => OutboxCall::LeaveTournament {
            tournament_uid: uid()?,
        },
        KGEN_OP_WALLET_WITHDRAW => OutboxCall::Withdraw,
        KGEN_OP_REWARDS_CLAIM => OutboxCall::ClaimRewards,
        other => {
            return Err(FfiError::new(
                KGEN_ERR_INVALID_ARGUMENT,
                format!("operation {} cannot be queued in the outbox", other as i32),
            ))
        }
    })
}

/// How many entries are pending (`*out_pending`) and how long the oldest has
/// waited (`*out_oldest_age_ms`, 0 when none); either pointer may be NULL.
/// `KGEN_ERR_INVALID_ARGUMENT` without an outbox.
#[no_mangle]
pub unsafe extern "C" fn kgen_outbox_status(
    client: *mut kgen_client,
    out_pending: *mut u32,
    out_oldest_age_ms: *mut i64,
) -> kgen_status {
    guard(|| {
        let (_, outbox) = outbox_of(client)?;
        let status = outbox.status();
        unsafe {
            super::pointers::write_opt(out_pending, status.pending.try_into().unwrap_or(u32::MAX));
            super::pointers::write_opt(
                out_oldest_age_ms,
                status
                    .oldest_age
                    .map_or(0, |a| a.as_millis().try_into().unwrap_or(i64::MAX)),
            );
        }
        Ok(())
    })
}

/// Blocks the calling thread until the outbox is empty or `timeout_ms` passed;
/// `*out_empty` gets 1 when it is empty. Entries waiting for a session wait on.
/// In manual dispatch the events of the entries that ended meanwhile are
/// delivered by the next `kgen_client_poll`; in driven dispatch the calling
/// thread does the client's network work while it waits. Refused with
/// `KGEN_ERR_REENTRANT` inside a kgen callback (it would wait on itself).
#[no_mangle]
pub unsafe extern "C" fn kgen_outbox_flush(
    client: *mut kgen_client,
    timeout_ms: u32,
    out_empty: *mut i32,
) -> kgen_status {
    guard(|| {
        super::dispatch::refuse_inside_callback("kgen_outbox_flush")?;
        let empty = unsafe { out(out_empty, "out_empty") }?;
        let (entry, outbox) = outbox_of(client)?;
        let timeout = Duration::from_millis(u64::from(timeout_ms));
        *empty = i32::from(entry.blocking(|| outbox.flush(timeout)));
        Ok(())
    })
}

/// Drops every pending entry of `user_id` (e.g. the account was deleted)
/// without sending or reporting them; `*out_discarded` (may be NULL) gets how
/// many. An entry being delivered at that moment may still arrive.
#[no_mangle]
pub unsafe extern "C" fn kgen_outbox_discard_player(
    client: *mut kgen_client,
    user_id: *const c_char,
    out_discarded: *mut u32,
) -> kgen_status {
    guard(|| {
        let user = unsafe { str_in(user_id, "user_id") }?;
        let (_, outbox) = outbox_of(client)?;
        let discarded = outbox.discard_player(user)?;
        unsafe {
            super::pointers::write_opt(out_discarded, discarded.try_into().unwrap_or(u32::MAX))
        };
        Ok(())
    })
}

/// The completion of a score `kgen_tournaments_submit_score` queued: no answer behind it.
pub(crate) fn accepted(entry_id: u64) -> crate::Response<crate::Ack> {
    crate::Response {
        data: crate::Ack {
            message: format!("queued in the outbox as entry {entry_id}"),
        },
        http_status: 0,
        request_id: String::new(),
        raw_body: String::new(),
    }
}
