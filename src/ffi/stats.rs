//! Play statistics: the C face of `api/stats.rs`.

use std::ffi::c_void;

use super::client::{kgen_client, start_for_session};
use super::data::*;
use super::panic::guard;
use super::session::kgen_session;
use super::status::kgen_status;
use super::types::{
    kgen_callback, kgen_operation::KGEN_OP_STATS_HISTORIC, kgen_request_id, EventBuilder,
};

/// Reads the player's tournament history. Completion `KGEN_OP_STATS_HISTORIC`, `data.stats`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_stats_historic(
    client: *mut kgen_client,
    session: *mut kgen_session,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let call = |s: crate::Session| async move { s.historic_statistics().await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_STATS_HISTORIC,
                callback,
                user_data,
                out_request,
                call,
                |l: &Vec<_>, b| stats(l, b),
            )
        }
    })
}

fn stats(list: &[crate::HistoricStat], b: &mut EventBuilder) -> kgen_data {
    let items: Vec<_> = list
        .iter()
        .map(|s| kgen_historic_stat {
            kind: b.text(&s.kind),
            type_value: s.type_value,
            result: b.text(&s.result),
            occurred_at_text: b.text(&s.occurred_at_text),
            mode: b.text(&s.mode),
            buy_in_stake: s.buy_in_stake,
            amount_won: s.amount_won,
        })
        .collect();
    let (items, count, item_size) = b.list(items);
    kgen_data {
        stats: b.item(kgen_stat_list {
            items,
            count,
            item_size,
        }),
    }
}
