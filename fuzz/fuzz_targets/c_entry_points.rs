#![no_main]
//! The C entry points driven with hostile arguments: options with any `struct_size`,
//! NULL or non-UTF-8 or oversized strings, any numbers; handles that were never made;
//! status values out of range; buffers of any capacity. Every call must return a
//! status, never crash.

use std::ffi::{c_char, CStr};
use std::mem::size_of;
use std::ptr;
use std::time::{Duration, Instant};

use kgen::ffi::client::{kgen_client, kgen_client_destroy, kgen_client_new, kgen_client_options};
use kgen::ffi::status::{kgen_last_error_message, kgen_status_str};
use libfuzzer_sys::fuzz_target;

/// Options followed by zeroed room, so a `struct_size` past the struct reads memory the
/// caller owns (as a newer kgen.h's larger struct would be).
#[repr(C)]
struct Padded {
    options: kgen_client_options,
    tail: [u8; 64],
}

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
        self.0 = rest;
        first
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
    /// A string field: NULL, or bytes up to the next 0xFF (as they are, NUL added).
    fn string(&mut self, store: &mut Vec<Vec<u8>>) -> *const c_char {
        if self.u8() % 5 == 0 {
            return ptr::null();
        }
        let end = self
            .0
            .iter()
            .position(|b| *b == 0xFF)
            .unwrap_or(self.0.len());
        let mut text: Vec<u8> = self.0[..end].iter().copied().filter(|b| *b != 0).collect();
        if self.u8() % 7 == 0 {
            text.resize(70_000, b'a'); // past every length limit
        }
        self.0 = &self.0[(end + 1).min(self.0.len())..];
        text.push(0);
        store.push(text);
        store.last().unwrap().as_ptr().cast()
    }
}

/// The threads of this process.
fn threads() -> usize {
    std::fs::read_dir("/proc/self/task").map_or(0, |tasks| tasks.count())
}

/// Destroy waits a bounded time for the client's runtime threads (an idle one on a busy
/// machine may still be ending when it returns); they must all end soon after. Waiting
/// for them also keeps the leak check from seeing an exiting thread's own memory.
fn await_threads(before: usize) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while threads() > before {
        assert!(
            Instant::now() < deadline,
            "the client's threads outlived destroy by 10 s"
        );
        std::thread::sleep(Duration::from_micros(100));
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Bytes(data);
    let mut strings = Vec::new();
    let mut padded: Padded = unsafe { std::mem::zeroed() };
    let size = size_of::<kgen_client_options>() as u32;
    let o = &mut padded.options;
    o.struct_size = match input.u8() % 4 {
        0 => size,
        1 => input.u32() % (size + 64),
        2 => 8,
        _ => size - 4,
    };
    o.base_url = input.string(&mut strings);
    o.account_base_url = input.string(&mut strings);
    o.client_id = input.string(&mut strings);
    o.client_secret = input.string(&mut strings);
    o.private_token = input.string(&mut strings);
    o.user_agent_suffix = input.string(&mut strings);
    o.proxy = input.string(&mut strings);
    o.connect_timeout_ms = input.u32();
    o.request_timeout_ms = input.u32();
    o.max_response_bytes = input.u32();
    o.retry_max_attempts = input.u32();
    o.retry_base_delay_ms = input.u32();
    o.retry_max_delay_ms = input.u32();
    o.renew_before_secs = input.u32();
    o.allow_insecure_http = input.u32() as i32;
    o.worker_threads = input.u32() % 3; // threads are real: keep them few
                                        // `dispatch` stays 0 (a valid mode): an out-of-range enum is UB in the caller's C.

    let options: *const kgen_client_options = if input.u8() % 11 == 0 {
        ptr::null()
    } else {
        &padded.options
    };
    let mut client: *mut kgen_client = ptr::null_mut();
    let out = if input.u8() % 13 == 0 {
        ptr::null_mut()
    } else {
        &mut client
    };
    let threads_before = threads();
    unsafe {
        kgen_client_new(options, out);
        if !client.is_null() {
            kgen_client_destroy(client);
            // A destroyed handle, and one never made, are refused, not used.
            kgen_client_destroy(client);
            await_threads(threads_before);
        }
        kgen_client_destroy(input.u32() as usize as *mut kgen_client);

        let status = input.u32() as i32;
        assert!(!CStr::from_ptr(kgen_status_str(status))
            .to_bytes()
            .is_empty());

        let mut buffer = vec![0 as c_char; (input.u8() % 64) as usize];
        let mut length = input.u8() as usize;
        let pointer = if input.u8() % 3 == 0 {
            ptr::null_mut()
        } else {
            buffer.as_mut_ptr()
        };
        if !pointer.is_null() {
            length = length.min(buffer.len());
        }
        kgen_last_error_message(pointer, &mut length);
    }
});
