//! Bad input gets a 4xx JSON error, never a 500, a panic or a hang.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{uid_path, Env};

/// A body is a JSON object or nothing (JSON whitespace): serde would read an array into a
/// struct field by field, and a form feed is not JSON whitespace.
#[tokio::test]
async fn only_a_json_object_or_nothing_is_a_body() {
    let env = Env::start().await;
    for (path, body) in [
        ("/sandbox/reset", "[]"),
        ("/sandbox/reset", "\u{c}"),
        ("/sandbox/settings", "[]"),
        ("/sandbox/clients", r#"["game", "secret"]"#),
    ] {
        env.admin_send(Method::POST, path, Some(body))
            .await
            .expect_error(400, "BAD_REQUEST");
    }
}

#[tokio::test]
async fn malformed_and_mistyped_bodies_are_bad_requests() {
    let env = Env::demo().await;
    let player = env.session("p1").await;
    let join = uid_path(kgen_sandbox::LIVE_UID, "join");
    let token = [("user-jwt-token", player.token.as_str())];
    for body in [
        "",
        "{",
        "null",
        "[]",
        r#"{"joiningStake":"10"}"#,
        r#"{"joiningStake":1e999}"#,
        r#"{"joiningStake":99999999999999999999}"#,
    ] {
        env.send(Method::POST, &join, &token, Some(body))
            .await
            .expect_error(400, "BAD_REQUEST");
    }
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    env.send(Method::POST, &join, &token, Some(&deep))
        .await
        .expect_error(400, "BAD_REQUEST");
    let not_utf8 = env
        .http
        .post(env.url(&join))
        .header("user-jwt-token", &player.token)
        .body(vec![0xff, 0xfe, b'{', b'}'])
        .send()
        .await
        .unwrap();
    assert_eq!(not_utf8.status(), 400);
}

#[tokio::test]
async fn any_content_type_or_none_is_read_as_json() {
    let env = Env::demo().await;
    let player = env.session("p1").await;
    let body = json!({ "joiningStake": 10 }).to_string();
    let headers = [
        ("user-jwt-token", player.token.as_str()),
        ("content-type", "text/plain"),
    ];
    env.send(
        Method::POST,
        &uid_path(kgen_sandbox::LIVE_UID, "join"),
        &headers,
        Some(&body),
    )
    .await
    .expect_ok();
    let headers = [("user-jwt-token", player.token.as_str())];
    env.send(
        Method::POST,
        &uid_path(kgen_sandbox::LOBBY_UID, "join"),
        &headers,
        Some(&body),
    )
    .await
    .expect_ok();
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let big = format!(
        r#"{{"joiningStake":1,"pad":"{}"}}"#,
        "x".repeat(kgen_sandbox::BODY_LIMIT)
    );
    let headers = [("user-jwt-token", player.token.as_str())];
    let reply = env
        .send(
            Method::POST,
            &uid_path(kgen_sandbox::LIVE_UID, "join"),
            &headers,
            Some(&big),
        )
        .await;
    reply.expect_error(413, "PAYLOAD_TOO_LARGE");
    let v3 = env
        .send(
            Method::POST,
            "/v3/session/login",
            &[("PRIVATE-TOKEN", "demo-api-key")],
            Some(&big),
        )
        .await;
    // i3D's code 10008, "An invalid parameter was provided".
    assert_eq!(
        (v3.status, v3.body["errorCode"].clone()),
        (413, json!(10008))
    );

    // A chunked body without Content-Length is cut off at the limit as well.
    let mut stream = TcpStream::connect(env.sandbox.addr()).await.unwrap();
    let chunk = "x".repeat(16 * 1024);
    let mut request = format!(
        "POST /fe/wallet/withdraw HTTP/1.1\r\nhost: sandbox\r\nuser-jwt-token: {}\r\ntransfer-encoding: chunked\r\n\r\n",
        player.token
    );
    for _ in 0..5 {
        request.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    request.push_str("0\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = vec![0; 4096];
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut response))
        .await
        .unwrap()
        .unwrap();
    let text = String::from_utf8_lossy(&response[..read]);
    assert!(
        text.starts_with("HTTP/1.1 413") && text.contains("PAYLOAD_TOO_LARGE"),
        "{text}"
    );
}

#[tokio::test]
async fn unknown_paths_and_wrong_methods_are_json_errors() {
    let env = Env::start().await;
    for path in [
        "/",
        "/fe",
        "/fe/wallet/balance/",
        "/sandbox/nothing",
        "/%ff",
    ] {
        env.send(Method::GET, path, &[], None)
            .await
            .expect_error(404, "ROUTE_NOT_FOUND");
    }
    for (method, path) in [
        (Method::DELETE, "/fe/wallet/balance"),
        (Method::GET, "/s2s/session"),
        (Method::PUT, "/fe/esports/rewards/claim"),
        (Method::PATCH, "/sandbox/faults"),
    ] {
        let reply = env.send(method, path, &[], None).await;
        reply.expect_error(405, "METHOD_NOT_ALLOWED");
        assert!(reply.header("allow").is_some());
    }
    // The /v3 family answers in its own error object, with the code beside it.
    let unknown = env
        .send(Method::GET, "/v3/session/nothing", &[], None)
        .await;
    assert_eq!(
        (
            unknown.status,
            unknown.body["errorCode"].clone(),
            unknown.code()
        ),
        (404, json!(10001), "ROUTE_NOT_FOUND")
    );
    let wrong_method = env.send(Method::GET, "/v3/session/login", &[], None).await;
    assert_eq!(
        (wrong_method.status, wrong_method.body["errorCode"].clone()),
        (405, json!(10008))
    );
}

#[tokio::test]
async fn odd_headers_and_queries_do_not_break_anything() {
    let env = Env::start().await;
    let player = env.session("p1").await;
    let weird_id = "x".repeat(300);
    let reply = env
        .send(
            Method::GET,
            "/fe/wallet/balance",
            &[
                ("user-jwt-token", &player.token),
                ("x-request-id", &weird_id),
            ],
            None,
        )
        .await;
    reply.expect_ok();
    assert!(
        reply.header("x-request-id").unwrap().starts_with("sbx-"),
        "an unusable request id is replaced"
    );
    let echoed = env
        .send(
            Method::GET,
            "/fe/wallet/balance",
            &[
                ("user-jwt-token", &player.token),
                ("x-request-id", "req-42"),
            ],
            None,
        )
        .await;
    assert_eq!(echoed.header("x-request-id"), Some("req-42"));
    // user-jwt-token is the raw token: an Authorization-style scheme is refused.
    let bearer = format!("Bearer {}", player.token);
    env.send(
        Method::GET,
        "/fe/wallet/balance",
        &[("user-jwt-token", &bearer)],
        None,
    )
    .await
    .expect_error(401, "UN_AUTHORIZED");
    env.get("/fe/wallet/transactions?limit=1&limit=2", &player.token)
        .await
        .expect_error(400, "BAD_REQUEST");
    env.get("/fe/wallet/transactions?unknown=1", &player.token)
        .await
        .expect_ok();
    env.admin_get("/sandbox/otp?phone_number=12")
        .await
        .expect_error(400, "BAD_REQUEST");
}
