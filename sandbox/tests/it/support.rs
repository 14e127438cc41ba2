//! Test helpers: an in-process sandbox on port 0 and a small JSON client.

use std::time::Duration;

use kgen_sandbox::{Options, Sandbox};
use reqwest::header::HeaderMap;
use reqwest::Method;
use serde_json::{json, Value};

pub const CLIENT_ID: &str = "demo-client";
pub const CLIENT_SECRET: &str = "demo-secret";

pub struct Env {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
}

/// One response, decoded.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    pub body: Value,
}

impl Reply {
    /// The KGeN error code (`error` field).
    pub fn code(&self) -> &str {
        self.body["error"].as_str().unwrap_or("")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a KGeN error response with this status and code.
    #[track_caller]
    pub fn expect_error(&self, status: u16, code: &str) {
        assert_eq!(
            (self.status, self.code()),
            (status, code),
            "body: {}",
            self.text
        );
        assert!(
            self.body["message"].is_string(),
            "message missing: {}",
            self.text
        );
        assert!(
            self.header("x-request-id").is_some(),
            "x-request-id missing"
        );
    }

    #[track_caller]
    pub fn expect_ok(&self) -> &Value {
        assert_eq!(self.status, 200, "body: {}", self.text);
        &self.body
    }
}

/// A player with a fresh session.
pub struct Player {
    pub user_id: String,
    pub token: String,
    pub session: Value,
}

impl Env {
    pub async fn start() -> Env {
        Env::with(Options::default()).await
    }

    pub async fn demo() -> Env {
        Env::with(Options {
            demo: true,
            ..Options::default()
        })
        .await
    }

    pub async fn with(opts: Options) -> Env {
        let sandbox = Sandbox::start(opts).await.expect("sandbox starts");
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap();
        Env { sandbox, http }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Reply {
        self.try_send(method, path, headers, body)
            .await
            .expect("a response")
    }

    pub async fn try_send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> reqwest::Result<Reply> {
        let mut request = self.http.request(method, self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.body(body.to_string());
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await?;
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Ok(Reply {
            status,
            headers,
            text,
            body,
        })
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.send(Method::GET, path, &[("user-jwt-token", token)], None)
            .await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.send(
            Method::POST,
            path,
            &[("user-jwt-token", token)],
            Some(&body.to_string()),
        )
        .await
    }

    pub async fn admin_get(&self, path: &str) -> Reply {
        self.send(
            Method::GET,
            path,
            &[("x-admin-key", self.sandbox.admin_key())],
            None,
        )
        .await
    }

    /// An admin request whose answer may be an error.
    pub async fn admin_send(&self, method: Method, path: &str, body: Option<&str>) -> Reply {
        self.send(
            method,
            path,
            &[("x-admin-key", self.sandbox.admin_key())],
            body,
        )
        .await
    }

    /// Injects a fault; returns its id.
    pub async fn fault(&self, spec: Value) -> String {
        let reply = self.admin_post("/sandbox/faults", spec).await;
        reply.body["id"].as_str().unwrap().to_string()
    }

    pub async fn admin_post(&self, path: &str, body: Value) -> Reply {
        let reply = self
            .send(
                Method::POST,
                path,
                &[("x-admin-key", self.sandbox.admin_key())],
                Some(&body.to_string()),
            )
            .await;
        assert_eq!(reply.status, 200, "admin {path}: {}", reply.text);
        reply
    }

    pub async fn session(&self, user_id: &str) -> Player {
        let session = self
            .send(
                Method::POST,
                "/s2s/session",
                &[
                    ("x-client-id", CLIENT_ID),
                    ("x-client-secret", CLIENT_SECRET),
                ],
                Some(&json!({ "user_id": user_id }).to_string()),
            )
            .await
            .expect_ok()
            .clone();
        let token = session["access_token"].as_str().unwrap().to_string();
        Player {
            user_id: user_id.to_string(),
            token,
            session,
        }
    }

    /// [`Env::session`] for futures that outlive the name's borrow.
    pub async fn session_owned(&self, user_id: String) -> Player {
        self.session(&user_id).await
    }

    /// A tournament of the default game in `state`; returns its uid.
    /// Every tournament, in any state (the admin listing).
    pub async fn tournaments(&self) -> Vec<Value> {
        let reply = self.admin_get("/sandbox/tournaments").await;
        reply.expect_ok().as_array().expect("a JSON array").clone()
    }

    pub async fn tournament(&self, state: &str, buy_in: i64, size: i64) -> String {
        let body = json!({ "title": "Test Cup", "buy_in_price": buy_in, "tournament_size": size, "state": state });
        let reply = self.admin_post("/sandbox/tournaments", body).await;
        reply.body["tournament_uid"].as_str().unwrap().to_string()
    }

    pub async fn force_state(&self, uid: &str, state: &str) -> Value {
        self.admin_post(
            &format!("/sandbox/tournaments/{uid}/state"),
            json!({ "state": state }),
        )
        .await
        .body
    }

    pub async fn advance_clock(&self, secs: i64) {
        self.admin_post("/sandbox/clock", json!({ "advance_secs": secs }))
            .await;
    }

    pub async fn join(&self, player: &Player, uid: &str, stake: i64) -> Reply {
        self.post(
            &format!("/fe/esports/tournaments/{uid}/join"),
            &player.token,
            json!({ "joiningStake": stake }),
        )
        .await
    }

    pub async fn score(&self, player: &Player, uid: &str, value: i64) -> Reply {
        let body = json!({ "metadata": { "tournamentUID": uid }, "payload": { "score": { "value": value } } });
        self.post(
            &format!("/fe/esports/tournaments/{uid}/score"),
            &player.token,
            body,
        )
        .await
    }

    pub async fn balance(&self, player: &Player) -> Value {
        self.get("/fe/wallet/balance", &player.token)
            .await
            .expect_ok()
            .clone()
    }

    pub async fn transactions(&self, player: &Player) -> Vec<Value> {
        let reply = self
            .get("/fe/wallet/transactions?limit=100", &player.token)
            .await;
        reply.expect_ok()["transactions"]
            .as_array()
            .unwrap()
            .clone()
    }

    pub async fn credit(&self, player: &Player, balances: Value) {
        let mut body = balances;
        body["user_id"] = json!(player.user_id);
        self.admin_post("/sandbox/wallets/credit", body).await;
    }

    pub async fn shutdown(self) {
        self.sandbox.shutdown().await;
    }
}

pub fn uid_path(uid: &str, action: &str) -> String {
    format!("/fe/esports/tournaments/{uid}/{action}")
}
