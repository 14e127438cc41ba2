//! HS256 JSON Web Tokens with the claims of API.md.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// `{"alg":"HS256","typ":"JWT"}`, base64url-encoded once.
const HEADER_B64: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

/// The documented claims. Access and refresh tokens carry the same claims and both are
/// accepted on `/fe` (as the platform's documentation describes them); the refresh token
/// lives longer (*sandbox-defined*: 30 days).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub client_id: String,
    pub iss: String,
    pub iat: i64,
    pub exp: i64,
    pub user_id: String,
    pub gamer_id: String,
    pub third_party_client_id: String,
    pub third_party_client_name: String,
    pub namespaced_third_party_user_id: String,
    pub wallet_address: String,
    pub is_new_user: bool,
    pub indigg_id: Option<String>,
    pub indigg_wallet_address: String,
    pub linked_phone: String,
}

/// How much longer a refresh token lives than its access token (*sandbox-defined*).
pub const REFRESH_TTL_SECS: i64 = 30 * 86_400;

pub fn sign(secret: &[u8], claims: &Claims) -> String {
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap_or_default());
    let signing_input = format!("{HEADER_B64}.{payload}");
    let signature = URL_SAFE_NO_PAD.encode(
        mac(secret, signing_input.as_bytes())
            .finalize()
            .into_bytes(),
    );
    format!("{signing_input}.{signature}")
}

/// Verifies signature, algorithm and expiry (`exp` must lie after `now_secs`).
pub fn verify(secret: &[u8], token: &str, now_secs: i64) -> Option<Claims> {
    let (signing_input, signature) = token.rsplit_once('.')?;
    let (header, payload) = signing_input.split_once('.')?;
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    mac(secret, signing_input.as_bytes())
        .verify_slice(&signature)
        .ok()?;
    if header != HEADER_B64 {
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
        if header.get("alg")?.as_str()? != "HS256" {
            return None;
        }
    }
    let claims: Claims = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    (claims.exp > now_secs).then_some(claims)
}

fn mac(secret: &[u8], data: &[u8]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(data);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: i64) -> Claims {
        Claims {
            sub: "p1".into(),
            client_id: "c".into(),
            iss: "c".into(),
            iat: 100,
            exp,
            user_id: "p1".into(),
            gamer_id: String::new(),
            third_party_client_id: "c".into(),
            third_party_client_name: "c".into(),
            namespaced_third_party_user_id: "c#p1".into(),
            wallet_address: "0x00".into(),
            is_new_user: true,
            indigg_id: None,
            indigg_wallet_address: "0x01".into(),
            linked_phone: String::new(),
        }
    }

    #[test]
    fn round_trip_until_expiry() {
        let token = sign(b"secret", &claims(200));
        assert_eq!(verify(b"secret", &token, 199), Some(claims(200)));
        assert_eq!(verify(b"secret", &token, 200), None, "expired at exp");
    }

    #[test]
    fn rejects_other_keys_and_tampering() {
        let token = sign(b"secret", &claims(200));
        assert_eq!(verify(b"other", &token, 0), None);
        let mut tampered = token.clone();
        tampered.insert(40, 'x');
        assert_eq!(verify(b"secret", &tampered, 0), None);
        assert_eq!(verify(b"secret", "not-a-jwt", 0), None);
    }
}
