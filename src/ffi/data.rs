//! The typed data of completions: plain C structs and arrays with counts,
//! filled from the Rust API's models. Everything is borrowed like the event.

use std::ffi::{c_char, c_void};

use super::types::EventBuilder;

/// A time as the server sent it, plus its parsed value.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct kgen_timestamp {
    /// Milliseconds since the Unix epoch; 0 when absent or not parseable.
    pub unix_ms: i64,
    /// The text as sent ("" when absent).
    pub text: *const c_char,
}

/// The server's confirmation of an action (join, leave, score, withdraw, OTP
/// verify, claim), e.g. "user successfully joined the tournament".
#[repr(C)]
pub struct kgen_message {
    pub message: *const c_char,
}

/// A list of strings (an array of pointers: its stride never changes).
#[repr(C)]
pub struct kgen_string_list {
    pub items: *const *const c_char,
    pub count: usize,
}

/// The fields of a player's session when the event was made: a snapshot of
/// the last session response (`POST /s2s/session`, renewals included) or, in
/// the client flow, of the token's claims - except `linked_phone`, which a
/// successful `kgen_otp_verify` with the session also sets. Tokens are not
/// included: read them with `kgen_session_get_string`.
#[repr(C)]
pub struct kgen_session_info {
    pub user_id: *const c_char,
    pub session_id: *const c_char,
    pub namespaced_third_party_user_id: *const c_char,
    pub third_party_client_id: *const c_char,
    pub third_party_client_name: *const c_char,
    pub wallet_address: *const c_char,
    pub indigg_id: *const c_char,
    pub indigg_wallet_address: *const c_char,
    pub linked_phone: *const c_char,
    /// 1 when this session created the player (first session), else 0.
    pub is_new_user: i32,
    pub session_start_time: kgen_timestamp,
    /// The access token's expiry, Unix seconds on the server's clock; 0 if unknown.
    pub expires_at: i64,
    // Appended in 0.2 (only the SDK allocates this struct; callers read it by
    // pointer, so it grows at the end). The player profile as the server
    // echoed it (`POST /s2s/session`): "" when not echoed or echoed empty.
    pub name: *const c_char,
    pub username: *const c_char,
    pub email: *const c_char,
    pub device_id: *const c_char,
    pub phonenumber: *const c_char,
    pub date_joined: *const c_char,
    pub playertag: *const c_char,
    pub location: *const c_char,
    pub location_name: *const c_char,
    pub device_model: *const c_char,
    pub screen_height: *const c_char,
    pub screen_width: *const c_char,
    pub os_name: *const c_char,
    pub os_version: *const c_char,
    pub browser_name: *const c_char,
    pub fb_login: *const c_char,
    pub google_login: *const c_char,
    pub app_version: *const c_char,
    /// The echoed level; read it only when `has_level` is 1 (0 is a real level).
    pub level: i64,
    /// The echoed rank; read it only when `has_rank` is 1 (0 is a real rank).
    pub rank: i64,
    /// 1 when the server echoed `level`, else 0.
    pub has_level: i32,
    /// 1 when the server echoed `rank`, else 0.
    pub has_rank: i32,
}

/// A tournament's lifecycle state.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum kgen_tournament_status {
    /// A state this version does not name; see `status_text`.
    KGEN_TOURNAMENT_OTHER = 0,
    KGEN_TOURNAMENT_SCHEDULED = 1,
    KGEN_TOURNAMENT_LOBBY = 2,
    KGEN_TOURNAMENT_STARTED = 3,
    KGEN_TOURNAMENT_LOCKED = 4,
    KGEN_TOURNAMENT_COMPLETED = 5,
}

/// One tournament.
#[repr(C)]
pub struct kgen_tournament {
    pub tournament_uid: *const c_char,
    pub game_uid: *const c_char,
    pub status: kgen_tournament_status,
    /// The state as sent, e.g. "STARTED".
    pub status_text: *const c_char,
    pub title: *const c_char,
    pub description: *const c_char,
    /// The entry fee; pass it as `joining_stake` to `kgen_tournaments_join`.
    pub buy_in_price: i64,
    /// Seats in total.
    pub tournament_size: i64,
    pub participants_count: i64,
    pub schedules_at: kgen_timestamp,
    pub moves_to_lobby_at: kgen_timestamp,
    pub starts_at: kgen_timestamp,
    pub locks_at: kgen_timestamp,
    pub ends_at: kgen_timestamp,
    pub created_at: kgen_timestamp,
    pub updated_at: kgen_timestamp,
}

/// A list of tournaments. Step through `items` by `item_size` (see the
/// reading guide: `KGEN_ARRAY_AT`).
#[repr(C)]
pub struct kgen_tournament_list {
    pub items: *const kgen_tournament,
    pub count: usize,
    /// The size of one element of `items` in bytes.
    pub item_size: usize,
}

/// One leaderboard row.
#[repr(C)]
pub struct kgen_leaderboard_entry {
    pub user_id: *const c_char,
    pub score: i64,
    /// 1 for the best score; as the server sends it, else the 1-based position
    /// in the list (the published docs show no rank; the sandbox gives tied
    /// scores distinct ranks, the earlier score first - *sandbox-defined*).
    pub rank: i64,
}

/// One winner of a completed tournament.
#[repr(C)]
pub struct kgen_winner {
    pub user_id: *const c_char,
    pub reward: f64,
}

/// A tournament's leaderboard (best score first) and, once completed, its
/// winners. Step through each array by its element size (`KGEN_ARRAY_AT`).
#[repr(C)]
pub struct kgen_leaderboard {
    pub entries: *const kgen_leaderboard_entry,
    pub entry_count: usize,
    /// The size of one element of `entries` in bytes.
    pub entry_size: usize,
    pub winners: *const kgen_winner,
    pub winner_count: usize,
    /// The size of one element of `winners` in bytes.
    pub winner_size: usize,
    /// The prize pool (spelled `price_pool` on the wire).
    pub price_pool: f64,
}

/// A player's wallet balances.
#[repr(C)]
pub struct kgen_balance {
    pub wallet_address: *const c_char,
    pub earned_balance: f64,
    pub bought_balance: f64,
    pub bonus_balance: f64,
    pub lazy_balance: f64,
    pub on_chain_balance: f64,
    pub lazy_balance_delta: f64,
    /// The smallest earned balance that can be withdrawn.
    pub min_wallet_bal_to_withdraw: f64,
    pub wallet_transaction_error: i32,
    pub is_lazy_balance_updated: i32,
    pub created_at: kgen_timestamp,
    pub modified_at: kgen_timestamp,
}

/// One wallet transaction.
#[repr(C)]
pub struct kgen_transaction {
    pub uid: *const c_char,
    pub from_wallet: *const c_char,
    pub to_wallet: *const c_char,
    pub amount: f64,
    /// "COMPLETED", "PENDING", ...
    pub sync_status: *const c_char,
    pub created_at: kgen_timestamp,
    /// From the description: the amount as the platform books it.
    pub description_amount: f64,
    /// From the description: e.g. "Tournament fee deduct".
    pub description_text: *const c_char,
    /// From the description: the transaction's name.
    pub description_name: *const c_char,
    /// From the description: "CREDIT" or "DEBIT".
    pub description_direction: *const c_char,
    /// From the description: e.g. "JOIN".
    pub description_kind: *const c_char,
}

/// One page of wallet transactions. Step through each array by
/// `transaction_size` (`KGEN_ARRAY_AT`).
#[repr(C)]
pub struct kgen_transaction_page {
    pub transactions: *const kgen_transaction,
    pub transaction_count: usize,
    /// The size of one `kgen_transaction` in bytes, in all three arrays.
    pub transaction_size: usize,
    pub from_transactions: *const kgen_transaction,
    pub from_transaction_count: usize,
    pub to_transactions: *const kgen_transaction,
    pub to_transaction_count: usize,
    /// Pass to `kgen_wallet_transactions` for the next page; "" on the last page.
    pub last_evaluated_key: *const c_char,
    /// 1 on the last page.
    pub is_last_page: i32,
}

/// The answer to an OTP registration.
#[repr(C)]
pub struct kgen_otp_registration {
    /// Pass it to `kgen_otp_verify` with the code the player received.
    pub auth_code: *const c_char,
    pub is_new_user: i32,
}

/// One reward of a completed tournament.
#[repr(C)]
pub struct kgen_reward {
    pub user_id: *const c_char,
    pub tournament_id: *const c_char,
    /// "UNCLAIMED" or "CLAIMED_SUCCESSFULLY".
    pub claim_status: *const c_char,
    pub reward: f64,
    pub wallet_address: *const c_char,
    pub created_at: kgen_timestamp,
    pub updated_at: kgen_timestamp,
}

/// A player's claimable rewards. Step through `items` by `item_size`
/// (`KGEN_ARRAY_AT`).
#[repr(C)]
pub struct kgen_claimable_rewards {
    pub total_claimable_rewards: f64,
    pub items: *const kgen_reward,
    pub count: usize,
    /// The size of one element of `items` in bytes.
    pub item_size: usize,
}

/// One past tournament of the player.
#[repr(C)]
pub struct kgen_historic_stat {
    /// "Tournament" (`type` on the wire).
    pub kind: *const c_char,
    pub type_value: i64,
    /// "Won" or "You Lost".
    pub result: *const c_char,
    pub occurred_at_text: *const c_char,
    pub mode: *const c_char,
    pub buy_in_stake: f64,
    pub amount_won: f64,
}

/// The player's tournament history. Step through `items` by `item_size`
/// (`KGEN_ARRAY_AT`).
#[repr(C)]
pub struct kgen_stat_list {
    pub items: *const kgen_historic_stat,
    pub count: usize,
    /// The size of one element of `items` in bytes.
    pub item_size: usize,
}

/// The answer to an account login.
#[repr(C)]
pub struct kgen_login_result {
    /// 1 when a second step is needed: call `kgen_account_login_otp`.
    pub requires_otp: i32,
    /// When the two-factor window closes, Unix seconds; 0 when no 2FA applies.
    /// Not the session's lifetime.
    pub expires_at: i64,
    /// Unix seconds until which the OTP step is possible; 0 without 2FA.
    pub otp_session_expires_at: i64,
}

/// The logged-in account (`/v3/session/user`).
#[repr(C)]
pub struct kgen_account_user {
    pub user_id: i64,
    pub user_name: *const c_char,
    pub email: *const c_char,
    pub first_name: *const c_char,
    pub last_name: *const c_char,
    pub gender: *const c_char,
    pub phone: *const c_char,
    /// 0 guest, 10 regular user, 20 game-hosting management.
    pub access_level: i64,
    pub validate_email: i32,
    pub is_trial_account: i32,
    pub trial_account_expiration_date: i64,
    pub request_ip: *const c_char,
    pub request_ip_country: *const c_char,
    pub request_ip_country_code: *const c_char,
    /// The `details` object as JSON text.
    pub details_json: *const c_char,
    /// The `billingDetails` object as JSON text.
    pub billing_details_json: *const c_char,
    /// `trialAccountExpirationDate` as sent (a string of unspecified format in
    /// i3D's description): its text, and its time when it reads as one;
    /// `trial_account_expiration_date` above is that time in seconds, or 0.
    pub trial_account_expiration: kgen_timestamp,
}

/// The typed result of a successful completion; `kgen_event.operation` says
/// which member is set. All members are NULL for failed completions, for
/// operations without data and for notifications.
#[repr(C)]
#[derive(Clone, Copy)]
pub union kgen_data {
    pub none: *const c_void,
    pub session: *const kgen_session_info,
    pub message: *const kgen_message,
    pub tournament: *const kgen_tournament,
    pub tournaments: *const kgen_tournament_list,
    pub strings: *const kgen_string_list,
    pub leaderboard: *const kgen_leaderboard,
    pub balance: *const kgen_balance,
    pub transactions: *const kgen_transaction_page,
    pub otp_registration: *const kgen_otp_registration,
    pub rewards: *const kgen_claimable_rewards,
    pub stats: *const kgen_stat_list,
    pub login: *const kgen_login_result,
    pub user: *const kgen_account_user,
    /// `KGEN_EVENT_OUTBOX` events.
    pub outbox: *const super::outbox::kgen_outbox_entry,
}

impl kgen_data {
    pub(crate) const NONE: kgen_data = kgen_data {
        none: std::ptr::null(),
    };
}

pub(crate) fn flag(value: bool) -> i32 {
    i32::from(value)
}

pub(crate) fn timestamp(b: &mut EventBuilder, value: &Option<crate::Timestamp>) -> kgen_timestamp {
    match value {
        Some(t) => kgen_timestamp {
            unix_ms: t.unix_ms.unwrap_or(0),
            text: b.text(&t.text),
        },
        None => kgen_timestamp {
            unix_ms: 0,
            text: c"".as_ptr(),
        },
    }
}

/// `data.message` for operations answered with a confirmation.
pub(crate) fn message(ack: &crate::Ack, b: &mut EventBuilder) -> kgen_data {
    let message = b.text(&ack.message);
    kgen_data {
        message: b.item(kgen_message { message }),
    }
}

/// No data (operations answered with 204).
pub(crate) fn nothing(_: &(), _: &mut EventBuilder) -> kgen_data {
    kgen_data::NONE
}
