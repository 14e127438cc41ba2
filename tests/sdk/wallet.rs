use kgen::{OtpVerification, Secret, Session, TransactionQuery};
use serde_json::json;

use crate::support::{assert_api_error, Env, LIVE_UID, LOBBY_UID};

#[tokio::test]
async fn a_new_wallet_holds_the_welcome_bonus() {
    let env = Env::demo().await;
    let p = env.player("w1").await;
    let b = p.wallet_balance().await.unwrap().data;
    assert_eq!(
        (b.bonus_balance, b.earned_balance, b.bought_balance),
        (50.0, 0.0, 0.0)
    );
    assert_eq!(b.min_wallet_bal_to_withdraw, 20.0);
    assert_eq!(b.wallet_address, p.info().wallet_address);
}

#[tokio::test]
async fn the_history_pages_through_every_transaction() {
    let env = Env::demo().await;
    let p = env.player("w1").await;
    for uid in [LIVE_UID, LOBBY_UID] {
        p.join_tournament(uid, 10).await.unwrap();
        p.leave_tournament(uid).await.unwrap();
    }
    let first = p
        .wallet_transactions(&TransactionQuery::default())
        .await
        .unwrap()
        .data;
    assert!(first.is_last_page());
    let all = first.transactions.len();
    assert!(all >= 4, "joins and refunds are listed: {all}");
    let join = first
        .transactions
        .iter()
        .find(|t| t.description.kind == "JOIN")
        .expect("a JOIN");
    assert_eq!(
        (join.amount, join.description.direction.as_str()),
        (10.0, "DEBIT")
    );
    assert!(join.created_at.is_some());

    let mut query = TransactionQuery {
        last_evaluated_key: None,
        limit: Some(1),
    };
    let mut paged = Vec::new();
    loop {
        let page = p.wallet_transactions(&query).await.unwrap().data;
        assert!(page.transactions.len() <= 1);
        paged.extend(page.transactions.iter().map(|t| t.uid.clone()));
        if page.is_last_page() {
            break;
        }
        query.last_evaluated_key = Some(page.last_evaluated_key);
    }
    let uids: Vec<_> = first.transactions.iter().map(|t| t.uid.clone()).collect();
    assert_eq!(paged, uids, "pages add up to the whole history, in order");
}

#[tokio::test]
async fn a_malformed_page_request_is_a_bad_request() {
    let env = Env::demo().await;
    let p = env.player("w1").await;
    let bogus = TransactionQuery {
        last_evaluated_key: Some("no-such-key".into()),
        limit: None,
    };
    assert_api_error(p.wallet_transactions(&bogus).await, 400, "BAD_REQUEST");
}

#[tokio::test]
async fn a_page_size_out_of_range_is_refused_before_sending() {
    let env = Env::demo().await;
    let p = env.player("w1").await;
    for limit in [0, TransactionQuery::MAX_LIMIT + 1, 1000] {
        let query = TransactionQuery {
            last_evaluated_key: None,
            limit: Some(limit),
        };
        let e = p.wallet_transactions(&query).await.unwrap_err();
        assert_eq!(e.kind(), kgen::ErrorKind::InvalidArgument, "{limit}");
        assert_eq!(e.http_status(), None, "nothing was sent for {limit}");
    }
    let largest = TransactionQuery {
        last_evaluated_key: None,
        limit: Some(TransactionQuery::MAX_LIMIT),
    };
    p.wallet_transactions(&largest).await.unwrap();
}

async fn link_phone(env: &Env, p: &Session, phone: &str) {
    let registration = p.register_otp(phone, "+91").await.unwrap().data;
    let otp = env.admin.otp(phone, "+91").await;
    p.verify_otp(&OtpVerification {
        phone_number: phone.into(),
        country_code: "+91".into(),
        auth_code: registration.auth_code,
        otp: Secret::new(otp),
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn withdrawal_needs_a_linked_phone_and_the_minimum_earned_balance() {
    let env = Env::demo().await;
    let p = env.player("w1").await;
    assert_api_error(p.withdraw().await, 400, "PHONE_NOT_LINKED");
    link_phone(&env, &p, "9876543219").await;
    assert_api_error(p.withdraw().await, 400, "WITHDRAW_BELOW_MINIMUM");
    env.admin.credit("w1", json!({"earned": 15})).await;
    assert_api_error(p.withdraw().await, 400, "WITHDRAW_BELOW_MINIMUM");

    env.admin.credit("w1", json!({"earned": 10})).await;
    let done = p.withdraw().await.unwrap().data;
    assert!(done.message.contains("withdraw"), "{}", done.message);
    let b = p.wallet_balance().await.unwrap().data;
    assert_eq!(
        (b.earned_balance, b.bonus_balance),
        (0.0, 50.0),
        "only earned money leaves"
    );
}
