//! The in-process API: `Sandbox::start`/`shutdown` and `start_background` for callers
//! without a runtime.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

use kgen_sandbox::{Options, Sandbox};

/// A blocking `GET /sandbox/clock`; returns the status line.
fn clock_status(addr: SocketAddr) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    let request = "GET /sandbox/clock HTTP/1.1\r\nhost: s\r\nx-admin-key: sandbox-admin\r\nconnection: close\r\n\r\n";
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response.lines().next().unwrap_or_default().to_string()
}

#[test]
fn start_background_serves_without_a_runtime_and_drop_stops_it() {
    let sandbox = Sandbox::start_background(Options::default()).unwrap();
    let addr = sandbox.addr();
    assert_eq!(sandbox.base_url(), format!("http://{addr}"));
    assert_eq!(sandbox.admin_key(), "sandbox-admin");
    assert_eq!(clock_status(addr), "HTTP/1.1 200 OK");
    drop(sandbox);
    assert!(
        TcpStream::connect(addr).is_err(),
        "the port is closed once dropped"
    );
}

#[tokio::test]
async fn shutdown_closes_the_port() {
    let sandbox = Sandbox::start(Options::default()).await.unwrap();
    let addr = sandbox.addr();
    let status = tokio::task::spawn_blocking(move || clock_status(addr))
        .await
        .unwrap();
    assert_eq!(status, "HTTP/1.1 200 OK");
    sandbox.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn a_port_in_use_is_an_error() {
    let first = Sandbox::start(Options::default()).await.unwrap();
    let taken = Options {
        port: first.addr().port(),
        ..Options::default()
    };
    assert!(matches!(
        Sandbox::start(taken).await,
        Err(kgen_sandbox::Error::Io(_))
    ));
}
