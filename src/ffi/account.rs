//! The account-session API (`/v3/session`): the C face of `api/account.rs`.
//! These are operations of the client (its cookie session and `private_token`),
//! not of a player session.

use std::ffi::{c_char, c_void};

use super::client::{client as client_entry, kgen_client, start_for_client};
use super::data::*;
use super::panic::{guard, FfiResult};
use super::pointers::str_in;
use super::status::kgen_status;
use super::types::{kgen_callback, kgen_operation::*, kgen_request_id, EventBuilder};

/// i3D.net requires the API key (`private_token`) on every `/v3` call: without
/// one each `kgen_account_*` call returns `KGEN_ERR_INVALID_ARGUMENT`, nothing sent.
fn check_account(client: *mut kgen_client) -> FfiResult<()> {
    Ok(client_entry(client)?.core.check_account()?)
}

/// Logs in with user name and password (a secret, never logged);
/// `remember_me` 0 or 1. The logged-in state is a cookie the client keeps:
/// one account per `kgen_client` (log in again, or use another client, for
/// another account; every `kgen_account_*` call of the client acts for it). Completion `KGEN_OP_ACCOUNT_LOGIN`, `data.login`;
/// when `requires_otp` is 1, finish with `kgen_account_login_otp`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_account_login(
    client: *mut kgen_client,
    user_name: *const c_char,
    password: *const c_char,
    remember_me: i32,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        check_account(client)?;
        let request = crate::LoginRequest {
            user_name: unsafe { str_in(user_name, "user_name") }?.to_owned(),
            password: crate::Secret::new(unsafe { str_in(password, "password") }?),
            remember_me: remember_me != 0,
        };
        let call = move |c: crate::Client| async move { c.login(&request).await };
        unsafe {
            start_for_client(
                client,
                KGEN_OP_ACCOUNT_LOGIN,
                callback,
                user_data,
                out_request,
                call,
                login,
            )
        }
    })
}

/// Completes a two-factor login with the one-time password (a secret, never
/// logged). Completion `KGEN_OP_ACCOUNT_LOGIN_OTP`, no data.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_account_login_otp(
    client: *mut kgen_client,
    otp: *const c_char,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        check_account(client)?;
        let otp = crate::Secret::new(unsafe { str_in(otp, "otp") }?);
        let call = move |c: crate::Client| async move { c.login_otp(&otp).await };
        unsafe {
            start_for_client(
                client,
                KGEN_OP_ACCOUNT_LOGIN_OTP,
                callback,
                user_data,
                out_request,
                call,
                nothing,
            )
        }
    })
}

/// Reads the logged-in account (or the `private_token` owner's). Completion
/// `KGEN_OP_ACCOUNT_CURRENT_USER`, `data.user`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_account_current_user(
    client: *mut kgen_client,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        check_account(client)?;
        let call = |c: crate::Client| async move { c.current_user().await };
        unsafe {
            start_for_client(
                client,
                KGEN_OP_ACCOUNT_CURRENT_USER,
                callback,
                user_data,
                out_request,
                call,
                user,
            )
        }
    })
}

/// Logs out. Completion `KGEN_OP_ACCOUNT_LOGOUT`, no data.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_account_logout(
    client: *mut kgen_client,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        check_account(client)?;
        let call = |c: crate::Client| async move { c.logout().await };
        unsafe {
            start_for_client(
                client,
                KGEN_OP_ACCOUNT_LOGOUT,
                callback,
                user_data,
                out_request,
                call,
                nothing,
            )
        }
    })
}

fn login(l: &crate::LoginResult, b: &mut EventBuilder) -> kgen_data {
    kgen_data {
        login: b.item(kgen_login_result {
            requires_otp: flag(l.requires_otp),
            expires_at: l.expires_at,
            otp_session_expires_at: l.otp_session_expires_at,
        }),
    }
}

fn user(u: &crate::AccountUser, b: &mut EventBuilder) -> kgen_data {
    let user = kgen_account_user {
        user_id: u.user_id,
        user_name: b.text(&u.user_name),
        email: b.text(&u.email),
        first_name: b.text(&u.first_name),
        last_name: b.text(&u.last_name),
        gender: b.text(&u.gender),
        phone: b.text(&u.phone),
        access_level: u.access_level,
        validate_email: flag(u.validate_email),
        is_trial_account: flag(u.is_trial_account),
        trial_account_expiration_date: u.trial_account_expiration_date,
        request_ip: b.text(&u.request_ip),
        request_ip_country: b.text(&u.request_ip_country),
        request_ip_country_code: b.text(&u.request_ip_country_code),
        details_json: b.text(&u.details_json),
        billing_details_json: b.text(&u.billing_details_json),
        trial_account_expiration: timestamp(b, &u.trial_account_expiration),
    };
    kgen_data { user: b.item(user) }
}
