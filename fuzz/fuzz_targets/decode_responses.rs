#![no_main]
//! Any bytes as a response body (lossily UTF-8, as the transport hands bodies over).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kgen::fuzzing::decode_responses(&String::from_utf8_lossy(data));
});
