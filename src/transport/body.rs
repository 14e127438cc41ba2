//! Reading a response body under a size cap, chunk by chunk.

use crate::Error;

pub(crate) enum BodyError {
    /// The body is larger than allowed; nothing past the cap was buffered.
    TooLarge,
    /// The connection broke while the body was arriving.
    Broken(reqwest::Error),
}

/// Reads the whole body, failing as soon as it exceeds `cap` bytes (the declared length
/// is checked first, then every chunk), so a huge or endless body never fills memory.
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<Vec<u8>, BodyError> {
    let declared = response.content_length().unwrap_or(0);
    if declared > cap as u64 {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::with_capacity((declared as usize).min(64 * 1024));
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Broken)? {
        if body.len() + chunk.len() > cap {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

pub(crate) fn too_large(cap: usize) -> Error {
    Error::decode(format!(
        "response body is larger than max_response_bytes ({cap} bytes)"
    ))
}
