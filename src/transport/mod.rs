//! The HTTP layer: one reqwest client (rustls) per SDK client, base URLs per API family,
//! deadlines, retries, the response-size cap, secret redaction and request logging.

mod body;
mod clock;
mod cookies;
pub(crate) mod error_body;
mod resolve;
pub(crate) mod retry;

use std::sync::OnceLock;
use std::time::Duration;

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, COOKIE, DATE, RETRY_AFTER,
};
use reqwest::Method;
use tokio::time::Instant;
use url::{Host, Url};

use crate::log::{self, LogLevel};
use crate::{ApiErrorCode, Config, Error, ErrorKind, RetryPolicy, Secret};
pub(crate) use clock::ServerClock;
pub(crate) use retry::RetryClass;
use retry::{backoff, parse_retry_after, should_retry, Outcome};

/// The two API families, each with its own base URL and error shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// KGeN ESports Protocol (`/s2s`, `/fe`).
    Kgen,
    /// Account sessions (`/v3/session`).
    Account,
}

/// Who the request speaks for.
#[derive(Clone)]
pub(crate) enum Auth {
    None,
    /// `x-client-id` + `x-client-secret` from the config.
    ClientCredentials,
    /// `user-jwt-token`.
    User(Secret),
}

/// Names `/v3` error statuses for one operation (the API sends numbers only).
pub(crate) type V3Codes = fn(u16) -> Option<ApiErrorCode>;

/// One logical request, sent once or more by [`Transport::send`].
#[derive(Clone)]
pub(crate) struct HttpRequest {
    family: Family,
    method: Method,
    path: String,
    query: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
    auth: Auth,
    retry: RetryClass,
    secrets: Vec<Secret>,
    v3_codes: Option<V3Codes>,
}

impl HttpRequest {
    /// A GET of `segments` (each percent-encoded), safe to retry.
    pub(crate) fn get(family: Family, segments: &[&str]) -> HttpRequest {
        HttpRequest::new(family, Method::GET, segments, RetryClass::Safe)
    }

    /// A POST of `segments`, retried as `retry` allows.
    pub(crate) fn post(family: Family, segments: &[&str], retry: RetryClass) -> HttpRequest {
        HttpRequest::new(family, Method::POST, segments, retry)
    }

    fn new(family: Family, method: Method, segments: &[&str], retry: RetryClass) -> HttpRequest {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut path = String::with_capacity(segments.iter().map(|s| s.len() + 1).sum());
        for segment in segments {
            path.push('/');
            for byte in segment.bytes() {
                if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                    path.push(char::from(byte));
                } else {
                    path.push('%');
                    path.push(char::from(HEX[usize::from(byte >> 4)]));
                    path.push(char::from(HEX[usize::from(byte & 15)]));
                }
            }
        }
        HttpRequest {
            family,
            method,
            path,
            query: Vec::new(),
            body: None,
            auth: Auth::None,
            retry,
            secrets: Vec::new(),
            v3_codes: None,
        }
    }

    pub(crate) fn json(mut self, body: &impl serde::Serialize) -> HttpRequest {
        // Serializing plain data into a Vec cannot fail.
        self.body = Some(serde_json::to_vec(body).unwrap_or_default());
        self
    }

    pub(crate) fn query(mut self, key: &'static str, value: impl Into<String>) -> HttpRequest {
        self.query.push((key, value.into()));
        self
    }

    pub(crate) fn auth(mut self, auth: Auth) -> HttpRequest {
        self.set_auth(auth);
        self
    }

    pub(crate) fn set_auth(&mut self, auth: Auth) {
        self.auth = auth;
    }

    /// A value in the body that must never appear in an error or log (OTP, password).
    pub(crate) fn secret(mut self, secret: &Secret) -> HttpRequest {
        self.secrets.push(secret.clone());
        self
    }

    pub(crate) fn v3_codes(mut self, codes: V3Codes) -> HttpRequest {
        self.v3_codes = Some(codes);
        self
    }
}

/// A successful (2xx) response.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub status: u16,
    pub request_id: String,
    pub body: String,
}

/// What one logical call keeps across its attempts (and across a session renewal).
pub(crate) struct CallContext {
    pub request_id: String,
    /// Made when a mutating request first needs it; reads never do.
    idempotency_key: OnceLock<String>,
    pub deadline: Instant,
}

impl CallContext {
    pub(crate) fn new(timeout: Duration) -> CallContext {
        CallContext {
            request_id: random_uuid("kgen-"),
            idempotency_key: OnceLock::new(),
            deadline: Instant::now() + timeout,
        }
    }

    /// The context of the same call with another deadline (one key for both).
    pub(crate) fn until(&self, deadline: Instant) -> CallContext {
        CallContext {
            request_id: self.request_id.clone(),
            idempotency_key: OnceLock::from(self.idempotency_key().to_owned()),
            deadline,
        }
    }

    /// The call's `Idempotency-Key`: the same for every attempt.
    pub(crate) fn idempotency_key(&self) -> &str {
        self.idempotency_key.get_or_init(|| random_uuid(""))
    }

    /// The same call under a key of the caller's (the outbox's, kept across restarts).
    pub(crate) fn with_idempotency_key(mut self, key: &str) -> CallContext {
        self.idempotency_key = OnceLock::from(key.to_owned());
        self
    }
}

/// `prefix` and a random (version 4) UUID. From the thread's CSPRNG (seeded once by the
/// operating system), not a system call per id as `Uuid::new_v4` makes.
fn random_uuid(prefix: &str) -> String {
    let uuid = uuid::Builder::from_random_bytes(rand::random()).into_uuid();
    let mut text = String::with_capacity(prefix.len() + uuid::fmt::Hyphenated::LENGTH);
    text.push_str(prefix);
    text.push_str(
        uuid.hyphenated()
            .encode_lower(&mut uuid::Uuid::encode_buffer()),
    );
    text
}

pub(crate) struct Transport {
    /// One HTTP client for both families (its pool keeps each host's connections).
    http: reqwest::Client,
    /// The `/v3` account API's cookies (its login session); the KGeN API authenticates
    /// by header and never sends or keeps one.
    jar: cookies::Jar,
    /// The base URLs, parsed once: a request's URL is the base with its path set.
    kgen_base: Url,
    account_base: Url,
    client_id: Option<String>,
    client_secret: Option<Secret>,
    private_token: Option<Secret>,
    /// The proxy URL's password: kept out of error messages like every credential.
    proxy_password: Option<Secret>,
    retry: RetryPolicy,
    max_response_bytes: usize,
    pub(crate) clock: ServerClock,
}

/// `User-Agent: kgen-sdk/<version> (<os>; <arch>)[ <suffix>]`.
pub(crate) fn user_agent(suffix: Option<&str>) -> String {
    let mut agent = format!(
        "kgen-sdk/{} ({}; {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    if let Some(suffix) = suffix.map(str::trim).filter(|s| !s.is_empty()) {
        agent.push(' ');
        agent.push_str(suffix);
    }
    agent
}

/// Whether `url`'s host is this machine: `localhost` or a loopback address.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Checks a base URL: `https`, or `http` to a loopback host (or anywhere when allowed).
pub(crate) fn check_base_url(
    name: &str,
    text: &str,
    allow_insecure_http: bool,
) -> Result<String, Error> {
    let url = Url::parse(text.trim()).map_err(|e| {
        Error::invalid_argument(format!(
            "{name} {:?} is not a URL: {e}",
            without_user_info(text)
        ))
    })?;
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(Error::invalid_argument(format!(
            "{name} must not carry a query, fragment or user info"
        )));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) || allow_insecure_http => {}
        "http" => {
            return Err(Error::invalid_argument(format!(
                "{name} uses plain http:// to a non-loopback host; use https:// \
                 (or set allow_insecure_http for a test server)"
            )))
        }
        other => {
            return Err(Error::invalid_argument(format!(
                "{name} has unsupported scheme {other:?}"
            )))
        }
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// A base URL as checked by [`check_base_url`], parsed for building request URLs.
fn parsed_base(text: String) -> Result<Url, Error> {
    Url::parse(&text).map_err(|e| Error::invalid_argument(format!("base URL: {e}")))
}

/// The longest URL sent (common servers' limits are 8 KiB; query values stay well below).
const MAX_URL_BYTES: usize = 8 * 1024;

// The headers the SDK sends, named once (a name given as text is parsed at every insert).
const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// Marks an answer the server stored for an earlier attempt under the same key
/// (*sandbox-defined*: the sandbox sends it, as Stripe does; the platform's docs are silent).
const IDEMPOTENT_REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");
const USER_JWT_TOKEN: HeaderName = HeaderName::from_static("user-jwt-token");
const X_CLIENT_ID: HeaderName = HeaderName::from_static("x-client-id");
const X_CLIENT_SECRET: HeaderName = HeaderName::from_static("x-client-secret");
const PRIVATE_TOKEN: HeaderName = HeaderName::from_static("private-token");
const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");

/// A URL as a message may show it: whatever could be user info (a password) is hidden,
/// also when the URL does not parse.
fn without_user_info(text: &str) -> String {
    let Some(at) = text.rfind('@') else {
        return text.to_owned();
    };
    let scheme_end = text.find("://").map_or(0, |i| i + 3).min(at);
    format!("{}***{}", &text[..scheme_end], &text[at..])
}

/// The client's one reqwest client.
fn http_client(
    agent: HeaderValue,
    connect_timeout: Duration,
    proxy: Option<reqwest::Proxy>,
) -> Result<reqwest::Client, Error> {
    let builder = reqwest::Client::builder()
        .use_rustls_tls()
        .user_agent(agent)
        .connect_timeout(connect_timeout)
        // Lookups the runtime never waits for: destroy cannot hang on a stalled DNS.
        .dns_resolver(std::sync::Arc::new(resolve::DetachedResolver))
        // A redirect could carry credentials to another host; surface 3xx instead.
        .redirect(reqwest::redirect::Policy::none());
    // Without the `http2` feature the client speaks HTTP/1.1 only, even if another crate
    // turns on reqwest's HTTP/2. reqwest's own retry repeats only HTTP/2 refusals
    // (REFUSED_STREAM, GOAWAY) yet copies every request's headers in case it does, so it
    // is off then; the SDK's retry (`retry.rs`) is the one that repeats requests.
    #[cfg(not(feature = "http2"))]
    let builder = builder
        .http1_only()
        .retry(reqwest::retry::never().max_retries_per_request(0));
    let builder = match proxy {
        Some(proxy) => builder.proxy(proxy),
        None => builder.no_proxy(),
    };
    builder.build().map_err(|e| {
        Error::new(
            ErrorKind::Internal,
            format!("HTTP client setup failed: {e}"),
        )
    })
}

impl Transport {
    pub(crate) fn new(config: &Config) -> Result<Transport, Error> {
        let credentials = [
            ("client_id", config.client_id.as_deref()),
            (
                "client_secret",
                config.client_secret.as_ref().map(Secret::expose),
            ),
            (
                "private_token",
                config.private_token.as_ref().map(Secret::expose),
            ),
        ];
        for (name, value) in credentials {
            crate::api::input::header_text(name, value.unwrap_or(""))?;
        }
        let kgen_base = parsed_base(check_base_url(
            "base_url",
            &config.base_url,
            config.allow_insecure_http,
        )?)?;
        let account_base = parsed_base(check_base_url(
            "account_base_url",
            &config.account_base_url,
            config.allow_insecure_http,
        )?)?;
        if config.request_timeout.is_zero() {
            return Err(Error::invalid_argument("request_timeout must be positive"));
        }
        if config.retry.max_attempts == 0 {
            return Err(Error::invalid_argument(
                "retry.max_attempts must be at least 1",
            ));
        }
        if config.retry.attempt_timeout.is_zero() {
            return Err(Error::invalid_argument(
                "retry.attempt_timeout must be positive",
            ));
        }
        let agent = HeaderValue::from_str(&user_agent(config.user_agent_suffix.as_deref()))
            .map_err(|_| {
                Error::invalid_argument(
                    "user_agent_suffix contains characters not allowed in a header",
                )
            })?;
        let proxy = match config
            .proxy
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(proxy) => Some(
                reqwest::Proxy::all(proxy)
                    .map_err(|e| Error::invalid_argument(format!("proxy is not usable: {e}")))?,
            ),
            None => None,
        };
        Ok(Transport {
            http: http_client(agent, config.connect_timeout, proxy)?,
            jar: cookies::Jar::default(),
            kgen_base,
            account_base,
            client_id: config.client_id.clone(),
            client_secret: config.client_secret.clone(),
            private_token: config.private_token.clone(),
            proxy_password: config
                .proxy
                .as_deref()
                .and_then(crate::config::url_password),
            retry: config.retry.clone(),
            max_response_bytes: config.max_response_bytes,
            clock: ServerClock::default(),
        })
    }

    pub(crate) fn has_private_token(&self) -> bool {
        self.private_token.as_ref().is_some_and(|t| !t.is_empty())
    }

    pub(crate) fn has_client_credentials(&self) -> bool {
        self.client_id.as_deref().is_some_and(|id| !id.is_empty())
            && self.client_secret.as_ref().is_some_and(|s| !s.is_empty())
    }

    /// Sends `request`, retrying as its class allows, until success, a final error, or the
    /// deadline (enforced by the caller's `timeout_at`, and respected here by never sleeping
    /// past it: a retry that would start too late ends the call with the last error). Each
    /// attempt is also cut off after the policy's `attempt_timeout`.
    pub(crate) async fn send(
        &self,
        request: &HttpRequest,
        ctx: &CallContext,
    ) -> Result<RawResponse, Error> {
        let url = self.url(request);
        // Servers refuse or drop URLs this long; say so now instead of after every attempt.
        if url.as_str().len() > MAX_URL_BYTES {
            return Err(Error::invalid_argument(format!(
                "the request's URL would be {} bytes; at most {MAX_URL_BYTES} are sent",
                url.as_str().len()
            )));
        }
        let mut attempt = 0;
        loop {
            attempt += 1;
            let started = Instant::now();
            let result =
                tokio::time::timeout(self.retry.attempt_timeout, self.attempt(request, &url, ctx))
                    .await
                    .unwrap_or_else(|_| Err(Failure::TimedOut(self.attempt_timed_out(request))));
            let elapsed = started.elapsed().as_millis();
            let log_attempt = |outcome: &dyn std::fmt::Display| {
                log::emit(LogLevel::Debug, || {
                    format!(
                        "{} {} -> {outcome} in {elapsed} ms (attempt {attempt}, request {})",
                        request.method, request.path, ctx.request_id
                    )
                })
            };
            let (error, retryable) = match result {
                Ok(response) => {
                    log_attempt(&response.status);
                    return Ok(response);
                }
                Err(Failure::Status(error)) => {
                    let status = error.http_status().unwrap_or(0);
                    let code = error.api_code().map(ApiErrorCode::as_str).unwrap_or("");
                    log_attempt(&format_args!("{status} {code}"));
                    let outcome = Outcome::Status(status, error.api_code());
                    let retryable = should_retry(request.retry, outcome);
                    (error, retryable)
                }
                Err(Failure::Transport { error, connect }) => {
                    log_attempt(&format_args!("no response ({})", error.message()));
                    let retryable = should_retry(request.retry, Outcome::Transport { connect });
                    (if connect { error.unsent() } else { error }, retryable)
                }
                Err(Failure::TimedOut(error)) => {
                    log_attempt(&"no complete answer");
                    (error, should_retry(request.retry, Outcome::AttemptTimeout))
                }
                Err(Failure::Final(error)) => {
                    log_attempt(&format_args!("refused ({})", error.message()));
                    return Err(error);
                }
            };
            if !retryable || attempt >= self.retry.max_attempts {
                return Err(error);
            }
            let delay = error
                .retry_after()
                .unwrap_or_else(|| backoff(&self.retry, attempt));
            if Instant::now() + delay >= ctx.deadline {
                log::emit(LogLevel::Info, || {
                    format!(
                        "{} {}: not retrying, a wait of {} ms would pass the deadline (request {})",
                        request.method,
                        request.path,
                        delay.as_millis(),
                        ctx.request_id
                    )
                });
                return Err(error);
            }
            log::emit(LogLevel::Info, || {
                format!(
                    "{} {}: retrying in {} ms after: {} (request {})",
                    request.method,
                    request.path,
                    delay.as_millis(),
                    error,
                    ctx.request_id
                )
            });
            tokio::time::sleep(delay).await;
        }
    }

    /// The error of an attempt that ran out of time; for a mutating request it is the
    /// call's error, so it says that the request may have been applied.
    fn attempt_timed_out(&self, request: &HttpRequest) -> Error {
        let mut message = format!(
            "no complete answer within the attempt timeout ({} ms)",
            self.retry.attempt_timeout.as_millis()
        );
        if request.retry.is_mutating() {
            message.push_str("; the request may have been applied");
        }
        Error::new(ErrorKind::Timeout, message)
    }

    fn url(&self, request: &HttpRequest) -> Url {
        let base = match request.family {
            Family::Kgen => &self.kgen_base,
            Family::Account => &self.account_base,
        };
        let mut url = base.clone();
        let mut path = String::with_capacity(base.path().len() + request.path.len());
        path.push_str(base.path().trim_end_matches('/'));
        path.push_str(&request.path);
        url.set_path(&path);
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&request.query);
        }
        url
    }

    /// Every credential the request carries, to be removed from anything the caller sees
    /// (gathered only when an error needs it).
    fn secrets_of(&self, request: &HttpRequest) -> Vec<Secret> {
        let mut secrets = request.secrets.clone();
        match &request.auth {
            Auth::User(token) => secrets.push(token.clone()),
            Auth::ClientCredentials => secrets.extend(self.client_secret.clone()),
            Auth::None => {}
        }
        if request.family == Family::Account {
            secrets.extend(self.private_token.clone());
            secrets.extend(self.jar.secrets());
        }
        secrets.extend(self.proxy_password.clone());
        secrets.retain(|s| !s.is_empty());
        secrets
    }

    fn headers(&self, request: &HttpRequest, ctx: &CallContext) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        let mut put = |name: HeaderName, value: &str| -> Result<(), Error> {
            let mut value = HeaderValue::from_str(value).map_err(|_| {
                Error::invalid_argument(format!(
                    "{name} contains characters not allowed in a header"
                ))
            })?;
            value.set_sensitive(true);
            headers.insert(name, value);
            Ok(())
        };
        put(X_REQUEST_ID, &ctx.request_id)?;
        // Only a mutating call needs the server to recognise its repeats. A request that is
        // safe to repeat goes without: a renewal inside another call must not reuse that
        // call's key, and a repeat of a timed-out attempt must not be refused as
        // `IDEMPOTENCY_KEY_IN_USE` while the first attempt still runs.
        if request.retry.is_mutating() {
            put(IDEMPOTENCY_KEY, ctx.idempotency_key())?;
        }
        match &request.auth {
            Auth::None => {}
            Auth::User(token) => put(USER_JWT_TOKEN, token.expose())?,
            Auth::ClientCredentials => {
                let (Some(id), Some(secret)) = (&self.client_id, &self.client_secret) else {
                    return Err(Error::invalid_argument(
                        "client_id and client_secret are required for server sessions",
                    ));
                };
                put(X_CLIENT_ID, id)?;
                put(X_CLIENT_SECRET, secret.expose())?;
            }
        }
        if request.family == Family::Account {
            if let Some(token) = &self.private_token {
                put(PRIVATE_TOKEN, token.expose())?;
            }
        }
        // Constant values need no check and no copy.
        headers.insert(ACCEPT, APPLICATION_JSON);
        if request.body.is_some() {
            headers.insert(CONTENT_TYPE, APPLICATION_JSON);
        }
        Ok(headers)
    }

    async fn attempt(
        &self,
        request: &HttpRequest,
        url: &Url,
        ctx: &CallContext,
    ) -> Result<RawResponse, Failure> {
        let mut headers = self.headers(request, ctx).map_err(Failure::Final)?;
        let account = request.family == Family::Account;
        if account {
            if let Some(cookie) = self.jar.header(url, self.clock.now_ms()) {
                headers.insert(COOKIE, cookie);
            }
        }
        let mut builder = self
            .http
            .request(request.method.clone(), url.clone())
            .headers(headers);
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().await.map_err(|e| Failure::Transport {
            connect: e.is_connect(),
            error: transport_error(&e, &self.secrets_of(request)),
        })?;
        let status = response.status().as_u16();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        if let Some(date) = header(DATE) {
            self.clock.observe(&date);
        }
        if account {
            self.jar.store(url, response.headers(), self.clock.now_ms());
        }
        let request_id = header(X_REQUEST_ID).unwrap_or_else(|| ctx.request_id.clone());
        let retry_after =
            header(RETRY_AFTER).and_then(|v| parse_retry_after(&v, self.clock.now_ms()));
        let replayed = !(200..300).contains(&status)
            && response
                .headers()
                .get(IDEMPOTENT_REPLAYED)
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"true"));
        let bytes = body::read_capped(response, self.max_response_bytes)
            .await
            .map_err(|e| match e {
                body::BodyError::TooLarge => Failure::Final(
                    body::too_large(self.max_response_bytes).with_response(status, String::new()),
                ),
                body::BodyError::Broken(e) => Failure::Transport {
                    connect: false,
                    error: transport_error(&e, &self.secrets_of(request)),
                },
            })?;
        if (200..300).contains(&status) {
            let body = String::from_utf8(bytes).map_err(|_| {
                Failure::Final(
                    Error::decode("response body is not valid UTF-8")
                        .with_response(status, String::new()),
                )
            })?;
            return Ok(RawResponse {
                status,
                request_id,
                body,
            });
        }
        let body = redact(&String::from_utf8_lossy(&bytes), &self.secrets_of(request));
        Err(Failure::Status(
            http_error(request, status, body)
                .with_retry_after(retry_after)
                .with_replayed(replayed)
                .with_request_id(&request_id),
        ))
    }
}

enum Failure {
    /// No usable response; `connect` when the connection was never made.
    Transport { connect: bool, error: Error },
    /// No complete answer within the attempt timeout.
    TimedOut(Error),
    /// The server answered with an error status.
    Status(Error),
    /// Not worth another attempt whatever the class (bad header value, oversized body).
    Final(Error),
}

fn transport_error(error: &reqwest::Error, secrets: &[Secret]) -> Error {
    // reqwest's own text is generic; the source chain says what happened (refused, reset…).
    let mut message = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(error);
    while let Some(e) = source {
        let text = e.to_string();
        if !message.contains(&text) {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&text);
        }
        source = e.source();
    }
    // Only the call's deadline is a timeout; a slow connect is a transport failure.
    let message = match error.url() {
        Some(url) => message.replace(url.as_str(), url.path()),
        None => message,
    };
    Error::new(ErrorKind::Transport, redact(&message, secrets))
}

fn http_error(request: &HttpRequest, status: u16, body: String) -> Error {
    let parsed = error_body::parse(&body);
    // A named code in the body wins; `/v3` numbers are named per operation.
    let code = parsed
        .code
        .or_else(|| request.v3_codes.and_then(|name| name(status)))
        .or_else(|| {
            parsed
                .numeric_code
                .map(|n| ApiErrorCode::Other(n.to_string()))
        });
    let message = parsed
        .message
        .unwrap_or_else(|| status_text(status).to_owned());
    Error::http(status, code, message, body).with_field_errors(parsed.field_errors)
}

fn status_text(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("unexpected HTTP status")
}

/// Replaces every secret's text with `***`.
pub(crate) fn redact(text: &str, secrets: &[Secret]) -> String {
    let mut out = text.to_owned();
    for secret in secrets {
        if !secret.is_empty() && out.contains(secret.expose()) {
            out = out.replace(secret.expose(), "***");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_sdk_version_platform_and_suffix() {
        let plain = user_agent(None);
        assert!(plain.starts_with(&format!("kgen-sdk/{} (", env!("CARGO_PKG_VERSION"))));
        assert!(plain.ends_with(&format!(
            "{}; {})",
            std::env::consts::OS,
            std::env::consts::ARCH
        )));
        assert_eq!(
            user_agent(Some("MyGame/1.2")),
            format!("{plain} MyGame/1.2")
        );
        assert_eq!(user_agent(Some("  ")), plain);
    }

    #[test]
    fn plain_http_is_refused_except_for_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.1.2.3",
            "http://localhost:1/",
            "http://[::1]:9",
            "https://example.com/api/",
        ] {
            assert!(check_base_url("base_url", ok, false).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://10.0.0.1",
            "ftp://127.0.0.1",
            "not a url",
            "https://h/?q=1",
        ] {
            let e = check_base_url("base_url", bad, false).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
        }
        assert!(check_base_url("base_url", "http://example.com", true).is_ok());
        assert_eq!(
            check_base_url("b", "https://h.io/api/", false).unwrap(),
            "https://h.io/api"
        );
    }

    #[test]
    fn a_url_that_does_not_parse_is_shown_without_its_user_info() {
        for url in [
            "https://user:hunter2@exa mple.com",
            "https://user:hun/ter2@example.com:99999",
            "user:hunter2@",
        ] {
            let e = check_base_url("base_url", url, false).unwrap_err();
            assert!(!e.message().contains("hunter2"), "{}", e.message());
        }
        assert_eq!(
            without_user_info("https://u:p/w@exa mple.com/x"),
            "https://***@exa mple.com/x"
        );
        assert_eq!(without_user_info("not a url"), "not a url");
    }

    #[test]
    fn path_segments_are_percent_encoded() {
        let r = HttpRequest::get(Family::Kgen, &["fe", "esports", "tournaments", "a/b?c#d e"]);
        assert_eq!(r.path, "/fe/esports/tournaments/a%2Fb%3Fc%23d%20e");
    }

    #[test]
    fn redaction_replaces_every_secret() {
        let secrets = [Secret::new("tok123"), Secret::new("")];
        assert_eq!(
            redact("bad token tok123 (tok123)", &secrets),
            "bad token *** (***)"
        );
    }
}
