//! Name lookups on threads of their own, which nothing waits for.
//!
//! `getaddrinfo` cannot be cancelled, and a stalled resolver holds it for seconds.
//! Run on the runtime's blocking pool (reqwest's default), a stalled lookup would make
//! `kgen_client_destroy` wait for it when the runtime shuts down — a game thread frozen
//! at every play-mode exit while the network is down. Here each lookup runs on a
//! detached thread: a request that ends (cancelled, timed out, client destroyed) simply
//! stops waiting, and the thread ends when `getaddrinfo` returns. Lookups are rare
//! (connections are pooled; IP addresses need none), so a thread each costs little.

use std::net::{SocketAddr, ToSocketAddrs};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

pub(crate) struct DetachedResolver;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl Resolve for DetachedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        let (tx, rx) = tokio::sync::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("kgen-dns".into())
            .spawn(move || {
                // The port is set by the connector; 0 is a placeholder.
                let found = (host.as_str(), 0)
                    .to_socket_addrs()
                    .map(|addrs| addrs.collect::<Vec<SocketAddr>>());
                let _ = tx.send(found);
            });
        Box::pin(async move {
            spawned.map_err(|e| -> BoxError { Box::new(e) })?;
            let addrs = rx.await.map_err(|e| -> BoxError { Box::new(e) })??;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}
