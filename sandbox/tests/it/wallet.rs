//! Wallet balance, paged transactions and withdrawal.

use serde_json::{json, Value};

use crate::support::{uid_path, Env, Player};

#[tokio::test]
async fn balance_has_every_documented_field() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let balance = env.balance(&player).await;
    for key in [
        "earned_balance",
        "bought_balance",
        "bonus_balance",
        "lazy_balance",
        "on_chain_balance",
        "lazy_balance_delta",
        "minWalletBalToWithdraw",
    ] {
        assert!(balance[key].is_number(), "{key}");
    }
    for key in ["wallet_transaction_error", "is_lazy_balance_updated"] {
        assert!(balance[key].is_boolean(), "{key}");
    }
    assert_eq!(balance["wallet_address"], player.session["wallet_address"]);
    assert_eq!(balance["minWalletBalToWithdraw"], 20);
    let created = balance["created_at"].as_str().unwrap();
    assert!(
        !created.ends_with('Z') && created.contains('T'),
        "ISO without a zone: {created}"
    );
}

async fn page(env: &Env, player: &Player, query: &str) -> Value {
    env.get(&format!("/fe/wallet/transactions{query}"), &player.token)
        .await
        .expect_ok()
        .clone()
}

#[tokio::test]
async fn transactions_page_with_last_evaluated_key() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let uid = env.tournament("STARTED", 1, 10).await;
    for _ in 0..2 {
        env.join(&player, &uid, 1).await.expect_ok();
        env.post(&uid_path(&uid, "leave"), &player.token, json!(null))
            .await
            .expect_ok();
    }
    let all = page(&env, &player, "").await;
    assert_eq!(all["transactions"].as_array().unwrap().len(), 5);
    assert_eq!(all["last_evaluated_key"], "");
    assert_eq!(
        all["fromTransactions"].as_array().unwrap().len(),
        2,
        "the two debits"
    );
    assert_eq!(
        all["toTransactions"].as_array().unwrap().len(),
        3,
        "bonus and two refunds"
    );
    let mut seen = Vec::new();
    let mut query = "?limit=2".to_string();
    loop {
        let body = page(&env, &player, &query).await;
        seen.extend(
            body["transactions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["uid"].clone()),
        );
        let key = body["last_evaluated_key"].as_str().unwrap().to_string();
        if key.is_empty() {
            break;
        }
        query = format!("?limit=2&last_evaluated_key={key}");
    }
    let expected: Vec<Value> = all["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["uid"].clone())
        .collect();
    assert_eq!(seen, expected, "pages cover the history once, newest first");
    assert_eq!(
        all["transactions"][4]["description"]["type"],
        "WELCOME_BONUS"
    );
    for bad in [
        "?limit=0",
        "?limit=101",
        "?limit=abc",
        "?last_evaluated_key=unknown",
    ] {
        env.get(&format!("/fe/wallet/transactions{bad}"), &player.token)
            .await
            .expect_error(400, "BAD_REQUEST");
    }
}

async fn link_phone(env: &Env, player: &Player, phone: &str) {
    let register = json!({ "phone_number": phone, "countryCode": "+91" });
    let auth = env
        .post("/fe/users/auth/otp/register", &player.token, register)
        .await
        .expect_ok()["authCode"]
        .clone();
    let sent = env
        .admin_get(&format!(
            "/sandbox/otp?phone_number={phone}&countryCode=%2B91"
        ))
        .await;
    // Both codes as JSON integers, the documented form.
    let number = |v: &serde_json::Value| json!(v.as_str().unwrap().parse::<u64>().unwrap());
    let verify = json!({ "phone_number": phone, "countryCode": "+91",
                         "authCode": number(&auth), "otp": number(&sent.body["otp"]) });
    env.post("/fe/users/auth/otp/verify", &player.token, verify)
        .await
        .expect_ok();
}

#[tokio::test]
async fn withdraw_needs_a_linked_phone_and_the_minimum() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let withdraw = || env.post("/fe/wallet/withdraw", &player.token, json!(null));
    withdraw().await.expect_error(400, "PHONE_NOT_LINKED");
    link_phone(&env, &player, "9876543210").await;
    withdraw().await.expect_error(400, "WITHDRAW_BELOW_MINIMUM");
    env.credit(&player, json!({ "earned": 19 })).await;
    withdraw().await.expect_error(400, "WITHDRAW_BELOW_MINIMUM");
    env.credit(&player, json!({ "earned": 6 })).await;
    let done = withdraw().await;
    assert_eq!(done.expect_ok()["msg"], "wallet withdrawl successful");
    let balance = env.balance(&player).await;
    assert_eq!(
        (
            balance["earned_balance"].clone(),
            balance["on_chain_balance"].clone(),
            balance["bonus_balance"].clone()
        ),
        (json!(0), json!(25), json!(50))
    );
    let tx = &env.transactions(&player).await[0];
    assert_eq!(
        (
            tx["description"]["type"].clone(),
            tx["description"]["platformProtocolsTxnType"].clone(),
            tx["amount"].clone()
        ),
        (json!("WITHDRAW"), json!("DEBIT"), json!(25))
    );

    env.admin_post("/sandbox/settings", json!({ "min_withdraw": 30 }))
        .await;
    assert_eq!(env.balance(&player).await["minWalletBalToWithdraw"], 30);
    env.credit(&player, json!({ "earned": 29 })).await;
    withdraw().await.expect_error(400, "WITHDRAW_BELOW_MINIMUM");
}
