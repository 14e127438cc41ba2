//! The whole player journey through the SDK, printing each step.
//!
//! ```text
//! cargo run --example quickstart                 # starts an embedded sandbox with demo data
//! KGEN_BASE_URL=http://127.0.0.1:8080 cargo run --example quickstart   # a running `kgen-sandbox --demo`
//! ```
//! Reads `KGEN_BASE_URL`, `KGEN_CLIENT_ID`, `KGEN_CLIENT_SECRET`, and `KGEN_ADMIN_KEY` for
//! the sandbox's admin API, which stands in for the outside world: it seeds a tournament,
//! reads the OTP "sent" to the phone and the 2FA code, and completes the tournament.
//!
//! This program plays the game server (it holds the client secret). A shipped game client
//! must never hold one: it restores a session from the token its server hands over.

use std::error::Error;
use std::time::{SystemTime, UNIX_EPOCH};

use kgen::{
    Client, Config, CreateSession, LoginRequest, OtpVerification, Secret, TransactionQuery,
};
use serde_json::{json, Value};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The sandbox's admin API (not part of the SDK).
struct Admin {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Admin {
    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value> {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("x-admin-key", &self.key);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let response = request.send().await?;
        let status = response.status();
        let text = response.text().await?;
        if !status.is_success() {
            return Err(format!("sandbox admin {path}: {status} {text}").into());
        }
        Ok(serde_json::from_str(&text)?)
    }

    async fn get(&self, path: &str) -> Result<Value> {
        self.call(reqwest::Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value> {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }
}

fn text(value: &Value) -> Result<String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("expected a string, got {value}").into())
}

#[tokio::main]
async fn main() -> Result<()> {
    let env =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
    // Without a URL, run against a sandbox inside this process.
    let (base_url, _embedded) = match std::env::var("KGEN_BASE_URL") {
        Ok(url) => (url, None),
        Err(_) => {
            let options = kgen_sandbox::Options {
                demo: true,
                ..Default::default()
            };
            let sandbox = kgen_sandbox::Sandbox::start(options).await?;
            println!("started an embedded sandbox at {}", sandbox.base_url());
            (sandbox.base_url(), Some(sandbox))
        }
    };
    let admin = Admin {
        http: reqwest::Client::new(),
        base: base_url.trim_end_matches('/').to_owned(),
        key: env("KGEN_ADMIN_KEY", "sandbox-admin"),
    };
    // The sandbox serves the /v3 account API too; in production it is api.i3d.net.
    let config = Config::new(&base_url)
        .with_account_base_url(&base_url)
        .with_private_token(env("KGEN_PRIVATE_TOKEN", "demo-api-key"))
        .with_client_credentials(
            env("KGEN_CLIENT_ID", "demo-client"),
            env("KGEN_CLIENT_SECRET", "demo-secret"),
        );
    let client = Client::new(config)?;

    // A fresh player and a fresh live tournament, so the journey can be run again and again.
    let run = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let user_id = format!("quickstart-{run}");
    let phone = format!("9{:09}", run % 1_000_000_000);
    let seeded = admin
        .post(
            "/sandbox/tournaments",
            json!({"title": "Quickstart Cup", "buy_in_price": 10, "tournament_size": 100, "state": "STARTED"}),
        )
        .await?;
    let tournament_uid = text(&seeded["tournament_uid"])?;

    println!("1. session");
    let session = client
        .create_session(CreateSession::new(&user_id))
        .await?
        .data;
    let info = session.info();
    println!(
        "   player {} wallet {} new={}",
        session.user_id(),
        info.wallet_address,
        info.is_new_user
    );

    println!("2. active tournaments");
    let active = session.active_tournaments().await?.data;
    for t in &active {
        println!(
            "   {} {:<10} buy-in {:>3}  {}",
            t.tournament_uid,
            t.tournament_status.as_str(),
            t.buy_in_price,
            t.title
        );
    }
    let cup = active
        .iter()
        .find(|t| t.tournament_uid == tournament_uid)
        .ok_or("the seeded tournament is not listed")?;

    println!("3. join {}", cup.title);
    let joined = session
        .join_tournament(&cup.tournament_uid, cup.buy_in_price)
        .await?;
    println!("   {}", joined.data.message);

    println!("4. score");
    println!(
        "   {}",
        session
            .submit_score(&tournament_uid, 4200)
            .await?
            .data
            .message
    );
    println!(
        "   participating in {:?}",
        session.participated_tournaments().await?.data
    );

    println!("5. leaderboard");
    let board = session.leaderboard(&tournament_uid).await?.data;
    for (rank, entry) in board.leaderboard.iter().enumerate() {
        println!("   #{} {} {}", rank + 1, entry.user_id, entry.score);
    }
    println!("   prize pool {}", board.price_pool);

    println!("6. wallet");
    let balance = session.wallet_balance().await?.data;
    println!(
        "   earned {} bought {} bonus {} (withdraw from {})",
        balance.earned_balance,
        balance.bought_balance,
        balance.bonus_balance,
        balance.min_wallet_bal_to_withdraw
    );

    println!("7. transactions");
    let page = session
        .wallet_transactions(&TransactionQuery::default())
        .await?
        .data;
    for tx in &page.transactions {
        println!(
            "   {} {:>6} {} {}",
            tx.description.direction, tx.amount, tx.description.kind, tx.description.text
        );
    }

    println!("8. tournament ends (sandbox admin), rewards");
    admin
        .post(
            &format!("/sandbox/tournaments/{tournament_uid}/complete"),
            json!({}),
        )
        .await?;
    let rewards = session.claimable_rewards().await?.data;
    println!("   claimable {}", rewards.total_claimable_rewards);
    println!("   {}", session.claim_rewards().await?.data.message);

    println!("9. link a phone by OTP");
    let registration = session.register_otp(&phone, "+91").await?.data;
    let sent = admin
        .get(&format!(
            "/sandbox/otp?phone_number={phone}&countryCode=%2B91"
        ))
        .await?;
    let verification = OtpVerification {
        phone_number: phone.clone(),
        country_code: "+91".into(),
        auth_code: registration.auth_code,
        otp: Secret::new(text(&sent["otp"])?),
    };
    println!(
        "   {}",
        session.verify_otp(&verification).await?.data.message
    );

    println!("10. withdraw");
    let before = session.wallet_balance().await?.data.earned_balance;
    println!(
        "   {} ({} earned moved out)",
        session.withdraw().await?.data.message,
        before
    );

    println!("11. statistics");
    for stat in session.historic_statistics().await?.data {
        println!(
            "   {} {} stake {} won {} ({})",
            stat.kind, stat.result, stat.buy_in_stake, stat.amount_won, stat.occurred_at_text
        );
    }

    println!("12. account login with two-factor OTP (/v3)");
    let login = LoginRequest {
        user_name: env("KGEN_V3_USER", "demo2fa"),
        password: Secret::new(env("KGEN_V3_PASSWORD", "demo-password")),
        remember_me: false,
    };
    let result = client.login(&login).await?.data;
    println!("   requires OTP: {}", result.requires_otp);
    if result.requires_otp {
        let code = admin
            .get(&format!("/sandbox/v3/users/{}/otp", login.user_name))
            .await?;
        client.login_otp(&Secret::new(text(&code["otp"])?)).await?;
        println!("   OTP accepted");
    }
    let user = client.current_user().await?.data;
    println!(
        "   logged in as {} (id {}, access level {})",
        user.user_name, user.user_id, user.access_level
    );
    client.logout().await?;
    println!("   logged out");

    println!("journey complete");
    Ok(())
}
