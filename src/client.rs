//! The client: configuration, HTTP transport, and what is remembered per client.

use std::fmt;
use std::future::Future;
use std::sync::atomic::AtomicU8;
use std::sync::{Arc, RwLock};

use crate::api::decode::FromJson;
use crate::transport::{CallContext, HttpRequest, RawResponse, Transport};
use crate::{Config, Error, ErrorKind, Session};

/// A successful result: the typed data plus what the server said around it.
#[derive(Clone)]
pub struct Response<T> {
    /// The decoded data.
    pub data: T,
    /// The HTTP status (200, 204…).
    pub http_status: u16,
    /// The `x-request-id` of the call: the server's when it answered with one (the sandbox
    /// echoes and logs it), else the id the SDK sent. The platform's docs do not mention
    /// the header (*sandbox-defined*), so production may not know it.
    pub request_id: String,
    /// The body as received, for fields the SDK does not model.
    pub raw_body: String,
}

impl<T> Response<T> {
    /// The same response with its data transformed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            data: f(self.data),
            http_status: self.http_status,
            request_id: self.request_id,
            raw_body: self.raw_body,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    // The raw body can hold tokens (a session response does): print its length only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("data", &self.data)
            .field("http_status", &self.http_status)
            .field("request_id", &self.request_id)
            .field("raw_body_len", &self.raw_body.len())
            .finish()
    }
}

/// Called when a client-flow session's token nears expiry or is refused.
pub type SessionExpiredHandler = Arc<dyn Fn(&Session) + Send + Sync>;

/// The entry point: one per game (client) or per server process. Cheap to clone (an `Arc`),
/// `Send + Sync`; holds the HTTP connection pool, the cookie jar of the account API, the
/// server-clock estimate and the leaderboard route that works, for any number of sessions.
///
/// Its async methods run on the caller's tokio runtime. Every call has one deadline
/// ([`Config::request_timeout`]) covering all its attempts, and is cancel-safe: dropping
/// the future abandons the request.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<ClientInner>,
}

pub(crate) struct ClientInner {
    pub(crate) config: Config,
    pub(crate) transport: Transport,
    /// Which leaderboard route the server has (see `api::leaderboard`).
    pub(crate) leaderboard_route: AtomicU8,
    expired_handler: RwLock<Option<SessionExpiredHandler>>,
    outbox: Option<Arc<crate::outbox::OutboxState>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.config.base_url)
            .field("account_base_url", &self.inner.config.account_base_url)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Checks the configuration and builds the client; no network traffic happens here.
    ///
    /// Fails with `InvalidArgument` for an unusable URL, plain `http://` to a host that is
    /// not loopback (unless `allow_insecure_http`), an unusable proxy, a user-agent suffix
    /// that cannot be sent in a header, a zero timeout, or `retry.max_attempts == 0`.
    ///
    /// With [`Config::outbox`], it also opens the outbox (taking its lock and reading its
    /// journal back): [`ErrorKind::OutboxLocked`] when another client owns it,
    /// [`ErrorKind::OutboxStorage`] when its directory cannot be used.
    pub fn new(config: Config) -> Result<Client, Error> {
        let transport = Transport::new(&config)?;
        let outbox = match &config.outbox {
            Some(outbox) => Some(crate::outbox::OutboxState::open(outbox)?),
            None => None,
        };
        Ok(Client {
            inner: Arc::new(ClientInner {
                config,
                transport,
                leaderboard_route: AtomicU8::new(0),
                expired_handler: RwLock::new(None),
                outbox,
            }),
        })
    }

    /// The client's outbox, when [`Config::outbox`] was set.
    pub fn outbox(&self) -> Option<crate::outbox::Outbox> {
        let state = self.inner.outbox.clone()?;
        Some(crate::outbox::Outbox::new(self.clone(), state))
    }

    /// Lets the outbox deliver a player's waiting entries with a new session.
    pub(crate) fn offer_session(&self, session: &Session) {
        if let Some(outbox) = &self.inner.outbox {
            outbox.offer_session(session);
        }
    }

    /// The configuration the client was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Installs (or removes) the session-expired handler. It runs on the thread that made
    /// the call that noticed the expiry, once per token.
    pub fn set_session_expired_handler(&self, handler: Option<SessionExpiredHandler>) {
        *self
            .inner
            .expired_handler
            .write()
            .unwrap_or_else(|p| p.into_inner()) = handler;
    }

    pub(crate) fn notify_session_expired(&self, session: &Session) {
        let handler = self
            .inner
            .expired_handler
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if let Some(handler) = handler {
            handler(session);
        }
    }

    /// The server's clock minus this device's, in milliseconds, as learned from the
    /// `Date` header of the latest response (0 before the first one).
    pub fn server_clock_offset_ms(&self) -> i64 {
        self.inner.transport.clock.offset_ms()
    }

    /// The server's current time in Unix milliseconds, as far as the client knows it.
    pub fn server_now_ms(&self) -> i64 {
        self.inner.transport.clock.now_ms()
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    /// A fresh request id, idempotency key and deadline for one logical call.
    pub(crate) fn context(&self) -> CallContext {
        CallContext::new(self.inner.config.request_timeout)
    }

    /// Sends a request that needs no player session and decodes the answer.
    pub(crate) async fn call<T: FromJson>(
        &self,
        request: &HttpRequest,
    ) -> Result<Response<T>, Error> {
        let ctx = self.context();
        self.run(&ctx, async {
            decode(self.transport().send(request, &ctx).await?)
        })
        .await
    }

    /// Runs one logical call under its deadline; every error carries the request id.
    pub(crate) async fn run<T>(
        &self,
        ctx: &CallContext,
        call: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        let result = match tokio::time::timeout_at(ctx.deadline, call).await {
            Ok(result) => result,
            Err(_) => Err(Error::new(
                ErrorKind::Timeout,
                format!(
                    "no complete answer within {} ms",
                    self.inner.config.request_timeout.as_millis()
                ),
            )),
        };
        result.map_err(|e| e.with_request_id(&ctx.request_id))
    }
}

/// Decodes a successful response into `Response<T>`; a decode error keeps the body.
pub(crate) fn decode<T: FromJson>(raw: RawResponse) -> Result<Response<T>, Error> {
    match T::from_body(&raw.body) {
        Ok(data) => Ok(Response {
            data,
            http_status: raw.status,
            request_id: raw.request_id,
            raw_body: raw.body,
        }),
        Err(e) => Err(e
            .with_response(raw.status, raw.body)
            .with_request_id(&raw.request_id)),
    }
}
