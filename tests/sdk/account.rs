use kgen::{Client, LoginRequest, Secret};

use crate::support::{assert_api_error, Env, V3_PASSWORD};

fn login(user: &str, password: &str) -> LoginRequest {
    LoginRequest {
        user_name: user.into(),
        password: Secret::new(password),
        remember_me: false,
    }
}

#[tokio::test]
async fn login_without_two_factor_then_user_then_logout() {
    let env = Env::demo().await;
    let client = env.client();
    let key_owner = client.current_user().await.unwrap().data;
    assert_eq!(
        key_owner.user_name, "demo2fa",
        "without a login: the API key's owner"
    );
    let result = client
        .login(&login("demo", V3_PASSWORD))
        .await
        .unwrap()
        .data;
    assert!(!result.requires_otp);
    assert_eq!(
        result.expires_at, 0,
        "expiresAt is the 2FA window: none here"
    );
    assert_eq!(result.otp_session_expires_at, 0);

    let user = client.current_user().await.unwrap().data;
    assert_eq!(user.user_name, "demo");
    assert!(user.user_id > 0);
    assert_api_error(
        client.login(&login("demo", V3_PASSWORD)).await,
        409,
        "ALREADY_LOGGED_IN",
    );

    let out = client.logout().await.unwrap();
    assert_eq!(out.http_status, 204);
    assert_eq!(
        client.current_user().await.unwrap().data.user_name,
        "demo2fa"
    );
}

#[tokio::test]
async fn two_factor_login_needs_the_one_time_password() {
    let env = Env::demo().await;
    let client = Client::new(env.config().with_private_token("demo-api-key")).unwrap();
    assert_api_error(
        client.login_otp(&Secret::new("123456")).await,
        404,
        "NO_PENDING_OTP",
    );
    let result = client
        .login(&login("demo2fa", V3_PASSWORD))
        .await
        .unwrap()
        .data;
    assert!(result.requires_otp);
    assert!(result.otp_session_expires_at > 0);
    let pending = client.current_user().await.unwrap().data;
    assert_eq!(
        pending.user_name, "demo",
        "no session until the code: the key's owner"
    );

    let otp = env.admin.v3_otp("demo2fa").await;
    let wrong = if otp == "000000" { "111111" } else { "000000" };
    assert_api_error(
        client.login_otp(&Secret::new(wrong)).await,
        401,
        "INVALID_OTP",
    );
    assert_eq!(
        client
            .login_otp(&Secret::new(otp))
            .await
            .unwrap()
            .http_status,
        204
    );
    assert_eq!(
        client.current_user().await.unwrap().data.user_name,
        "demo2fa"
    );
}

#[tokio::test]
async fn bad_logins_are_named_and_repeated_failures_are_throttled() {
    let env = Env::demo().await;
    let client = env.client();
    let e = assert_api_error(client.login(&login("", "")).await, 400, "BAD_REQUEST");
    assert!(!e.field_errors().is_empty(), "{e:?}");
    let mut last = None;
    for _ in 0..6 {
        match client.login(&login("demo", "wrong")).await {
            Err(e) if e.http_status() == Some(401) => {
                assert_eq!(
                    e.api_code().map(|c| c.as_str()),
                    Some("INVALID_CREDENTIALS")
                );
            }
            other => {
                last = Some(other);
                break;
            }
        }
    }
    let e = assert_api_error(
        last.expect("throttled after repeated failures"),
        429,
        "TOO_MANY_LOGIN_ATTEMPTS",
    );
    assert!(e.retry_after().is_some());
}

#[tokio::test]
async fn an_api_key_alone_answers_for_its_owner_and_a_bad_one_is_refused() {
    let env = Env::demo().await;
    let keyed = Client::new(env.config().with_private_token("demo-api-key")).unwrap();
    assert_eq!(keyed.current_user().await.unwrap().data.user_name, "demo");
    let bad = Client::new(env.config().with_private_token("not-a-key")).unwrap();
    assert_api_error(bad.current_user().await, 401, "UN_AUTHORIZED");
}

#[tokio::test]
async fn each_client_keeps_its_own_login() {
    let env = Env::demo().await;
    let (a, b) = (env.client(), env.client());
    a.login(&login("demo", V3_PASSWORD)).await.unwrap();
    assert_eq!(a.current_user().await.unwrap().data.user_name, "demo");
    assert_eq!(b.current_user().await.unwrap().data.user_name, "demo2fa");
}

#[tokio::test]
async fn a_v3_call_without_an_api_key_is_refused_before_anything_is_sent() {
    let env = Env::demo().await;
    let mut config = env.config();
    config.private_token = None;
    let client = Client::new(config).unwrap();
    let e = client.login(&login("demo", V3_PASSWORD)).await.unwrap_err();
    assert_eq!(e.kind(), kgen::ErrorKind::InvalidArgument);
    assert_eq!(e.http_status(), None, "nothing was sent");
    assert!(e.message().contains("private_token"), "{}", e.message());
    assert!(client.current_user().await.is_err());
    assert!(client.logout().await.is_err());
    assert!(client.login_otp(&Secret::new("123456")).await.is_err());
}

#[tokio::test]
async fn the_account_api_does_not_follow_the_kgen_base_url() {
    let config = kgen::Config::new("https://stage-platform-protocols.kgen.io");
    assert_eq!(config.account_base_url, kgen::DEFAULT_ACCOUNT_BASE_URL);
    assert_eq!(config.account_base_url, "https://api.i3d.net");
}

#[tokio::test]
async fn a_login_refused_for_too_many_attempts_is_reported_not_retried() {
    let env = Env::demo().await;
    let client = env.client();
    // One 429 with a short Retry-After: a retry would log in.
    env.admin
        .fault(serde_json::json!({"method": "POST", "path": "/v3/session/login", "status": 429, "retry_after_secs": 0, "times": 1}))
        .await;
    let e = client.login(&login("demo", V3_PASSWORD)).await.unwrap_err();
    assert_eq!(e.http_status(), Some(429));
    assert_eq!(
        client.current_user().await.unwrap().data.user_name,
        "demo2fa",
        "not logged in: the login was not repeated"
    );
}

#[tokio::test]
async fn a_code_named_beside_the_v3_fields_wins_over_the_per_operation_name() {
    let env = Env::demo().await;
    let client = env.client();
    env.admin
        .fault(serde_json::json!({"method": "GET", "path": "/v3/session/user", "status": 404, "times": 1}))
        .await;
    assert_api_error(client.current_user().await, 404, "INJECTED_FAULT");
}
