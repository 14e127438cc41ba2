//! What goes over the wire, checked with a bare TCP peer where the sandbox cannot show it
//! (request headers, proxies, endless bodies).

use std::time::Duration;

use kgen::{Client, Config, ErrorKind, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

use crate::support::Env;

/// An unsigned token for a client-flow session (the SDK never verifies signatures).
fn token() -> String {
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    format!(
        "{}.{}.sig",
        b64(r#"{"alg":"HS256"}"#),
        b64(r#"{"user_id":"t1","exp":4102444800}"#)
    )
}

/// Reads one request head from `stream`.
async fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await.unwrap_or(0) == 0 {
            break;
        }
        head.push(byte[0]);
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// A peer that answers each connection's first request with the next canned response
/// and reports the requests it saw (head, then body).
async fn peer<R: AsRef<[u8]> + Send + 'static>(
    responses: Vec<R>,
) -> (String, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (heads, seen) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        for response in responses {
            let (mut stream, _) = listener.accept().await.unwrap();
            let head = read_head(&mut stream).await.to_ascii_lowercase();
            // Reads the body too: closing with unread bytes would reset the connection.
            let length = header(&head, "content-length").map_or(0, |l| l.parse().unwrap());
            let mut body = vec![0u8; length];
            let _ = stream.read_exact(&mut body).await;
            let _ = heads.send(head + &String::from_utf8_lossy(&body));
            let _ = stream.write_all(response.as_ref()).await;
            let _ = stream.shutdown().await;
        }
    });
    (url, seen)
}

/// A complete response with a JSON body.
fn respond(status: u16, body: &str) -> String {
    format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(':').map(str::trim))
}

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

#[tokio::test]
async fn every_attempt_of_a_call_carries_the_same_request_id_and_idempotency_key() {
    let (url, mut seen) = peer(vec![
        "HTTP/1.1 429 Too Many Requests\r\nretry-after: 0\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: close\r\n\r\n{\"msg\":\"x\"}",
    ])
    .await;
    let client = Client::new(Config {
        retry: fast_retry(),
        ..Config::new(url)
    })
    .unwrap();
    let p = client.restore_session(&token(), None).unwrap();
    assert_eq!(p.withdraw().await.unwrap().data.message, "x");

    let (first, second) = (seen.recv().await.unwrap(), seen.recv().await.unwrap());
    assert!(
        first.starts_with("post /fe/wallet/withdraw http/1.1"),
        "{first}"
    );
    for name in ["x-request-id", "idempotency-key"] {
        assert!(header(&first, name).is_some(), "{name} sent");
        assert_eq!(
            header(&first, name),
            header(&second, name),
            "{name} is stable"
        );
    }
    assert!(header(&first, "x-request-id").unwrap().starts_with("kgen-"));
    let agent = header(&first, "user-agent").unwrap();
    assert!(
        agent.starts_with(&format!("kgen-sdk/{} (", kgen::VERSION)),
        "{agent}"
    );
    assert_eq!(
        header(&first, "user-jwt-token"),
        Some(token().to_ascii_lowercase().as_str())
    );
}

#[tokio::test]
async fn only_mutating_requests_carry_an_idempotency_key_and_a_renewal_never_borrows_one() {
    let session = respond(
        200,
        &format!(r#"{{"user_id":"t1","access_token":"{}"}}"#, token()),
    );
    let (url, mut seen) = peer(vec![
        session.clone(),
        respond(401, r#"{"error":"UN_AUTHORIZED"}"#),
        session,
        respond(200, r#"{"msg":"x"}"#),
    ])
    .await;
    let client = Client::new(Config::new(url).with_client_credentials("id", "secret")).unwrap();
    let p = client
        .create_session(kgen::CreateSession::new("t1"))
        .await
        .unwrap()
        .data;
    assert_eq!(p.withdraw().await.unwrap().data.message, "x");

    let mut heads = Vec::new();
    for _ in 0..4 {
        heads.push(seen.recv().await.unwrap());
    }
    let route = |h: &String| h.split(' ').take(2).collect::<Vec<_>>().join(" ");
    let routes: Vec<_> = heads.iter().map(route).collect();
    assert_eq!(
        routes,
        [
            "post /s2s/session",
            "post /fe/wallet/withdraw",
            "post /s2s/session",
            "post /fe/wallet/withdraw"
        ]
    );
    let key = |i: usize| header(&heads[i], "idempotency-key");
    assert_eq!(key(0), None, "create-or-retrieve needs no key");
    assert_eq!(
        key(2),
        None,
        "the renewal inside the withdrawal has none either"
    );
    assert!(key(1).is_some());
    assert_eq!(
        key(1),
        key(3),
        "the withdrawal keeps its key across the renewal"
    );
}

#[tokio::test]
async fn calls_from_one_call_to_the_next_use_fresh_ids_and_the_suffix_ends_the_user_agent() {
    let ok = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n[]";
    let (url, mut seen) = peer(vec![ok, ok]).await;
    let config = Config {
        user_agent_suffix: Some("MyGame/1.2".into()),
        ..Config::new(url)
    };
    let p = Client::new(config)
        .unwrap()
        .restore_session(&token(), None)
        .unwrap();
    p.active_tournaments().await.unwrap();
    p.active_tournaments().await.unwrap();
    let (a, b) = (seen.recv().await.unwrap(), seen.recv().await.unwrap());
    assert_ne!(header(&a, "x-request-id"), header(&b, "x-request-id"));
    assert!(header(&a, "user-agent").unwrap().ends_with(") mygame/1.2"));
    assert_eq!(
        header(&a, "idempotency-key"),
        None,
        "reads carry no idempotency key"
    );
}

#[tokio::test]
async fn a_configured_proxy_carries_every_request() {
    let (proxy, mut seen) = peer(vec![
        "HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n[]",
    ])
    .await;
    let config = Config {
        proxy: Some(proxy),
        ..Config::new("http://127.0.0.1:9")
    };
    let p = Client::new(config)
        .unwrap()
        .restore_session(&token(), None)
        .unwrap();
    p.historic_statistics().await.unwrap();
    let head = seen.recv().await.unwrap();
    assert!(
        head.starts_with("get http://127.0.0.1:9/fe/esports/statistics/historic "),
        "{head}"
    );
}

#[tokio::test]
async fn an_endless_body_is_cut_at_the_cap_without_buffering_it() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        read_head(&mut stream).await;
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
            .await;
        let chunk = format!("2000\r\n{}\r\n", "x".repeat(0x2000));
        let mut sent = 0usize;
        // Writes until the client hangs up; a client that buffered everything would never do so.
        while stream.write_all(chunk.as_bytes()).await.is_ok() {
            sent += 0x2000;
            if sent > 64 * 1024 * 1024 {
                break;
            }
        }
        sent
    });
    let config = Config {
        max_response_bytes: 256 * 1024,
        ..Config::new(url)
    };
    let p = Client::new(config)
        .unwrap()
        .restore_session(&token(), None)
        .unwrap();
    let e = p.active_tournaments().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e:?}");
    assert!(e.message().contains("max_response_bytes"), "{e:?}");
    assert!(
        server.await.unwrap() < 64 * 1024 * 1024,
        "the client stopped reading"
    );
}

#[tokio::test]
async fn responses_over_the_cap_are_refused_and_the_rest_is_fine() {
    let env = Env::demo().await;
    let token = env.player("big").await.access_token();
    let small = Client::new(Config {
        max_response_bytes: 300,
        ..env.config()
    })
    .unwrap();
    let p = small.restore_session(token.expose(), None).unwrap();
    let e = p.active_tournaments().await.unwrap_err();
    assert_eq!((e.kind(), e.http_status()), (ErrorKind::Decode, Some(200)));
    assert!(
        p.participated_tournaments().await.is_ok(),
        "small answers pass"
    );
}

#[tokio::test]
async fn plain_http_is_only_for_loopback_unless_allowed() {
    for url in ["http://example.com", "http://192.168.1.10:8080"] {
        let e = Client::new(Config::new(url)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{url}");
        assert!(Client::new(Config {
            allow_insecure_http: true,
            ..Config::new(url)
        })
        .is_ok());
    }
    for url in [
        "http://localhost:8080",
        "http://127.0.0.1",
        "http://[::1]:1",
        "https://example.com",
    ] {
        assert!(Client::new(Config::new(url)).is_ok(), "{url}");
    }
    let bad_proxy = Config {
        proxy: Some("::not a proxy::".into()),
        ..Config::new("https://example.com")
    };
    assert_eq!(
        Client::new(bad_proxy).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
}

#[test]
fn a_user_agent_suffix_that_cannot_be_a_header_is_an_invalid_argument() {
    let config = Config {
        user_agent_suffix: Some("MyGame/1.2\r\nX-Injected: 1".into()),
        ..Config::new("https://example.com")
    };
    let e = Client::new(config).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e:?}");
    assert!(e.message().contains("user_agent_suffix"), "{e:?}");
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error_after_the_allowed_attempts() {
    let port = crate::support::unused_port();
    let config = Config {
        retry: fast_retry(),
        ..Config::new(format!("http://127.0.0.1:{port}"))
    };
    let p = Client::new(config)
        .unwrap()
        .restore_session(&token(), None)
        .unwrap();
    let e = p.wallet_balance().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e:?}");
    assert!(
        e.message().to_ascii_lowercase().contains("connect"),
        "{}",
        e.message()
    );
}

#[tokio::test]
async fn the_response_request_id_is_the_one_sent() {
    let env = Env::demo().await;
    let p = env.player("ids").await;
    let r = p.wallet_balance().await.unwrap();
    assert!(r.request_id.starts_with("kgen-"), "{}", r.request_id);
    assert!(r.raw_body.contains("minWalletBalToWithdraw"));
}

#[tokio::test]
async fn a_server_without_the_route_and_an_oversized_request_are_named() {
    let env = Env::demo().await;
    let token = env.player("routes").await.access_token();
    let elsewhere = Client::new(Config::new(format!(
        "{}/nothing-here",
        env.sandbox.base_url()
    )))
    .unwrap();
    let p = elsewhere.restore_session(token.expose(), None).unwrap();
    crate::support::assert_api_error(p.active_tournaments().await, 404, "ROUTE_NOT_FOUND");

    let mut huge = kgen::CreateSession::new("routes");
    huge.profile.name = Some("n".repeat(100 * 1024));
    crate::support::assert_api_error(
        env.client().create_session(huge).await,
        413,
        "PAYLOAD_TOO_LARGE",
    );
}

/// A client-flow session whose requests go to `url`.
fn session_at(url: &str) -> kgen::Session {
    Client::new(Config::new(url).with_retry(fast_retry()))
        .unwrap()
        .restore_session(&token(), None)
        .unwrap()
}

fn verification(auth_code: &str, otp: &str) -> kgen::OtpVerification {
    kgen::OtpVerification {
        phone_number: "9876543219".into(),
        country_code: "+91".into(),
        auth_code: auth_code.into(),
        otp: kgen::Secret::new(otp),
    }
}

#[tokio::test]
async fn otp_codes_go_as_integers_and_once_more_as_strings_if_that_form_is_refused() {
    let (url, mut seen) = peer(vec![
        respond(
            400,
            r#"{"error":"BAD_REQUEST","message":"cannot unmarshal string"}"#,
        ),
        respond(200, r#"{"message":"Phone number verified successfully"}"#),
    ])
    .await;
    let session = session_at(&url);
    let verified = session
        .verify_otp(&verification("0735", "059609"))
        .await
        .unwrap();
    assert_eq!(verified.data.message, "Phone number verified successfully");
    let first = seen.recv().await.unwrap();
    assert!(
        first.contains(r#""authCode":735"#) && first.contains(r#""otp":59609"#),
        "{first}"
    );
    let second = seen.recv().await.unwrap();
    assert!(
        second.contains(r#""authCode":"0735""#) && second.contains(r#""otp":"059609""#),
        "{second}"
    );
    assert_eq!(session.info().linked_phone, "+919876543219");
}

#[tokio::test]
async fn a_wrong_otp_is_not_sent_again() {
    let (url, mut seen) = peer(vec![
        respond(400, r#"{"error":"INVALID_OTP"}"#),
        respond(200, r#"{"message":"must not be reached"}"#),
    ])
    .await;
    let session = session_at(&url);
    let e = session
        .verify_otp(&verification("1234", "111111"))
        .await
        .unwrap_err();
    assert_eq!(e.http_status(), Some(400));
    seen.recv().await.unwrap();
    assert!(
        seen.try_recv().is_err(),
        "one request only: a second would burn another attempt"
    );
}

#[tokio::test]
async fn a_page_that_repeats_its_key_or_brings_nothing_is_the_last() {
    let (url, _seen) = peer(vec![
        respond(
            200,
            r#"{"transactions":[{"uid":"t1"}],"last_evaluated_key":"k1"}"#,
        ),
        respond(
            200,
            r#"{"transactions":[{"uid":"t2"}],"last_evaluated_key":"k1"}"#,
        ),
        respond(200, r#"{"transactions":[],"last_evaluated_key":"k3"}"#),
    ])
    .await;
    let session = session_at(&url);
    let mut query = kgen::TransactionQuery::default();
    let first = session.wallet_transactions(&query).await.unwrap().data;
    assert!(!first.is_last_page());
    query.last_evaluated_key = Some(first.last_evaluated_key.clone());
    let repeated = session.wallet_transactions(&query).await.unwrap().data;
    assert!(
        repeated.is_last_page(),
        "the same key again: no further page"
    );
    let empty = session.wallet_transactions(&query).await.unwrap().data;
    assert!(empty.is_last_page(), "nothing on the page: no further page");
}

#[tokio::test]
async fn a_score_names_its_tournament_in_both_metadata_spellings() {
    let (url, mut seen) = peer(vec![respond(200, r#"{"message":"ok"}"#)]).await;
    let session = session_at(&url);
    session.submit_score("t-42", 7).await.unwrap();
    let request = seen.recv().await.unwrap();
    assert!(request.contains(r#""tournamentUID":"t-42""#), "{request}");
    assert!(request.contains(r#""tournamentId":"t-42""#), "{request}");
}

/// `respond` with a `Set-Cookie` header.
fn respond_setting(cookie: &str, body: &str) -> String {
    respond(200, body).replacen("\r\n", &format!("\r\nset-cookie: {cookie}\r\n"), 1)
}

#[tokio::test]
async fn the_login_cookie_goes_back_to_the_account_api_and_nowhere_else() {
    let (url, mut seen) = peer(vec![
        respond_setting(
            "kgen_v3_session=abc; Path=/v3; HttpOnly",
            r#"{"requiresOtp":false}"#,
        ),
        respond_setting("tracker=1; Path=/", r#"{"msg":"x"}"#),
        respond(200, r#"{"userId":1,"userName":"demo"}"#),
    ])
    .await;
    let client = Client::new(
        Config::new(url.clone())
            .with_account_base_url(url)
            .with_private_token("key"),
    )
    .unwrap();
    let login = kgen::LoginRequest {
        user_name: "demo".into(),
        password: kgen::Secret::new("pw"),
        remember_me: false,
    };
    client.login(&login).await.unwrap();
    let player = client.restore_session(&token(), None).unwrap();
    player.withdraw().await.unwrap();
    assert_eq!(client.current_user().await.unwrap().data.user_name, "demo");

    let heads: Vec<String> = [seen.recv().await, seen.recv().await, seen.recv().await]
        .into_iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(
        header(&heads[0], "cookie"),
        None,
        "nothing kept before the login"
    );
    assert_eq!(
        header(&heads[1], "cookie"),
        None,
        "the KGeN API is never sent the account's cookie"
    );
    assert_eq!(
        header(&heads[2], "cookie"),
        Some("kgen_v3_session=abc"),
        "the account API gets its cookie back, and not one the KGeN API set"
    );
}
