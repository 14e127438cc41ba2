//! Client configuration.

use std::fmt;
use std::time::Duration;

use crate::Secret;

/// Production host of the KGeN ESports Protocol API.
pub const DEFAULT_BASE_URL: &str = "https://prod-platform-protocols.kgen.io";
/// Staging host of the KGeN ESports Protocol API.
pub const STAGING_BASE_URL: &str = "https://stage-platform-protocols.kgen.io";
/// Host of the account-session API (`/v3/session/*`).
pub const DEFAULT_ACCOUNT_BASE_URL: &str = "https://api.i3d.net";

/// How a failed request is retried; see the crate docs for which requests are retried at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts per call, the first one included (1 = never retry).
    pub max_attempts: u32,
    /// Backoff before retry `n` is a random delay in `[0, min(max_delay, base_delay * 2^(n-1))]`
    /// ("full jitter"), unless the server sent `Retry-After`.
    pub base_delay: Duration,
    /// Cap of the computed backoff (a server's `Retry-After` is honoured beyond it, within the deadline).
    pub max_delay: Duration,
    /// Longest wait for one attempt's complete answer (connecting, headers and body), so
    /// that one stalled response does not use up the call's whole deadline. An attempt
    /// that runs out of time is retried when the request is safe to repeat (GETs,
    /// `POST /s2s/session`); a mutating call's is not — it may have been applied — and the
    /// call ends with [`crate::ErrorKind::Timeout`], except the writes the SDK resolves
    /// (join, leave, score, claim, withdraw: [`crate::api::outcome`]). The call's deadline
    /// ([`Config::request_timeout`]) still bounds every attempt. A connection that cannot
    /// be made within [`Config::connect_timeout`] is a connection failure instead, retried
    /// for every request; the defaults (15 s here, 10 s there) keep it so for a mutating
    /// call too. Default 15 s: a stalled attempt leaves at least half of the default
    /// 30 s deadline to a retry.
    pub attempt_timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            attempt_timeout: Duration::from_secs(15),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }
}

/// Everything a [`crate::Client`] needs. Plain public fields with sensible defaults; build it
/// with [`Config::new`] and the `with_*` methods, or struct-update syntax over `Config::default()`.
///
/// A shipped game client must not carry `client_secret`: use the client flow
/// ([`crate::Client::restore_session`]) with a token handed over by your game server.
///
/// `Debug` prints no secret: the client secret and API key as `***`, and a proxy URL
/// without its password.
#[derive(Clone)]
pub struct Config {
    /// Base URL of the KGeN ESports Protocol API (`/s2s`, `/fe`).
    pub base_url: String,
    /// Base URL of the account-session API; the SDK appends `/v3/session/...`.
    pub account_base_url: String,
    /// Server-to-server client id (server flow only).
    pub client_id: Option<String>,
    /// Server-to-server client secret (server flow only; never ship it in a game client).
    pub client_secret: Option<Secret>,
    /// API key sent as `PRIVATE-TOKEN` on every `/v3` call.
    pub private_token: Option<Secret>,
    /// Limit for establishing a TCP (and TLS) connection; a connection that is not made in
    /// time is a connection failure, retried for every request.
    pub connect_timeout: Duration,
    /// Overall deadline of one call, covering every attempt, backoff and session renewal
    /// (each attempt is also limited by [`RetryPolicy::attempt_timeout`]).
    pub request_timeout: Duration,
    /// Largest response body accepted; larger bodies end the call with a decode error.
    pub max_response_bytes: usize,
    /// Retry policy shared by all calls.
    pub retry: RetryPolicy,
    /// Appended to the `User-Agent` (e.g. `"MyGame/1.2"`).
    pub user_agent_suffix: Option<String>,
    /// Proxy URL (`http://` or `https://`) for every request. `None` means a direct
    /// connection: proxy environment variables are deliberately ignored, so a game behaves
    /// the same on every machine.
    pub proxy: Option<String>,
    /// Allow plain `http://` to hosts other than loopback (never do this in production).
    pub allow_insecure_http: bool,
    /// Renew a server-flow session this long before its token's `exp`; in the client flow,
    /// raise the session-expired event this long before `exp`.
    pub renew_before: Duration,
    /// Keep writes that must not be lost in an outbox on disk (see [`crate::outbox`]);
    /// `None` (the default): no outbox.
    pub outbox: Option<crate::outbox::OutboxConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: DEFAULT_BASE_URL.to_owned(),
            account_base_url: DEFAULT_ACCOUNT_BASE_URL.to_owned(),
            client_id: None,
            client_secret: None,
            private_token: None,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_response_bytes: 8 * 1024 * 1024,
            retry: RetryPolicy::default(),
            user_agent_suffix: None,
            proxy: None,
            allow_insecure_http: false,
            renew_before: Duration::from_secs(300),
            outbox: None,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("account_base_url", &self.account_base_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("private_token", &self.private_token)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("retry", &self.retry)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("proxy", &self.proxy.as_deref().map(hide_password))
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("renew_before", &self.renew_before)
            .field("outbox", &self.outbox)
            .finish()
    }
}

/// The password of a URL's user info (`http://user:password@proxy:3128`), if any.
pub(crate) fn url_password(url: &str) -> Option<Secret> {
    let url = url::Url::parse(url.trim()).ok()?;
    url.password().map(Secret::new)
}

/// `text` with a URL's password replaced by `***`.
fn hide_password(text: &str) -> String {
    match url::Url::parse(text.trim()) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        Ok(_) => text.to_owned(),
        // Not a URL (Client::new refuses it), but it may still hold a password.
        Err(_) => "(not a URL)".to_owned(),
    }
}

impl Config {
    /// A default configuration talking to `base_url` for the KGeN API. The account API
    /// (`/v3`) stays at [`DEFAULT_ACCOUNT_BASE_URL`] unless set with
    /// [`Config::with_account_base_url`]: it is another vendor's service, and its API key and
    /// account passwords must never go to a KGeN host (a staging or test server) by default.
    pub fn new(base_url: impl Into<String>) -> Self {
        Config {
            base_url: base_url.into(),
            ..Config::default()
        }
    }

    /// Sets the account-session API's base URL (default [`DEFAULT_ACCOUNT_BASE_URL`], whatever
    /// `base_url` is; a local sandbox serves both families).
    pub fn with_account_base_url(mut self, url: impl Into<String>) -> Self {
        self.account_base_url = url.into();
        self
    }

    /// Sets the server-to-server credentials (game servers only).
    pub fn with_client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        self.client_id = Some(client_id.into());
        self.client_secret = Some(client_secret.into());
        self
    }

    /// Sets the `PRIVATE-TOKEN` API key of the account-session API.
    pub fn with_private_token(mut self, token: impl Into<Secret>) -> Self {
        self.private_token = Some(token.into());
        self
    }

    /// Sets the overall per-call deadline.
    pub fn with_request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Sets the retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Keeps an outbox in `path` with the default limits.
    pub fn with_outbox(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.outbox = Some(crate::outbox::OutboxConfig::new(path));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_secret_and_no_proxy_password() {
        let config = Config {
            proxy: Some("http://gamer:pr0xy-pass@proxy.example:3128".into()),
            ..Config::default()
                .with_client_credentials("id", "client-s3cret")
                .with_private_token("api-k3y")
        };
        let text = format!("{config:?}");
        for secret in ["pr0xy-pass", "client-s3cret", "api-k3y"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(
            text.contains("http://gamer:***@proxy.example:3128"),
            "{text}"
        );
        assert!(text.contains("request_timeout: 30s"), "{text}");
    }
}
