//! OTP phone linking: the C face of `api/otp.rs`.

use std::ffi::{c_char, c_void};

use super::client::{kgen_client, start_for_session};
use super::data::*;
use super::panic::guard;
use super::pointers::str_in;
use super::session::kgen_session;
use super::status::kgen_status;
use super::types::{kgen_callback, kgen_operation::*, kgen_request_id, EventBuilder};

/// Sends a one-time password to `phone_number` (`country_code` like "+91").
/// Completion `KGEN_OP_OTP_REGISTER`, `data.otp_registration` with the
/// `auth_code` to pass to `kgen_otp_verify`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
pub unsafe extern "C" fn kgen_otp_register(
    client: *mut kgen_client,
    session: *mut kgen_session,
    phone_number: *const c_char,
    country_code: *const c_char,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let phone = unsafe { str_in(phone_number, "phone_number") }?.to_owned();
        let country = unsafe { str_in(country_code, "country_code") }?.to_owned();
        let call = move |s: crate::Session| async move { s.register_otp(&phone, &country).await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_OTP_REGISTER,
                callback,
                user_data,
                out_request,
                call,
                registration,
            )
        }
    })
}

/// Links the phone with the code the player received (`otp`, a secret, never
/// logged) and the `auth_code` of the registration. Completion
/// `KGEN_OP_OTP_VERIFY`, `data.message`.
///
/// Strings are copied during the call. On `KGEN_OK` exactly one completion
/// follows through `callback` (NULL: pull form) on the client's dispatch
/// thread, never inside this call, its event borrowed until the callback
/// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn kgen_otp_verify(
    client: *mut kgen_client,
    session: *mut kgen_session,
    phone_number: *const c_char,
    country_code: *const c_char,
    auth_code: *const c_char,
    otp: *const c_char,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
) -> kgen_status {
    guard(|| {
        let verification = crate::OtpVerification {
            phone_number: unsafe { str_in(phone_number, "phone_number") }?.to_owned(),
            country_code: unsafe { str_in(country_code, "country_code") }?.to_owned(),
            auth_code: unsafe { str_in(auth_code, "auth_code") }?.to_owned(),
            otp: crate::Secret::new(unsafe { str_in(otp, "otp") }?),
        };
        let call = move |s: crate::Session| async move { s.verify_otp(&verification).await };
        unsafe {
            start_for_session(
                client,
                session,
                KGEN_OP_OTP_VERIFY,
                callback,
                user_data,
                out_request,
                call,
                message,
            )
        }
    })
}

fn registration(r: &crate::OtpRegistration, b: &mut EventBuilder) -> kgen_data {
    let registration = kgen_otp_registration {
        auth_code: b.text(&r.auth_code),
        is_new_user: flag(r.is_new_user),
    };
    kgen_data {
        otp_registration: b.item(registration),
    }
}
