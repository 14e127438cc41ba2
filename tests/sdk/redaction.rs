//! Secrets never reach `Debug`/`Display` output or the log.

use std::sync::{Arc, Mutex};

use kgen::log::{set_sink, LogLevel};
use kgen::{Client, CreateSession, LoginRequest, OtpVerification, Secret};
use serde_json::json;

use crate::support::{Env, CLIENT_SECRET, V3_PASSWORD};

#[tokio::test]
async fn secrets_stay_out_of_debug_display_and_logs() {
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink_lines = lines.clone();
    set_sink(
        LogLevel::Trace,
        Some(Arc::new(move |level, line: &str| {
            sink_lines.lock().unwrap().push(format!("{level:?} {line}"));
        })),
    );

    let env = Env::demo().await;
    let config = env.config().with_private_token("demo-api-key");
    let client = Client::new(config.clone()).unwrap();
    let created = client
        .create_session(CreateSession::new("secretive"))
        .await
        .unwrap();
    let session = created.data.clone();
    let (access, refresh) = (session.access_token(), session.refresh_token().unwrap());

    // A refused token (an error answer to a request that carried it).
    env.admin.advance_clock(90_000).await;
    let game = Client::new(kgen::Config::new(env.sandbox.base_url())).unwrap();
    let expired = game
        .restore_session(access.expose(), Some(refresh.expose()))
        .unwrap();
    let refused = expired.wallet_balance().await.unwrap_err();
    env.admin.advance_clock(-90_000).await;

    let registration = session
        .register_otp("9876500001", "+91")
        .await
        .unwrap()
        .data;
    let otp = env.admin.otp("9876500001", "+91").await;
    let wrong_otp = Secret::new(if otp == "000000" { "111111" } else { "000000" });
    let verification = OtpVerification {
        phone_number: "9876500001".into(),
        country_code: "+91".into(),
        auth_code: registration.auth_code,
        otp: wrong_otp.clone(),
    };
    let bad_otp = session.verify_otp(&verification).await.unwrap_err();
    let login = LoginRequest {
        user_name: "demo2fa".into(),
        password: Secret::new(V3_PASSWORD),
        remember_me: true,
    };
    client.login(&login).await.unwrap();
    let two_factor = Secret::new(env.admin.v3_otp("demo2fa").await);
    client.login_otp(&two_factor).await.unwrap();
    env.admin.credit("secretive", json!({"earned": 1})).await;

    set_sink(LogLevel::Trace, None);
    let printed = [
        format!("{config:?}"),
        format!("{client:?}"),
        format!("{created:?}"),
        format!("{session:?}"),
        format!("{:?}", session.info()),
        format!("{refused:?} {refused}"),
        format!("{bad_otp:?} {bad_otp}"),
        format!("{verification:?}"),
        format!("{login:?}"),
        format!("{access:?} {access}"),
    ]
    .join("\n");
    let logged = lines.lock().unwrap().join("\n");
    assert!(
        logged.contains("POST /s2s/session -> 200"),
        "the log shows each attempt:\n{logged}"
    );
    assert!(logged.contains("request kgen-"), "{logged}");

    let secrets = [
        access.expose(),
        refresh.expose(),
        CLIENT_SECRET,
        "demo-api-key",
        V3_PASSWORD,
        wrong_otp.expose(),
        two_factor.expose(),
    ];
    for secret in secrets {
        assert!(!shows(&printed, secret), "{secret} printed:\n{printed}");
        assert!(!shows(&logged, secret), "{secret} logged:\n{logged}");
    }
}

/// Whether `text` shows `secret`. Short codes (OTPs) count only as whole words: six
/// digits can occur by chance inside the request ids that other tests log meanwhile.
fn shows(text: &str, secret: &str) -> bool {
    if secret.len() > 8 {
        return text.contains(secret);
    }
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word == secret)
}
