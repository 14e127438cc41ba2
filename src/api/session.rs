//! `POST /s2s/session`: create or retrieve a player's session (server flow).

use serde_json::{Map, Value};

use super::decode::{FromJson, Json, Obj};
use super::Timestamp;
use crate::auth::JwtClaims;
use crate::transport::{Auth, CallContext, Family, HttpRequest, RawResponse, RetryClass};
use crate::{Client, Error, Response, Secret, Session};

/// The optional player profile sent with a session (all fields optional). The server
/// echoes it back with `""` and 0 for what it does not know: an echoed `""` reads as
/// `None`, an echoed 0 as `Some(0)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlayerProfile {
    pub name: Option<String>,
    pub username: Option<String>,
    pub email: Option<String>,
    pub device_id: Option<String>,
    pub phonenumber: Option<String>,
    pub level: Option<i64>,
    pub rank: Option<i64>,
    pub date_joined: Option<String>,
    pub playertag: Option<String>,
    pub location: Option<String>,
    pub location_name: Option<String>,
    pub device_model: Option<String>,
    pub screen_height: Option<String>,
    pub screen_width: Option<String>,
    pub os_name: Option<String>,
    pub os_version: Option<String>,
    pub browser_name: Option<String>,
    pub fb_login: Option<String>,
    pub google_login: Option<String>,
    pub app_version: Option<String>,
}

impl PlayerProfile {
    /// The text fields with their wire names (one list for encoding and decoding).
    fn text_fields_mut(&mut self) -> [(&'static str, &mut Option<String>); 18] {
        [
            ("name", &mut self.name),
            ("username", &mut self.username),
            ("email", &mut self.email),
            ("device_id", &mut self.device_id),
            ("phonenumber", &mut self.phonenumber),
            ("date_joined", &mut self.date_joined),
            ("playertag", &mut self.playertag),
            ("location", &mut self.location),
            ("location_name", &mut self.location_name),
            ("device_model", &mut self.device_model),
            ("screen_height", &mut self.screen_height),
            ("screen_width", &mut self.screen_width),
            ("os_name", &mut self.os_name),
            ("os_version", &mut self.os_version),
            ("browser_name", &mut self.browser_name),
            ("fb_login", &mut self.fb_login),
            ("google_login", &mut self.google_login),
            ("app_version", &mut self.app_version),
        ]
    }

    fn write_json(&self, out: &mut Map<String, Value>) {
        let mut copy = self.clone();
        for (key, value) in copy.text_fields_mut() {
            if let Some(value) = value.take() {
                out.insert(key.to_owned(), Value::String(value));
            }
        }
        for (key, value) in [("level", self.level), ("rank", self.rank)] {
            if let Some(value) = value {
                out.insert(key.to_owned(), Value::from(value));
            }
        }
    }

    fn read_json(o: Obj<'_>) -> Result<PlayerProfile, Error> {
        let mut profile = PlayerProfile {
            level: o.opt_i64(&["level"])?,
            rank: o.opt_i64(&["rank"])?,
            ..PlayerProfile::default()
        };
        for (key, value) in profile.text_fields_mut() {
            *value = o.opt_string(&[key])?;
        }
        Ok(profile)
    }
}

/// The request of [`Client::create_session`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreateSession {
    /// Your game's own, stable player id (required).
    pub user_id: String,
    /// Optional profile fields.
    pub profile: PlayerProfile,
}

impl CreateSession {
    /// A request for `user_id` with an empty profile.
    pub fn new(user_id: impl Into<String>) -> Self {
        CreateSession {
            user_id: user_id.into(),
            profile: PlayerProfile::default(),
        }
    }

    fn to_json(&self) -> Value {
        let mut body = Map::new();
        body.insert("user_id".into(), Value::String(self.user_id.clone()));
        self.profile.write_json(&mut body);
        Value::Object(body)
    }
}

/// The session as the server describes it (`/s2s/session` response; in the client flow,
/// filled from the token's claims).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionInfo {
    /// Session id (uuid); empty in the client flow.
    pub session_id: String,
    /// The game's player id (`user_id`, legacy `gamer_id`).
    pub user_id: String,
    /// The profile as echoed.
    pub profile: PlayerProfile,
    /// KGeN id (uuid) once the player has one.
    pub indigg_id: Option<String>,
    pub indigg_wallet_address: String,
    /// The game's id on the platform (= the tournaments' `game_uid`; legacy `appId`).
    pub third_party_client_id: String,
    pub third_party_client_name: String,
    /// `<client id>#<user_id>` (older servers: `<client id>___<user_id>`).
    pub namespaced_third_party_user_id: String,
    /// The player's custodial wallet.
    pub wallet_address: String,
    pub is_new_user: bool,
    /// Verified phone number (`linked_phone`, legacy `linkedMobileNumber`); empty if none.
    pub linked_phone: String,
    /// When the session started (Go time text on the wire).
    pub session_start_time: Option<Timestamp>,
    /// `access_token`, falling back to the legacy `token`.
    pub access_token: Secret,
    pub refresh_token: Option<Secret>,
}

impl FromJson for SessionInfo {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        let o = Obj::new(value, "session")?;
        Ok(SessionInfo {
            session_id: o.string(&["session_id"])?,
            user_id: o.string(&["user_id", "gamer_id"])?,
            profile: PlayerProfile::read_json(o)?,
            indigg_id: o.opt_string(&["indigg_id"])?,
            indigg_wallet_address: o.string(&["indigg_wallet_address"])?,
            third_party_client_id: o.string(&["third_party_client_id", "appId"])?,
            third_party_client_name: o.string(&["third_party_client_name"])?,
            namespaced_third_party_user_id: o.string(&["namespaced_third_party_user_id"])?,
            wallet_address: o.string(&["wallet_address"])?,
            is_new_user: o.bool(&["is_new_user"])?,
            linked_phone: o.string(&["linked_phone", "linkedMobileNumber"])?,
            session_start_time: o.timestamp(&["session_start_time"])?,
            access_token: Secret::new(o.string(&["access_token", "token"])?),
            refresh_token: o.opt_string(&["refresh_token"])?.map(Secret::new),
        })
    }
}

impl SessionInfo {
    pub(crate) fn from_claims(
        claims: &JwtClaims,
        access: Secret,
        refresh: Option<Secret>,
    ) -> SessionInfo {
        SessionInfo {
            user_id: claims.user_id.clone(),
            indigg_id: claims.indigg_id.clone(),
            indigg_wallet_address: claims.indigg_wallet_address.clone(),
            third_party_client_id: claims.third_party_client_id.clone(),
            third_party_client_name: claims.third_party_client_name.clone(),
            namespaced_third_party_user_id: claims.namespaced_third_party_user_id.clone(),
            wallet_address: claims.wallet_address.clone(),
            is_new_user: claims.is_new_user,
            linked_phone: claims.linked_phone.clone(),
            access_token: access,
            refresh_token: refresh,
            ..SessionInfo::default()
        }
    }
}

/// Sends `POST /s2s/session` and reads the session it returns (creation and renewal).
pub(crate) async fn post_session(
    client: &Client,
    ctx: &CallContext,
    request: &CreateSession,
) -> Result<(RawResponse, SessionInfo), Error> {
    let http = HttpRequest::post(Family::Kgen, &["s2s", "session"], RetryClass::Safe)
        .auth(Auth::ClientCredentials)
        .json(&request.to_json());
    let raw = client.transport().send(&http, ctx).await?;
    let info = SessionInfo::from_body(&raw.body)
        .and_then(|info| {
            if info.access_token.is_empty() {
                Err(Error::decode(
                    "session response has neither access_token nor token",
                ))
            } else {
                Ok(info)
            }
        })
        .map_err(|e| e.with_response(raw.status, raw.body.clone()))?;
    Ok((raw, info))
}

impl Client {
    /// What `create_session` refuses before anything is sent; the C ABI asks it at the
    /// call, so such a request never starts.
    pub(crate) fn check_create_session(&self, request: &CreateSession) -> Result<(), Error> {
        if !self.transport().has_client_credentials() {
            return Err(Error::invalid_argument(
                "create_session needs client_id and client_secret (server flow only)",
            ));
        }
        if request.user_id.trim().is_empty() {
            return Err(Error::invalid_argument("user_id must not be empty"));
        }
        Ok(())
    }

    /// Creates or retrieves `request.user_id`'s session — `POST /s2s/session` with the
    /// client credentials (server flow; never ship a client secret in a game client).
    ///
    /// The session renews itself before its token expires and once after a 401.
    ///
    /// Retry policy: **safe to retry** — the endpoint is create-or-retrieve, so a repeat
    /// returns the same player's session.
    ///
    /// Errors: `InvalidArgument` without client credentials or `user_id`; HTTP 401
    /// `UN_AUTHORIZED` for bad credentials, 400 `BAD_REQUEST`.
    pub async fn create_session(&self, request: CreateSession) -> Result<Response<Session>, Error> {
        self.check_create_session(&request)?;
        let ctx = self.context();
        self.run(&ctx, async {
            let (raw, info) = post_session(self, &ctx, &request).await?;
            let session = Session::from_server(self.clone(), request.clone(), info);
            self.offer_session(&session);
            Ok(Response {
                data: session,
                http_status: raw.status,
                request_id: raw.request_id,
                raw_body: raw.body,
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode::read;
    use serde_json::json;

    #[test]
    fn request_sends_user_id_and_only_the_profile_fields_given() {
        let mut request = CreateSession::new("p1");
        request.profile.name = Some("Ann".into());
        request.profile.level = Some(3);
        assert_eq!(
            request.to_json(),
            json!({"user_id": "p1", "name": "Ann", "level": 3})
        );
    }

    #[test]
    fn decodes_the_documented_response_with_legacy_aliases() {
        let body = json!({
            "session_id": "2b1c", "user_id": "p1", "name": "", "level": 0, "screen_height": "1080",
            "indigg_id": null, "third_party_client_id": "game-1", "namespaced_third_party_user_id": "demo-client#p1",
            "wallet_address": "0xabc", "is_new_user": true, "token": "legacy", "access_token": "at", "refresh_token": "rt",
            "linkedMobileNumber": "+919876543219", "session_start_time": "2024-09-06 05:10:53.871198445 +0000 UTC",
            "unknown_extra": {"x": 1}
        });
        let s = read::<SessionInfo>(body).unwrap();
        assert_eq!(s.access_token.expose(), "at");
        assert_eq!(s.refresh_token.unwrap().expose(), "rt");
        assert_eq!(s.profile.name, None);
        assert_eq!(s.profile.level, Some(0));
        assert_eq!(s.profile.screen_height.as_deref(), Some("1080"));
        assert_eq!(s.linked_phone, "+919876543219");
        assert_eq!(s.indigg_id, None);
        assert_eq!(
            s.session_start_time.unwrap().unix_ms,
            Some(1_725_599_453_871)
        );
    }

    #[test]
    fn an_empty_access_token_falls_back_to_token() {
        let s = read::<SessionInfo>(
            json!({"access_token": "", "token": "legacy", "user_id": "", "gamer_id": "g1"}),
        )
        .unwrap();
        assert_eq!(s.access_token.expose(), "legacy");
        assert_eq!(s.user_id, "g1");
    }

    #[test]
    fn token_is_the_fallback_for_access_token_and_gamer_id_for_user_id() {
        let s = read::<SessionInfo>(
            json!({"token": "legacy", "gamer_id": "g1", "appId": "game", "screen_width": 720}),
        )
        .unwrap();
        assert_eq!(s.access_token.expose(), "legacy");
        assert_eq!(s.user_id, "g1");
        assert_eq!(s.third_party_client_id, "game");
        assert_eq!(s.profile.screen_width.as_deref(), Some("720"));
    }
}
