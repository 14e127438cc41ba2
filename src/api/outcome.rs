//! Writes whose answer was lost, resolved by a read before the call completes.
//!
//! A write whose connection broke after the request was sent, or whose attempt got no
//! answer in time, may or may not have been applied; it is not repeated (see the retry
//! policies in [`crate::api`]). Instead the SDK reads the state the write changes, within
//! the call's deadline, and completes with the definite result:
//!
//! | write | read | applied when |
//! |---|---|---|
//! | [`Session::join_tournament`] | [`Session::participated_tournaments`] | the uid is listed |
//! | [`Session::leave_tournament`] | [`Session::participated_tournaments`] | the uid is not listed |
//! | [`Session::submit_score`] | [`Session::leaderboard`] | the player's entry has a score at least as high (the best score counts: *sandbox-defined*) |
//! | [`Session::claim_rewards`] | [`Session::claimable_rewards`] | no reward is left `UNCLAIMED` |
//! | [`Session::withdraw`] | [`Session::wallet_balance`] | the earned balance is 0 (a withdrawal moves all of it) |
//!
//! - applied: `Ok`, with `http_status` 0 (the write's own answer never arrived), an empty
//!   `raw_body` and a message that says it was confirmed by a read;
//! - not applied: the write's own error ([`ErrorKind::Transport`] or
//!   [`ErrorKind::Timeout`]), its message ending in "not applied"; repeating the call is
//!   safe;
//! - the read failed too: [`ErrorKind::OutcomeUnknown`] (`KGEN_ERR_OUTCOME_UNKNOWN`).
//!
//! The write may use the call's deadline except the last quarter, which is kept for the
//! read. After a dropped connection the server has finished with the write (applied or
//! refused) before the read; after an attempt timeout the write may still be on its way
//! to the server, so "not applied" then holds as of the read (the write keeps its
//! `Idempotency-Key`: repeating the call cannot apply it twice on a server that honours
//! the key, which the sandbox does and the platform's docs do not promise). The checks
//! read the player's current state, so a concurrent write of the same
//! player (another device claiming, a reward landing between) can make a check see the
//! other write's effect; the docs of the platform define no per-write receipt to read
//! instead (*sandbox-defined* reading of "applied").

use std::future::Future;

use crate::client::decode;
use crate::transport::{CallContext, HttpRequest};
use crate::{Ack, Error, ErrorKind, Response, Session};

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

/// Whether an error of a write leaves its outcome open: no answer arrived.
fn answer_lost(error: &Error) -> bool {
    matches!(error.kind(), ErrorKind::Transport | ErrorKind::Timeout)
}

impl Session {
    /// Sends a write and, when its answer is lost, resolves it by `check` (module docs).
    pub(crate) async fn write(
        &self,
        request: HttpRequest,
        check: Check<'_>,
    ) -> Result<Response<Ack>, Error> {
        let client = self.client();
        let ctx = client.context();
        let reserve = client.config().request_timeout / 4;
        let write_ctx = CallContext {
            request_id: ctx.request_id.clone(),
            idempotency_key: ctx.idempotency_key.clone(),
            deadline: ctx.deadline - reserve,
        };
        client
            .run(&ctx, async {
                let sent = within(&write_ctx, "the write got no answer", async {
                    decode(self.send(&write_ctx, request).await?)
                })
                .await;
                match sent {
                    Err(lost) if answer_lost(&lost) => {
                        // Boxed: the rare path would otherwise size every write's future.
                        Box::pin(resolve(
                            self,
                            &ctx,
                            &check,
                            lost.with_request_id(&ctx.request_id),
                        ))
                        .await
                    }
                    other => other,
                }
            })
            .await
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

async fn resolve(
    session: &Session,
    ctx: &CallContext,
    check: &Check<'_>,
    lost: Error,
) -> Result<Response<Ack>, Error> {
    let read = check.read_name();
    match within(ctx, "the check got no answer", check.applied(session)).await {
        Ok(true) => Ok(Response {
            data: Ack {
                message: format!("applied (its answer was lost; confirmed by reading {read})"),
            },
            http_status: 0,
            request_id: ctx.request_id.clone(),
            raw_body: String::new(),
        }),
        Ok(false) => {
            let message = format!(
                "{}; not applied (checked by reading {read})",
                lost.message()
            );
            Err(lost.with_message(message))
        }
        Err(failed) => {
            let message = format!(
                "may or may not have been applied: {} and reading {read} failed too: {}",
                lost.message(),
                failed.message()
            );
            Err(lost
                .with_kind(ErrorKind::OutcomeUnknown)
                .with_message(message))
        }
    }
}
