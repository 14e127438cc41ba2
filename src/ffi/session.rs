//! Player sessions: the C face of `api/session.rs` and `auth.rs`.

/// A player's session (opaque). Created by `kgen_session_create` (server flow)
/// or `kgen_session_restore` (client flow); owned by its client.
pub struct kgen_session {
    _private: [u8; 0],
}
