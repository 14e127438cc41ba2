//! The server's clock, learned from the `Date` header of every response.
//!
//! Token expiry (`exp`) is written on the server's clock; a phone or console with a wrong
//! clock would renew too early or too late if it judged by its own. `Date` has one-second
//! resolution and is truncated, so the estimate adds half a second.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Default)]
pub(crate) struct ServerClock {
    offset_ms: AtomicI64,
}

pub(crate) fn local_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl ServerClock {
    /// Learns the offset from a `Date` header value; ignores values it cannot read.
    pub(crate) fn observe(&self, date: &str) {
        if let Ok(at) = httpdate::parse_http_date(date) {
            if let Ok(since_epoch) = at.duration_since(UNIX_EPOCH) {
                let server_ms = since_epoch.as_millis() as i64 + 500;
                self.offset_ms
                    .store(server_ms - local_now_ms(), Ordering::Relaxed);
            }
        }
    }

    /// The server's current time in Unix milliseconds, as far as we know it.
    pub(crate) fn now_ms(&self) -> i64 {
        local_now_ms() + self.offset_ms.load(Ordering::Relaxed)
    }

    /// Server time minus device time, in milliseconds.
    pub(crate) fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_date_an_hour_ahead_moves_server_time_an_hour_ahead() {
        let clock = ServerClock::default();
        assert!((clock.now_ms() - local_now_ms()).abs() < 1000);
        let ahead = SystemTime::now() + Duration::from_secs(3600);
        clock.observe(&httpdate::fmt_http_date(ahead));
        let offset = clock.offset_ms();
        assert!((3_599_000..=3_601_000).contains(&offset), "{offset}");
        clock.observe("not a date");
        assert_eq!(clock.offset_ms(), offset);
    }
}
