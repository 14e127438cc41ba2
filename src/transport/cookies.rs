//! The `/v3` account API's cookies: the jar that keeps its login session.
//!
//! The account API is the only one that uses cookies, and all its requests go to one
//! host, so the jar is the SDK's own and only account requests consult it. (reqwest's
//! cookie layer parses every request's URL once more whether or not a client has a jar:
//! 11,600 instructions of a read, 13,300 of a write, a tenth of either.)
//!
//! Cookies are read as RFC 6265 §5.2–5.4 has a user agent read them, for one host:
//! `Path` (default: the request path's directory), `Max-Age` over `Expires` (a time
//! that has passed removes the cookie), `Secure` (sent over https or to a loopback
//! host only), `Domain` (a cookie for another domain is ignored). Times are the
//! server's clock ([`super::ServerClock`]), so a device whose clock is wrong neither
//! ends a login early nor keeps it late. `HttpOnly` and `SameSite` mean nothing outside
//! a browser. At most [`MAX_COOKIES`] are kept (the oldest goes first), each at most
//! [`MAX_COOKIE_BYTES`] of name and value, RFC 6265 §6.1's minimums.

use std::sync::Mutex;

use reqwest::header::{HeaderMap, HeaderValue, SET_COOKIE};
use url::{Host, Url};

use super::is_loopback;
use crate::Secret;

const MAX_COOKIES: usize = 50;
const MAX_COOKIE_BYTES: usize = 4096;

#[derive(Default)]
pub(crate) struct Jar {
    /// In the order they were first set (RFC 6265 §5.4 sends older ones first).
    cookies: Mutex<Vec<Cookie>>,
}

struct Cookie {
    name: String,
    value: Secret,
    path: String,
    secure: bool,
    /// Server time in Unix milliseconds; `None`: kept for the client's lifetime.
    expires_ms: Option<i64>,
}

impl Jar {
    /// Keeps the cookies that `headers` (an answer to a request for `url`) set.
    pub(crate) fn store(&self, url: &Url, headers: &HeaderMap, now_ms: i64) {
        let mut set = headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|line| parse(line, url, now_ms))
            .peekable();
        if set.peek().is_none() {
            return;
        }
        let mut cookies = self.lock();
        for cookie in set {
            let live = !cookie.expired(now_ms);
            let same = cookies
                .iter()
                .position(|c| c.name == cookie.name && c.path == cookie.path);
            match same {
                // Replaced in place: the first time it was set still orders it.
                Some(i) if live => cookies[i] = cookie,
                // Set again as expired: that is how a server deletes one.
                Some(i) => drop(cookies.remove(i)),
                None if live => {
                    if cookies.len() == MAX_COOKIES {
                        cookies.remove(0);
                    }
                    cookies.push(cookie);
                }
                None => {}
            }
        }
    }

    /// The `Cookie` header for a request to `url`, if any cookie applies.
    pub(crate) fn header(&self, url: &Url, now_ms: i64) -> Option<HeaderValue> {
        let mut cookies = self.lock();
        cookies.retain(|c| !c.expired(now_ms));
        let secure = url.scheme() == "https" || is_loopback(url);
        let mut sent: Vec<&Cookie> = cookies
            .iter()
            .filter(|c| (secure || !c.secure) && path_matches(&c.path, url.path()))
            .collect();
        if sent.is_empty() {
            return None;
        }
        // Longer paths first (§5.4); the sort is stable, so older first among equals.
        sent.sort_by_key(|c| std::cmp::Reverse(c.path.len()));
        let text = sent
            .iter()
            .map(|c| format!("{}={}", c.name, c.value.expose()))
            .collect::<Vec<_>>()
            .join("; ");
        let mut value = HeaderValue::from_str(&text).ok()?;
        value.set_sensitive(true);
        Some(value)
    }

    /// The values held, to be removed from anything the caller sees.
    pub(crate) fn secrets(&self) -> Vec<Secret> {
        self.lock().iter().map(|c| c.value.clone()).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Cookie>> {
        self.cookies.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Cookie {
    fn expired(&self, now_ms: i64) -> bool {
        self.expires_ms.is_some_and(|at| at <= now_ms)
    }
}

/// One `Set-Cookie` line (§5.2), or `None` when it is to be ignored.
fn parse(line: &str, url: &Url, now_ms: i64) -> Option<Cookie> {
    let mut parts = line.split(';');
    let (name, value) = parts.next()?.split_once('=')?;
    let (name, value) = (name.trim(), value.trim());
    if name.is_empty() || name.len() + value.len() > MAX_COOKIE_BYTES {
        return None;
    }
    let mut cookie = Cookie {
        name: name.to_owned(),
        value: Secret::from(value),
        path: default_path(url.path()).to_owned(),
        secure: false,
        expires_ms: None,
    };
    let mut max_age = None;
    for attribute in parts {
        let (key, value) = attribute.split_once('=').unwrap_or((attribute, ""));
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "max-age" => max_age = value.parse::<i64>().ok().or(max_age),
            "expires" => {
                if let Ok(at) = httpdate::parse_http_date(value) {
                    let ms = match at.duration_since(std::time::UNIX_EPOCH) {
                        Ok(since) => i64::try_from(since.as_millis()).unwrap_or(i64::MAX),
                        Err(_) => i64::MIN,
                    };
                    cookie.expires_ms = Some(ms);
                }
            }
            "path" if value.starts_with('/') => cookie.path = value.to_owned(),
            "path" => cookie.path = default_path(url.path()).to_owned(),
            "domain" if !domain_matches(url, value) => return None,
            "secure" => cookie.secure = true,
            _ => {}
        }
    }
    if let Some(seconds) = max_age {
        cookie.expires_ms = Some(if seconds <= 0 {
            i64::MIN
        } else {
            now_ms.saturating_add(seconds.saturating_mul(1000))
        });
    }
    Some(cookie)
}

/// §5.1.4: the request path up to its last `/`, or `/`.
fn default_path(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(last) => &path[..last],
    }
}

/// §5.1.4: `/v3` matches `/v3` and `/v3/session`, not `/v3x`.
fn path_matches(cookie_path: &str, request_path: &str) -> bool {
    match request_path.strip_prefix(cookie_path) {
        Some(rest) => rest.is_empty() || cookie_path.ends_with('/') || rest.starts_with('/'),
        None => false,
    }
}

/// §5.2.3 and §5.1.3: an empty `Domain` is as if absent; otherwise the host must be
/// the domain or under it (never an IP address unless equal).
fn domain_matches(url: &Url, domain: &str) -> bool {
    let domain = domain.trim_start_matches('.').to_ascii_lowercase();
    if domain.is_empty() {
        return true;
    }
    match url.host() {
        Some(Host::Domain(host)) => {
            let host = host.to_ascii_lowercase();
            host == domain || host.ends_with(&format!(".{domain}"))
        }
        Some(_) => url.host_str() == Some(domain.as_str()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    fn answer(jar: &Jar, to: &str, lines: &[&str]) {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append(SET_COOKIE, HeaderValue::from_str(line).unwrap());
        }
        jar.store(&url(to), &headers, NOW);
    }

    fn sent(jar: &Jar, to: &str, at: i64) -> Option<String> {
        jar.header(&url(to), at)
            .map(|v| v.to_str().unwrap().to_owned())
    }

    const LOGIN: &str = "http://127.0.0.1:8080/v3/session/login";

    #[test]
    fn a_login_cookie_is_sent_under_its_path_until_logout_clears_it() {
        let jar = Jar::default();
        answer(
            &jar,
            LOGIN,
            &["kgen_v3_session=abc; Path=/v3; HttpOnly; SameSite=Lax"],
        );
        let user = "http://127.0.0.1:8080/v3/session/user";
        assert_eq!(
            sent(&jar, user, NOW).as_deref(),
            Some("kgen_v3_session=abc")
        );
        assert_eq!(sent(&jar, "http://127.0.0.1:8080/v3x", NOW), None);
        assert_eq!(sent(&jar, "http://127.0.0.1:8080/fe/user", NOW), None);
        assert!(jar.header(&url(user), NOW).unwrap().is_sensitive());
        answer(&jar, user, &["kgen_v3_session=; Path=/v3; Max-Age=0"]);
        assert_eq!(sent(&jar, user, NOW), None);
    }

    #[test]
    fn max_age_wins_over_expires_and_both_are_read_on_the_servers_clock() {
        let jar = Jar::default();
        answer(
            &jar,
            LOGIN,
            &[
                "a=1; Path=/; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                "b=2; Path=/; Expires=Wed, 21 Oct 2099 07:28:00 GMT",
                "c=3; Path=/; Expires=not a date",
            ],
        );
        let to = "http://127.0.0.1:8080/v3";
        assert_eq!(
            sent(&jar, to, NOW + 59_000).as_deref(),
            Some("a=1; b=2; c=3")
        );
        assert_eq!(sent(&jar, to, NOW + 60_000).as_deref(), Some("b=2; c=3"));
        answer(
            &jar,
            LOGIN,
            &["b=2; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"],
        );
        assert_eq!(sent(&jar, to, NOW).as_deref(), Some("c=3"));
    }

    #[test]
    fn a_cookie_set_again_replaces_the_one_of_the_same_name_and_path() {
        let jar = Jar::default();
        answer(
            &jar,
            LOGIN,
            &["s=old; Path=/v3", "s=root; Path=/", "t=1; Path=/v3"],
        );
        answer(&jar, LOGIN, &["s=new; Path=/v3"]);
        // Longer path first, then in the order first set.
        assert_eq!(
            sent(&jar, "http://127.0.0.1:8080/v3/session", NOW).as_deref(),
            Some("s=new; t=1; s=root")
        );
    }

    #[test]
    fn without_a_path_a_cookie_belongs_to_the_request_paths_directory() {
        let jar = Jar::default();
        answer(&jar, LOGIN, &["a=1", "b=2; Path=relative"]);
        assert_eq!(
            sent(&jar, "http://127.0.0.1:8080/v3/session/user", NOW).as_deref(),
            Some("a=1; b=2")
        );
        assert_eq!(sent(&jar, "http://127.0.0.1:8080/v3/other", NOW), None);
        assert_eq!(default_path("/login"), "/");
    }

    #[test]
    fn secure_cookies_go_over_https_or_to_loopback_only() {
        let jar = Jar::default();
        answer(
            &jar,
            "https://account.example.com/v3/login",
            &["s=1; Secure; Path=/", "t=2; Path=/"],
        );
        assert_eq!(
            sent(&jar, "http://account.example.com/v3", NOW).as_deref(),
            Some("t=2")
        );
        assert_eq!(
            sent(&jar, "https://account.example.com/v3", NOW).as_deref(),
            Some("s=1; t=2")
        );
        let local = Jar::default();
        answer(
            &local,
            "http://localhost:8080/v3/login",
            &["s=1; Secure; Path=/"],
        );
        assert_eq!(
            sent(&local, "http://localhost:8080/v3", NOW).as_deref(),
            Some("s=1")
        );
    }

    #[test]
    fn a_cookie_for_another_domain_or_without_a_name_is_ignored() {
        let jar = Jar::default();
        let to = "https://account.example.com/v3/login";
        answer(
            &jar,
            to,
            &[
                "a=1; Domain=example.com; Path=/",
                "b=2; Domain=.ACCOUNT.example.com; Path=/",
                "c=3; Domain=other.com; Path=/",
                "d=4; Domain=xample.com; Path=/",
                "=5; Path=/",
                "no equals sign",
            ],
        );
        assert_eq!(sent(&jar, to, NOW).as_deref(), Some("a=1; b=2"));
        let by_address = Jar::default();
        answer(
            &by_address,
            LOGIN,
            &[
                "e=5; Domain=127.0.0.2; Path=/",
                "f=6; Domain=127.0.0.1; Path=/",
            ],
        );
        assert_eq!(sent(&by_address, LOGIN, NOW).as_deref(), Some("f=6"));
    }

    #[test]
    fn the_jar_is_bounded_in_count_and_in_size() {
        let jar = Jar::default();
        let lines: Vec<String> = (0..=MAX_COOKIES)
            .map(|i| format!("c{i}=v; Path=/"))
            .collect();
        answer(
            &jar,
            LOGIN,
            &lines.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        let header = sent(&jar, LOGIN, NOW).unwrap();
        assert_eq!(header.split("; ").count(), MAX_COOKIES);
        assert!(
            !header.starts_with("c0="),
            "the oldest went first: {header}"
        );
        let big = format!("big={}; Path=/", "x".repeat(MAX_COOKIE_BYTES));
        answer(&jar, LOGIN, &[&big]);
        assert!(!sent(&jar, LOGIN, NOW).unwrap().contains("big="));
    }

    #[test]
    fn the_values_held_are_secrets() {
        let jar = Jar::default();
        answer(&jar, LOGIN, &["kgen_v3_session=abc; Path=/v3"]);
        assert_eq!(jar.secrets(), vec![Secret::from("abc")]);
    }
}
