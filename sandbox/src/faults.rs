//! Fault injection per route pattern: added latency, a forced status (with a
//! probability), 429 with `Retry-After`, and closing the connection without a response,
//! before the handler runs (no effect) or after (effect committed).
//!
//! Patterns: `*` matches one path segment, a trailing `/**` matches the rest (zero or
//! more segments). The first fault that matches and whose probability roll succeeds
//! applies; a fault with `times` applies to that many requests, then disappears.
//! Admin routes (`/sandbox/...`) are never faulted.

use parking_lot::Mutex;
use rand::Rng;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::ids;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Drop {
    Before,
    After,
}

/// The admin API's fault description.
#[derive(Debug, Clone, Deserialize)]
pub struct FaultSpec {
    pub method: Option<String>,
    pub path: String,
    pub latency_ms: Option<u64>,
    pub status: Option<u16>,
    pub probability: Option<f64>,
    pub retry_after_secs: Option<u64>,
    pub drop: Option<Drop>,
    pub times: Option<u64>,
}

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    pub latency_ms: u64,
    pub status: Option<u16>,
    pub retry_after_secs: u64,
    pub drop: Option<Drop>,
}

#[derive(Debug)]
struct Fault {
    id: String,
    spec: FaultSpec,
    remaining: Option<u64>,
    applied: u64,
}

#[derive(Debug, Default)]
pub struct Faults {
    list: Mutex<Vec<Fault>>,
}

impl Faults {
    pub fn add(&self, mut spec: FaultSpec) -> Result<String, ApiError> {
        if !spec.path.starts_with('/') {
            return Err(ApiError::bad_request("path must start with '/'"));
        }
        if spec.latency_ms.is_none() && spec.status.is_none() && spec.drop.is_none() {
            return Err(ApiError::bad_request("give latency_ms, status or drop"));
        }
        if spec.status.is_some() && spec.drop.is_some() {
            return Err(ApiError::bad_request(
                "a fault either answers with a status or drops",
            ));
        }
        if spec.status.is_some_and(|s| !(400..=599).contains(&s)) {
            return Err(ApiError::bad_request("status must be 400-599"));
        }
        if spec.probability.is_some_and(|p| !(0.0..=1.0).contains(&p)) {
            return Err(ApiError::bad_request("probability must be within 0..1"));
        }
        if spec.latency_ms.is_some_and(|ms| ms > 60_000) {
            return Err(ApiError::bad_request("latency_ms must be at most 60000"));
        }
        if spec.times == Some(0) {
            return Err(ApiError::bad_request("times must be at least 1"));
        }
        spec.method = spec.method.map(|m| m.to_ascii_uppercase());
        let id = ids::uuid();
        let remaining = spec.times;
        self.list.lock().push(Fault {
            id: id.clone(),
            spec,
            remaining,
            applied: 0,
        });
        Ok(id)
    }

    pub fn list(&self) -> Value {
        let list = self.list.lock();
        Value::Array(
            list.iter()
                .map(|f| {
                    json!({
                        "id": f.id,
                        "method": f.spec.method,
                        "path": f.spec.path,
                        "latency_ms": f.spec.latency_ms,
                        "status": f.spec.status,
                        "probability": f.spec.probability.unwrap_or(1.0),
                        "retry_after_secs": f.spec.retry_after_secs,
                        "drop": f.spec.drop.map(|d| if d == Drop::Before { "before" } else { "after" }),
                        "times": f.spec.times,
                        "remaining": f.remaining,
                        "applied": f.applied,
                    })
                })
                .collect(),
        )
    }

    pub fn remove(&self, id: &str) -> bool {
        let mut list = self.list.lock();
        let before = list.len();
        list.retain(|f| f.id != id);
        list.len() != before
    }

    pub fn clear(&self) {
        self.list.lock().clear();
    }

    /// The fault to apply to this request, if any (consumes one of its `times`).
    pub fn take(&self, method: &str, path: &str) -> Option<Applied> {
        let mut list = self.list.lock();
        let index = list.iter().position(|f| {
            f.spec.method.as_deref().is_none_or(|m| m == method)
                && matches(&f.spec.path, path)
                && rand::thread_rng().gen::<f64>() < f.spec.probability.unwrap_or(1.0)
        })?;
        let fault = &mut list[index];
        fault.applied += 1;
        let applied = Applied {
            latency_ms: fault.spec.latency_ms.unwrap_or(0),
            status: fault.spec.status,
            retry_after_secs: fault.spec.retry_after_secs.unwrap_or(1),
            drop: fault.spec.drop,
        };
        if let Some(remaining) = fault.remaining.as_mut() {
            *remaining -= 1;
            if *remaining == 0 {
                list.remove(index);
            }
        }
        Some(applied)
    }
}

/// Whether `path` matches `pattern` (`*` one segment, trailing `**` the rest).
pub fn matches(pattern: &str, path: &str) -> bool {
    let mut pattern = pattern.trim_start_matches('/').split('/');
    let mut path = path.trim_start_matches('/').split('/');
    loop {
        match (pattern.next(), path.next()) {
            (Some("**"), _) => return pattern.next().is_none(),
            (None, None) => return true,
            (Some(p), Some(s)) if p == "*" || p == s => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(matches(
            "/fe/esports/tournaments/*/join",
            "/fe/esports/tournaments/abc/join"
        ));
        assert!(!matches(
            "/fe/esports/tournaments/*/join",
            "/fe/esports/tournaments/abc/leave"
        ));
        assert!(!matches(
            "/fe/esports/tournaments/*",
            "/fe/esports/tournaments/abc/join"
        ));
        assert!(matches("/fe/**", "/fe/wallet/balance"));
        assert!(matches("/fe/wallet/**", "/fe/wallet"));
        assert!(matches("/s2s/session", "/s2s/session"));
        assert!(!matches("/s2s/session", "/s2s/session/"));
    }

    #[test]
    fn times_limits_how_often_a_fault_applies() {
        let faults = Faults::default();
        let spec: FaultSpec =
            serde_json::from_value(json!({"path": "/x", "status": 503, "times": 2})).unwrap();
        faults.add(spec).unwrap();
        assert!(faults.take("GET", "/x").is_some());
        assert!(faults.take("POST", "/x").is_some());
        assert!(faults.take("GET", "/x").is_none());
    }
}
