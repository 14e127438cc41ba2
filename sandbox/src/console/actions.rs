//! The console's state changes (POST). Each one is a call to the admin API's own handler
//! (the same route, validation and errors as `curl` would get), then a redirect back to
//! the page with the outcome as a one-time message.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use tower::ServiceExt;

use super::access::{self, refuse, Admin, AdminForm};
use super::{Console, PREFIX};

/// Answers of the admin API are small; this bounds a surprise.
const ANSWER_LIMIT: usize = 1 << 20;

/// Calls the admin API in process with the sandbox's admin key; `Err` is its message.
async fn admin_api(
    console: &Console,
    method: Method,
    path: &str,
    body: Value,
) -> Result<Value, String> {
    let app = &console.app;
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("x-admin-key", app.config.admin_key.as_str())
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .map_err(|e| e.to_string())?;
    let response = match crate::routes::router(app.clone()).oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), ANSWER_LIMIT)
        .await
        .map_err(|_| "the admin API's answer could not be read".to_string())?;
    let answer: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if status.is_success() {
        Ok(answer)
    } else {
        Err(answer["message"].as_str().map_or_else(
            || format!("the admin API answered {status}"),
            str::to_string,
        ))
    }
}

/// Back to `to`, with `done` or the admin API's refusal as the next page's message.
fn back(console: &Console, admin: &Admin, to: &str, outcome: Result<String, String>) -> Response {
    match outcome {
        Ok(done) => console.sessions.flash(&admin.token, true, done),
        Err(why) => console.sessions.flash(&admin.token, false, why),
    }
    Redirect::to(to).into_response()
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    key: String,
}

pub async fn login(State(console): State<Arc<Console>>, body: axum::body::Bytes) -> Response {
    let form: LoginForm = match serde_urlencoded::from_bytes(&body) {
        Ok(form) => form,
        Err(_) => return refuse(StatusCode::BAD_REQUEST, "invalid login form"),
    };
    access::login(&console, &form.key)
}

pub async fn logout(
    State(console): State<Arc<Console>>,
    AdminForm { admin, .. }: AdminForm<Map<String, Value>>,
) -> Response {
    access::logout(&console, &admin)
}

#[derive(Deserialize)]
pub struct StepForm {
    step: String,
}

/// Lifecycle buttons: to lobby, start, lock (forced states) and complete (settles).
pub async fn lifecycle(
    State(console): State<Arc<Console>>,
    Path(uid): Path<String>,
    AdminForm { admin, form }: AdminForm<StepForm>,
) -> Response {
    // Only a UUID goes into the admin path, so no other admin route can be reached.
    let Ok(uid) = uuid::Uuid::parse_str(&uid).map(|u| u.to_string()) else {
        return refuse(StatusCode::NOT_FOUND, "No such tournament.");
    };
    let state = match form.step.as_str() {
        "lobby" => "LOBBY",
        "start" => "STARTED",
        "lock" => "LOCKED",
        "complete" => "COMPLETED",
        _ => return refuse(StatusCode::BAD_REQUEST, "unknown lifecycle step"),
    };
    let outcome = if state == "COMPLETED" {
        admin_api(
            &console,
            Method::POST,
            &format!("/sandbox/tournaments/{uid}/complete"),
            json!({}),
        )
        .await
        .map(|answer| {
            let winners = answer["winners"].as_array().map_or(0, Vec::len);
            format!("Completed: {winners} winner(s), rewards are claimable.")
        })
    } else {
        admin_api(
            &console,
            Method::POST,
            &format!("/sandbox/tournaments/{uid}/state"),
            json!({ "state": state }),
        )
        .await
        .map(|_| format!("The tournament is {state}."))
    };
    back(
        &console,
        &admin,
        &format!("{PREFIX}tournaments/{uid}"),
        outcome,
    )
}

#[derive(Deserialize)]
pub struct FaultForm {
    #[serde(default)]
    method: String,
    path: String,
    effect: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    retry_after_secs: String,
    #[serde(default)]
    latency_ms: String,
    #[serde(default)]
    probability: String,
    #[serde(default)]
    times: String,
}

/// A form's number field: empty is absent, anything else must parse.
fn number(field: &str, value: &str) -> Result<Option<Value>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    // Integers stay integers for the admin API's integer fields.
    if let Ok(n) = value.parse::<i64>() {
        return Ok(Some(n.into()));
    }
    value
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map(|n| Some(Value::Number(n)))
        .ok_or_else(|| format!("{field} must be a number"))
}

/// Sets `key` from a form's number field, if it was filled in.
fn put(spec: &mut Map<String, Value>, key: &str, value: &str) -> Result<(), String> {
    if let Some(n) = number(key, value)? {
        spec.insert(key.into(), n);
    }
    Ok(())
}

impl FaultForm {
    /// The admin API's fault description.
    fn spec(&self) -> Result<Value, String> {
        let mut spec = Map::new();
        if !self.method.is_empty() {
            spec.insert("method".into(), self.method.clone().into());
        }
        spec.insert("path".into(), self.path.trim().into());
        match self.effect.as_str() {
            "status" => put(&mut spec, "status", &self.status)?,
            "rate_limit" => {
                put(&mut spec, "status", "429")?;
                put(&mut spec, "retry_after_secs", &self.retry_after_secs)?;
            }
            "latency" => {}
            "drop_before" => drop(spec.insert("drop".into(), "before".into())),
            "drop_after" => drop(spec.insert("drop".into(), "after".into())),
            _ => return Err("unknown effect".into()),
        }
        put(&mut spec, "latency_ms", &self.latency_ms)?;
        put(&mut spec, "probability", &self.probability)?;
        put(&mut spec, "times", &self.times)?;
        Ok(Value::Object(spec))
    }
}

pub async fn add_fault(
    State(console): State<Arc<Console>>,
    AdminForm { admin, form }: AdminForm<FaultForm>,
) -> Response {
    let outcome = match form.spec() {
        Ok(spec) => admin_api(&console, Method::POST, "/sandbox/faults", spec)
            .await
            .map(|_| format!("Fault added on {}.", form.path.trim())),
        Err(why) => Err(why),
    };
    back(&console, &admin, &format!("{PREFIX}faults"), outcome)
}

#[derive(Deserialize)]
pub struct RemoveForm {
    id: String,
}

pub async fn remove_fault(
    State(console): State<Arc<Console>>,
    AdminForm { admin, form }: AdminForm<RemoveForm>,
) -> Response {
    let outcome = match uuid::Uuid::parse_str(&form.id) {
        Ok(id) => admin_api(
            &console,
            Method::DELETE,
            &format!("/sandbox/faults/{id}"),
            json!({}),
        )
        .await
        .map(|_| "Fault removed.".to_string()),
        Err(_) => Err("no such fault".into()),
    };
    back(&console, &admin, &format!("{PREFIX}faults"), outcome)
}

#[derive(Deserialize)]
pub struct ClockForm {
    #[serde(default)]
    advance_secs: String,
    #[serde(default)]
    offset_secs: String,
}

pub async fn move_clock(
    State(console): State<Arc<Console>>,
    AdminForm { admin, form }: AdminForm<ClockForm>,
) -> Response {
    let mut body = Map::new();
    let body = put(&mut body, "advance_secs", &form.advance_secs)
        .and_then(|()| put(&mut body, "offset_secs", &form.offset_secs))
        .map(|()| Value::Object(body));
    let outcome = match body {
        Ok(body) => admin_api(&console, Method::POST, "/sandbox/clock", body)
            .await
            .map(|answer| {
                format!(
                    "The sandbox clock reads {}.",
                    answer["now"].as_str().unwrap_or("?")
                )
            }),
        Err(why) => Err(why),
    };
    back(&console, &admin, &format!("{PREFIX}faults"), outcome)
}
