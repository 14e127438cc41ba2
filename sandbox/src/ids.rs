//! Random identifiers, codes and wallet addresses.

use rand::distributions::{Alphanumeric, DistString};
use rand::Rng;
use sha2::{Digest, Sha256};

pub fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A random `0x`-prefixed 20-byte address (custodial and KGeN wallets).
pub fn wallet_address() -> String {
    let bytes: [u8; 20] = rand::thread_rng().gen();
    format!("0x{}", hex(&bytes))
}

/// The stable address of a platform wallet (treasury, tournament escrow), derived from a label.
pub fn platform_wallet(label: &str) -> String {
    format!("0x{}", &hex(&Sha256::digest(label.as_bytes()))[..40])
}

/// Masks an address the way the platform shows counterparties: `0x7d*****f0a2`.
pub fn mask_wallet(address: &str) -> String {
    if address.len() < 10 || !address.is_ascii() {
        return address.to_string();
    }
    format!("{}*****{}", &address[..4], &address[address.len() - 4..])
}

/// A numeric code of `len` digits (OTPs, auth codes).
pub fn digits(len: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

/// An opaque random token (API keys, cookie sessions, secrets).
pub fn token(len: usize) -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), len)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_masks() {
        let address = wallet_address();
        assert_eq!(address.len(), 42);
        assert_eq!(platform_wallet("x"), platform_wallet("x"));
        assert_eq!(
            mask_wallet("0x7d0000000000000000000000000000000000f0a2"),
            "0x7d*****f0a2"
        );
        assert_eq!(digits(6).len(), 6);
    }
}
