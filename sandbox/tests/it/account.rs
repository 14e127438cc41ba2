//! `/v3/session`: login, two-factor codes, the current user, logout, attempt limiting.

use reqwest::Method;
use serde_json::{json, Value};

use crate::support::{Env, Reply};

/// Every /v3 call carries an API key; this one is the 2FA demo user's, so a call
/// without a login session answers for `demo2fa`.
const KEY: &str = "demo2fa-api-key";

async fn login_as(env: &Env, key: Option<&str>, body: Value) -> Reply {
    let headers: Vec<(&str, &str)> = key.map(|k| ("PRIVATE-TOKEN", k)).into_iter().collect();
    env.send(
        Method::POST,
        "/v3/session/login",
        &headers,
        Some(&body.to_string()),
    )
    .await
}

async fn login(env: &Env, user: &str, password: &str) -> Reply {
    login_as(
        env,
        Some(KEY),
        json!({ "userName": user, "password": password, "rememberMe": 0 }),
    )
    .await
}

async fn login_otp(env: &Env, body: Value) -> Reply {
    env.send(
        Method::POST,
        "/v3/session/login/otp",
        &[("PRIVATE-TOKEN", KEY)],
        Some(&body.to_string()),
    )
    .await
}

async fn current_user(env: &Env, key: Option<&str>) -> Reply {
    let headers: Vec<(&str, &str)> = Some(key.unwrap_or(KEY))
        .map(|k| ("PRIVATE-TOKEN", k))
        .into_iter()
        .collect();
    env.send(Method::GET, "/v3/session/user", &headers, None)
        .await
}

async fn pending_code(env: &Env) -> String {
    let reply = env.admin_get("/sandbox/v3/users/demo2fa/otp").await;
    reply.body["otp"].as_str().unwrap().to_string()
}

fn other_code(code: &str) -> &'static str {
    if code == "000000" {
        "111111"
    } else {
        "000000"
    }
}

/// i3D.net's own error codes (its "API v3 Error Codes" table), never the HTTP status.
const NOT_FOUND: u32 = 10001;
const UNAUTHENTICATED: u32 = 10004;
const ALREADY_LOGGED_IN: u32 = 10005;
const INVALID_PARAMETER: u32 = 10008;
const FORM_ERRORS: u32 = 11001;

#[track_caller]
fn expect_v3_error(reply: &Reply, status: u16, error_code: u32) {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert_eq!(reply.body["errorCode"], error_code, "{}", reply.text);
    assert!(
        reply.body["errorMessage"].is_string() && reply.body["errors"].is_array(),
        "{}",
        reply.text
    );
}

#[tokio::test]
async fn login_sets_a_cookie_session_that_logout_ends() {
    let env = Env::demo().await;
    assert_eq!(
        current_user(&env, None).await.body["userName"],
        "demo2fa",
        "without a login the key's owner"
    );
    let logged_in = login(&env, "demo", "demo-password").await;
    assert_eq!(logged_in.status, 200, "{}", logged_in.text);
    assert_eq!(logged_in.body["requiresOtp"], false);
    assert_eq!(logged_in.body["otpSessionExpiresAt"], 0);
    assert_eq!(logged_in.body["expiresAt"], 0, "no 2FA window");
    assert!(logged_in.header("set-cookie").unwrap().contains("HttpOnly"));
    let user = current_user(&env, None).await;
    assert_eq!(user.status, 200);
    assert_eq!(user.body["userName"], "demo");
    assert!(user.body["userId"].is_i64());
    assert_eq!(user.body["requestIp"], "127.0.0.1");
    assert_eq!(user.body["requestIpCountryCode"].as_str().unwrap().len(), 2);
    assert!(user.body["details"].is_object() && user.body["billingDetails"].is_object());
    expect_v3_error(
        &login(&env, "demo", "demo-password").await,
        409,
        ALREADY_LOGGED_IN,
    );
    let logout = env
        .send(
            Method::POST,
            "/v3/session/logout",
            &[("PRIVATE-TOKEN", KEY)],
            None,
        )
        .await;
    assert_eq!((logout.status, logout.text.as_str()), (204, ""));
    assert_eq!(current_user(&env, None).await.body["userName"], "demo2fa");
    assert_eq!(
        login(&env, "demo", "demo-password").await.status,
        200,
        "logged out, so a new login works"
    );
}

/// The property names of an object, sorted.
fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[tokio::test]
async fn the_user_has_the_shape_of_i3d_session_user() {
    let env = Env::demo().await;
    let user = current_user(&env, Some("demo-api-key")).await.body;
    assert_eq!(
        keys(&user),
        [
            "accessLevel",
            "billingDetails",
            "details",
            "email",
            "firstName",
            "gender",
            "isTrialAccount",
            "lastName",
            "phone",
            "requestIp",
            "requestIpCountry",
            "requestIpCountryCode",
            "trialAccountExpirationDate",
            "userId",
            "userName",
            "validateEmail",
        ]
    );
    for text in ["gender", "trialAccountExpirationDate", "phone", "firstName"] {
        assert!(user[text].is_string(), "{text} is a string: {user}");
    }
    for flag in ["accessLevel", "validateEmail", "isTrialAccount"] {
        assert!(user[flag].is_i64(), "{flag} is an integer: {user}");
    }
    let details = &user["details"];
    assert_eq!(
        keys(details),
        [
            "accountType",
            "address",
            "agreeAup",
            "agreeDpa",
            "agreeToc",
            "city",
            "cocNumber",
            "companyName",
            "countryCode",
            "emailAddress",
            "emailAddressAbuse",
            "emailAddressValidated",
            "firstName",
            "isAllowedFlexMetal",
            "language",
            "lastName",
            "newsletter",
            "phoneNumber",
            "phoneNumberMobile",
            "streetNumber",
            "unconfirmedEmail",
            "vatNumber",
            "zipCode",
        ]
    );
    for integer in [
        "accountType",
        "language",
        "emailAddressValidated",
        "newsletter",
        "agreeToc",
        "agreeAup",
        "agreeDpa",
        "isAllowedFlexMetal",
    ] {
        assert!(
            details[integer].is_i64(),
            "details.{integer} is an integer: {details}"
        );
    }
    assert_eq!(details["language"], 0, "0 English, 1 Dutch");
    assert_eq!(details["emailAddress"], user["email"]);
    let billing = &user["billingDetails"];
    assert_eq!(
        keys(billing),
        [
            "address",
            "bundleInvoicesOfSameCategory",
            "city",
            "countryCode",
            "emailAddressBilling",
            "firstName",
            "lastName",
            "phoneNumber",
            "phoneNumberMobile",
            "preferredPaymentMethod",
            "receivePaymentConfirmationsViaEmail",
            "streetNumber",
            "zipCode",
        ]
    );
    for integer in [
        "bundleInvoicesOfSameCategory",
        "receivePaymentConfirmationsViaEmail",
        "preferredPaymentMethod",
    ] {
        assert!(
            billing[integer].is_i64(),
            "billingDetails.{integer}: {billing}"
        );
    }
}

#[tokio::test]
async fn two_factor_logins_complete_with_the_code() {
    let env = Env::demo().await;
    let started = login(&env, "demo2fa", "demo-password").await;
    assert_eq!(started.body["requiresOtp"], true, "{}", started.text);
    assert!(started.body["otpSessionExpiresAt"].as_i64().unwrap() > 0);
    assert_eq!(
        started.body["expiresAt"],
        started.body["otpSessionExpiresAt"]
    );
    let pending = current_user(&env, Some("demo-api-key")).await;
    assert_eq!(
        pending.body["userName"], "demo",
        "no session before the code"
    );
    let code = pending_code(&env).await;
    expect_v3_error(
        &login_otp(&env, json!({ "otp": other_code(&code) })).await,
        401,
        UNAUTHENTICATED,
    );
    let done = login_otp(&env, json!({ "otp": code })).await;
    assert_eq!(done.status, 204, "{}", done.text);
    let done_user = current_user(&env, Some("demo-api-key")).await;
    assert_eq!(done_user.body["userName"], "demo2fa", "the session's user");
    expect_v3_error(
        &login_otp(&env, json!({ "otp": code })).await,
        404,
        NOT_FOUND,
    );
}

#[tokio::test]
async fn two_factor_codes_expire() {
    let env = Env::demo().await;
    login(&env, "demo2fa", "demo-password").await;
    let code = pending_code(&env).await;
    env.advance_clock(301).await;
    expect_v3_error(
        &login_otp(&env, json!({ "otp": code })).await,
        404,
        NOT_FOUND,
    );
    let none = env
        .admin_send(Method::GET, "/sandbox/v3/users/demo2fa/otp", None)
        .await;
    none.expect_error(404, "RECORD_NOT_FOUND");
}

#[tokio::test]
async fn five_wrong_codes_end_the_pending_login() {
    let env = Env::demo().await;
    login(&env, "demo2fa", "demo-password").await;
    let code = pending_code(&env).await;
    for _ in 0..5 {
        expect_v3_error(
            &login_otp(&env, json!({ "otp": other_code(&code) })).await,
            401,
            UNAUTHENTICATED,
        );
    }
    expect_v3_error(
        &login_otp(&env, json!({ "otp": code })).await,
        404,
        NOT_FOUND,
    );
}

#[tokio::test]
async fn validation_and_credentials_errors() {
    let env = Env::demo().await;
    let missing = login_as(&env, Some(KEY), json!({ "password": 5 })).await;
    expect_v3_error(&missing, 400, FORM_ERRORS);
    let properties: Vec<&str> = missing.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["property"].as_str().unwrap())
        .collect();
    assert_eq!(properties, ["userName", "password"]);
    let no_otp = login_otp(&env, json!({})).await;
    expect_v3_error(&no_otp, 400, FORM_ERRORS);
    assert_eq!(no_otp.body["errors"][0]["property"], "otp");
    expect_v3_error(
        &env.send(
            Method::POST,
            "/v3/session/login",
            &[("PRIVATE-TOKEN", KEY)],
            Some("{broken"),
        )
        .await,
        400,
        INVALID_PARAMETER,
    );
    expect_v3_error(
        &login_as(
            &env,
            Some(KEY),
            json!({ "userName": "demo", "password": "x", "rememberMe": 7 }),
        )
        .await,
        400,
        FORM_ERRORS,
    );
    expect_v3_error(&login(&env, "demo", "wrong").await, 401, UNAUTHENTICATED);
    expect_v3_error(
        &login(&env, "nobody", "demo-password").await,
        401,
        UNAUTHENTICATED,
    );
    expect_v3_error(
        &login_otp(&env, json!({ "otp": "123456" })).await,
        404,
        NOT_FOUND,
    );
}

/// i3D.net's OpenAPI types `rememberMe` as an integer and the 2FA `otp` as a string; only
/// a sandbox started with `--lenient` also takes a boolean and a number.
#[tokio::test]
async fn strict_mode_takes_only_the_published_types() {
    for strict in [true, false] {
        let env = Env::with(kgen_sandbox::Options {
            demo: true,
            strict,
            ..kgen_sandbox::Options::default()
        })
        .await;
        let with_flag = |remember_me: Value| json!({ "userName": "demo2fa", "password": "demo-password", "rememberMe": remember_me });
        let boolean = login_as(&env, Some(KEY), with_flag(json!(true))).await;
        if strict {
            expect_v3_error(&boolean, 400, FORM_ERRORS);
            assert_eq!(boolean.body["errors"][0]["property"], "rememberMe");
            let integer = login_as(&env, Some(KEY), with_flag(json!(1))).await;
            assert_eq!(integer.status, 200, "{}", integer.text);
        } else {
            assert_eq!(boolean.status, 200, "{}", boolean.text);
        }
        let code: u64 = pending_code(&env).await.parse().unwrap();
        let numeric = login_otp(&env, json!({ "otp": code })).await;
        if strict {
            expect_v3_error(&numeric, 400, FORM_ERRORS);
            assert_eq!(numeric.body["errors"][0]["property"], "otp");
        } else {
            assert_eq!(numeric.status, 204, "{}", numeric.text);
        }
    }
}

#[tokio::test]
async fn five_failures_lock_the_user_name_for_fifteen_minutes() {
    let env = Env::demo().await;
    for _ in 0..5 {
        expect_v3_error(&login(&env, "demo", "wrong").await, 401, UNAUTHENTICATED);
    }
    let locked = login(&env, "DEMO", "demo-password").await;
    expect_v3_error(&locked, 429, UNAUTHENTICATED);
    let retry_after: u64 = locked.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry_after));
    env.advance_clock(901).await;
    assert_eq!(login(&env, "demo", "demo-password").await.status, 200);
}

#[tokio::test]
async fn every_call_needs_a_private_token() {
    let env = Env::demo().await;
    let body = json!({ "userName": "demo", "password": "demo-password" }).to_string();
    for (method, path, body) in [
        (Method::GET, "/v3/session/user", None),
        (Method::POST, "/v3/session/login", Some(body.as_str())),
        (
            Method::POST,
            "/v3/session/login/otp",
            Some(r#"{"otp":"123456"}"#),
        ),
        (Method::POST, "/v3/session/logout", None),
    ] {
        expect_v3_error(
            &env.send(method, path, &[], body).await,
            401,
            UNAUTHENTICATED,
        );
    }
}

#[tokio::test]
async fn private_token_answers_for_its_owner_and_bad_ones_are_refused() {
    let env = Env::demo().await;
    let by_key = current_user(&env, Some("demo-api-key")).await;
    assert_eq!(by_key.body["userName"], "demo", "{}", by_key.text);
    expect_v3_error(
        &current_user(&env, Some("nope")).await,
        401,
        UNAUTHENTICATED,
    );
    let body = json!({ "userName": "demo", "password": "demo-password" });
    expect_v3_error(
        &login_as(&env, Some("nope"), body).await,
        401,
        UNAUTHENTICATED,
    );

    let created = env
        .admin_post(
            "/sandbox/v3/users",
            json!({ "userName": "zoe", "password": "pw-zoe", "twoFactor": false }),
        )
        .await;
    let key = created.body["apiKey"].as_str().unwrap().to_string();
    assert!(created.body["userId"].is_i64());
    assert_eq!(current_user(&env, Some(&key)).await.body["userName"], "zoe");
    let remembered = login_as(
        &env,
        Some(&key),
        json!({ "userName": "zoe", "password": "pw-zoe", "rememberMe": 1 }),
    )
    .await;
    assert!(remembered
        .header("set-cookie")
        .unwrap()
        .contains("Max-Age=2592000"));
    assert_eq!(remembered.body["expiresAt"], 0);
}
