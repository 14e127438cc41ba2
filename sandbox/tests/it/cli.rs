//! The `kgen-sandbox` binary: first stdout line, request log without secrets, SIGTERM.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn prints_its_address_first_and_logs_requests_without_secrets() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgen-sandbox"))
        .args([
            "--port",
            "0",
            "--demo",
            "--client-secret",
            "top-secret-value",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let base = first
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {first:?}"))
        .to_string();
    let port: u16 = base
        .strip_prefix("http://127.0.0.1:")
        .unwrap()
        .parse()
        .unwrap();
    assert_ne!(port, 0);
    let mut second = String::new();
    stdout.read_line(&mut second).unwrap();
    assert_eq!(second.trim_end(), format!("console: {base}/console/"));

    let http = reqwest::Client::new();
    let session: serde_json::Value = http
        .post(format!("{base}/s2s/session"))
        .header("x-client-id", "demo-client")
        .header("x-client-secret", "top-secret-value")
        .body(json!({ "user_id": "cli-player" }).to_string())
        .send()
        .await
        .unwrap()
        .json_text()
        .await;
    let token = session["access_token"].as_str().unwrap().to_string();
    let otp_body = json!({ "phone_number": "9876500000", "countryCode": "+91", "authCode": 4321, "otp": 765432 });
    http.post(format!("{base}/fe/users/auth/otp/verify"))
        .header("user-jwt-token", &token)
        .body(otp_body.to_string())
        .send()
        .await
        .unwrap();
    let login = json!({ "userName": "demo", "password": "demo-password" });
    http.request(Method::POST, format!("{base}/v3/session/login"))
        .body(login.to_string())
        .send()
        .await
        .unwrap();
    http.get(format!(
        "{base}/sandbox/otp?phone_number=9876500000&countryCode=%2B91&otp=765432"
    ))
    .header("x-admin-key", "sandbox-admin")
    .header("x-request-id", "cli-check")
    .send()
    .await
    .unwrap();

    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    assert!(
        child.wait().unwrap().success(),
        "SIGTERM stops the server cleanly"
    );
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert!(
        !rest.contains("top-secret-value"),
        "a custom secret is never echoed"
    );
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(
        log.lines().any(|l| l.starts_with("POST /s2s/session 200 ")),
        "{log}"
    );
    assert!(
        log.lines()
            .any(|l| l.starts_with("GET /sandbox/otp 404 ") && l.ends_with(" cli-check")),
        "{log}"
    );
    for secret in [
        "top-secret-value",
        token.as_str(),
        "765432",
        "demo-password",
        "sandbox-admin",
    ] {
        assert!(!log.contains(secret), "the log leaks {secret}: {log}");
    }
}

/// `Response::text` parsed as JSON (the client has no json feature).
trait JsonText {
    async fn json_text(self) -> serde_json::Value;
}

impl JsonText for reqwest::Response {
    async fn json_text(self) -> serde_json::Value {
        serde_json::from_str(&self.text().await.unwrap()).unwrap()
    }
}

#[tokio::test]
async fn an_unread_stderr_never_stalls_requests() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgen-sandbox"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let base = first
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap()
        .to_string();
    let http = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap();
    // Far more log than a pipe buffer holds, and nobody reads it.
    for _ in 0..2000 {
        let reply = http
            .get(format!("{base}/sandbox/clock"))
            .header("x-admin-key", "sandbox-admin")
            .send()
            .await;
        assert_eq!(reply.unwrap().status(), 200);
    }
    child.kill().unwrap();
    child.wait().unwrap();
}
