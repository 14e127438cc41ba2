//! The typed data of completions: one member of `kgen_data` per result shape.

use std::ffi::c_void;

/// The typed result of a successful completion; `kgen_event.operation` says
/// which member is set. Everything is borrowed like the event.
#[repr(C)]
#[derive(Clone, Copy)]
pub union kgen_data {
    /// NULL: failed completions, operations without data, notifications.
    pub none: *const c_void,
}

impl kgen_data {
    pub(crate) const NONE: kgen_data = kgen_data {
        none: std::ptr::null(),
    };
}
