//! Request counters per route (`GET /sandbox/stats`), e.g. to assert that a client
//! renewed its session exactly once.

use std::collections::BTreeMap;

use parking_lot::Mutex;
use serde_json::{json, Value};

#[derive(Debug, Default)]
pub struct Counters {
    routes: Mutex<BTreeMap<String, u64>>,
}

impl Counters {
    /// Counts one request to `route` (`"POST /s2s/session"`, with the route's template path).
    pub fn hit(&self, method: &str, template: &str) {
        *self
            .routes
            .lock()
            .entry(format!("{method} {template}"))
            .or_insert(0) += 1;
    }

    pub fn clear(&self) {
        self.routes.lock().clear();
    }

    pub fn to_json(&self) -> Value {
        let routes = self.routes.lock();
        json!({ "total": routes.values().sum::<u64>(), "routes": *routes })
    }
}
