use std::time::{Duration, Instant};

use kgen::{CreateSession, OtpVerification, Secret};

use crate::support::{assert_api_error, Env};

fn verification(phone: &str, auth_code: &str, otp: &str) -> OtpVerification {
    OtpVerification {
        phone_number: phone.into(),
        country_code: "+91".into(),
        auth_code: auth_code.into(),
        otp: Secret::new(otp),
    }
}

#[tokio::test]
async fn a_verified_phone_shows_on_its_session_and_the_next() {
    let env = Env::demo().await;
    let client = env.client();
    let p = client
        .create_session(CreateSession::new("o1"))
        .await
        .unwrap()
        .data;
    let registration = p.register_otp("9876543210", "+91").await.unwrap().data;
    assert_eq!(registration.auth_code.len(), 4);
    let otp = env.admin.otp("9876543210", "+91").await;
    let verified = p
        .verify_otp(&verification("9876543210", &registration.auth_code, &otp))
        .await
        .unwrap();
    assert!(!verified.data.message.is_empty());
    assert_eq!(
        p.info().linked_phone,
        "+919876543210",
        "the session that linked the phone shows it at once"
    );

    let later = client
        .create_session(CreateSession::new("o1"))
        .await
        .unwrap()
        .data;
    assert_eq!(later.info().linked_phone, "+919876543210");
}

#[tokio::test]
async fn wrong_numbers_codes_and_late_codes_are_refused() {
    let env = Env::demo().await;
    let p = env.player("o1").await;
    assert_api_error(
        p.register_otp("12", "+91").await,
        400,
        "INVALID_PHONE_NUMBER",
    );
    assert_api_error(
        p.register_otp("9876543210", "91x").await,
        400,
        "INVALID_PHONE_NUMBER",
    );

    let registration = p.register_otp("9876543211", "+91").await.unwrap().data;
    let otp = env.admin.otp("9876543211", "+91").await;
    let wrong = if otp == "000000" { "111111" } else { "000000" };
    assert_api_error(
        p.verify_otp(&verification("9876543211", &registration.auth_code, wrong))
            .await,
        400,
        "INVALID_OTP",
    );
    assert_api_error(
        p.verify_otp(&verification("9876543211", "9999", &otp))
            .await,
        400,
        "INVALID_OTP",
    );
    assert_api_error(
        p.verify_otp(&verification("1", &registration.auth_code, &otp))
            .await,
        400,
        "INVALID_PHONE_NUMBER",
    );

    env.admin.advance_clock(3600).await;
    assert_api_error(
        p.verify_otp(&verification("9876543211", &registration.auth_code, &otp))
            .await,
        400,
        "OTP_EXPIRED",
    );
}

#[tokio::test]
async fn a_phone_links_to_one_player_only() {
    let env = Env::demo().await;
    let (first, second) = (env.player("o1").await, env.player("o2").await);
    let first_code = first
        .register_otp("9876543212", "+91")
        .await
        .unwrap()
        .data
        .auth_code;
    let first_otp = env.admin.otp("9876543212", "+91").await;
    let second_code = second
        .register_otp("9876543212", "+91")
        .await
        .unwrap()
        .data
        .auth_code;
    let second_otp = env.admin.otp("9876543212", "+91").await;

    first
        .verify_otp(&verification("9876543212", &first_code, &first_otp))
        .await
        .unwrap();
    assert_api_error(
        second
            .verify_otp(&verification("9876543212", &second_code, &second_otp))
            .await,
        409,
        "PHONE_ALREADY_LINKED",
    );
    assert_api_error(
        second.register_otp("9876543212", "+91").await,
        409,
        "PHONE_ALREADY_LINKED",
    );
}

#[tokio::test]
async fn too_many_codes_are_rate_limited_without_waiting_past_the_deadline() {
    let env = Env::demo().await;
    let p = env.player("o1").await;
    let mut limited = None;
    for _ in 0..10 {
        let started = Instant::now();
        match p.register_otp("9876543213", "+91").await {
            Ok(_) => continue,
            Err(e) => {
                limited = Some((e, started.elapsed()));
                break;
            }
        }
    }
    let (error, waited) = limited.expect("the sandbox limits OTP sends");
    let error = assert_api_error(Err::<(), _>(error), 429, "OTP_RATE_LIMITED");
    assert!(
        error
            .retry_after()
            .is_some_and(|d| d > Duration::from_secs(5)),
        "{error:?}"
    );
    assert!(
        waited < Duration::from_secs(2),
        "a wait past the deadline is not started: {waited:?}"
    );
}
