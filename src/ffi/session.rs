//! Player sessions: the C face of `api/session.rs` (server flow) and of
//! restoring a session from tokens (client flow).

use std::ffi::{c_char, c_void};
use std::sync::Arc;

use super::client::{
    client as client_entry, kgen_client, read_versioned, start_for_client, ClientEntry,
};
use super::data::{flag, kgen_data, kgen_session_info, timestamp};
use super::handles::{Registry, TAG_SESSION};
use super::panic::{guard, FfiError, FfiResult};
use super::pointers::{copy_out, opt_str_in, out, str_in};
use super::status::*;
use super::types::{
    kgen_callback, kgen_operation::KGEN_OP_SESSION_CREATE, kgen_request_id, EventBuilder,
};

/// A player's session (opaque). Created by `kgen_session_create` (server flow)
/// or `kgen_session_restore` (client flow); owned by its client and destroyed
/// with `kgen_session_destroy` or with the client.
pub struct kgen_session {
    _private: [u8; 0],
}

/// How a session was obtained.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum kgen_session_flow {
    /// Created with client credentials (`kgen_session_create`); renews itself
    /// before its token expires.
    KGEN_SESSION_FLOW_SERVER = 1,
    /// Restored from tokens (`kgen_session_restore`); raises
    /// `KGEN_EVENT_SESSION_EXPIRED` instead of renewing.
    KGEN_SESSION_FLOW_CLIENT = 2,
}

/// Selects a string field for `kgen_session_get_string`.
pub type kgen_session_field = i32;
/// The player's id in your game.
pub const KGEN_SESSION_USER_ID: kgen_session_field = 1;
pub const KGEN_SESSION_SESSION_ID: kgen_session_field = 2;
/// The current access token (changes when a server-flow session renews): what
/// a game server hands to its game client for `kgen_session_restore`. Secret.
pub const KGEN_SESSION_ACCESS_TOKEN: kgen_session_field = 3;
/// The refresh token ("" if none). Secret.
pub const KGEN_SESSION_REFRESH_TOKEN: kgen_session_field = 4;
pub const KGEN_SESSION_WALLET_ADDRESS: kgen_session_field = 5;
/// `<client id>#<user id>`.
pub const KGEN_SESSION_NAMESPACED_USER_ID: kgen_session_field = 6;
/// The game's id on the platform (the tournaments' `game_uid`).
pub const KGEN_SESSION_THIRD_PARTY_CLIENT_ID: kgen_session_field = 7;
pub const KGEN_SESSION_THIRD_PARTY_CLIENT_NAME: kgen_session_field = 8;
pub const KGEN_SESSION_INDIGG_ID: kgen_session_field = 9;
pub const KGEN_SESSION_INDIGG_WALLET_ADDRESS: kgen_session_field = 10;
/// The phone linked by OTP ("" if none), `+<country code><number>`; set by a
/// successful `kgen_otp_verify` with this session as well.
pub const KGEN_SESSION_LINKED_PHONE: kgen_session_field = 11;

/// The optional player profile sent by `kgen_session_create`. Set
/// `struct_size = sizeof(kgen_session_profile)`; NULL strings are not sent,
/// nor a `level`/`rank` of 0 unless `send_level`/`send_rank` is 1. Copied
/// during the call.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct kgen_session_profile {
    pub struct_size: u32,
    pub name: *const c_char,
    pub username: *const c_char,
    pub email: *const c_char,
    pub device_id: *const c_char,
    pub phonenumber: *const c_char,
    pub level: i64,
    pub rank: i64,
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
    // Appended in 0.2 (older `struct_size`s stay accepted and read as 0).
    /// 1: send `level` even when it is 0. 0 (and structs from before this
    /// field): a `level` of 0 means "not sent".
    pub send_level: i32,
    /// 1: send `rank` even when it is 0. 0 (and older structs): a `rank` of 0
    /// means "not sent".
    pub send_rank: i32,
}

/// The size of `kgen_session_profile` before `send_level` was appended.
const PROFILE_SIZE_V1: usize = std::mem::offset_of!(kgen_session_profile, send_level);

struct SessionEntry {
    /// The owning client's handle bits.
    client: usize,
    session: crate::Session,
}

static SESSIONS: Registry<SessionEntry, kgen_session> = Registry::new(TAG_SESSION, "session");

/// The session behind a handle, checked to belong to `client`.
pub(crate) fn of_client(
    client: *mut kgen_client,
    handle: *mut kgen_session,
) -> FfiResult<crate::Session> {
    let entry = SESSIONS.get(handle)?;
    if entry.client != client as usize {
        return Err(FfiError::new(
            KGEN_ERR_WRONG_CLIENT,
            "the session belongs to another client",
        ));
    }
    Ok(entry.session.clone())
}

/// Whether `handle` holds `session`.
pub(crate) fn is(handle: *mut kgen_session, session: &crate::Session) -> bool {
    SESSIONS
        .get(handle)
        .is_ok_and(|e| e.session.same_as(session))
}

/// Unregisters a session handle of a client being destroyed.
pub(crate) fn release(handle: *mut kgen_session) {
    let _ = SESSIONS.remove(handle);
}

fn register(
    owner: *mut kgen_client,
    entry: &ClientEntry,
    session: crate::Session,
) -> FfiResult<*mut kgen_session> {
    let key = session.key();
    let handle = SESSIONS.insert(Arc::new(SessionEntry {
        client: owner as usize,
        session,
    }))?;
    if let Err(e) = entry.adopt_session(handle, key) {
        release(handle);
        return Err(e);
    }
    Ok(handle)
}

unsafe fn profile(p: &kgen_session_profile) -> FfiResult<crate::PlayerProfile> {
    let s = |ptr, what| unsafe { opt_str_in(ptr, what) }.map(|v| v.map(str::to_owned));
    let n = |v: i64, send: i32| (v != 0 || send != 0).then_some(v);
    Ok(crate::PlayerProfile {
        name: s(p.name, "name")?,
        username: s(p.username, "username")?,
        email: s(p.email, "email")?,
        device_id: s(p.device_id, "device_id")?,
        phonenumber: s(p.phonenumber, "phonenumber")?,
        level: n(p.level, p.send_level),
        rank: n(p.rank, p.send_rank),
        date_joined: s(p.date_joined, "date_joined")?,
        playertag: s(p.playertag, "playertag")?,
        location: s(p.location, "location")?,
        location_name: s(p.location_name, "location_name")?,
        device_model: s(p.device_model, "device_model")?,
        screen_height: s(p.screen_height, "screen_height")?,
        screen_width: s(p.screen_width, "screen_width")?,
        os_name: s(p.os_name, "os_name")?,
        os_version: s(p.os_version, "os_version")?,
        browser_name: s(p.browser_name, "browser_name")?,
        fb_login: s(p.fb_login, "fb_login")?,
        google_login: s(p.google_login, "google_login")?,
        app_version: s(p.app_version, "app_version")?,
    })
}

fn session_info(session: &crate::Session, b: &mut EventBuilder) -> kgen_session_info {
    let info = session.info();
    let p = &info.profile;
    kgen_session_info {
        user_id: b.text(session.user_id()),
        session_id: b.text(&info.session_id),
        namespaced_third_party_user_id: b.text(&info.namespaced_third_party_user_id),
        third_party_client_id: b.text(&info.third_party_client_id),
        third_party_client_name: b.text(&info.third_party_client_name),
        wallet_address: b.text(&info.wallet_address),
        indigg_id: b.opt_text(info.indigg_id.as_deref()),
        indigg_wallet_address: b.text(&info.indigg_wallet_address),
        linked_phone: b.text(&info.linked_phone),
        is_new_user: flag(info.is_new_user),
        session_start_time: timestamp(b, &info.session_start_time),
        expires_at: session.expires_at().unwrap_or(0),
        name: b.opt_text(p.name.as_deref()),
        username: b.opt_text(p.username.as_deref()),
        email: b.opt_text(p.email.as_deref()),
        device_id: b.opt_text(p.device_id.as_deref()),
        phonenumber: b.opt_text(p.phonenumber.as_deref()),
        date_joined: b.opt_text(p.date_joined.as_deref()),
        playertag: b.opt_text(p.playertag.as_deref()),
        location: b.opt_text(p.location.as_deref()),
        location_name: b.opt_text(p.location_name.as_deref()),
        device_model: b.opt_text(p.device_model.as_deref()),
        screen_height: b.opt_text(p.screen_height.as_deref()),
        screen_width: b.opt_text(p.screen_width.as_deref()),
        os_name: b.opt_text(p.os_name.as_deref()),
        os_version: b.opt_text(p.os_version.as_deref()),
        browser_name: b.opt_text(p.browser_name.as_deref()),
        fb_login: b.opt_text(p.fb_login.as_deref()),
        google_login: b.opt_text(p.google_login.as_deref()),
        app_version: b.opt_text(p.app_version.as_deref()),
        level: p.level.unwrap_or(0),
        rank: p.rank.unwrap_or(0),
        has_level: flag(p.level.is_some()),
        has_rank: flag(p.rank.is_some()),
    }
}

/// Server flow: creates or retrieves the session of player `user_id` with the
/// client's credentials (`POST /s2s/session`). `user_id` and `profile` (may be
/// NULL) are copied. The completion (`KGEN_OP_SESSION_CREATE`) carries, on
/// success, `event->session`: a new session handle owned by the client
/// (destroy it with `kgen_session_destroy`, or it goes with the client), and
/// `data.session` with the session's fields. The session renews itself before
/// its token expires. Completion delivery and `*out_request` (may be NULL) as
/// for every operation.
#[no_mangle]
pub unsafe extern "C" fn kgen_session_create(
    client: *mut kgen_client,
    user_id: *const c_char,
    profile_options: *const kgen_session_profile,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let entry = client_entry(client)?;
        let mut request = crate::CreateSession::new(unsafe { str_in(user_id, "user_id") }?);
        if !profile_options.is_null() {
            let p = unsafe { read_versioned(profile_options, PROFILE_SIZE_V1, "profile") }?;
            request.profile = unsafe { profile(&p) }?;
        }
        entry.core.check_create_session(&request)?;
        let owner = client as usize;
        let adopter = Arc::downgrade(&entry);
        let convert = move |session: &crate::Session, b: &mut EventBuilder| {
            let info = session_info(session, b);
            let handle = adopter.upgrade().and_then(|entry| {
                register(owner as *mut kgen_client, &entry, session.clone()).ok()
            });
            b.session = handle;
            kgen_data {
                session: b.item(info),
            }
        };
        let call = move |c: crate::Client| async move { c.create_session(request).await };
        unsafe {
            start_for_client(
                client,
                KGEN_OP_SESSION_CREATE,
                callback,
                user_data,
                out_request,
                call,
                convert,
            )
        }
    })
}

/// Client flow: restores a player's session from the tokens the game's server
/// handed out (no network traffic; a shipped game needs no client secret).
/// Strings are copied; `refresh_token` may be NULL. On success `*out_session`
/// receives a handle owned by the client. When the token nears expiry or is
/// refused, the client raises `KGEN_EVENT_SESSION_EXPIRED` for this handle
/// (once per token); then pass a new token to `kgen_session_update_tokens`.
/// Requests go out until the server refuses the token (their completion is
/// then `KGEN_ERR_SESSION_EXPIRED`), after which requests with it complete so
/// without reaching the server. Fails with `KGEN_ERR_INVALID_ARGUMENT` for a
/// token that is not a KGeN JWT.
#[no_mangle]
pub unsafe extern "C" fn kgen_session_restore(
    client: *mut kgen_client,
    access_token: *const c_char,
    refresh_token: *const c_char,
    out_session: *mut *mut kgen_session,
) -> kgen_status {
    guard(|| {
        let slot = unsafe { out(out_session, "out_session") }?;
        *slot = std::ptr::null_mut();
        let entry = client_entry(client)?;
        let access = unsafe { str_in(access_token, "access_token") }?;
        let refresh = unsafe { opt_str_in(refresh_token, "refresh_token") }?;
        let session = entry
            .core
            .restore_session(access, refresh)
            .map_err(|e| FfiError::new(KGEN_ERR_INVALID_ARGUMENT, e.message().to_owned()))?;
        *slot = register(client, &entry, session)?;
        Ok(())
    })
}

/// Client flow: gives a session the new tokens the game's server handed out
/// (after `KGEN_EVENT_SESSION_EXPIRED`); the token must belong to the same
/// player. Strings are copied; `refresh_token` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn kgen_session_update_tokens(
    session: *mut kgen_session,
    access_token: *const c_char,
    refresh_token: *const c_char,
) -> kgen_status {
    guard(|| {
        let entry = SESSIONS.get(session)?;
        let access = unsafe { str_in(access_token, "access_token") }?;
        let refresh = unsafe { opt_str_in(refresh_token, "refresh_token") }?;
        entry
            .session
            .update_tokens(access, refresh)
            .map_err(|e| FfiError::new(KGEN_ERR_INVALID_ARGUMENT, e.message().to_owned()))
    })
}

/// Destroys a session handle. Requests already started with it still complete
/// normally. Safe inside callbacks. A second destroy returns
/// `KGEN_ERR_INVALID_HANDLE`.
#[no_mangle]
pub unsafe extern "C" fn kgen_session_destroy(session: *mut kgen_session) -> kgen_status {
    guard(|| {
        let entry = SESSIONS.remove(session)?;
        if let Ok(owner) = client_entry(entry.client as *mut kgen_client) {
            owner.forget_session(session);
        }
        Ok(())
    })
}

/// Copies a string field of a session (`KGEN_SESSION_*`) into `buffer`, by
/// the reading guide's rule for strings copied out: `length` is in/out (the
/// capacity of `buffer` on entry, the size needed including the NUL on
/// return); `buffer` NULL with `*length` 0 asks for the size and returns
/// `KGEN_ERR_BUFFER_TOO_SMALL` without touching `kgen_last_error_message`;
/// `buffer` NULL with `*length` > 0 is `KGEN_ERR_NULL_ARGUMENT`. Unknown fields
/// give `KGEN_ERR_INVALID_ARGUMENT`. Token fields are secrets: never log them.
///
/// The tokens are the ones in use now. The other fields are those of the last
/// session response (`POST /s2s/session`, including renewals) or, in the
/// client flow, of the last token's claims; `KGEN_SESSION_LINKED_PHONE` also
/// changes when `kgen_otp_verify` succeeds with this session.
#[no_mangle]
pub unsafe extern "C" fn kgen_session_get_string(
    session: *mut kgen_session,
    field: kgen_session_field,
    buffer: *mut c_char,
    length: *mut usize,
) -> kgen_status {
    guard(|| {
        let entry = SESSIONS.get(session)?;
        let s = &entry.session;
        let info = s.info();
        let token;
        let value: &str = match field {
            KGEN_SESSION_USER_ID => s.user_id(),
            KGEN_SESSION_SESSION_ID => &info.session_id,
            KGEN_SESSION_ACCESS_TOKEN => {
                token = Some(s.access_token());
                token.as_ref().map_or("", |t| t.expose())
            }
            KGEN_SESSION_REFRESH_TOKEN => {
                token = s.refresh_token();
                token.as_ref().map_or("", |t| t.expose())
            }
            KGEN_SESSION_WALLET_ADDRESS => &info.wallet_address,
            KGEN_SESSION_NAMESPACED_USER_ID => &info.namespaced_third_party_user_id,
            KGEN_SESSION_THIRD_PARTY_CLIENT_ID => &info.third_party_client_id,
            KGEN_SESSION_THIRD_PARTY_CLIENT_NAME => &info.third_party_client_name,
            KGEN_SESSION_INDIGG_ID => info.indigg_id.as_deref().unwrap_or(""),
            KGEN_SESSION_INDIGG_WALLET_ADDRESS => &info.indigg_wallet_address,
            KGEN_SESSION_LINKED_PHONE => &info.linked_phone,
            other => {
                return Err(FfiError::new(
                    KGEN_ERR_INVALID_ARGUMENT,
                    format!("{other} is not a kgen_session_field"),
                ))
            }
        };
        unsafe { copy_out(value, buffer, length) }
    })
}

/// Writes the access token's expiry (Unix seconds on the server's clock; 0 if
/// the token carries none) to `*out_expires_at`.
#[no_mangle]
pub unsafe extern "C" fn kgen_session_get_expires_at(
    session: *mut kgen_session,
    out_expires_at: *mut i64,
) -> kgen_status {
    guard(|| {
        let slot = unsafe { out(out_expires_at, "out_expires_at") }?;
        *slot = SESSIONS.get(session)?.session.expires_at().unwrap_or(0);
        Ok(())
    })
}

/// Writes how the session was obtained to `*out_flow`.
#[no_mangle]
pub unsafe extern "C" fn kgen_session_get_flow(
    session: *mut kgen_session,
    out_flow: *mut kgen_session_flow,
) -> kgen_status {
    guard(|| {
        let slot = unsafe { out(out_flow, "out_flow") }?;
        *slot = match SESSIONS.get(session)?.session.flow() {
            crate::SessionFlow::Server => kgen_session_flow::KGEN_SESSION_FLOW_SERVER,
            crate::SessionFlow::Client => kgen_session_flow::KGEN_SESSION_FLOW_CLIENT,
        };
        Ok(())
    })
}
