//! Points in time as the platform writes them, in all its spellings.

use std::fmt;

/// A point in time from a response: the text as received and, when it could be read,
/// milliseconds since the Unix epoch (UTC).
///
/// Accepted spellings: RFC 3339 with `Z` or an offset, with or without fractions
/// (`2024-09-06T05:10:53.123456789Z`), ISO without a zone (read as UTC), a space instead of
/// `T`, Go's time text (`2024-09-06 05:10:53.871198445 +0000 UTC`), a bare date, and Unix
/// seconds as a number. An empty string or `null` is no timestamp at all (`None`).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Timestamp {
    /// Milliseconds since 1970-01-01T00:00:00Z; `None` if the text is in no known spelling.
    pub unix_ms: Option<i64>,
    /// The text as the server sent it.
    pub text: String,
}

impl Timestamp {
    /// Reads a timestamp text; `None` for empty text.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return None;
        }
        Some(Timestamp {
            unix_ms: parse_unix_ms(trimmed),
            text: text.to_owned(),
        })
    }

    /// A timestamp from Unix seconds.
    pub fn from_unix_secs(secs: i64) -> Timestamp {
        Timestamp {
            unix_ms: secs.checked_mul(1000),
            text: secs.to_string(),
        }
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.text)
    }
}

/// Parses the spellings listed on [`Timestamp`].
fn parse_unix_ms(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !(1..=12).contains(&month) {
        return None;
    }
    if !(1..=days_in_month(year, month)).contains(&day) {
        return None;
    }
    let mut millis = days_from_civil(year, month, day) * 86_400_000;
    let mut rest = &s[10..];
    if let Some(time) = rest.strip_prefix(['T', 't', ' ']) {
        let tb = time.as_bytes();
        let field = |at: usize| -> Option<i64> {
            let part = time.get(at..at + 2)?;
            part.parse::<i64>()
                .ok()
                .filter(|_| part.bytes().all(|c| c.is_ascii_digit()))
        };
        let (hour, minute) = (field(0)?, field(3)?);
        if tb.get(2) != Some(&b':') || hour > 23 || minute > 59 {
            return None;
        }
        let mut used = 5;
        let mut second = 0;
        if tb.get(5) == Some(&b':') {
            second = field(6).filter(|s| *s <= 60)?;
            used = 8;
        }
        millis += ((hour * 60 + minute) * 60 + second) * 1000;
        rest = &time[used..];
        if let Some(fraction) = rest.strip_prefix(['.', ',']) {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            let ms_digits = &fraction[..digits.min(3)];
            let ms: i64 = ms_digits.parse().ok()?;
            millis += ms * 10_i64.pow(3 - ms_digits.len() as u32);
            rest = &fraction[digits..];
        }
    }
    millis -= zone_offset_ms(rest.trim())?;
    Some(millis)
}

/// The offset of a zone designator; empty means UTC. Go's `+0000 UTC` carries a name after the offset.
fn zone_offset_ms(zone: &str) -> Option<i64> {
    let designator = zone.split_whitespace().next().unwrap_or("");
    match designator {
        "" | "Z" | "z" | "UTC" | "GMT" => return Some(0),
        _ => {}
    }
    let sign = match designator.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = designator[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let hours: i64 = digits[..2].parse().ok()?;
    let minutes: i64 = digits[2..].parse().ok()?;
    Some(sign * (hours * 60 + minutes) * 60_000)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> Option<i64> {
        Timestamp::parse(text).and_then(|t| t.unix_ms)
    }

    #[test]
    fn reads_every_spelling_the_platform_uses() {
        let base = 1_725_599_453_000; // 2024-09-06T05:10:53Z
        assert_eq!(ms("2024-09-06T05:10:53Z"), Some(base));
        assert_eq!(ms("2024-09-06T05:10:53.871198445Z"), Some(base + 871));
        assert_eq!(ms("2024-09-06T05:10:53.5"), Some(base + 500));
        assert_eq!(ms("2024-09-06T10:40:53+05:30"), Some(base));
        assert_eq!(ms("2024-09-06T00:10:53-0500"), Some(base));
        assert_eq!(
            ms("2024-09-06 05:10:53.871198445 +0000 UTC"),
            Some(base + 871)
        );
        assert_eq!(ms("2024-09-06 05:10:53"), Some(base));
        assert_eq!(ms("2024-09-06"), Some(base - 18_653_000));
        assert_eq!(ms("1970-01-01T00:00:00Z"), Some(0));
    }

    #[test]
    fn empty_text_is_no_timestamp_and_unknown_text_keeps_its_words() {
        assert_eq!(Timestamp::parse(""), None);
        assert_eq!(Timestamp::parse("  "), None);
        let odd = Timestamp::parse("yesterday").unwrap();
        assert_eq!((odd.unix_ms, odd.text.as_str()), (None, "yesterday"));
        assert_eq!(ms("2024-02-30T00:00:00Z"), None);
        assert_eq!(ms("2024-09-06T25:00:00Z"), None);
        assert_eq!(ms("2024-09-06T05:10:53 Mars"), None);
    }
}
