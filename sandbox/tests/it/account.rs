//! `/v3/session`: login, two-factor codes, the current user, logout, attempt limiting.

use reqwest::Method;
use serde_json::json;

use crate::support::{Env, Reply};

async fn login(env: &Env, user: &str, password: &str) -> Reply {
    let body = json!({ "userName": user, "password": password, "rememberMe": 0 });
    env.send(
        Method::POST,
        "/v3/session/login",
        &[],
        Some(&body.to_string()),
    )
    .await
}

async fn current_user(env: &Env) -> Reply {
    env.send(Method::GET, "/v3/session/user", &[], None).await
}

#[track_caller]
fn expect_v3_error(reply: &Reply, status: u16) {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert_eq!(reply.body["errorCode"], status);
    assert!(
        reply.body["errorMessage"].is_string() && reply.body["errors"].is_array(),
        "{}",
        reply.text
    );
}

#[tokio::test]
async fn login_sets_a_cookie_session_that_logout_ends() {
    let env = Env::demo().await;
    expect_v3_error(&current_user(&env).await, 404);
    let logged_in = login(&env, "demo", "demo-password").await;
    assert_eq!(logged_in.status, 200, "{}", logged_in.text);
    assert_eq!(logged_in.body["requiresOtp"], false);
    assert_eq!(logged_in.body["otpSessionExpiresAt"], 0);
    assert!(logged_in.body["expiresAt"].as_i64().unwrap() > 1_600_000_000);
    assert!(logged_in.header("set-cookie").unwrap().contains("HttpOnly"));
    let user = current_user(&env).await;
    assert_eq!(user.status, 200);
    assert_eq!(user.body["userName"], "demo");
    assert!(user.body["userId"].is_i64());
    assert_eq!(user.body["requestIp"], "127.0.0.1");
    assert_eq!(user.body["requestIpCountryCode"].as_str().unwrap().len(), 2);
    assert!(user.body["details"].is_object() && user.body["billingDetails"].is_object());
    expect_v3_error(&login(&env, "demo", "demo-password").await, 409);
    let logout = env
        .send(Method::POST, "/v3/session/logout", &[], None)
        .await;
    assert_eq!((logout.status, logout.text.as_str()), (204, ""));
    expect_v3_error(&current_user(&env).await, 404);
    assert_eq!(
        login(&env, "demo", "demo-password").await.status,
        200,
        "logged out, so a new login works"
    );
}

#[tokio::test]
async fn two_factor_logins_complete_with_the_code() {
    let env = Env::demo().await;
    let started = login(&env, "demo2fa", "demo-password").await;
    assert_eq!(started.body["requiresOtp"], true, "{}", started.text);
    assert!(started.body["otpSessionExpiresAt"].as_i64().unwrap() > 0);
    expect_v3_error(&current_user(&env).await, 404);
    let code = env.admin_get("/sandbox/v3/users/demo2fa/otp").await.body["otp"]
        .as_str()
        .unwrap()
        .to_string();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let refused = env
        .send(
            Method::POST,
            "/v3/session/login/otp",
            &[],
            Some(&json!({ "otp": wrong }).to_string()),
        )
        .await;
    expect_v3_error(&refused, 401);
    let done = env
        .send(
            Method::POST,
            "/v3/session/login/otp",
            &[],
            Some(&json!({ "otp": code }).to_string()),
        )
        .await;
    assert_eq!(done.status, 204, "{}", done.text);
    assert_eq!(current_user(&env).await.body["userName"], "demo2fa");
    let again = env
        .send(
            Method::POST,
            "/v3/session/login/otp",
            &[],
            Some(&json!({ "otp": code }).to_string()),
        )
        .await;
    expect_v3_error(&again, 404);
}

#[tokio::test]
async fn two_factor_codes_expire() {
    let env = Env::demo().await;
    login(&env, "demo2fa", "demo-password").await;
    let code = env.admin_get("/sandbox/v3/users/demo2fa/otp").await.body["otp"].clone();
    env.advance_clock(301).await;
    let late = env
        .send(
            Method::POST,
            "/v3/session/login/otp",
            &[],
            Some(&json!({ "otp": code }).to_string()),
        )
        .await;
    expect_v3_error(&late, 404);
    let none = env
        .send(
            Method::GET,
            "/sandbox/v3/users/demo2fa/otp",
            &[("x-admin-key", "sandbox-admin")],
            None,
        )
        .await;
    none.expect_error(404, "RECORD_NOT_FOUND");
}

#[tokio::test]
async fn validation_and_credentials_errors() {
    let env = Env::demo().await;
    let missing = env
        .send(
            Method::POST,
            "/v3/session/login",
            &[],
            Some(r#"{"password": 5}"#),
        )
        .await;
    expect_v3_error(&missing, 400);
    let properties: Vec<&str> = missing.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["property"].as_str().unwrap())
        .collect();
    assert_eq!(properties, ["userName", "password"]);
    let no_otp = env
        .send(Method::POST, "/v3/session/login/otp", &[], Some("{}"))
        .await;
    expect_v3_error(&no_otp, 400);
    assert_eq!(no_otp.body["errors"][0]["property"], "otp");
    expect_v3_error(
        &env.send(Method::POST, "/v3/session/login", &[], Some("{broken"))
            .await,
        400,
    );
    expect_v3_error(&login(&env, "demo", "wrong").await, 401);
    expect_v3_error(&login(&env, "nobody", "demo-password").await, 401);
    let pending = env
        .send(
            Method::POST,
            "/v3/session/login/otp",
            &[],
            Some(r#"{"otp":"123456"}"#),
        )
        .await;
    expect_v3_error(&pending, 404);
}

#[tokio::test]
async fn five_failures_lock_the_user_name_for_fifteen_minutes() {
    let env = Env::demo().await;
    for _ in 0..5 {
        expect_v3_error(&login(&env, "demo", "wrong").await, 401);
    }
    let locked = login(&env, "demo", "demo-password").await;
    expect_v3_error(&locked, 429);
    let retry_after: u64 = locked.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry_after));
    env.advance_clock(901).await;
    assert_eq!(login(&env, "demo", "demo-password").await.status, 200);
}

#[tokio::test]
async fn private_token_answers_for_its_owner_and_bad_ones_are_refused() {
    let env = Env::demo().await;
    let by_key = env
        .send(
            Method::GET,
            "/v3/session/user",
            &[("PRIVATE-TOKEN", "demo-api-key")],
            None,
        )
        .await;
    assert_eq!(by_key.body["userName"], "demo", "{}", by_key.text);
    let bad = env
        .send(
            Method::GET,
            "/v3/session/user",
            &[("PRIVATE-TOKEN", "nope")],
            None,
        )
        .await;
    expect_v3_error(&bad, 401);
    let body = json!({ "userName": "demo", "password": "demo-password" }).to_string();
    expect_v3_error(
        &env.send(
            Method::POST,
            "/v3/session/login",
            &[("PRIVATE-TOKEN", "nope")],
            Some(&body),
        )
        .await,
        401,
    );

    let created = env
        .admin_post(
            "/sandbox/v3/users",
            json!({ "userName": "zoe", "password": "pw-zoe", "twoFactor": false }),
        )
        .await;
    let key = created.body["apiKey"].as_str().unwrap().to_string();
    assert!(created.body["userId"].is_i64());
    let zoe = env
        .send(
            Method::GET,
            "/v3/session/user",
            &[("PRIVATE-TOKEN", &key)],
            None,
        )
        .await;
    assert_eq!(zoe.body["userName"], "zoe");
    let remembered = env
        .send(
            Method::POST,
            "/v3/session/login",
            &[("PRIVATE-TOKEN", &key)],
            Some(r#"{"userName":"zoe","password":"pw-zoe","rememberMe":1}"#),
        )
        .await;
    assert!(remembered
        .header("set-cookie")
        .unwrap()
        .contains("Max-Age=2592000"));
    let ttl = remembered.body["expiresAt"].as_i64().unwrap() - unix_now(&env).await;
    assert!((30 * 86_400 - 5..=30 * 86_400).contains(&ttl), "{ttl}");
}

async fn unix_now(env: &Env) -> i64 {
    let now = env.admin_get("/sandbox/clock").await.body["now"]
        .as_str()
        .unwrap()
        .to_string();
    time::OffsetDateTime::parse(&now, &time::format_description::well_known::Rfc3339)
        .unwrap()
        .unix_timestamp()
}
