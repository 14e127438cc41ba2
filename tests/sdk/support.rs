//! Test helpers: an in-process sandbox, SDK clients configured for fast tests, and the
//! sandbox's admin API.

use std::time::Duration;

use kgen::{Client, Config, CreateSession, Error, ErrorKind, RetryPolicy, Session};
use kgen_sandbox::{Options, Sandbox};
use serde_json::{json, Value};

pub use kgen_sandbox::{LIVE_UID, LOBBY_UID, SCHEDULED_UID, V3_PASSWORD};

pub const CLIENT_ID: &str = "demo-client";
pub const CLIENT_SECRET: &str = "demo-secret";

/// A sandbox with demo data and an admin handle.
pub struct Env {
    pub sandbox: Sandbox,
    pub admin: Admin,
}

impl Env {
    pub async fn demo() -> Env {
        Env::with(Options::default()).await
    }

    pub async fn with(options: Options) -> Env {
        let sandbox = Sandbox::start(Options {
            demo: true,
            ..options
        })
        .await
        .expect("sandbox starts");
        let admin = Admin {
            http: reqwest::Client::new(),
            base: sandbox.base_url(),
            key: sandbox.admin_key().to_owned(),
        };
        Env { sandbox, admin }
    }

    /// Config for this sandbox: server credentials, short backoff, 5 s deadline.
    pub fn config(&self) -> Config {
        Config::new(self.sandbox.base_url())
            .with_account_base_url(self.sandbox.base_url())
            // The 2FA demo user's key: without a login, /v3/session/user answers for demo2fa.
            .with_private_token("demo2fa-api-key")
            .with_client_credentials(CLIENT_ID, CLIENT_SECRET)
            .with_request_timeout(Duration::from_secs(5))
            .with_retry(RetryPolicy {
                max_attempts: 4,
                base_delay: Duration::from_millis(10),
                max_delay: Duration::from_millis(50),
                ..RetryPolicy::default()
            })
    }

    pub fn client(&self) -> Client {
        Client::new(self.config()).expect("client")
    }

    /// A client whose attempts give up after one second (each call still has five).
    pub fn impatient_client(&self) -> Client {
        let mut config = self.config();
        config.retry.attempt_timeout = Duration::from_secs(1);
        Client::new(config).expect("client")
    }

    /// A server-flow session for `user_id` on an `impatient_client`.
    pub async fn impatient_player(&self, user_id: &str) -> Session {
        session_on(&self.impatient_client(), user_id).await
    }

    /// A server-flow session for `user_id` on a fresh client.
    pub async fn player(&self, user_id: &str) -> Session {
        session_on(&self.client(), user_id).await
    }
}

/// A server-flow session for `user_id` on `client`.
async fn session_on(client: &Client, user_id: &str) -> Session {
    client
        .create_session(CreateSession::new(user_id))
        .await
        .expect("session")
        .data
}

/// The sandbox's admin API.
pub struct Admin {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Admin {
    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .header("x-admin-key", &self.key);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let response = request.send().await.expect("admin request");
        let status = response.status();
        let text = response.text().await.expect("admin body");
        assert!(status.is_success(), "{method} {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    pub async fn get(&self, path: &str) -> Value {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    /// Injects a fault (see the sandbox's `/sandbox/faults`).
    pub async fn fault(&self, fault: Value) {
        self.post("/sandbox/faults", fault).await;
    }

    /// Removes every injected fault.
    pub async fn clear_faults(&self) {
        self.send(reqwest::Method::DELETE, "/sandbox/faults", None)
            .await;
    }

    /// How many requests reached `route` (e.g. `"POST /s2s/session"`).
    pub async fn hits(&self, route: &str) -> u64 {
        self.get("/sandbox/stats").await["routes"][route]
            .as_u64()
            .unwrap_or(0)
    }

    /// Every score the sandbox accepted for tournament `uid`, in order (its ledger).
    pub async fn scores(&self, uid: &str) -> Vec<i64> {
        self.get(&format!("/sandbox/tournaments/{uid}/scores"))
            .await["submissions"]
            .as_array()
            .expect("submissions")
            .iter()
            .map(|s| s["score"].as_i64().expect("score"))
            .collect()
    }

    /// A tournament in `state` with this buy-in and size; returns its uid.
    pub async fn tournament(&self, state: &str, buy_in: i64, size: i64) -> String {
        let t = self
            .post(
                "/sandbox/tournaments",
                json!({"title": format!("{state} test"), "buy_in_price": buy_in, "tournament_size": size, "state": state}),
            )
            .await;
        t["tournament_uid"].as_str().expect("uid").to_owned()
    }

    pub async fn set_state(&self, uid: &str, state: &str) {
        self.post(
            &format!("/sandbox/tournaments/{uid}/state"),
            json!({ "state": state }),
        )
        .await;
    }

    /// Completes a tournament now; returns the winners array.
    pub async fn complete(&self, uid: &str) -> Value {
        self.post(&format!("/sandbox/tournaments/{uid}/complete"), json!({}))
            .await["winners"]
            .clone()
    }

    pub async fn advance_clock(&self, secs: i64) {
        self.post("/sandbox/clock", json!({ "advance_secs": secs }))
            .await;
    }

    pub async fn credit(&self, user_id: &str, funds: Value) {
        let mut body = funds;
        body["user_id"] = json!(user_id);
        self.post("/sandbox/wallets/credit", body).await;
    }

    /// The OTP last "sent" to a phone.
    pub async fn otp(&self, phone: &str, country_code: &str) -> String {
        let cc = country_code.replace('+', "%2B");
        self.get(&format!(
            "/sandbox/otp?phone_number={phone}&countryCode={cc}"
        ))
        .await["otp"]
            .as_str()
            .expect("otp")
            .to_owned()
    }

    /// The pending two-factor code of a `/v3` user.
    pub async fn v3_otp(&self, user_name: &str) -> String {
        self.get(&format!("/sandbox/v3/users/{user_name}/otp"))
            .await["otp"]
            .as_str()
            .expect("otp")
            .to_owned()
    }
}

/// Asserts an HTTP error with this status and API code.
#[track_caller]
pub fn assert_api_error<T: std::fmt::Debug>(
    result: Result<T, Error>,
    status: u16,
    code: &str,
) -> Error {
    let error = result.expect_err("the call must fail");
    assert_eq!(error.kind(), ErrorKind::Http, "{error:?}");
    assert_eq!(
        (error.http_status(), error.api_code().map(|c| c.as_str())),
        (Some(status), Some(code)),
        "{error:?}"
    );
    assert!(error.request_id().starts_with("kgen-"), "{error:?}");
    assert!(!error.raw_body().is_empty());
    error
}

/// A loopback port nothing listens on (bound, then released).
pub fn unused_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
