//! Password hashes: PBKDF2-HMAC-SHA256 with a random salt, stored as
//! `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`. 10 000 iterations keep a login
//! around a millisecond (release build): enough for an emulator, fast for tests.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use rand::Rng;
use sha2::Sha256;

use crate::store::clients::constant_time_eq;

const ITERATIONS: u32 = 10_000;

pub fn hash(password: &str) -> String {
    let salt: [u8; 16] = rand::thread_rng().gen();
    let key = derive(password, &salt, ITERATIONS);
    format!(
        "pbkdf2-sha256${ITERATIONS}${}${}",
        STANDARD_NO_PAD.encode(salt),
        STANDARD_NO_PAD.encode(key)
    )
}

pub fn verify(password: &str, stored: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some("pbkdf2-sha256"), Some(iterations), Some(salt), Some(key), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    let (Ok(iterations), Ok(salt), Ok(key)) = (
        iterations.parse(),
        STANDARD_NO_PAD.decode(salt),
        STANDARD_NO_PAD.decode(key),
    ) else {
        return false;
    };
    constant_time_eq(&derive(password, &salt, iterations), &key)
}

fn derive(password: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password.as_bytes(), salt, iterations)
}

#[cfg(test)]
mod tests {
    #[test]
    fn verifies_only_the_right_password() {
        let stored = super::hash("demo-password");
        assert!(super::verify("demo-password", &stored));
        assert!(!super::verify("demo-passworD", &stored));
        assert!(!super::verify("demo-password", "garbage"));
        assert_ne!(stored, super::hash("demo-password"), "salted");
    }
}
