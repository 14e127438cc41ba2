//! Player sessions: tokens, their expiry on the server's clock, renewal and expiry events.
//!
//! **Server flow** (game servers, client id + secret): [`Client::create_session`] calls
//! `POST /s2s/session`; before the access token's `exp` (minus `Config::renew_before`,
//! judged on the server's clock) and once after a 401, the session renews itself by calling
//! it again. Renewal is single-flight: however many calls notice the need at once, one
//! request renews and the others wait for it.
//!
//! **Client flow** (shipped games, no secret): [`Client::restore_session`] wraps tokens
//! your game server handed over. The SDK cannot renew them. The server alone judges
//! whether a token is dead: when the device's estimate of the server's clock says the
//! token expires within `Config::renew_before` (or has expired), the session-expired
//! handler is raised (once per token) but calls still go out, so that one wrong `Date`
//! header, which only a later response can correct, never strands a session. When the
//! server refuses the token (401), the call fails with `ErrorKind::SessionExpired` and the
//! handler is raised if it was not yet; later calls with that token fail the same way at
//! once, without a request — no request loops. Give the session a new token with
//! [`Session::update_tokens`]. A refusal that arrives after the token was replaced is
//! answered by sending the request once more with the new token.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use base64::Engine;

use crate::api::decode::{FromJson, Json, Obj};
use crate::api::session::{post_session, CreateSession, SessionInfo};
use crate::client::decode;
use crate::log::{self, LogLevel};
use crate::transport::{Auth, CallContext, HttpRequest, RawResponse};
use crate::{Client, Error, ErrorKind, Response, Secret};

/// How a session was obtained, which decides how it is kept alive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SessionFlow {
    /// Created with client credentials; renews itself.
    Server,
    /// Restored from tokens; raises the session-expired event instead of renewing.
    Client,
}

/// The claims of a KGeN access token, read without verifying the signature (only the
/// server can verify it; the SDK needs `exp` and the ids).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JwtClaims {
    /// Subject (= user id).
    pub sub: String,
    /// The game's player id (`user_id`, else `sub`).
    pub user_id: String,
    /// The s2s client the token was issued for.
    pub client_id: String,
    /// Issuer.
    pub iss: String,
    /// Issued at, Unix seconds.
    pub iat: Option<i64>,
    /// Expiry, Unix seconds, on the server's clock.
    pub exp: Option<i64>,
    /// Legacy gamer id (usually empty).
    pub gamer_id: String,
    /// The game's id on the platform.
    pub third_party_client_id: String,
    /// The game's name on the platform.
    pub third_party_client_name: String,
    /// `<client id>#<user id>`.
    pub namespaced_third_party_user_id: String,
    /// Custodial wallet address.
    pub wallet_address: String,
    /// Whether the session created the player.
    pub is_new_user: bool,
    /// KGeN id, when the player has one.
    pub indigg_id: Option<String>,
    /// KGeN wallet address.
    pub indigg_wallet_address: String,
    /// Linked phone, when one is verified.
    pub linked_phone: String,
}

impl JwtClaims {
    /// Reads the claims of a JWT (`header.payload.signature`); does not verify it.
    pub fn decode(token: &str) -> Result<JwtClaims, Error> {
        let not_jwt =
            || Error::invalid_argument("the token is not a JWT (header.payload.signature)");
        let mut parts = token.trim().split('.');
        let (Some(_), Some(payload), Some(_), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(not_jwt());
        };
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload.trim_end_matches('='))
            .map_err(|_| not_jwt())?;
        let value = Json::parse_slice(&bytes).map_err(|_| not_jwt())?;
        JwtClaims::from_json(&value)
            .map_err(|e| Error::invalid_argument(format!("token claims: {}", e.message())))
    }
}

impl FromJson for JwtClaims {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "claims")?;
        Ok(JwtClaims {
            sub: o.string(&["sub"])?,
            user_id: o.string(&["user_id", "sub"])?,
            client_id: o.string(&["client_id"])?,
            iss: o.string(&["iss"])?,
            iat: o.opt_i64(&["iat"])?,
            exp: o.opt_i64(&["exp"])?,
            gamer_id: o.string(&["gamer_id"])?,
            third_party_client_id: o.string(&["third_party_client_id"])?,
            third_party_client_name: o.string(&["third_party_client_name"])?,
            namespaced_third_party_user_id: o.string(&["namespaced_third_party_user_id"])?,
            wallet_address: o.string(&["wallet_address"])?,
            is_new_user: o.bool(&["is_new_user"])?,
            indigg_id: o.opt_string(&["indigg_id"])?,
            indigg_wallet_address: o.string(&["indigg_wallet_address"])?,
            linked_phone: o.string(&["linked_phone"])?,
        })
    }
}

/// One player's session. Cheap to clone (an `Arc`), `Send + Sync`; a client holds any
/// number of them. The per-player operations are methods of `Session` (see `api`).
#[derive(Clone)]
pub struct Session {
    inner: Arc<SessionInner>,
}

struct SessionInner {
    client: Client,
    flow: SessionFlow,
    user_id: String,
    /// What `POST /s2s/session` is called with to renew (server flow); boxed, so a
    /// restored session (client flow) does not carry room for a player profile.
    renewal: Option<Box<CreateSession>>,
    tokens: RwLock<Tokens>,
    /// Held while one call renews; the others wait on it, then use its result. It keeps
    /// the error of the last renewal, which callers that waited for it share.
    renew_lock: tokio::sync::Mutex<Option<Error>>,
    /// Renewals that ended (either way), so a waiter sees whether one ended meanwhile.
    renewals_ended: AtomicU64,
}

struct Tokens {
    access: Secret,
    refresh: Option<Secret>,
    exp: Option<i64>,
    /// The session's fields; `None` while they are those of `access`'s claims (a session
    /// restored from tokens), which are then read from the token when asked for: a
    /// restored session keeps its tokens and little else.
    info: Option<Arc<SessionInfo>>,
    /// Bumped by every new token, so a call that saw a 401 knows whether a newer one exists.
    generation: u64,
    /// The session-expired event was raised for this token (client flow).
    expiry_reported: bool,
    /// The server refused this token (client flow): calls fail without a request.
    refused: bool,
}

impl Tokens {
    fn new(
        access: Secret,
        refresh: Option<Secret>,
        info: Option<SessionInfo>,
        exp: Option<i64>,
    ) -> Tokens {
        Tokens {
            access,
            refresh,
            exp,
            info: info.map(Arc::new),
            generation: 0,
            expiry_reported: false,
            refused: false,
        }
    }

    /// The fields of a session restored from `access` (its claims were read when it was
    /// installed, so they read again).
    fn claims_info(&self) -> SessionInfo {
        let claims = JwtClaims::decode(self.access.expose()).unwrap_or_default();
        SessionInfo::from_claims(&claims, self.access.clone(), self.refresh.clone())
    }
}

/// A session that lives on only while someone else keeps it ([`Session::downgrade`]).
#[derive(Clone)]
pub(crate) struct WeakSession(std::sync::Weak<SessionInner>);

impl WeakSession {
    pub(crate) fn upgrade(&self) -> Option<Session> {
        self.0.upgrade().map(|inner| Session { inner })
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("user_id", &self.inner.user_id)
            .field("flow", &self.inner.flow)
            .field("expires_at", &self.expires_at())
            .finish_non_exhaustive()
    }
}

impl Session {
    pub(crate) fn from_server(
        client: Client,
        request: CreateSession,
        info: SessionInfo,
    ) -> Session {
        let exp = JwtClaims::decode(info.access_token.expose())
            .ok()
            .and_then(|c| c.exp);
        let user_id = if info.user_id.is_empty() {
            request.user_id.clone()
        } else {
            info.user_id.clone()
        };
        let tokens = Tokens::new(
            info.access_token.clone(),
            info.refresh_token.clone(),
            Some(info),
            exp,
        );
        Session::build(client, SessionFlow::Server, user_id, Some(request), tokens)
    }

    fn build(
        client: Client,
        flow: SessionFlow,
        user_id: String,
        renewal: Option<CreateSession>,
        tokens: Tokens,
    ) -> Session {
        Session {
            inner: Arc::new(SessionInner {
                client,
                flow,
                user_id,
                renewal: renewal.map(Box::new),
                tokens: RwLock::new(tokens),
                renew_lock: tokio::sync::Mutex::new(None),
                renewals_ended: AtomicU64::new(0),
            }),
        }
    }

    /// Whether `self` and `other` are handles to the same session (clones of one
    /// `create_session`/`restore_session` result), whatever their tokens are now.
    pub fn same_as(&self, other: &Session) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// A handle that does not keep the session (nor its client) alive.
    pub(crate) fn downgrade(&self) -> WeakSession {
        WeakSession(Arc::downgrade(&self.inner))
    }

    /// Identifies the session while any clone of it lives (`same_as` as a number).
    pub(crate) fn key(&self) -> usize {
        Arc::as_ptr(&self.inner) as usize
    }

    /// The player's id in your game.
    pub fn user_id(&self) -> &str {
        &self.inner.user_id
    }

    /// Server or client flow.
    pub fn flow(&self) -> SessionFlow {
        self.inner.flow
    }

    /// The client this session belongs to.
    pub fn client(&self) -> &Client {
        &self.inner.client
    }

    /// The session's fields (from `/s2s/session`, or from the token's claims in the client flow).
    pub fn info(&self) -> Arc<SessionInfo> {
        let tokens = self.tokens();
        match &tokens.info {
            Some(info) => info.clone(),
            None => Arc::new(tokens.claims_info()),
        }
    }

    /// The current access token (changes when the session renews).
    pub fn access_token(&self) -> Secret {
        self.tokens().access.clone()
    }

    /// The current refresh token, if any (the platform documents no use for it).
    pub fn refresh_token(&self) -> Option<Secret> {
        self.tokens().refresh.clone()
    }

    /// The access token's `exp` in Unix seconds, on the server's clock.
    pub fn expires_at(&self) -> Option<i64> {
        self.tokens().exp
    }

    /// Replaces the tokens (client flow: after the game server handed out new ones). The
    /// token must belong to the same player. Calls use it from now on, and the
    /// session-expired event is armed again for it.
    pub fn update_tokens(
        &self,
        access_token: &str,
        refresh_token: Option<&str>,
    ) -> Result<(), Error> {
        let claims = JwtClaims::decode(access_token)?;
        if !claims.user_id.is_empty() && claims.user_id != self.inner.user_id {
            return Err(Error::invalid_argument(
                "the token belongs to another player",
            ));
        }
        let access = Secret::new(access_token);
        let refresh = refresh_token.map(Secret::new);
        // The fields stay those the session had; kept apart only when the new token's
        // claims say otherwise.
        let mut info = (*self.info()).clone();
        info.access_token = access.clone();
        info.refresh_token = refresh.clone();
        let derived = info == SessionInfo::from_claims(&claims, access.clone(), refresh.clone());
        let info = (!derived).then_some(info);
        self.install(Tokens::new(access, refresh, info, claims.exp));
        Ok(())
    }

    /// Records a phone this session just linked by OTP, so `info().linked_phone`
    /// stays true without a new session response.
    pub(crate) fn set_linked_phone(&self, phone: String) {
        let mut tokens = self.tokens_mut();
        let mut info = match &tokens.info {
            Some(info) => (**info).clone(),
            None => tokens.claims_info(),
        };
        info.linked_phone = phone;
        tokens.info = Some(Arc::new(info));
    }

    fn tokens(&self) -> std::sync::RwLockReadGuard<'_, Tokens> {
        self.inner.tokens.read().unwrap_or_else(|p| p.into_inner())
    }

    fn tokens_mut(&self) -> std::sync::RwLockWriteGuard<'_, Tokens> {
        self.inner.tokens.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Replaces the tokens by a new generation.
    fn install(&self, new: Tokens) {
        let mut tokens = self.tokens_mut();
        let generation = tokens.generation + 1;
        *tokens = Tokens { generation, ..new };
    }

    /// The current token and its generation.
    fn current_token(&self) -> (Secret, u64) {
        let tokens = self.tokens();
        (tokens.access.clone(), tokens.generation)
    }

    /// Milliseconds until `exp` on the server's clock (`None` when the token has no `exp`).
    fn remaining_ms(&self) -> Option<i64> {
        let exp = self.tokens().exp?;
        Some(exp.saturating_mul(1000) - self.inner.client.server_now_ms())
    }

    fn renew_before_ms(&self) -> i64 {
        self.inner.client.config().renew_before.as_millis() as i64
    }

    /// Sends a request on behalf of the player and decodes the answer.
    pub(crate) async fn call<T: FromJson>(
        &self,
        request: HttpRequest,
    ) -> Result<Response<T>, Error> {
        self.call_in(self.inner.client.context(), request).await
    }

    /// [`Session::call`] under a given `Idempotency-Key` (the outbox's, kept across restarts).
    pub(crate) async fn call_keyed<T: FromJson>(
        &self,
        request: HttpRequest,
        idempotency_key: &str,
    ) -> Result<Response<T>, Error> {
        let ctx = self.inner.client.context();
        self.call_in(ctx.with_idempotency_key(idempotency_key), request)
            .await
    }

    async fn call_in<T: FromJson>(
        &self,
        ctx: CallContext,
        mut request: HttpRequest,
    ) -> Result<Response<T>, Error> {
        let client = &self.inner.client;
        client
            .run(&ctx, async { decode(self.send(&ctx, &mut request).await?) })
            .await
    }

    /// Sends a request with the current token: renews first when due (server flow), warns
    /// of expiry (client flow), and after a 401 sends it once more with a newer token — a
    /// renewed one (server flow), or one passed to `update_tokens` while the request was
    /// out (client flow); else the client-flow token counts as refused.
    pub(crate) async fn send(
        &self,
        ctx: &CallContext,
        request: &mut HttpRequest,
    ) -> Result<RawResponse, Error> {
        let (token, generation) = self.prepare(ctx).await?;
        let transport = self.inner.client.transport();
        request.set_auth(Auth::User(token));
        let refusal = match transport.send(request, ctx).await {
            Err(e) if e.http_status() == Some(401) => e,
            other => return other,
        };
        let (token, generation) = match self.inner.flow {
            SessionFlow::Server => {
                Box::pin(self.renew(ctx, Some(generation))).await?;
                self.current_token()
            }
            SessionFlow::Client => match self.current_token() {
                newer @ (_, current) if current != generation => newer,
                _ => return Err(self.refused(generation, refusal)),
            },
        };
        // The rare second attempt is boxed, so it does not double every call's future.
        request.set_auth(Auth::User(token));
        match Box::pin(transport.send(request, ctx)).await {
            Err(e) if e.http_status() == Some(401) && self.inner.flow == SessionFlow::Client => {
                Err(self.refused(generation, e))
            }
            other => other,
        }
    }

    /// The token to use and its generation, after any renewal that is due.
    async fn prepare(&self, ctx: &CallContext) -> Result<(Secret, u64), Error> {
        let due = self
            .remaining_ms()
            .is_some_and(|r| r <= self.renew_before_ms());
        match self.inner.flow {
            SessionFlow::Server if due => {
                if let Err(e) = Box::pin(self.renew(ctx, None)).await {
                    // The old token is still good: use it and try renewing next time.
                    if self.remaining_ms().is_some_and(|r| r <= 0) {
                        return Err(e);
                    }
                    log::emit(LogLevel::Warn, || {
                        format!("session renewal failed, token still valid: {e}")
                    });
                }
            }
            SessionFlow::Server => {}
            SessionFlow::Client => {
                let (refused, reported, generation) = {
                    let tokens = self.tokens();
                    (tokens.refused, tokens.expiry_reported, tokens.generation)
                };
                if refused {
                    return Err(Error::new(
                        ErrorKind::SessionExpired,
                        "the server refused the session's token; pass a new one to update_tokens",
                    ));
                }
                // Only a warning: the server, not the device's clock estimate, refuses.
                if due && !reported {
                    self.report_expiry(generation);
                }
            }
        }
        Ok(self.current_token())
    }

    /// Renews by calling `/s2s/session` again, single-flight. With `seen`, renews only if
    /// nobody renewed since that generation was used; without, only if still due. A
    /// renewal that failed while this call waited for it fails this call too: a platform
    /// that cannot renew is asked once, not once per waiting call.
    async fn renew(&self, ctx: &CallContext, seen: Option<u64>) -> Result<(), Error> {
        let ended_before = self.inner.renewals_ended.load(Ordering::Acquire);
        let mut last_failure = self.inner.renew_lock.lock().await;
        if self.inner.renewals_ended.load(Ordering::Acquire) != ended_before {
            if let Some(error) = &*last_failure {
                return Err(error.clone());
            }
        }
        let still_needed = match seen {
            Some(generation) => self.tokens().generation == generation,
            None => self
                .remaining_ms()
                .is_some_and(|r| r <= self.renew_before_ms()),
        };
        if !still_needed {
            return Ok(());
        }
        let Some(request) = &self.inner.renewal else {
            return Err(Error::new(
                ErrorKind::Internal,
                "only server sessions renew",
            ));
        };
        log::emit(LogLevel::Info, || {
            format!("renewing the session of player {}", self.inner.user_id)
        });
        let result = post_session(&self.inner.client, ctx, request).await;
        self.inner.renewals_ended.fetch_add(1, Ordering::Release);
        let (_, info) = result.inspect_err(|e| *last_failure = Some(e.clone()))?;
        *last_failure = None;
        let exp = JwtClaims::decode(info.access_token.expose())
            .ok()
            .and_then(|c| c.exp);
        self.install(Tokens::new(
            info.access_token.clone(),
            info.refresh_token.clone(),
            Some(info),
            exp,
        ));
        Ok(())
    }

    /// Raises the session-expired event once per token, if `generation` is still current.
    fn report_expiry(&self, generation: u64) {
        let first = {
            let mut tokens = self.tokens_mut();
            let first = tokens.generation == generation && !tokens.expiry_reported;
            tokens.expiry_reported |= first;
            first
        };
        if first {
            log::emit(LogLevel::Info, || {
                format!(
                    "session of player {} expires; asking for a new token",
                    self.inner.user_id
                )
            });
            self.inner.client.notify_session_expired(self);
        }
    }

    /// Records the server's refusal of the token of `generation` (client flow) and turns
    /// `error` into the call's `SessionExpired`.
    fn refused(&self, generation: u64, error: Error) -> Error {
        {
            let mut tokens = self.tokens_mut();
            if tokens.generation == generation {
                tokens.refused = true;
            }
        }
        self.report_expiry(generation);
        error.with_kind(ErrorKind::SessionExpired)
    }
}

impl Client {
    /// Restores a player session from tokens your game server handed over (client flow).
    /// Needs no client secret and makes no request; the token's claims are read, not verified.
    ///
    /// Fails with `InvalidArgument` when the access token is not a JWT or names no player.
    pub fn restore_session(
        &self,
        access_token: &str,
        refresh_token: Option<&str>,
    ) -> Result<Session, Error> {
        let claims = JwtClaims::decode(access_token)?;
        if claims.user_id.is_empty() {
            return Err(Error::invalid_argument(
                "the token names no player (no user_id or sub claim)",
            ));
        }
        // The fields are the token's claims, read again when asked for.
        let tokens = Tokens::new(
            Secret::new(access_token),
            refresh_token.map(Secret::new),
            None,
            claims.exp,
        );
        let session = Session::build(
            self.clone(),
            SessionFlow::Client,
            claims.user_id,
            None,
            tokens,
        );
        self.offer_session(&session);
        Ok(session)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::Value;

    /// An unsigned token with these claims (the SDK never verifies signatures).
    pub(crate) fn token(claims: Value) -> String {
        let b64 =
            |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        format!(
            "{}.{}.sig",
            b64(&serde_json::json!({"alg": "HS256", "typ": "JWT"})),
            b64(&claims)
        )
    }

    #[test]
    fn claims_are_read_without_verification() {
        let t = token(serde_json::json!({
            "sub": "p1", "user_id": "p1", "client_id": "demo-client", "iat": 1700000000,
            "exp": 1700086400.0, "is_new_user": true, "indigg_id": null, "linked_phone": ""
        }));
        let c = JwtClaims::decode(&t).unwrap();
        assert_eq!(
            (c.user_id.as_str(), c.exp, c.iat),
            ("p1", Some(1_700_086_400), Some(1_700_000_000))
        );
        assert!(c.is_new_user);
        assert_eq!(c.indigg_id, None);
    }

    #[test]
    fn a_restored_session_reads_its_fields_from_its_token_and_keeps_them_across_new_tokens() {
        let client = Client::new(crate::Config::new("http://127.0.0.1:9")).unwrap();
        let first = token(serde_json::json!({
            "sub": "p1", "wallet_address": "0xfirst", "linked_phone": "", "exp": 4102444800_i64
        }));
        let session = client.restore_session(&first, Some("r1")).unwrap();
        let info = session.info();
        assert_eq!(info.user_id, "p1");
        assert_eq!(info.wallet_address, "0xfirst");
        assert_eq!(info.access_token.expose(), first);
        assert_eq!(info.refresh_token.as_ref().map(Secret::expose), Some("r1"));
        assert_eq!(session.expires_at(), Some(4102444800));

        // A new token of the same player: the fields stay, the tokens are the new ones.
        let second = token(serde_json::json!({"sub": "p1", "wallet_address": "0xsecond"}));
        session.update_tokens(&second, None).unwrap();
        let info = session.info();
        assert_eq!(info.wallet_address, "0xfirst");
        assert_eq!(info.access_token.expose(), second);
        assert_eq!(info.refresh_token, None);
        assert_eq!(session.access_token().expose(), second);
        assert_eq!(session.expires_at(), None);

        let restored = client.restore_session(&first, None).unwrap();
        restored.set_linked_phone("+15550100".into());
        assert_eq!(restored.info().linked_phone, "+15550100");
        restored.update_tokens(&first, None).unwrap();
        assert_eq!(restored.info().linked_phone, "+15550100");
    }

    #[test]
    fn user_id_falls_back_to_sub_and_garbage_is_refused() {
        let c = JwtClaims::decode(&token(serde_json::json!({"sub": "p2"}))).unwrap();
        assert_eq!(c.user_id, "p2");
        let c = JwtClaims::decode(&token(serde_json::json!({"sub": "p3", "user_id": ""}))).unwrap();
        assert_eq!(c.user_id, "p3");
        for bad in ["", "abc", "a.b", "a.!!!.c", "a.b.c.d"] {
            assert_eq!(
                JwtClaims::decode(bad).unwrap_err().kind(),
                ErrorKind::InvalidArgument,
                "{bad}"
            );
        }
    }
}
