//! The optional extras: linked mobile number, K-Store redirect, px-tracker events.

use serde_json::json;

use crate::support::Env;

#[tokio::test]
async fn linked_mobile_number_is_a_record_once_linked() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    env.get("/fe/users/account/linked-mobile-number", &player.token)
        .await
        .expect_error(500, "RECORD_NOT_FOUND");
    let register = json!({ "phone_number": "9000000001", "countryCode": "+1" });
    let auth_code = env
        .post("/fe/users/auth/otp/register", &player.token, register)
        .await
        .expect_ok()["authCode"]
        .clone();
    let otp = env
        .admin_get("/sandbox/otp?phone_number=9000000001&countryCode=%2B1")
        .await
        .body["otp"]
        .clone();
    let number = |v: &serde_json::Value| json!(v.as_str().unwrap().parse::<u64>().unwrap());
    let verify = json!({ "phone_number": "9000000001", "countryCode": "+1",
                         "authCode": number(&auth_code), "otp": number(&otp) });
    env.post("/fe/users/auth/otp/verify", &player.token, verify)
        .await
        .expect_ok();
    let record = env
        .get("/fe/users/account/linked-mobile-number", &player.token)
        .await
        .expect_ok()
        .clone();
    assert_eq!(record["UserID"], "p1");
    assert_eq!(record["LinkedPhone"], "+19000000001");
    assert_eq!(record["NameSpacedThirdPartyUserID"], "demo-client#p1");
    assert_eq!(record["WalletAddress"], player.session["wallet_address"]);
    assert!(record["KGenID"].is_string() && record["IndiggWalletAddress"].is_string());
}

#[tokio::test]
async fn redirect_uri_and_tracker_events() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let url = env
        .post(
            "/fe/users/k-store/generate-redirect-uri",
            &player.token,
            json!(null),
        )
        .await;
    assert!(url.expect_ok()["url"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let event = json!({ "screen": "lobby", "duration": 12, "tutorial": false });
    let dropped = env
        .post(
            "/fe/analytics/px-tracker/events/app-open/drop",
            &player.token,
            event,
        )
        .await;
    assert!(dropped.expect_ok()["msg"].is_string());
    let nested = json!({ "screen": { "name": "lobby" } });
    env.post(
        "/fe/analytics/px-tracker/events/app-open/drop",
        &player.token,
        nested,
    )
    .await
    .expect_error(400, "BAD_REQUEST");
    env.post(
        "/fe/analytics/px-tracker/events/app-open/drop",
        &player.token,
        json!([1]),
    )
    .await
    .expect_error(400, "BAD_REQUEST");
    env.post(
        "/fe/analytics/px-tracker/events/app-open/drop",
        "bad",
        json!({}),
    )
    .await
    .expect_error(401, "UN_AUTHORIZED");
}
