//! OTP phone linking.

use serde_json::{json, Value};

use crate::support::{Env, Player};

const PHONE: &str = "9876543219";

async fn register(env: &Env, player: &Player, phone: &str) -> crate::support::Reply {
    env.post(
        "/fe/users/auth/otp/register",
        &player.token,
        json!({ "phone_number": phone, "countryCode": "+91" }),
    )
    .await
}

async fn sent(env: &Env, phone: &str) -> Value {
    env.admin_get(&format!(
        "/sandbox/otp?phone_number={phone}&countryCode=%2B91"
    ))
    .await
    .expect_ok()
    .clone()
}

/// Sends both codes as JSON integers, the documented form (strings are refused below).
async fn verify(env: &Env, player: &Player, auth_code: Value, otp: Value) -> crate::support::Reply {
    let number = |v: Value| match v.as_str() {
        Some(text) => json!(text.parse::<u64>().unwrap()),
        None => v,
    };
    let body = json!({ "phone_number": PHONE, "countryCode": "+91",
                       "authCode": number(auth_code), "otp": number(otp) });
    env.post("/fe/users/auth/otp/verify", &player.token, body)
        .await
}

#[tokio::test]
async fn codes_as_strings_are_refused_unless_the_sandbox_is_lenient() {
    for strict in [true, false] {
        let env = Env::with(kgen_sandbox::Options {
            strict,
            ..kgen_sandbox::Options::default()
        })
        .await;
        let player = env.session("p1").await;
        let auth_code = register(&env, &player, PHONE).await.expect_ok()["authCode"].clone();
        let otp = sent(&env, PHONE).await["otp"].clone();
        let as_strings = json!({ "phone_number": PHONE, "countryCode": "+91", "authCode": auth_code, "otp": otp });
        let reply = env
            .post("/fe/users/auth/otp/verify", &player.token, as_strings)
            .await;
        if strict {
            reply.expect_error(400, "BAD_REQUEST");
        } else {
            reply.expect_ok();
        }
    }
}

#[tokio::test]
async fn verified_phones_show_in_later_sessions() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let registered = register(&env, &player, PHONE).await.expect_ok().clone();
    let auth_code = registered["authCode"].as_str().unwrap().to_string();
    assert_eq!(auth_code.len(), 4);
    assert_eq!(registered["isNewUser"], true);
    let code = sent(&env, PHONE).await;
    assert_eq!(code["authCode"], auth_code.as_str());
    let otp = code["otp"].as_str().unwrap().to_string();
    assert_eq!(otp.len(), 6);
    let wrong = if otp == "000000" { "111111" } else { "000000" };
    verify(&env, &player, json!(auth_code), json!(wrong))
        .await
        .expect_error(400, "INVALID_OTP");
    let wrong_auth = if auth_code == "0000" { "1111" } else { "0000" };
    verify(&env, &player, json!(wrong_auth), json!(otp))
        .await
        .expect_error(400, "INVALID_OTP");
    // Examples send both codes as integers; leading zeros come back by padding.
    let verified = verify(
        &env,
        &player,
        json!(auth_code.parse::<u64>().unwrap()),
        json!(otp.parse::<u64>().unwrap()),
    )
    .await;
    assert_eq!(
        verified.expect_ok()["message"],
        "Phone number verified successfully"
    );
    let later = env.session("p1").await;
    assert_eq!(later.session["linked_phone"], "+919876543219");
    assert_eq!(later.session["linkedMobileNumber"], "+919876543219");
    verify(&env, &player, json!(auth_code), json!(otp))
        .await
        .expect_error(400, "INVALID_OTP");
    assert_eq!(
        register(&env, &player, PHONE).await.expect_ok()["isNewUser"],
        false
    );
}

#[tokio::test]
async fn codes_expire_and_wrong_guesses_burn_them() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let auth_code = register(&env, &player, PHONE).await.expect_ok()["authCode"].clone();
    let code = sent(&env, PHONE).await;
    env.advance_clock(301).await;
    verify(&env, &player, auth_code, code["otp"].clone())
        .await
        .expect_error(400, "OTP_EXPIRED");

    let auth_code = env
        .post(
            "/fe/users/auth/otp/resend",
            &player.token,
            json!({ "phone_number": PHONE, "countryCode": "+91" }),
        )
        .await
        .expect_ok()["authCode"]
        .clone();
    let otp = sent(&env, PHONE).await["otp"].as_str().unwrap().to_string();
    let wrong = if otp == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        verify(&env, &player, auth_code.clone(), json!(wrong))
            .await
            .expect_error(400, "INVALID_OTP");
    }
    verify(&env, &player, auth_code, json!(otp))
        .await
        .expect_error(400, "INVALID_OTP");
}

#[tokio::test]
async fn sends_are_rate_limited_per_phone() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    for _ in 0..5 {
        register(&env, &player, PHONE).await.expect_ok();
    }
    let limited = register(&env, &player, PHONE).await;
    limited.expect_error(429, "OTP_RATE_LIMITED");
    let retry_after: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=600).contains(&retry_after), "{retry_after}");
    env.post(
        "/fe/users/auth/otp/resend",
        &player.token,
        json!({ "phone_number": PHONE, "countryCode": "+91" }),
    )
    .await
    .expect_error(429, "OTP_RATE_LIMITED");
    register(&env, &player, "9876543000").await.expect_ok();
    env.advance_clock(601).await;
    register(&env, &player, PHONE).await.expect_ok();
}

#[tokio::test]
async fn malformed_and_taken_phones_are_refused() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    for (phone, country) in [
        ("12ab56789", "+91"),
        ("123", "+91"),
        (PHONE, "India"),
        (PHONE, "+"),
    ] {
        let body = json!({ "phone_number": phone, "countryCode": country });
        env.post("/fe/users/auth/otp/register", &player.token, body)
            .await
            .expect_error(400, "INVALID_PHONE_NUMBER");
        let body = json!({ "phone_number": phone, "countryCode": country, "authCode": "1234", "otp": "123456" });
        env.post("/fe/users/auth/otp/verify", &player.token, body)
            .await
            .expect_error(400, "INVALID_PHONE_NUMBER");
    }
    let auth_code = register(&env, &player, PHONE).await.expect_ok()["authCode"].clone();
    verify(
        &env,
        &player,
        auth_code,
        sent(&env, PHONE).await["otp"].clone(),
    )
    .await
    .expect_ok();
    let rival = env.session("p2").await;
    register(&env, &rival, PHONE)
        .await
        .expect_error(409, "PHONE_ALREADY_LINKED");
    verify(&env, &rival, json!("1234"), json!("123456"))
        .await
        .expect_error(409, "PHONE_ALREADY_LINKED");
    env.post(
        "/fe/users/auth/otp/register",
        &rival.token,
        json!({ "countryCode": "+91" }),
    )
    .await
    .expect_error(400, "BAD_REQUEST");
}
