//! The web console's access rules: login and its cookie, cross-site and CSRF refusals,
//! loopback only, the console off without an admin key, and a live request log that
//! never carries a secret, token, password or code.

use std::time::Duration;

use kgen_sandbox::{Options, COMPLETED_UID, LOBBY_UID, SCHEDULED_UID};
use reqwest::header::{COOKIE, HOST, LOCATION, ORIGIN, SET_COOKIE};
use reqwest::{redirect, Method, Response};
use serde_json::json;

use crate::support::{Env, CLIENT_SECRET};

/// A browser-like caller that keeps the console cookie itself and follows no redirect.
struct Console {
    http: reqwest::Client,
    base: String,
    cookie: String,
}

impl Console {
    fn new(env: &Env) -> Console {
        Console {
            http: reqwest::Client::builder()
                .redirect(redirect::Policy::none())
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap(),
            base: env.sandbox.base_url(),
            cookie: String::new(),
        }
    }

    async fn login(env: &Env) -> Console {
        let mut console = Console::new(env);
        let response = console.post_login(env.sandbox.admin_key()).await;
        assert_eq!(response.status(), 303);
        let set = response.headers()[SET_COOKIE].to_str().unwrap();
        console.cookie = set.split(';').next().unwrap().to_string();
        console
    }

    async fn post_login(&self, key: &str) -> Response {
        self.http
            .post(format!("{}/console/login", self.base))
            .header(ORIGIN, &self.base)
            .form(&[("key", key)])
            .send()
            .await
            .unwrap()
    }

    async fn get(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.base))
            .header(COOKIE, &self.cookie)
            .send()
            .await
            .unwrap()
    }

    async fn page(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.text().await.unwrap()
    }

    /// The session's CSRF token, as the pages embed it.
    async fn csrf(&self) -> String {
        let page = self.page("/console/").await;
        let at = page.find(r#"name="csrf" value=""#).expect("a CSRF field") + 19;
        page[at..at + page[at..].find('"').unwrap()].to_string()
    }

    async fn post(&self, path: &str, headers: &[(&str, &str)], form: &[(&str, &str)]) -> Response {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .header(COOKIE, &self.cookie)
            .form(form);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.unwrap()
    }
}

async fn clock_offset(env: &Env) -> i64 {
    env.admin_get("/sandbox/clock").await.body["offset_secs"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn the_admin_key_logs_in_with_an_http_only_same_site_strict_cookie() {
    let env = Env::demo().await;
    let console = Console::new(&env);

    let wrong = console.post_login("not-the-key").await;
    assert_eq!(wrong.status(), 401);
    assert!(wrong.headers().get(SET_COOKIE).is_none());
    assert!(wrong.text().await.unwrap().contains("not the admin key"));

    let right = console.post_login(env.sandbox.admin_key()).await;
    assert_eq!(right.status(), 303);
    assert_eq!(right.headers()[LOCATION], "/console/");
    let cookie = right.headers()[SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("kgen_console="), "{cookie}");
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/console"] {
        assert!(cookie.split("; ").any(|f| f == flag), "{flag} in {cookie}");
    }
}

#[tokio::test]
async fn pages_need_a_session() {
    let env = Env::demo().await;
    let console = Console::new(&env);
    for path in ["/console/", "/console/faults", "/console/events"] {
        let response = console.get(path).await;
        assert_eq!(response.status(), 303, "GET {path}");
        assert_eq!(response.headers()[LOCATION], "/console/login");
    }
    let forged = Console {
        cookie: "kgen_console=made-up".into(),
        ..Console::new(&env)
    };
    assert_eq!(forged.get("/console/").await.status(), 303);
    let post = forged
        .post("/console/clock", &[], &[("advance_secs", "60")])
        .await;
    assert_eq!(post.status(), 401);
    assert_eq!(clock_offset(&env).await, 0);
}

#[tokio::test]
async fn state_changes_need_the_console_origin_and_the_session_csrf_token() {
    let env = Env::demo().await;
    let console = Console::login(&env).await;
    let csrf = console.csrf().await;
    let base = env.sandbox.base_url();
    let form = [("advance_secs", "60"), ("csrf", csrf.as_str())];

    type Pairs<'a> = &'a [(&'a str, &'a str)];
    let refusals: [(Pairs, Pairs); 5] = [
        (&[], &[("advance_secs", "60")]),
        (&[], &[("advance_secs", "60"), ("csrf", "guessed")]),
        (&[("origin", "http://evil.example")], &form),
        // Another port of the same host is the same site: the cookie alone would pass.
        (&[("origin", "http://127.0.0.1:1")], &form),
        (&[("sec-fetch-site", "same-site")], &form),
    ];
    for (headers, fields) in refusals {
        let response = console.post("/console/clock", headers, fields).await;
        assert_eq!(response.status(), 403, "{headers:?} {fields:?}");
    }
    assert_eq!(
        clock_offset(&env).await,
        0,
        "no refused request moved the clock"
    );

    let headers = [("origin", base.as_str()), ("sec-fetch-site", "same-origin")];
    let response = console.post("/console/clock", &headers, &form).await;
    assert_eq!(response.status(), 303);
    assert_eq!(clock_offset(&env).await, 60);
}

#[tokio::test]
async fn lifecycle_buttons_are_the_admin_api_actions() {
    let env = Env::demo().await;
    let console = Console::login(&env).await;
    let csrf = console.csrf().await;
    let path = format!("/console/tournaments/{LOBBY_UID}");

    let start = [("step", "start"), ("csrf", csrf.as_str())];
    assert_eq!(console.post(&path, &[], &start).await.status(), 303);
    let state = |list: Vec<serde_json::Value>, uid: &str| {
        list.iter().find(|t| t["tournament_uid"] == uid).unwrap()["tournament_status"].clone()
    };
    assert_eq!(state(env.tournaments().await, LOBBY_UID), "STARTED");
    assert!(console
        .page(&path)
        .await
        .contains("The tournament is STARTED."));

    // The admin API's refusal is shown as it is: a paid-out tournament stays completed.
    let completed = format!("/console/tournaments/{COMPLETED_UID}");
    assert_eq!(console.post(&completed, &[], &start).await.status(), 303);
    let page = console.page(&completed).await;
    assert!(
        page.contains(
            r#"<p class="notice bad" id="flash">the tournament has completed and paid out</p>"#
        ),
        "{page}"
    );
    assert_eq!(state(env.tournaments().await, COMPLETED_UID), "COMPLETED");

    // Only a tournament uid reaches the admin path.
    let sneaky = console
        .post("/console/tournaments/..%2Fclock", &[], &start)
        .await;
    assert_eq!(sneaky.status(), 404);
    assert_eq!(state(env.tournaments().await, SCHEDULED_UID), "SCHEDULED");
}

#[tokio::test]
async fn the_console_answers_under_loopback_names_only() {
    let env = Env::demo().await;
    let console = Console::new(&env);
    let port = env.sandbox.addr().port();
    for host in ["localhost", "127.0.0.1", "LOCALHOST"] {
        let response = console
            .http
            .get(format!("{}/console/login", env.sandbox.base_url()))
            .header(HOST, format!("{host}:{port}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{host}");
    }
    // A name that resolves to 127.0.0.1 for an attacker's page (DNS rebinding).
    let response = console
        .http
        .get(format!("{}/console/login", env.sandbox.base_url()))
        .header(HOST, format!("attacker.example:{port}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn without_an_admin_key_the_console_says_how_to_turn_it_on() {
    let env = Env::with(Options {
        admin_key: String::new(),
        ..Options::default()
    })
    .await;
    let console = Console::new(&env);
    let response = console.get("/console/").await;
    assert_eq!(response.status(), 503);
    let page = response.text().await.unwrap();
    assert!(page.contains("--admin-key"), "{page}");
    assert_eq!(console.post_login("").await.status(), 503);
    // Nor is there an admin API to reach with an empty key.
    let admin = reqwest::Client::new()
        .get(format!("{}/sandbox/tournaments", env.sandbox.base_url()))
        .header("x-admin-key", "")
        .send()
        .await
        .unwrap();
    assert_eq!(admin.status(), 401);
}

#[tokio::test]
async fn pages_are_not_cached_framed_or_open_to_foreign_scripts() {
    let env = Env::demo().await;
    let console = Console::login(&env).await;
    let response = console.get("/console/").await;
    let header = |name: &str| response.headers()[name].to_str().unwrap().to_string();
    assert_eq!(header("cache-control"), "no-store");
    assert_eq!(header("x-frame-options"), "DENY");
    let csp = header("content-security-policy");
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
    let script = console.get("/console/assets/console.js").await;
    assert_eq!(script.status(), 200);
    assert!(script.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
}

#[tokio::test]
async fn the_request_log_stream_never_carries_a_secret_token_password_or_code() {
    let env = Env::demo().await;
    let console = Console::login(&env).await;
    let mut stream = console.get("/console/events").await;

    let player = env.session("log-player").await;
    let phone = "9876512345";
    let sent = env
        .post(
            "/fe/users/auth/otp/register",
            &player.token,
            json!({ "phone_number": phone, "countryCode": "+91" }),
        )
        .await;
    let auth_code: u64 = sent.expect_ok()["authCode"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let otp = env
        .admin_get(&format!(
            "/sandbox/otp?phone_number={phone}&countryCode=%2B91"
        ))
        .await
        .body["otp"]
        .as_str()
        .unwrap()
        .to_string();
    let code: u64 = otp.parse().unwrap();
    env.post(
        "/fe/users/auth/otp/verify",
        &player.token,
        json!({ "phone_number": phone, "countryCode": "+91", "authCode": auth_code, "otp": code }),
    )
    .await
    .expect_ok();
    let login = json!({ "userName": "demo", "password": kgen_sandbox::V3_PASSWORD });
    env.send(
        Method::POST,
        "/v3/session/login",
        &[],
        Some(&login.to_string()),
    )
    .await;
    // The last request: once it is in the stream, all the others are too.
    env.get("/fe/wallet/balance?marker=done", &player.token)
        .await;

    let mut log = String::new();
    while !log.contains("/fe/wallet/balance") {
        let chunk = tokio::time::timeout(Duration::from_secs(10), stream.chunk())
            .await
            .expect("the request log streams")
            .unwrap()
            .expect("an open stream");
        log.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    for path in [
        "/s2s/session",
        "/fe/users/auth/otp/register",
        "/fe/users/auth/otp/verify",
        "/sandbox/otp",
        "/v3/session/login",
    ] {
        assert!(
            log.contains(&format!(r#""path":"{path}""#)),
            "{path} in {log}"
        );
    }
    let token_head = &player.token[..20];
    for secret in [
        CLIENT_SECRET,
        env.sandbox.admin_key(),
        kgen_sandbox::V3_PASSWORD,
        token_head,
        otp.as_str(),
        "marker",
    ] {
        assert!(
            !log.contains(secret),
            "{secret:?} in the request log: {log}"
        );
    }
}

#[tokio::test]
async fn the_request_log_marks_replays_injected_faults_and_dropped_connections() {
    let env = Env::demo().await;
    let console = Console::login(&env).await;
    let mut stream = console.get("/console/events").await;

    let player = env.session("replay-player").await;
    let join = format!("/fe/esports/tournaments/{LOBBY_UID}/join");
    let headers = [
        ("user-jwt-token", player.token.as_str()),
        ("Idempotency-Key", "console-replay"),
    ];
    let body = json!({ "joiningStake": 10 }).to_string();
    for _ in 0..2 {
        env.send(Method::POST, &join, &headers, Some(&body))
            .await
            .expect_ok();
    }
    env.fault(json!({ "path": "/fe/wallet/transactions", "drop": "before", "times": 1 }))
        .await;
    let dropped = env
        .try_send(Method::GET, "/fe/wallet/transactions", &headers[..1], None)
        .await;
    assert!(dropped.is_err(), "the connection closes unanswered");
    env.fault(json!({ "path": "/fe/wallet/balance", "status": 429, "retry_after_secs": 7, "latency_ms": 5, "times": 1 }))
        .await;
    env.get("/fe/wallet/balance", &player.token).await;

    let mut log = String::new();
    while !log.contains(r#""path":"/fe/wallet/balance""#) {
        let chunk = tokio::time::timeout(Duration::from_secs(10), stream.chunk())
            .await
            .expect("the request log streams")
            .unwrap()
            .expect("an open stream");
        log.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    let entries: Vec<serde_json::Value> = log
        .lines()
        .filter_map(|line| line.strip_prefix("data: "))
        .map(|data| serde_json::from_str(data).unwrap())
        .collect();
    let joins: Vec<_> = entries.iter().filter(|e| e["path"] == join).collect();
    assert_eq!(joins.len(), 2, "{log}");
    assert_eq!(
        (joins[0]["replayed"].clone(), joins[1]["replayed"].clone()),
        (json!(false), json!(true))
    );
    let dropped = entries
        .iter()
        .find(|e| e["path"] == "/fe/wallet/transactions")
        .unwrap();
    assert_eq!(
        (&dropped["status"], &dropped["fault"]),
        (&json!(null), &json!("drop before"))
    );
    let faulted = entries
        .iter()
        .find(|e| e["path"] == "/fe/wallet/balance")
        .unwrap();
    assert_eq!(faulted["status"], 429);
    assert_eq!(faulted["fault"], "429 (Retry-After 7 s), +5 ms");
}

#[tokio::test]
async fn a_sandbox_bound_beyond_loopback_on_purpose_serves_the_console_under_any_name() {
    let env = Env::with(Options {
        host: "0.0.0.0".into(),
        ..Options::default()
    })
    .await;
    let port = env.sandbox.addr().port();
    let response = Console::new(&env)
        .http
        .get(format!("http://127.0.0.1:{port}/console/login"))
        .header(HOST, format!("sandbox.lan:{port}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}
