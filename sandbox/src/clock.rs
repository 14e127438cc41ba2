//! The sandbox clock: real time plus an offset that the admin API moves.
//!
//! Everything time-dependent (JWT `iat`/`exp`, the tournament lifecycle, OTP expiry,
//! login windows, the `Date` header) reads this clock, so moving it forward expires
//! tokens and advances tournaments without waiting.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::format_description::FormatItem;
use time::macros::format_description;
use time::OffsetDateTime;

pub const NANOS_PER_SEC: i64 = 1_000_000_000;

#[derive(Debug, Default)]
pub struct Clock {
    offset_secs: AtomicI64,
}

impl Clock {
    pub fn offset_secs(&self) -> i64 {
        self.offset_secs.load(Ordering::Relaxed)
    }

    pub fn set_offset_secs(&self, secs: i64) {
        self.offset_secs.store(secs, Ordering::Relaxed);
    }

    /// Now on the sandbox clock, in Unix nanoseconds.
    pub fn now_ns(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        real.as_nanos() as i64 + self.offset_secs() * NANOS_PER_SEC
    }

    pub fn now_secs(&self) -> i64 {
        self.now_ns().div_euclid(NANOS_PER_SEC)
    }

    pub fn now_system_time(&self) -> SystemTime {
        let ns = self.now_ns().max(0) as u64;
        UNIX_EPOCH + Duration::from_nanos(ns)
    }
}

pub fn secs_to_ns(secs: i64) -> i64 {
    secs.saturating_mul(NANOS_PER_SEC)
}

fn datetime(ns: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(ns as i128).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn format(ns: i64, description: &[FormatItem<'_>]) -> String {
    datetime(ns).format(description).unwrap_or_default()
}

/// RFC 3339 UTC, whole seconds: `2024-09-06T05:10:53Z` (tournament schedule timestamps).
pub fn rfc3339_secs(ns: i64) -> String {
    format(
        ns,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z"),
    )
}

/// RFC 3339 UTC with nanoseconds: `2024-09-06T05:10:53.871198445Z`.
pub fn rfc3339_nanos(ns: i64) -> String {
    format(
        ns,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:9]Z"),
    )
}

/// ISO 8601 without a zone, microseconds: `2024-09-06T05:10:53.871198` (wallet fields).
pub fn naive_iso(ns: i64) -> String {
    format(
        ns,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]"),
    )
}

/// Go's default `time.Time` text: `2024-09-06 05:10:53.871198445 +0000 UTC`.
pub fn go_time(ns: i64) -> String {
    format(
        ns,
        format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second].[subsecond digits:9] +0000 UTC"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_every_wire_style() {
        let ns = 1_725_599_453_871_198_445;
        assert_eq!(rfc3339_secs(ns), "2024-09-06T05:10:53Z");
        assert_eq!(rfc3339_nanos(ns), "2024-09-06T05:10:53.871198445Z");
        assert_eq!(naive_iso(ns), "2024-09-06T05:10:53.871198");
        assert_eq!(go_time(ns), "2024-09-06 05:10:53.871198445 +0000 UTC");
    }

    #[test]
    fn offset_moves_now() {
        let clock = Clock::default();
        let before = clock.now_secs();
        clock.set_offset_secs(3600);
        assert!(clock.now_secs() >= before + 3600);
    }
}
