//! The admin API under `/sandbox/`, guarded by `x-admin-key`: clients, tournaments,
//! the clock, OTPs "sent", `/v3` users, wallet credits, settings, faults, reset, counters.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::message;
use crate::clock;
use crate::errors::{ApiError, Code};
use crate::extract::{AdminAuth, JsonBody, PathParam, Query, TournamentUid};
use crate::faults::FaultSpec;
use crate::state::Shared;
use crate::store::otp::{self, Phone};
use crate::store::tournaments::{self, NewTournament, Schedule, Status};
use crate::store::wallet::{self, Split};
use crate::store::{clients, players, v3};

type Answer = Result<Json<Value>, ApiError>;

/// Bounds that keep every timestamp far inside the range of the nanosecond clock.
const MAX_SPAN_SECS: i64 = 10 * 365 * 86_400;
const MAX_CLOCK_OFFSET_SECS: i64 = 100 * 365 * 86_400;
/// Bounds that keep balances and prize sums far from overflowing.
const MAX_AMOUNT: i64 = 1_000_000_000;
const MAX_SIZE: i64 = 1_000_000;

fn not_found(what: &str) -> ApiError {
    ApiError::new(Code::RecordNotFound, what).with_status(StatusCode::NOT_FOUND)
}

#[derive(Deserialize)]
pub struct ClientBody {
    client_id: String,
    client_secret: String,
    name: Option<String>,
}

pub async fn create_client(
    State(state): State<Shared>,
    _: AdminAuth,
    JsonBody(body): JsonBody<ClientBody>,
) -> Answer {
    let now = state.clock.now_ns();
    let client = state.db.write(|conn| {
        clients::register(
            conn,
            &body.client_id,
            &body.client_secret,
            body.name.as_deref(),
            now,
        )
    })?;
    Ok(Json(
        json!({ "client_id": client.client_id, "name": client.name }),
    ))
}

#[derive(Deserialize)]
pub struct TournamentBody {
    title: String,
    buy_in_price: i64,
    tournament_size: i64,
    description: Option<String>,
    state: Option<String>,
    starts_in_secs: Option<i64>,
    duration_secs: Option<i64>,
    game_uid: Option<String>,
}

fn parse_status(text: &str) -> Result<Status, ApiError> {
    Status::parse(text).ok_or_else(|| {
        ApiError::bad_request("state must be SCHEDULED, LOBBY, STARTED, LOCKED or COMPLETED")
    })
}

pub async fn create_tournament(
    State(state): State<Shared>,
    _: AdminAuth,
    JsonBody(body): JsonBody<TournamentBody>,
) -> Result<Response, ApiError> {
    if !(0..=MAX_AMOUNT).contains(&body.buy_in_price)
        || !(1..=MAX_SIZE).contains(&body.tournament_size)
    {
        return Err(ApiError::bad_request(format!(
            "buy_in_price must be 0-{MAX_AMOUNT} and tournament_size 1-{MAX_SIZE}"
        )));
    }
    let duration = body
        .duration_secs
        .unwrap_or(tournaments::DEFAULT_DURATION_SECS);
    let starts_in = body.starts_in_secs.unwrap_or(0);
    if !(1..=MAX_SPAN_SECS).contains(&duration) || starts_in.abs() > MAX_SPAN_SECS {
        return Err(ApiError::bad_request(
            "duration_secs must be 1 s to 10 years, starts_in_secs within 10 years",
        ));
    }
    let now = state.clock.now_ns();
    let schedule = match (body.state.as_deref(), body.starts_in_secs) {
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "give state or starts_in_secs, not both",
            ))
        }
        (Some(status), None) => Schedule::in_state(parse_status(status)?, duration, now),
        (None, _) => Schedule::starting_at(now + clock::secs_to_ns(starts_in), duration, now),
    };
    let new = NewTournament {
        uid: None,
        game_uid: body
            .game_uid
            .unwrap_or_else(|| state.config.client_id.clone()),
        title: body.title,
        description: body.description.unwrap_or_default(),
        buy_in_price: body.buy_in_price,
        tournament_size: body.tournament_size,
        schedule,
    };
    let tournament = state.db.write(|conn| tournaments::create(conn, new, now))?;
    Ok(Json(tournament.view(now)).into_response())
}

pub async fn list_tournaments(
    State(state): State<Shared>,
    _: AdminAuth,
) -> Result<Response, ApiError> {
    let now = state.clock.now_ns();
    let list = state.db.write(|conn| {
        tournaments::settle_due(conn, now)?;
        tournaments::list_all(conn)
    })?;
    let views: Vec<_> = list.iter().map(|t| t.view(now)).collect();
    Ok(Json(views).into_response())
}

#[derive(Deserialize)]
pub struct StateBody {
    state: String,
}

pub async fn force_state(
    State(state): State<Shared>,
    _: AdminAuth,
    TournamentUid(uid): TournamentUid,
    JsonBody(body): JsonBody<StateBody>,
) -> Result<Response, ApiError> {
    let status = parse_status(&body.state)?;
    let now = state.clock.now_ns();
    let tournament = state
        .db
        .write(|conn| tournaments::force_state(conn, &uid, status, now))?;
    Ok(Json(tournament.view(now)).into_response())
}

pub async fn complete(
    State(state): State<Shared>,
    _: AdminAuth,
    TournamentUid(uid): TournamentUid,
) -> Answer {
    let now = state.clock.now_ns();
    let winners = state.db.write(|conn| {
        tournaments::force_state(conn, &uid, Status::Completed, now)?;
        tournaments::winners(conn, &uid)
    })?;
    Ok(Json(json!({ "winners": winners })))
}

/// The tournament's score submissions as applied, in order (the admin's ledger).
pub async fn score_submissions(
    State(state): State<Shared>,
    _: AdminAuth,
    TournamentUid(uid): TournamentUid,
) -> Answer {
    let rows = state
        .db
        .read(|conn| tournaments::score_submissions(conn, &uid))?;
    let submissions: Vec<Value> = rows
        .into_iter()
        .map(|(player_id, score)| json!({ "player_id": player_id, "score": score }))
        .collect();
    Ok(Json(json!({ "submissions": submissions })))
}

fn clock_json(state: &Shared) -> Value {
    json!({ "now": clock::rfc3339_nanos(state.clock.now_ns()), "offset_secs": state.clock.offset_secs() })
}

pub async fn clock(State(state): State<Shared>, _: AdminAuth) -> Answer {
    Ok(Json(clock_json(&state)))
}

#[derive(Deserialize)]
pub struct ClockBody {
    advance_secs: Option<i64>,
    offset_secs: Option<i64>,
}

pub async fn move_clock(
    State(state): State<Shared>,
    _: AdminAuth,
    JsonBody(body): JsonBody<ClockBody>,
) -> Answer {
    let offset = match (body.advance_secs, body.offset_secs) {
        (Some(advance), None) => state.clock.offset_secs().saturating_add(advance),
        (None, Some(offset)) => offset,
        _ => return Err(ApiError::bad_request("give advance_secs or offset_secs")),
    };
    if offset.abs() > MAX_CLOCK_OFFSET_SECS {
        return Err(ApiError::bad_request(
            "the clock stays within 100 years of real time",
        ));
    }
    state
        .db
        .write(|conn| state.set_clock_offset(conn, offset))?;
    Ok(Json(clock_json(&state)))
}

#[derive(Deserialize)]
pub struct PhoneQuery {
    phone_number: String,
    #[serde(rename = "countryCode")]
    country_code: String,
}

pub async fn latest_otp(
    State(state): State<Shared>,
    _: AdminAuth,
    Query(query): Query<PhoneQuery>,
) -> Answer {
    let phone = Phone::parse(&query.phone_number, &query.country_code)?;
    let (auth_code, code, expires_at) = state
        .db
        .read(|conn| otp::latest(conn, &phone))?
        .ok_or_else(|| not_found("no OTP was sent to this phone"))?;
    Ok(Json(
        json!({ "authCode": auth_code, "otp": code, "expires_at": clock::rfc3339_nanos(expires_at) }),
    ))
}

#[derive(Deserialize)]
pub struct V3UserBody {
    #[serde(rename = "userName")]
    user_name: String,
    password: String,
    email: Option<String>,
    #[serde(rename = "twoFactor", default)]
    two_factor: bool,
}

pub async fn create_v3_user(
    State(state): State<Shared>,
    _: AdminAuth,
    JsonBody(body): JsonBody<V3UserBody>,
) -> Answer {
    let now = state.clock.now_ns();
    let user = state.db.write(|conn| {
        v3::create_user(
            conn,
            &body.user_name,
            &body.password,
            body.email.as_deref(),
            body.two_factor,
            None,
            now,
        )
    })?;
    Ok(Json(
        json!({ "userId": user.user_id, "userName": user.user_name, "apiKey": user.api_key }),
    ))
}

pub async fn v3_pending_otp(
    State(state): State<Shared>,
    _: AdminAuth,
    PathParam(user_name): PathParam,
) -> Answer {
    let now = state.clock.now_ns();
    let code = state
        .db
        .read(|conn| v3::pending_otp(conn, &user_name, now))?
        .ok_or_else(|| not_found("no pending two-factor login for this user"))?;
    Ok(Json(json!({ "otp": code })))
}

#[derive(Deserialize)]
pub struct CreditBody {
    client_id: Option<String>,
    user_id: String,
    #[serde(default)]
    earned: i64,
    #[serde(default)]
    bought: i64,
    #[serde(default)]
    bonus: i64,
}

pub async fn credit_wallet(
    State(state): State<Shared>,
    _: AdminAuth,
    JsonBody(body): JsonBody<CreditBody>,
) -> Answer {
    if [body.earned, body.bought, body.bonus]
        .iter()
        .any(|a| !(0..=MAX_AMOUNT).contains(a))
    {
        return Err(ApiError::bad_request(format!(
            "amounts must be 0-{MAX_AMOUNT}"
        )));
    }
    let client_id = body
        .client_id
        .unwrap_or_else(|| state.config.client_id.clone());
    let player_id = players::namespaced_id(&client_id, &body.user_id);
    let split = Split {
        bonus: body.bonus,
        bought: body.bought,
        earned: body.earned,
    };
    let now = state.clock.now_ns();
    let player = state.db.write(|conn| {
        let player = players::find(conn, &player_id)?
            .ok_or_else(|| not_found("no such player: open a session first"))?;
        wallet::credit(conn, player, split, now)
    })?;
    Ok(Json(wallet::balance_json(
        &player,
        state.settings().min_withdraw,
    )))
}

#[derive(Deserialize)]
pub struct SettingsBody {
    min_withdraw: Option<i64>,
    token_ttl_secs: Option<u64>,
    otp_ttl_secs: Option<u64>,
}

pub async fn settings(
    State(state): State<Shared>,
    _: AdminAuth,
    JsonBody(body): JsonBody<SettingsBody>,
) -> Answer {
    let mut settings = state.settings();
    settings.min_withdraw = body.min_withdraw.unwrap_or(settings.min_withdraw);
    settings.token_ttl_secs = body.token_ttl_secs.unwrap_or(settings.token_ttl_secs);
    settings.otp_ttl_secs = body.otp_ttl_secs.unwrap_or(settings.otp_ttl_secs);
    if settings.min_withdraw < 0 || settings.token_ttl_secs == 0 || settings.otp_ttl_secs == 0 {
        return Err(ApiError::bad_request(
            "min_withdraw must be >= 0 and the lifetimes >= 1",
        ));
    }
    state
        .db
        .write(|conn| state.save_settings(conn, settings.clone()))?;
    Ok(Json(serde_json::to_value(settings).unwrap_or_default()))
}

pub async fn list_faults(State(state): State<Shared>, _: AdminAuth) -> Answer {
    Ok(Json(state.faults.list()))
}

pub async fn add_fault(
    State(state): State<Shared>,
    _: AdminAuth,
    JsonBody(spec): JsonBody<FaultSpec>,
) -> Answer {
    Ok(Json(json!({ "id": state.faults.add(spec)? })))
}

pub async fn clear_faults(State(state): State<Shared>, _: AdminAuth) -> Response {
    state.faults.clear();
    message("all faults removed")
}

pub async fn remove_fault(
    State(state): State<Shared>,
    _: AdminAuth,
    PathParam(id): PathParam,
) -> Result<Response, ApiError> {
    if !state.faults.remove(&id) {
        return Err(not_found("no such fault"));
    }
    Ok(message("fault removed"))
}

#[derive(Deserialize)]
pub struct ResetBody {
    #[serde(default)]
    demo: bool,
}

pub async fn reset(
    State(state): State<Shared>,
    _: AdminAuth,
    JsonBody(body): JsonBody<ResetBody>,
) -> Result<Response, ApiError> {
    state.reset(body.demo)?;
    Ok(message("sandbox reset"))
}

pub async fn stats(State(state): State<Shared>, _: AdminAuth) -> Answer {
    let mut stats = state.counters.to_json();
    let keys: i64 = state.db.read(|conn| {
        conn.query_row("SELECT count(*) FROM idempotency_keys", [], |r| r.get(0))
            .map_err(ApiError::from)
    })?;
    stats["idempotency_keys"] = json!(keys);
    Ok(Json(stats))
}
