//! Writes whose answer was lost, resolved before the call completes.
//!
//! A write whose connection broke after the request was sent, or whose attempt got no
//! answer in time, may or may not have been applied — and after a timeout it may still be
//! on its way to the server. (A write that could not even connect was never sent: its
//! [`ErrorKind::Transport`] error stands, not applied.) The SDK resolves it within the
//! call's deadline:
//!
//! 1. **It sends the write again, under the same `Idempotency-Key`**, after the policy's
//!    backoff, while the deadline's first three quarters last: up to
//!    [`RetryPolicy::max_attempts`](crate::RetryPolicy::max_attempts) − 1 repeats that get
//!    no verdict (none under [`RetryPolicy::none`](crate::RetryPolicy::none)), and as
//!    often as the server answers that the first attempt is still running. A server that
//!    honours the key (the sandbox does, for 24 h; the platform's docs do not promise it)
//!    answers a repeat with the first attempt's stored answer, applies the write if the
//!    first never arrived, and answers 409 `IDEMPOTENCY_KEY_IN_USE` while the first is
//!    still running. So the repeat's answer is the write's answer: an attempt still
//!    travelling cannot land afterwards and change it. On a server that ignores the key
//!    the five writes are still safe to repeat: a second join is refused as existing
//!    participation, a second leave as no participation, a second claim finds nothing, a
//!    second withdrawal finds no balance, and a score sent twice counts once where the
//!    best score counts (*sandbox-defined*; on a server that ignored the key and added
//!    scores up, a repeated score would count twice).
//!    - a success: that answer, as the write's own (`http_status` 200);
//!    - a refusal (4xx other than `IDEMPOTENCY_KEY_IN_USE`, 408 and 429) marked as the
//!      answer the server stored for an earlier attempt (`idempotent-replayed: true`, as
//!      the sandbox marks replays; *sandbox-defined*): that refusal, as the write's own —
//!      the first attempt was refused, nothing was applied;
//!    - any other refusal: the write is sent once more, at once. A server that honours the
//!      key stored that refusal as the first answer under the key (so no earlier attempt
//!      was applied) and replays it: the refusal stands. Without a replay (a server that
//!      ignores the key) the read below decides — applied (a repeat refused because the
//!      first took effect) or the refusal, which says why it was not applied;
//!    - no answer, 408, 429 or 5xx (no verdict), or `IDEMPOTENCY_KEY_IN_USE`: the next
//!      repeat.
//! 2. **When no repeat got a verdict, it reads** the state the write changes, in the
//!    deadline's last quarter:
//!
//! | write | read | applied when |
//! |---|---|---|
//! | [`Session::join_tournament`] | [`Session::participated_tournaments`] | the uid is listed |
//! | [`Session::leave_tournament`] | [`Session::participated_tournaments`] | the uid is not listed |
//! | [`Session::submit_score`] | [`Session::leaderboard`] | the player's entry has a score at least as high (the best score counts: *sandbox-defined*) |
//! | [`Session::claim_rewards`] | [`Session::claimable_rewards`] | no reward is left `UNCLAIMED` |
//! | [`Session::withdraw`] | [`Session::wallet_balance`] | the earned balance is 0 (a withdrawal moves all of it) |
//!
//! - applied: `Ok`, with `http_status` 0 (no answer to the write arrived), an empty
//!   `raw_body` and a message that says it was confirmed by a read;
//! - not applied, and no attempt was given up on while the server may still have been
//!   working on it (each ended with a broken connection or an error status): the first
//!   attempt's own error ([`ErrorKind::Transport`]), its message ending in "not applied
//!   (checked by reading …)"; repeating the call is safe. (*Sandbox-defined* reading: a
//!   server whose connection broke is taken to be done with the request.)
//! - not applied, but an attempt timed out or the server still had one in progress (it may
//!   land later), or the read failed: [`ErrorKind::OutcomeUnknown`]
//!   (`KGEN_ERR_OUTCOME_UNKNOWN`).
//!
//! The checks read the player's current state, so a concurrent write of the same player
//! (another device claiming, a reward landing between) can make a check see the other
//! write's effect, and a state reached before the write looks like its effect: a join
//! whose answer was lost, of a player who was already in, reads as applied when the read
//! decides (on a server that honours the key the replayed refusal decides first, above).
//! The platform's docs define no per-write receipt to read instead (*sandbox-defined*
//! reading of "applied").

use std::future::Future;

use tokio::time::Instant;

use crate::client::decode;
use crate::log::{self, LogLevel};
use crate::transport::retry::backoff;
use crate::transport::{CallContext, HttpRequest};
use crate::{Ack, ApiErrorCode, Error, ErrorKind, Response, Session};

/// What a write changes, and so how to read whether it was applied.
pub(crate) enum Check<'a> {
    Joined(&'a str),
    Left(&'a str),
    Scored(&'a str, i64),
    Claimed,
    Withdrew,
}

impl Check<'_> {
    /// The read that tells, in words for messages.
    fn read_name(&self) -> &'static str {
        match self {
            Check::Joined(_) | Check::Left(_) => "participated tournaments",
            Check::Scored(..) => "the leaderboard",
            Check::Claimed => "claimable rewards",
            Check::Withdrew => "the wallet balance",
        }
    }

    /// The write, in words for log lines.
    fn write_name(&self) -> &'static str {
        match self {
            Check::Joined(_) => "join",
            Check::Left(_) => "leave",
            Check::Scored(..) => "score",
            Check::Claimed => "claim",
            Check::Withdrew => "withdrawal",
        }
    }

    /// Reads the player's state: `Ok(true)` when the write's effect is in place.
    async fn applied(&self, session: &Session) -> Result<bool, Error> {
        Ok(match *self {
            Check::Joined(uid) => listed(session, uid).await?,
            Check::Left(uid) => !listed(session, uid).await?,
            Check::Scored(uid, score) => session
                .leaderboard(uid)
                .await?
                .data
                .leaderboard
                .iter()
                .any(|entry| entry.user_id == session.user_id() && entry.score >= score),
            Check::Claimed => session
                .claimable_rewards()
                .await?
                .data
                .claimable_rewards_info
                .iter()
                .all(|reward| !reward.claim_status.eq_ignore_ascii_case("UNCLAIMED")),
            Check::Withdrew => session.wallet_balance().await?.data.earned_balance <= 0.0,
        })
    }
}

async fn listed(session: &Session, uid: &str) -> Result<bool, Error> {
    let participated = session.participated_tournaments().await?.data;
    Ok(participated.iter().any(|p| p == uid))
}

/// Whether an error of a write leaves its outcome open: it was sent and no answer arrived.
fn answer_lost(error: &Error) -> bool {
    matches!(error.kind(), ErrorKind::Transport | ErrorKind::Timeout) && !error.was_unsent()
}

/// Whether the server says an attempt with the write's key is still running.
fn in_progress(error: &Error) -> bool {
    error.api_code() == Some(&ApiErrorCode::IdempotencyKeyInUse)
}

/// Whether an attempt that ended with `error` may still be running at the server.
fn may_still_land(error: &Error) -> bool {
    error.kind() == ErrorKind::Timeout || in_progress(error)
}

/// Whether a repeat's error tells nothing about the write: no answer, or an answer that
/// asks to come back later.
fn no_verdict(error: &Error) -> bool {
    matches!(error.kind(), ErrorKind::Transport | ErrorKind::Timeout)
        || matches!(error.http_status(), Some(408 | 429 | 500..=599))
}

impl Session {
    /// Sends a write and, when its answer is lost, resolves it (module docs).
    pub(crate) async fn write(
        &self,
        mut request: HttpRequest,
        check: Check<'_>,
    ) -> Result<Response<Ack>, Error> {
        let client = self.client();
        let ctx = client.context();
        let reserve = client.config().request_timeout / 4;
        let write_ctx = ctx.until(ctx.deadline - reserve);
        client
            .run(&ctx, async {
                match self.send_within(&write_ctx, &mut request).await {
                    Err(lost) if answer_lost(&lost) => {
                        // Boxed: the rare path would otherwise size every write's future.
                        Box::pin(self.resolve(&ctx, &write_ctx, &mut request, &check, lost)).await
                    }
                    other => other,
                }
            })
            .await
    }

    /// One send of the write (the transport's own retries included) within the write's
    /// part of the deadline.
    async fn send_within(
        &self,
        write_ctx: &CallContext,
        request: &mut HttpRequest,
    ) -> Result<Response<Ack>, Error> {
        within(write_ctx, "the write got no answer", async {
            decode(self.send(write_ctx, request).await?)
        })
        .await
    }

    async fn resolve(
        &self,
        ctx: &CallContext,
        write_ctx: &CallContext,
        request: &mut HttpRequest,
        check: &Check<'_>,
        lost: Error,
    ) -> Result<Response<Ack>, Error> {
        let lost = lost.with_request_id(&ctx.request_id);
        let policy = &self.client().config().retry;
        let mut may_land = may_still_land(&lost);
        // Repeats that get no answer are limited like attempts (a policy of one attempt asks
        // for none); a server that says the first is still running is asked again while the
        // write's part of the deadline lasts.
        let mut repeats = 0;
        let mut unanswered = 0;
        while unanswered + 1 < policy.max_attempts {
            repeats += 1;
            let delay = backoff(policy, repeats);
            if Instant::now() + delay >= write_ctx.deadline {
                break;
            }
            log::emit(LogLevel::Info, || {
                format!(
                    "{}: sending it again under its Idempotency-Key in {} ms, after: {lost} (request {})",
                    check.write_name(),
                    delay.as_millis(),
                    ctx.request_id
                )
            });
            tokio::time::sleep(delay).await;
            match self.send_within(write_ctx, request).await {
                Ok(answer) => return Ok(answer),
                Err(e) if in_progress(&e) => may_land = true,
                Err(e) if no_verdict(&e) => {
                    unanswered += 1;
                    may_land |= may_still_land(&e);
                }
                // The answer stored for an earlier attempt: the write's own answer.
                Err(refused) if refused.was_replayed() => return Err(refused),
                Err(refused) => {
                    return self
                        .settle_refusal(ctx, write_ctx, request, check, refused)
                        .await
                }
            }
        }
        self.confirm(ctx, check, lost, may_land).await
    }

    /// A repeat was refused and the answer is not marked as replayed. On a server that
    /// honours the key that makes it the first answer stored under the key, so no earlier
    /// attempt was applied: one more repeat, sent at once, gets the refusal replayed, and it
    /// stands. Otherwise (a server that ignores the key) the read decides.
    async fn settle_refusal(
        &self,
        ctx: &CallContext,
        write_ctx: &CallContext,
        request: &mut HttpRequest,
        check: &Check<'_>,
        refused: Error,
    ) -> Result<Response<Ack>, Error> {
        let mut may_land = false;
        if Instant::now() < write_ctx.deadline {
            log::emit(LogLevel::Info, || {
                format!(
                    "{}: sending it again to see whether the server replays its refusal: {refused} (request {})",
                    check.write_name(),
                    ctx.request_id
                )
            });
            match self.send_within(write_ctx, request).await {
                Ok(answer) => return Ok(answer),
                Err(again) if again.was_replayed() => return Err(again),
                Err(again) => may_land = may_still_land(&again),
            }
        }
        self.confirm(ctx, check, refused, may_land).await
    }

    /// Reads whether the write took effect. `error` is what the write ended with: a
    /// refusal of a repeat, or the lost answer when no repeat got one; `may_land` when an
    /// attempt may still reach the server.
    async fn confirm(
        &self,
        ctx: &CallContext,
        check: &Check<'_>,
        error: Error,
        may_land: bool,
    ) -> Result<Response<Ack>, Error> {
        let read = check.read_name();
        match within(ctx, "the check got no answer", check.applied(self)).await {
            Ok(true) => Ok(Response {
                data: Ack {
                    message: format!("applied (its answer was lost; confirmed by reading {read})"),
                },
                http_status: 0,
                request_id: ctx.request_id.clone(),
                raw_body: String::new(),
            }),
            Ok(false) if !may_land => {
                let message = format!(
                    "{}; not applied (checked by reading {read})",
                    error.message()
                );
                Err(error.with_message(message))
            }
            Ok(false) => {
                let message = format!(
                    "may or may not have been applied: {}; reading {read} found it not applied, \
                     but an attempt that got no answer in time may still reach the server",
                    error.message()
                );
                Err(error
                    .with_kind(ErrorKind::OutcomeUnknown)
                    .with_message(message))
            }
            Err(failed) => {
                let message = format!(
                    "may or may not have been applied: {} and reading {read} failed too: {}",
                    error.message(),
                    failed.message()
                );
                Err(error
                    .with_kind(ErrorKind::OutcomeUnknown)
                    .with_message(message))
            }
        }
    }
}

/// Runs `future` until `ctx`'s deadline; past it, a [`ErrorKind::Timeout`] saying `what`.
async fn within<T>(
    ctx: &CallContext,
    what: &str,
    future: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    tokio::time::timeout_at(ctx.deadline, future)
        .await
        .unwrap_or_else(|_| Err(Error::new(ErrorKind::Timeout, format!("{what} in time"))))
}
