/*
 * kgen.h - the C API of the kgen SDK (KGeN ESports tournaments, leaderboards,
 * wallets, rewards, OTP phone linking, statistics, and the /v3 account session).
 * Generated from the Rust sources by cbindgen: do not edit.
 *
 * READING GUIDE
 *
 * Handles. kgen_client and kgen_session are opaque handles, never pointers to
 * memory. Each has one create and one destroy function. A NULL handle gives
 * KGEN_ERR_NULL_ARGUMENT; a destroyed, twice-destroyed, forged or wrongly typed
 * one gives KGEN_ERR_INVALID_HANDLE; a session of another client
 * KGEN_ERR_WRONG_CLIENT. Misuse is an error code, never a crash.
 *
 * Calls. Every function returns a kgen_status (0 = KGEN_OK) except a few that
 * return static strings. After a failed call, kgen_last_error_message() says
 * why, on the same thread. Strings passed in are NUL-terminated UTF-8
 * (invalid UTF-8, or a blank required string such as a user id, gives
 * KGEN_ERR_INVALID_ARGUMENT before anything starts) and are copied during the
 * call. Options structs begin with struct_size (set it to sizeof the struct);
 * zero means "default" for every field. Booleans are int32_t (0 or 1).
 * Every argument error the SDK can see - a missing credential, a blank id, a
 * value out of range - is returned by the call itself, never as a completion.
 *
 * Strings out. kgen_session_get_string and kgen_last_error_message copy into
 * your buffer; length is in/out: the capacity of buffer on entry, the size
 * needed including the NUL on return. buffer NULL with *length 0 asks for the
 * size: KGEN_ERR_BUFFER_TOO_SMALL with *length set. A buffer too small gives
 * the same and writes nothing. Neither changes kgen_last_error_message, so a
 * string can be read while handling another failure. buffer NULL with
 * *length > 0 is KGEN_ERR_NULL_ARGUMENT, like every other NULL.
 *
 * Results grow. Result structs only ever gain fields at their end, and the
 * SDK allocates them, so code built against an older kgen.h reads the fields
 * it knows. For the same reason an array of result structs carries its
 * element size beside its count (item_size, entry_size, winner_size,
 * transaction_size): step through it by that size, never by sizeof:
 *     for (size_t i = 0; i < list->count; i++) {
 *         const kgen_tournament *t =
 *             KGEN_ARRAY_AT(kgen_tournament, list->items, list->item_size, i);
 *     }
 * Arrays of strings are arrays of pointers and need no size.
 *
 * Numbers. Values the platform documents as integers (buy_in_price and the
 * joining stake that must equal it, scores, counts, ranks) are int64_t; money
 * it sends as any JSON number (balances, rewards, prize pool, transaction
 * amounts) is double, because the wire carries fractions (a 1.5x reward of an
 * odd fee).
 *
 * Requests. Each operation is
 *     kgen_status kgen_<area>_<verb>(client, [session,] args...,
 *                                    callback, user_data, &request_id);
 * - a non-OK return: nothing started, no callback will come;
 * - KGEN_OK: exactly one completion will come (success, error, timeout or
 *   cancellation), also when the client is destroyed with it in flight;
 * - no callback ever runs inside the call that started the request.
 * All operations share one callback type, kgen_callback, which receives a
 * const kgen_event*: kind, operation, request id, user_data, session, the
 * common header kgen_result (status, HTTP status, API error code as string and
 * as named constant, message, x-request-id, raw JSON body) and the typed data
 * union kgen_data. Everything the event points to is borrowed until the
 * callback returns: copy what you keep. The SDK frees it.
 *
 * Dispatch, chosen per client (kgen_client_options.dispatch):
 * - KGEN_DISPATCH_MANUAL (default): completions wait in a queue and run only
 *   inside kgen_client_poll() on the thread that calls it (a game's main
 *   thread). An optional wake hook tells an event loop that something is queued.
 * - KGEN_DISPATCH_IMMEDIATE: callbacks run on the SDK's worker threads as soon
 *   as a request ends (servers with their own locking).
 * - KGEN_DISPATCH_DRIVEN: manual, without worker threads. The client's network
 *   work happens on the thread that calls kgen_client_poll(),
 *   kgen_client_next_event() or kgen_client_wait(), and nowhere else (libcurl
 *   multi's model): the least CPU per request, as no event crosses threads,
 *   but requests, retries and timeouts advance only while those are called.
 * - kgen_client_wait() blocks until an event is queued, for a loop without a
 *   wake hook.
 * - Pull form: kgen_client_next_event() hands out the next queued event instead
 *   of calling its callback. Requests started with a NULL callback are always
 *   queued, in every mode.
 *
 * Shutdown. kgen_request_cancel() ends a request with KGEN_ERR_CANCELLED.
 * kgen_client_destroy() refuses new work, cancels what is in flight, delivers
 * every outstanding completion (manual, driven: on the destroying thread), stops
 * the SDK's threads and returns; afterwards no callback runs and user data may
 * be freed. Destroy, poll, wait and next_event from inside a callback return
 * KGEN_ERR_REENTRANT. Creating clients again later is always possible.
 *
 * Threads and cost. Each client owns a small private runtime (worker_threads,
 * default 1; none in driven dispatch); no busy polling, no CPU when idle. All
 * functions may be called from any thread.
 *
 * Published or sandbox-defined. Routes, fields and the error codes not marked
 * otherwise follow the platform's published docs. Where those docs are silent,
 * the local sandbox chose, and this header says *sandbox-defined*: the error
 * codes so marked in kgen_api_error, which balance pays a buy-in first, the
 * refund on leave, that the best score counts, the Idempotency-Key header the
 * SDK sends with every write (the sandbox replays a repeat's first answer for
 * 24 h), and the x-request-id it sends (the sandbox echoes and logs it).
 * Production may differ: build no game logic that needs these.
 *
 * Secrets (client secret, tokens, OTPs, passwords) never appear in logs or
 * error messages. A shipped game client must not contain a client secret: it
 * restores sessions from tokens its game server hands out (client flow).
 */


#ifndef KGEN_H
#define KGEN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define KGEN_VERSION_MAJOR 0
#define KGEN_VERSION_MINOR 2
#define KGEN_VERSION_PATCH 0
#define KGEN_VERSION_STRING "0.2.0"
// The version as one number, MAJOR * 1000000 + MINOR * 1000 + PATCH. Programs pass
// it as kgen_client_options.header_version (KGEN_CLIENT_OPTIONS_INIT does), and
// kgen_client_new refuses a library of another major version (0.MINOR before 1.0).
#define KGEN_VERSION_NUMBER 2000

/* Element `index` of an array of result structs whose elements are `size` bytes apart
 * (the size beside the array's count; see "Results grow" above). */
#ifdef __cplusplus
#define KGEN_ARRAY_AT(type, items, size, index)                                 \
    (reinterpret_cast<const type *>(reinterpret_cast<const char *>(items) +     \
                                    static_cast<size_t>(index) * static_cast<size_t>(size)))
#else
#define KGEN_ARRAY_AT(type, items, size, index) \
    ((const type *)((const char *)(items) + (size_t)(index) * (size_t)(size)))
#endif

// The result of every `kgen_*` call and of every completed request.
//
// Values are stable and never reused; they are grouped by origin:
// 0 success, 1-99 outcomes that are not failures, 100-199 caller errors
// (arguments, handles, call order), 200-299 a request that got no usable
// answer, 300-399 the server answered with an error, 900-999 SDK faults.
// New values may be added within a major version; treat unknown values as
// errors of their group.
enum kgen_status
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : int32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
    // Success.
    KGEN_OK = 0,
    // `kgen_client_next_event`: nothing is waiting.
    KGEN_NO_EVENT = 1,
    // A required pointer argument was NULL.
    KGEN_ERR_NULL_ARGUMENT = 100,
    // An argument was out of range, not valid UTF-8, or rejected before sending.
    KGEN_ERR_INVALID_ARGUMENT = 101,
    // The handle was never created, was already destroyed, or is not of the expected type.
    KGEN_ERR_INVALID_HANDLE = 102,
    // The session handle belongs to another client.
    KGEN_ERR_WRONG_CLIENT = 103,
    // The caller's buffer is too small; the needed size was written back.
    KGEN_ERR_BUFFER_TOO_SMALL = 104,
    // Called from inside a kgen callback where that would deadlock or recurse
    // (destroy, poll, next_event, set_log_callback).
    KGEN_ERR_REENTRANT = 105,
    // The client is being destroyed and accepts no new work.
    KGEN_ERR_SHUTTING_DOWN = 106,
    // An options struct has a `struct_size` this library does not know, or the
    // program was built with a kgen.h of another major version than the library's.
    KGEN_ERR_INCOMPATIBLE_VERSION = 107,
    // `kgen_request_cancel`: no request with this id is in flight (it already
    // completed, or never existed). Its completion is unaffected.
    KGEN_ERR_UNKNOWN_REQUEST = 108,
    // The network failed: connection refused or reset, DNS, TLS, a dropped response.
    // For a write the SDK resolves (join, leave, score, claim, withdraw; see
    // `KGEN_ERR_OUTCOME_UNKNOWN`) it also means: checked, not applied.
    KGEN_ERR_TRANSPORT = 200,
    // The request's deadline (`request_timeout_ms`, retries included) passed,
    // or an attempt of a call that changes state got no answer within
    // `attempt_timeout_ms` (it may have been applied; the writes the SDK resolves
    // never end this way, see `KGEN_ERR_OUTCOME_UNKNOWN`).
    KGEN_ERR_TIMEOUT = 201,
    // The request was cancelled by `kgen_request_cancel` or `kgen_client_destroy`.
    KGEN_ERR_CANCELLED = 202,
    // A write whose answer was lost could not be settled: it may or may not have
    // been applied. After a lost answer (the connection broke after the request
    // was sent, or an attempt timed out) the SDK sends the write again under the
    // same Idempotency-Key while the first three quarters of the request's
    // deadline last; a server that honours the key (the sandbox does) answers the
    // repeat with the first attempt's answer, or applies it once. When no repeat
    // gets a verdict it reads the state the write changes, in the last quarter:
    // join - participated tournaments list the uid; leave - they do not; score -
    // the leaderboard holds the player's score at least as high; claim - no
    // reward is left unclaimed; withdraw - the earned balance is 0. Applied:
    // `KGEN_OK` with `http_status` 0. Not applied: `KGEN_ERR_TRANSPORT` (message
    // ending "not applied"), or the refusal that a repeat got. This status when
    // the read failed, or found it not applied while an attempt that timed out
    // may still reach the server. Other writes (OTP, account login) are not
    // resolved: their TRANSPORT or TIMEOUT still means "may have been applied".
    KGEN_ERR_OUTCOME_UNKNOWN = 203,
    // The server answered with an error status; see `http_status`, `api_error`
    // and `api_error_code` in the result.
    KGEN_ERR_HTTP = 300,
    // The server's answer could not be decoded (see `raw_body`).
    KGEN_ERR_DECODE = 301,
    // The player's session expired or its token was refused; a client-flow
    // session needs a new token from the game's server.
    KGEN_ERR_SESSION_EXPIRED = 302,
    // The outbox holds `outbox_max_entries` entries: nothing was queued.
    KGEN_ERR_OUTBOX_FULL = 400,
    // Another client (of this or another process) owns the outbox directory.
    KGEN_ERR_OUTBOX_LOCKED = 401,
    // The outbox's journal could not be written, or did not read back whole
    // (`KGEN_OUTBOX_DAMAGED`).
    KGEN_ERR_OUTBOX_STORAGE = 402,
    // An outbox entry outlived `outbox_max_age_secs` undelivered.
    KGEN_ERR_OUTBOX_EXPIRED = 403,
    // A fault inside the SDK (a caught panic, a failed thread start).
    KGEN_ERR_INTERNAL = 900,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum kgen_status kgen_status;
#else
typedef int32_t kgen_status;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

// What an event reports.
enum kgen_event_kind
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : int32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
    // A request ended (success, error, timeout or cancellation).
    KGEN_EVENT_COMPLETION = 1,
    // A client-flow session's token is about to expire or was refused: fetch a
    // new token from the game's server and pass it to `kgen_session_update_tokens`.
    KGEN_EVENT_SESSION_EXPIRED = 2,
    // An outbox entry ended (delivered, rejected, expired), a player's entries
    // wait for a session, or the outbox's journal was damaged: `data.outbox`.
    KGEN_EVENT_OUTBOX = 3,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum kgen_event_kind kgen_event_kind;
#else
typedef int32_t kgen_event_kind;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

// The operation a completion belongs to; tells which member of `kgen_data` is set.
enum kgen_operation
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : int32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
    // Not a completion (a notification).
    KGEN_OP_NONE = 0,
    // `kgen_session_create`: `data.session`.
    KGEN_OP_SESSION_CREATE = 1,
    // `kgen_tournaments_join`: `data.message`.
    KGEN_OP_TOURNAMENTS_JOIN = 10,
    // `kgen_tournaments_leave`: `data.message`.
    KGEN_OP_TOURNAMENTS_LEAVE = 11,
    // `kgen_tournaments_submit_score`: `data.message`.
    KGEN_OP_TOURNAMENTS_SUBMIT_SCORE = 12,
    // `kgen_tournaments_active`: `data.tournaments`.
    KGEN_OP_TOURNAMENTS_ACTIVE = 13,
    // `kgen_tournaments_participated`: `data.strings` (tournament uids).
    KGEN_OP_TOURNAMENTS_PARTICIPATED = 14,
    // `kgen_tournaments_get`: `data.tournament`.
    KGEN_OP_TOURNAMENTS_GET = 15,
    // `kgen_leaderboard_get`: `data.leaderboard`.
    KGEN_OP_LEADERBOARD_GET = 20,
    // `kgen_wallet_balance`: `data.balance`.
    KGEN_OP_WALLET_BALANCE = 30,
    // `kgen_wallet_transactions`: `data.transactions`.
    KGEN_OP_WALLET_TRANSACTIONS = 31,
    // `kgen_wallet_withdraw`: `data.message`.
    KGEN_OP_WALLET_WITHDRAW = 32,
    // `kgen_otp_register`: `data.otp_registration`.
    KGEN_OP_OTP_REGISTER = 40,
    // `kgen_otp_verify`: `data.message`.
    KGEN_OP_OTP_VERIFY = 41,
    // `kgen_rewards_claimable`: `data.rewards`.
    KGEN_OP_REWARDS_CLAIMABLE = 50,
    // `kgen_rewards_claim`: `data.message`.
    KGEN_OP_REWARDS_CLAIM = 51,
    // `kgen_stats_historic`: `data.stats`.
    KGEN_OP_STATS_HISTORIC = 60,
    // `kgen_account_login`: `data.login`.
    KGEN_OP_ACCOUNT_LOGIN = 70,
    // `kgen_account_login_otp`: no data.
    KGEN_OP_ACCOUNT_LOGIN_OTP = 71,
    // `kgen_account_current_user`: `data.user`.
    KGEN_OP_ACCOUNT_CURRENT_USER = 72,
    // `kgen_account_logout`: no data.
    KGEN_OP_ACCOUNT_LOGOUT = 73,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum kgen_operation kgen_operation;
#else
typedef int32_t kgen_operation;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

// An API error code. Values are stable and never reused; grouped as 100-199
// KGeN ESports codes, 200-299 codes any route can answer, 300-399 the
// account-session (`/v3`) API's, which the SDK names per operation.
//
// Codes marked *sandbox-defined* are the sandbox's answers where the
// platform's published docs name no code (insufficient funds, OTP failures,
// idempotency conflicts, ...): production may never send them. Treat them as
// failures like any other; do not build game logic that needs them.
enum kgen_api_error
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : int32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
    // No API error (success, or the request got no answer).
    KGEN_API_ERROR_NONE = 0,
    // A code this version does not name; see `api_error_code`.
    KGEN_API_ERROR_OTHER = 1,
    // 401 UN_AUTHORIZED: missing, bad or expired token or credentials.
    KGEN_API_ERROR_UN_AUTHORIZED = 100,
    // 400 BAD_REQUEST: malformed request.
    KGEN_API_ERROR_BAD_REQUEST = 101,
    // 400 TOURNAMENT_INVALID_JOINING_STAKE: the stake differs from the buy-in price.
    KGEN_API_ERROR_TOURNAMENT_INVALID_JOINING_STAKE = 110,
    // 400 TOURNAMENT_IS_NOT_LIVE: not allowed in the tournament's current state.
    KGEN_API_ERROR_TOURNAMENT_IS_NOT_LIVE = 111,
    // 404 TOURNAMENT_NOT_FOUND: unknown tournament.
    KGEN_API_ERROR_TOURNAMENT_NOT_FOUND = 112,
    // 409 EXISTING_PARTICIPATION_FOUND: the player already joined.
    KGEN_API_ERROR_EXISTING_PARTICIPATION_FOUND = 113,
    // 409 TOURNAMENT_IS_FULL: no seat left.
    KGEN_API_ERROR_TOURNAMENT_IS_FULL = 114,
    // 404 TOURNAMENT_PARTICIPATION_NOT_FOUND: the player has not joined.
    KGEN_API_ERROR_TOURNAMENT_PARTICIPATION_NOT_FOUND = 115,
    // 400 INVALID_SCORE (*sandbox-defined*): the score is not a non-negative integer.
    KGEN_API_ERROR_INVALID_SCORE = 116,
    // 400 INSUFFICIENT_FUNDS (*sandbox-defined*): the wallet cannot pay the buy-in.
    KGEN_API_ERROR_INSUFFICIENT_FUNDS = 120,
    // 400 PHONE_NOT_LINKED (*sandbox-defined*): withdrawing needs a phone linked by OTP.
    KGEN_API_ERROR_PHONE_NOT_LINKED = 121,
    // 400 WITHDRAW_BELOW_MINIMUM (*sandbox-defined*): the earned balance is below the minimum.
    KGEN_API_ERROR_WITHDRAW_BELOW_MINIMUM = 122,
    // 500 RECORD_NOT_FOUND: no such record (e.g. no linked phone).
    KGEN_API_ERROR_RECORD_NOT_FOUND = 123,
    // 400 INVALID_PHONE_NUMBER (*sandbox-defined*): malformed phone number or country code.
    KGEN_API_ERROR_INVALID_PHONE_NUMBER = 130,
    // 400 INVALID_OTP (*sandbox-defined*): wrong one-time password. Also the
    // SDK's name for the documented `/v3` login-OTP 401.
    KGEN_API_ERROR_INVALID_OTP = 131,
    // 400 OTP_EXPIRED (*sandbox-defined*): the one-time password expired.
    KGEN_API_ERROR_OTP_EXPIRED = 132,
    // 429 OTP_RATE_LIMITED (*sandbox-defined*): too many OTP requests for this phone.
    KGEN_API_ERROR_OTP_RATE_LIMITED = 133,
    // 409 PHONE_ALREADY_LINKED (*sandbox-defined*): the phone belongs to another player.
    KGEN_API_ERROR_PHONE_ALREADY_LINKED = 134,
    // 400 NO_CLAIMABLE_REWARDS (*sandbox-defined*): nothing to claim.
    KGEN_API_ERROR_NO_CLAIMABLE_REWARDS = 140,
    // 404 ROUTE_NOT_FOUND (*sandbox-defined*): the server has no such route.
    KGEN_API_ERROR_ROUTE_NOT_FOUND = 200,
    // 405 METHOD_NOT_ALLOWED (*sandbox-defined*): the route exists with another method.
    KGEN_API_ERROR_METHOD_NOT_ALLOWED = 201,
    // 413 PAYLOAD_TOO_LARGE (*sandbox-defined*): the request body is too large.
    KGEN_API_ERROR_PAYLOAD_TOO_LARGE = 202,
    // 409 IDEMPOTENCY_KEY_IN_USE (*sandbox-defined*): the same request is still being processed.
    KGEN_API_ERROR_IDEMPOTENCY_KEY_IN_USE = 203,
    // 422 IDEMPOTENCY_KEY_REUSED (*sandbox-defined*): the key was used for a different request.
    KGEN_API_ERROR_IDEMPOTENCY_KEY_REUSED = 204,
    // 429 RATE_LIMITED (*sandbox-defined*): slow down (the SDK already honoured Retry-After).
    KGEN_API_ERROR_RATE_LIMITED = 205,
    // Any status forced by the sandbox's fault injection (*sandbox-defined*).
    KGEN_API_ERROR_INJECTED_FAULT = 206,
    // 500 INTERNAL_ERROR (*sandbox-defined*): a server bug.
    KGEN_API_ERROR_INTERNAL_ERROR = 207,
    // `/v3` login 401: wrong user name or password. This and the `/v3` codes
    // below are the SDK's names for statuses i3D documents.
    KGEN_API_ERROR_INVALID_CREDENTIALS = 300,
    // `/v3` 404: not logged in and no valid API key.
    KGEN_API_ERROR_NOT_LOGGED_IN = 301,
    // `/v3` login/otp 404: no pending two-factor login.
    KGEN_API_ERROR_NO_PENDING_OTP = 302,
    // `/v3` login 409: already logged in.
    KGEN_API_ERROR_ALREADY_LOGGED_IN = 303,
    // `/v3` login 429: too many failed logins.
    KGEN_API_ERROR_TOO_MANY_LOGIN_ATTEMPTS = 304,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum kgen_api_error kgen_api_error;
#else
typedef int32_t kgen_api_error;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

// A tournament's lifecycle state.
enum kgen_tournament_status
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : int32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
    // A state this version does not name; see `status_text`.
    KGEN_TOURNAMENT_OTHER = 0,
    KGEN_TOURNAMENT_SCHEDULED = 1,
    KGEN_TOURNAMENT_LOBBY = 2,
    KGEN_TOURNAMENT_STARTED = 3,
    KGEN_TOURNAMENT_LOCKED = 4,
    KGEN_TOURNAMENT_COMPLETED = 5,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum kgen_tournament_status kgen_tournament_status;
#else
typedef int32_t kgen_tournament_status;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

// How an outbox event ends (or waits).
enum kgen_outbox_outcome
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : int32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
    // The platform accepted the call; `message` is its confirmation.
    KGEN_OUTBOX_DELIVERED = 1,
    // The platform refused it for good; the event's `result` has the error.
    KGEN_OUTBOX_REJECTED = 2,
    // It outlived `outbox_max_age_secs` undelivered (`KGEN_ERR_OUTBOX_EXPIRED`).
    KGEN_OUTBOX_EXPIRED = 3,
    // Client flow: `user_id`'s entries wait until the game restores a session
    // of that player (`kgen_session_restore`); reported once until then. Not an end.
    KGEN_OUTBOX_WAITING_FOR_SESSION = 4,
    // The journal did not read back whole when the client opened it: the
    // entries in the unreadable part are lost; `result.message` says how many
    // bytes and where the damaged file was kept. `entry_id` is 0.
    KGEN_OUTBOX_DAMAGED = 5,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum kgen_outbox_outcome kgen_outbox_outcome;
#else
typedef int32_t kgen_outbox_outcome;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

// How a session was obtained.
enum kgen_session_flow
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : int32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
    // Created with client credentials (`kgen_session_create`); renews itself
    // before its token expires.
    KGEN_SESSION_FLOW_SERVER = 1,
    // Restored from tokens (`kgen_session_restore`); raises
    // `KGEN_EVENT_SESSION_EXPIRED` instead of renewing.
    KGEN_SESSION_FLOW_CLIENT = 2,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum kgen_session_flow kgen_session_flow;
#else
typedef int32_t kgen_session_flow;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

// A client (opaque): configuration, connection pool, worker threads and the
// event queue for any number of player sessions. Create with
// `kgen_client_new`, destroy with `kgen_client_destroy`.
typedef struct kgen_client kgen_client;

// A player's session (opaque). Created by `kgen_session_create` (server flow)
// or `kgen_session_restore` (client flow); owned by its client and destroyed
// with `kgen_session_destroy` or with the client.
typedef struct kgen_session kgen_session;

// Identifies one accepted request within its client; never 0.
typedef uint64_t kgen_request_id;

// The common header of every completion. All strings are NUL-terminated
// UTF-8, never NULL (empty when absent), borrowed like the event.
typedef struct kgen_result {
    // `KGEN_OK` or why the request failed.
    kgen_status status;
    // The HTTP status of the last answer; 0 when none arrived.
    int32_t http_status;
    // The API's error code as a named constant (`KGEN_API_ERROR_NONE` on success).
    kgen_api_error api_error;
    // The API's error code as sent, e.g. "TOURNAMENT_IS_FULL"; "" when none.
    const char *api_error_code;
    // A human-readable description of the failure; "" on success.
    const char *message;
    // The `x-request-id` of the call; "" if none. The SDK sends it and the
    // sandbox echoes and logs it; the platform's docs do not mention the
    // header (*sandbox-defined*), so KGeN may not find a call by it.
    const char *request_id;
    // The raw response body (JSON, for fields the SDK does not model);
    // NUL-terminated, `raw_body_len` bytes without the NUL; "" when none.
    const char *raw_body;
    // Length of `raw_body` in bytes.
    size_t raw_body_len;
    // How long the server asked to wait before trying again (429, 503), in
    // milliseconds; 0 when it did not say. The SDK already waited and retried
    // where the request's policy and deadline allowed; it starts no wait that
    // would end past the deadline.
    int64_t retry_after_ms;
} kgen_result;

// A time as the server sent it, plus its parsed value.
typedef struct kgen_timestamp {
    // Milliseconds since the Unix epoch; 0 when absent or not parseable.
    int64_t unix_ms;
    // The text as sent ("" when absent).
    const char *text;
} kgen_timestamp;

// The fields of a player's session when the event was made: a snapshot of
// the last session response (`POST /s2s/session`, renewals included) or, in
// the client flow, of the token's claims - except `linked_phone`, which a
// successful `kgen_otp_verify` with the session also sets. Tokens are not
// included: read them with `kgen_session_get_string`.
typedef struct kgen_session_info {
    const char *user_id;
    const char *session_id;
    const char *namespaced_third_party_user_id;
    const char *third_party_client_id;
    const char *third_party_client_name;
    const char *wallet_address;
    const char *indigg_id;
    const char *indigg_wallet_address;
    const char *linked_phone;
    // 1 when this session created the player (first session), else 0.
    int32_t is_new_user;
    struct kgen_timestamp session_start_time;
    // The access token's expiry, Unix seconds on the server's clock; 0 if unknown.
    int64_t expires_at;
    const char *name;
    const char *username;
    const char *email;
    const char *device_id;
    const char *phonenumber;
    const char *date_joined;
    const char *playertag;
    const char *location;
    const char *location_name;
    const char *device_model;
    const char *screen_height;
    const char *screen_width;
    const char *os_name;
    const char *os_version;
    const char *browser_name;
    const char *fb_login;
    const char *google_login;
    const char *app_version;
    // The echoed level; read it only when `has_level` is 1 (0 is a real level).
    int64_t level;
    // The echoed rank; read it only when `has_rank` is 1 (0 is a real rank).
    int64_t rank;
    // 1 when the server echoed `level`, else 0.
    int32_t has_level;
    // 1 when the server echoed `rank`, else 0.
    int32_t has_rank;
} kgen_session_info;

// The server's confirmation of an action (join, leave, score, withdraw, OTP
// verify, claim), e.g. "user successfully joined the tournament".
typedef struct kgen_message {
    const char *message;
} kgen_message;

// One tournament.
typedef struct kgen_tournament {
    const char *tournament_uid;
    const char *game_uid;
    kgen_tournament_status status;
    // The state as sent, e.g. "STARTED".
    const char *status_text;
    const char *title;
    const char *description;
    // The entry fee; pass it as `joining_stake` to `kgen_tournaments_join`.
    int64_t buy_in_price;
    // Seats in total.
    int64_t tournament_size;
    int64_t participants_count;
    struct kgen_timestamp schedules_at;
    struct kgen_timestamp moves_to_lobby_at;
    struct kgen_timestamp starts_at;
    struct kgen_timestamp locks_at;
    struct kgen_timestamp ends_at;
    struct kgen_timestamp created_at;
    struct kgen_timestamp updated_at;
} kgen_tournament;

// A list of tournaments. Step through `items` by `item_size` (see the
// reading guide: `KGEN_ARRAY_AT`).
typedef struct kgen_tournament_list {
    const struct kgen_tournament *items;
    size_t count;
    // The size of one element of `items` in bytes.
    size_t item_size;
} kgen_tournament_list;

// A list of strings (an array of pointers: its stride never changes).
typedef struct kgen_string_list {
    const char *const *items;
    size_t count;
} kgen_string_list;

// One leaderboard row.
typedef struct kgen_leaderboard_entry {
    const char *user_id;
    int64_t score;
    // 1 for the best score; as the server sends it, else the 1-based position
    // in the list (the published docs show no rank; the sandbox gives tied
    // scores distinct ranks, the earlier score first - *sandbox-defined*).
    int64_t rank;
} kgen_leaderboard_entry;

// One winner of a completed tournament.
typedef struct kgen_winner {
    const char *user_id;
    double reward;
} kgen_winner;

// A tournament's leaderboard (best score first) and, once completed, its
// winners. Step through each array by its element size (`KGEN_ARRAY_AT`).
typedef struct kgen_leaderboard {
    const struct kgen_leaderboard_entry *entries;
    size_t entry_count;
    // The size of one element of `entries` in bytes.
    size_t entry_size;
    const struct kgen_winner *winners;
    size_t winner_count;
    // The size of one element of `winners` in bytes.
    size_t winner_size;
    // The prize pool (spelled `price_pool` on the wire).
    double price_pool;
} kgen_leaderboard;

// A player's wallet balances.
typedef struct kgen_balance {
    const char *wallet_address;
    double earned_balance;
    double bought_balance;
    double bonus_balance;
    double lazy_balance;
    double on_chain_balance;
    double lazy_balance_delta;
    // The smallest earned balance that can be withdrawn.
    double min_wallet_bal_to_withdraw;
    int32_t wallet_transaction_error;
    int32_t is_lazy_balance_updated;
    struct kgen_timestamp created_at;
    struct kgen_timestamp modified_at;
} kgen_balance;

// One wallet transaction.
typedef struct kgen_transaction {
    const char *uid;
    const char *from_wallet;
    const char *to_wallet;
    double amount;
    // "COMPLETED", "PENDING", ...
    const char *sync_status;
    struct kgen_timestamp created_at;
    // From the description: the amount as the platform books it.
    double description_amount;
    // From the description: e.g. "Tournament fee deduct".
    const char *description_text;
    // From the description: the transaction's name.
    const char *description_name;
    // From the description: "CREDIT" or "DEBIT".
    const char *description_direction;
    // From the description: e.g. "JOIN".
    const char *description_kind;
} kgen_transaction;

// One page of wallet transactions. Step through each array by
// `transaction_size` (`KGEN_ARRAY_AT`).
typedef struct kgen_transaction_page {
    const struct kgen_transaction *transactions;
    size_t transaction_count;
    // The size of one `kgen_transaction` in bytes, in all three arrays.
    size_t transaction_size;
    const struct kgen_transaction *from_transactions;
    size_t from_transaction_count;
    const struct kgen_transaction *to_transactions;
    size_t to_transaction_count;
    // Pass to `kgen_wallet_transactions` for the next page; "" on the last page.
    const char *last_evaluated_key;
    // 1 on the last page.
    int32_t is_last_page;
} kgen_transaction_page;

// The answer to an OTP registration.
typedef struct kgen_otp_registration {
    // Pass it to `kgen_otp_verify` with the code the player received.
    const char *auth_code;
    int32_t is_new_user;
} kgen_otp_registration;

// One reward of a completed tournament.
typedef struct kgen_reward {
    const char *user_id;
    const char *tournament_id;
    // "UNCLAIMED" or "CLAIMED_SUCCESSFULLY".
    const char *claim_status;
    double reward;
    const char *wallet_address;
    struct kgen_timestamp created_at;
    struct kgen_timestamp updated_at;
} kgen_reward;

// A player's claimable rewards. Step through `items` by `item_size`
// (`KGEN_ARRAY_AT`).
typedef struct kgen_claimable_rewards {
    double total_claimable_rewards;
    const struct kgen_reward *items;
    size_t count;
    // The size of one element of `items` in bytes.
    size_t item_size;
} kgen_claimable_rewards;

// One past tournament of the player.
typedef struct kgen_historic_stat {
    // "Tournament" (`type` on the wire).
    const char *kind;
    int64_t type_value;
    // "Won" or "You Lost".
    const char *result;
    const char *occurred_at_text;
    const char *mode;
    double buy_in_stake;
    double amount_won;
} kgen_historic_stat;

// The player's tournament history. Step through `items` by `item_size`
// (`KGEN_ARRAY_AT`).
typedef struct kgen_stat_list {
    const struct kgen_historic_stat *items;
    size_t count;
    // The size of one element of `items` in bytes.
    size_t item_size;
} kgen_stat_list;

// The answer to an account login.
typedef struct kgen_login_result {
    // 1 when a second step is needed: call `kgen_account_login_otp`.
    int32_t requires_otp;
    // When the two-factor window closes, Unix seconds; 0 when no 2FA applies.
    // Not the session's lifetime.
    int64_t expires_at;
    // Unix seconds until which the OTP step is possible; 0 without 2FA.
    int64_t otp_session_expires_at;
} kgen_login_result;

// The logged-in account (`/v3/session/user`).
typedef struct kgen_account_user {
    int64_t user_id;
    const char *user_name;
    const char *email;
    const char *first_name;
    const char *last_name;
    const char *gender;
    const char *phone;
    // 0 guest, 10 regular user, 20 game-hosting management.
    int64_t access_level;
    int32_t validate_email;
    int32_t is_trial_account;
    int64_t trial_account_expiration_date;
    const char *request_ip;
    const char *request_ip_country;
    const char *request_ip_country_code;
    // The `details` object as JSON text.
    const char *details_json;
    // The `billingDetails` object as JSON text.
    const char *billing_details_json;
    // `trialAccountExpirationDate` as sent (a string of unspecified format in
    // i3D's description): its text, and its time when it reads as one;
    // `trial_account_expiration_date` above is that time in seconds, or 0.
    struct kgen_timestamp trial_account_expiration;
} kgen_account_user;

// `data.outbox` of a `KGEN_EVENT_OUTBOX` event: borrowed until the callback
// returns (or until `kgen_event_free`).
typedef struct kgen_outbox_entry {
    // The id `kgen_outbox_enqueue` returned; unique in the outbox across restarts.
    uint64_t entry_id;
    kgen_outbox_outcome outcome;
    // The call: `KGEN_OP_TOURNAMENTS_SUBMIT_SCORE`, `_JOIN`, `_LEAVE`,
    // `KGEN_OP_WALLET_WITHDRAW` or `KGEN_OP_REWARDS_CLAIM` (`KGEN_OP_NONE`
    // for `KGEN_OUTBOX_WAITING_FOR_SESSION` and `KGEN_OUTBOX_DAMAGED`).
    kgen_operation operation;
    const char *user_id;
    // "" for calls without a tournament.
    const char *tournament_uid;
    // The score or the joining stake; 0 for the other calls.
    int64_t value;
    // When the call was made: Unix milliseconds on this device's clock.
    int64_t created_at_ms;
    // The platform's confirmation when delivered, else "".
    const char *message;
} kgen_outbox_entry;

// The typed result of a successful completion; `kgen_event.operation` says
// which member is set. All members are NULL for failed completions, for
// operations without data and for notifications.
typedef union kgen_data {
    const void *none;
    const struct kgen_session_info *session;
    const struct kgen_message *message;
    const struct kgen_tournament *tournament;
    const struct kgen_tournament_list *tournaments;
    const struct kgen_string_list *strings;
    const struct kgen_leaderboard *leaderboard;
    const struct kgen_balance *balance;
    const struct kgen_transaction_page *transactions;
    const struct kgen_otp_registration *otp_registration;
    const struct kgen_claimable_rewards *rewards;
    const struct kgen_stat_list *stats;
    const struct kgen_login_result *login;
    const struct kgen_account_user *user;
    // `KGEN_EVENT_OUTBOX` events.
    const struct kgen_outbox_entry *outbox;
} kgen_data;

// One event: a request's completion or a notification.
typedef struct kgen_event {
    // Completion or notification.
    kgen_event_kind kind;
    // The operation that completed (`KGEN_OP_NONE` for notifications).
    kgen_operation operation;
    // The id returned when the request started (0 for notifications).
    kgen_request_id request;
    // The `user_data` given with the request (or with the notification callback).
    void *user_data;
    // The session the request used, the session `kgen_session_create` created
    // (owned by the client; destroy with `kgen_session_destroy` or with the
    // client), or the session that expired. NULL when none.
    struct kgen_session *session;
    // Status, HTTP status, error code, message, request id, raw body.
    struct kgen_result result;
    // The typed data of a successful completion (see `kgen_operation`); all NULL otherwise.
    union kgen_data data;
} kgen_event;

// The one callback type for every operation and for the session-expired
// notification. `event` and everything it points to are borrowed until the
// callback returns; copy what you keep. `user_data` is the pointer given with
// the request (or in the client options, for notifications).
typedef void (*kgen_callback)(const struct kgen_event *event, void *user_data);

// How completions are delivered; see the reading guide at the top.
typedef int32_t kgen_dispatch;

// Called from any thread when events are queued (coalesced: one call for the
// events queued until a poll begins; see `kgen_client_options.wake`), so a
// server with its own event loop knows to call `kgen_client_poll` or
// `kgen_client_next_event`. Must not call back into kgen's poll/destroy; it
// should only signal.
typedef void (*kgen_wake_fn)(void *user_data);

// Options of `kgen_client_new`. Set `struct_size = sizeof(kgen_client_options)`;
// zero (or NULL) in any other field means its default. Strings are copied
// during the call. Fields are only ever appended: a program built with an
// older kgen.h passes its smaller size, and the fields it does not know keep
// their defaults.
typedef struct kgen_client_options {
    uint32_t struct_size;
    // KGeN ESports Protocol API base URL; default the production host.
    const char *base_url;
    // Account-session (`/v3`) API base URL; default `https://api.i3d.net`,
    // whatever `base_url` is, so the `/v3` API key and account passwords never
    // go to a KGeN host by default. Set it for a local sandbox (which serves
    // both API families).
    const char *account_base_url;
    // Server-to-server credentials (game servers only; never ship a secret in
    // a game client). Needed by `kgen_session_create`.
    const char *client_id;
    const char *client_secret;
    // API key sent as `PRIVATE-TOKEN` to the `/v3` account API, which requires
    // it on every call: without it each `kgen_account_*` call returns
    // `KGEN_ERR_INVALID_ARGUMENT` (nothing is sent).
    const char *private_token;
    // Appended to the User-Agent, e.g. "MyGame/1.2".
    const char *user_agent_suffix;
    // Proxy URL (`http://` or `https://`); default a direct connection
    // (proxy environment variables are ignored).
    const char *proxy;
    // Connect timeout; default 10,000 ms.
    uint32_t connect_timeout_ms;
    // Deadline of one call including retries and backoff; default 30,000 ms.
    uint32_t request_timeout_ms;
    // Largest accepted response body; default 8 MiB.
    uint32_t max_response_bytes;
    // Attempts per call including the first (1 = no retries); default 4.
    uint32_t retry_max_attempts;
    // Backoff base; default 200 ms (full jitter, exponential).
    uint32_t retry_base_delay_ms;
    // Backoff cap; default 5,000 ms.
    uint32_t retry_max_delay_ms;
    // Renew (server flow) or report expiry (client flow) this long before the
    // token expires; default 300 s.
    uint32_t renew_before_secs;
    // 1 allows plain `http://` to hosts other than loopback (never in production).
    int32_t allow_insecure_http;
    // `KGEN_DISPATCH_MANUAL` (default), `KGEN_DISPATCH_IMMEDIATE` or
    // `KGEN_DISPATCH_DRIVEN`.
    kgen_dispatch dispatch;
    // Worker threads of the client's runtime; default 1, at most 64. With
    // `KGEN_DISPATCH_IMMEDIATE` and more than one worker, callbacks of one
    // client can run on several threads at once: guard shared state. Not
    // used by `KGEN_DISPATCH_DRIVEN`, which has none.
    uint32_t worker_threads;
    // Called from any thread when events are queued, so that a loop calls
    // `kgen_client_poll` (or `kgen_client_next_event` until it has none).
    // Optional. Calls are coalesced: after one, the hook is not called again
    // until a poll or pull begins taking events, and a poll with `max` 0
    // delivers every event queued before it began; a poll that leaves events
    // queued (its `max`) calls the hook again. A worker thread calls it when
    // it runs out of work (or after 32 events), so a burst of completions
    // wakes the loop once. In manual mode every completion and notification
    // is queued (in driven mode too, and the hook is called from inside a
    // poll or wait); in immediate mode only events without a callback (pull
    // form, and session-expired notices when `session_expired` is NULL) are
    // queued, so only those wake.
    kgen_wake_fn wake;
    void *wake_user_data;
    // Receives `KGEN_EVENT_SESSION_EXPIRED` events, delivered like
    // completions. Optional: when NULL they are queued for
    // `kgen_client_next_event` (and discarded by `kgen_client_poll`).
    kgen_callback session_expired;
    void *session_expired_user_data;
    // Longest wait for one attempt's complete answer; default 15,000 ms (never
    // beyond the call's deadline). A stalled attempt of a read or of
    // `kgen_session_create` is retried within `request_timeout_ms`; one of a
    // call that changes state is not (it may have been applied) and the call
    // completes with `KGEN_ERR_TIMEOUT`. Keep `connect_timeout_ms` below it, so
    // that a connection that cannot be made is retried for every call.
    uint32_t attempt_timeout_ms;
    // `KGEN_VERSION_NUMBER` of the kgen.h the program was built with (set by
    // `KGEN_CLIENT_OPTIONS_INIT`). `kgen_client_new` refuses with
    // `KGEN_ERR_INCOMPATIBLE_VERSION` when it names another version line
    // (major version; 0.MINOR before 1.0) than this library's. 0 states no
    // version and skips the check. Keeps this offset in every later version.
    uint32_t header_version;
    // A directory for the client's outbox (see `kgen_outbox_enqueue`); NULL
    // or "": no outbox. Created if missing; one client of one process owns it
    // at a time (`KGEN_ERR_OUTBOX_LOCKED` for a second). With an outbox,
    // `kgen_tournaments_submit_score` always goes through it.
    const char *outbox_path;
    // Entries kept at most; default 10,000. Beyond it enqueuing fails with
    // `KGEN_ERR_OUTBOX_FULL` (nothing is dropped to make room).
    uint32_t outbox_max_entries;
    // An entry undelivered this long after it was made ends as expired;
    // default 86,400 (24 hours).
    uint32_t outbox_max_age_secs;
    // Receives `KGEN_EVENT_OUTBOX` events, delivered like completions.
    // Optional: when NULL they are queued for `kgen_client_next_event` (and
    // discarded by `kgen_client_poll`).
    kgen_callback outbox_event;
    void *outbox_event_user_data;
} kgen_client_options;

// Severity of a log line.
typedef int32_t kgen_log_level;

// Receives one log line: `message` is NUL-terminated UTF-8, borrowed for the
// call, without secrets. Called from any thread, possibly concurrently.
typedef void (*kgen_log_fn)(kgen_log_level level, const char *message, void *user_data);

// A call for `kgen_outbox_enqueue`. Set `struct_size` to `sizeof(kgen_outbox_call)`.
typedef struct kgen_outbox_call {
    uint32_t struct_size;
    // `KGEN_OP_TOURNAMENTS_SUBMIT_SCORE`, `KGEN_OP_TOURNAMENTS_JOIN`,
    // `KGEN_OP_TOURNAMENTS_LEAVE`, `KGEN_OP_WALLET_WITHDRAW` or `KGEN_OP_REWARDS_CLAIM`.
    kgen_operation operation;
    // For the tournament calls; NULL otherwise.
    const char *tournament_uid;
    // The score (submit) or the joining stake (join); 0 otherwise.
    int64_t value;
} kgen_outbox_call;

// The optional player profile sent by `kgen_session_create`. Set
// `struct_size = sizeof(kgen_session_profile)`; NULL strings are not sent,
// nor a `level`/`rank` of 0 unless `send_level`/`send_rank` is 1. Copied
// during the call.
typedef struct kgen_session_profile {
    uint32_t struct_size;
    const char *name;
    const char *username;
    const char *email;
    const char *device_id;
    const char *phonenumber;
    int64_t level;
    int64_t rank;
    const char *date_joined;
    const char *playertag;
    const char *location;
    const char *location_name;
    const char *device_model;
    const char *screen_height;
    const char *screen_width;
    const char *os_name;
    const char *os_version;
    const char *browser_name;
    const char *fb_login;
    const char *google_login;
    const char *app_version;
    // 1: send `level` even when it is 0. 0 (and structs from before this
    // field): a `level` of 0 means "not sent".
    int32_t send_level;
    // 1: send `rank` even when it is 0. 0 (and older structs): a `rank` of 0
    // means "not sent".
    int32_t send_rank;
} kgen_session_profile;

// Selects a string field for `kgen_session_get_string`.
typedef int32_t kgen_session_field;

// Completions run inside `kgen_client_poll` on the caller's thread (default).
#define KGEN_DISPATCH_MANUAL 0

// Completions run on the SDK's worker threads as soon as requests end.
#define KGEN_DISPATCH_IMMEDIATE 1

// Like manual, and the client has no worker thread: requests advance only
// inside `kgen_client_poll`, `kgen_client_wait` and `kgen_client_next_event`.
#define KGEN_DISPATCH_DRIVEN 2

// Nothing is logged.
#define KGEN_LOG_OFF 0

// Failures the caller also sees as errors.
#define KGEN_LOG_ERROR 1

// Trouble the SDK recovered from.
#define KGEN_LOG_WARN 2

// Retries, session renewals.
#define KGEN_LOG_INFO 3

// One line per HTTP attempt (method, path, status, time, attempt, request id).
#define KGEN_LOG_DEBUG 4

// Everything else.
#define KGEN_LOG_TRACE 5

// The player's id in your game.
#define KGEN_SESSION_USER_ID 1

#define KGEN_SESSION_SESSION_ID 2

// The current access token (changes when a server-flow session renews): what
// a game server hands to its game client for `kgen_session_restore`. Secret.
#define KGEN_SESSION_ACCESS_TOKEN 3

// The refresh token ("" if none). Secret.
#define KGEN_SESSION_REFRESH_TOKEN 4

#define KGEN_SESSION_WALLET_ADDRESS 5

// `<client id>#<user id>`.
#define KGEN_SESSION_NAMESPACED_USER_ID 6

// The game's id on the platform (the tournaments' `game_uid`).
#define KGEN_SESSION_THIRD_PARTY_CLIENT_ID 7

#define KGEN_SESSION_THIRD_PARTY_CLIENT_NAME 8

#define KGEN_SESSION_INDIGG_ID 9

#define KGEN_SESSION_INDIGG_WALLET_ADDRESS 10

// The phone linked by OTP ("" if none), `+<country code><number>`; set by a
// successful `kgen_otp_verify` with this session as well.
#define KGEN_SESSION_LINKED_PHONE 11

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

// Logs in with user name and password (a secret, never logged);
// `remember_me` 0 or 1. The logged-in state is a cookie the client keeps:
// one account per `kgen_client` (log in again, or use another client, for
// another account; every `kgen_account_*` call of the client acts for it). Completion `KGEN_OP_ACCOUNT_LOGIN`, `data.login`;
// when `requires_otp` is 1, finish with `kgen_account_login_otp`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_account_login(struct kgen_client *client,
                               const char *user_name,
                               const char *password,
                               int32_t remember_me,
                               kgen_callback callback,
                               void *user_data,
                               kgen_request_id *out_request);

// Completes a two-factor login with the one-time password (a secret, never
// logged). Completion `KGEN_OP_ACCOUNT_LOGIN_OTP`, no data.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_account_login_otp(struct kgen_client *client,
                                   const char *otp,
                                   kgen_callback callback,
                                   void *user_data,
                                   kgen_request_id *out_request);

// Reads the logged-in account (or the `private_token` owner's). Completion
// `KGEN_OP_ACCOUNT_CURRENT_USER`, `data.user`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_account_current_user(struct kgen_client *client,
                                      kgen_callback callback,
                                      void *user_data,
                                      kgen_request_id *out_request);

// Logs out. Completion `KGEN_OP_ACCOUNT_LOGOUT`, no data.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_account_logout(struct kgen_client *client,
                                kgen_callback callback,
                                void *user_data,
                                kgen_request_id *out_request);

// Creates a client. `options` is borrowed for the call (strings are copied);
// on success `*out_client` receives a handle that the caller owns and frees
// with `kgen_client_destroy`. No network traffic happens here. Fails with
// `KGEN_ERR_INVALID_ARGUMENT` for unusable options (see
// `kgen_last_error_message`), `KGEN_ERR_INCOMPATIBLE_VERSION` for an unknown
// `struct_size` or a `header_version` of another version line.
kgen_status kgen_client_new(const struct kgen_client_options *options,
                            struct kgen_client **out_client);

// Destroys a client: refuses new requests, cancels those in flight, delivers
// every outstanding completion (manual and driven dispatch: on the calling
// thread, before this returns; immediate: on the workers), stops the client's
// threads and destroys its sessions. After it returns no callback of this client runs
// (also none started by a `kgen_client_poll` on another thread), user data
// may be freed, and the handle, its sessions and any event taken with
// `kgen_client_next_event` are invalid. Returns
// `KGEN_ERR_REENTRANT` inside any kgen callback, `KGEN_ERR_INVALID_HANDLE` for
// a destroyed handle.
kgen_status kgen_client_destroy(struct kgen_client *client);

// Delivers queued events on the calling thread: calls the callback of up to
// `max_events` of them (0: all that are queued when the call starts); events
// whose callback is NULL are discarded (take them with
// `kgen_client_next_event` instead). `*out_delivered` (may be NULL) receives
// how many events left the queue. Returns `KGEN_ERR_REENTRANT` inside a
// callback. Callbacks may start new requests; their completions wait for the
// next poll. Driven dispatch: the call also does the client's network work
// that is ready, without blocking — sends what was started, reads what
// arrived — before the callbacks, and sends what they started after them.
kgen_status kgen_client_poll(struct kgen_client *client,
                             uint32_t max_events,
                             uint32_t *out_delivered);

// The pull form: takes the next queued event without calling its callback.
// Returns `KGEN_OK` with `*out_event` set, or `KGEN_NO_EVENT` with NULL. The
// event stays valid until the next `kgen_client_next_event` on this client or
// its destruction; the SDK frees it. Pull from one thread at a time per
// client. Returns `KGEN_ERR_REENTRANT` inside a callback. Driven dispatch:
// when nothing is queued the call first does the network work that is ready,
// without blocking.
kgen_status kgen_client_next_event(struct kgen_client *client, const struct kgen_event **out_event);

// Blocks the calling thread until an event is queued or `timeout_ms` passed
// (0: only checks): `KGEN_OK` when one is queued (deliver it with
// `kgen_client_poll` or take it with `kgen_client_next_event`), `KGEN_NO_EVENT`
// when none is. For a server's loop without a wake hook:
//     while (running) { kgen_client_wait(c, 100); kgen_client_poll(c, 0, NULL); }
// A worker thread wakes the waiting thread as it wakes the hook: once it runs
// out of work (or queued 32 events), so a burst of completions ends one wait.
// Driven dispatch: the waiting thread does the client's network work
// meanwhile, so this is how such a client makes progress between polls. A
// client being destroyed on another thread ends the wait. In immediate
// dispatch only events without a callback are queued. Returns
// `KGEN_ERR_REENTRANT` inside a callback.
kgen_status kgen_client_wait(struct kgen_client *client, uint32_t timeout_ms);

// Cancels a request in flight. Returns `KGEN_OK` when the request will
// complete with `KGEN_ERR_CANCELLED` (through the normal delivery), or
// `KGEN_ERR_UNKNOWN_REQUEST` when it already completed (its completion, maybe
// still queued, is unchanged) or never existed. Safe inside callbacks.
kgen_status kgen_request_cancel(struct kgen_client *client, kgen_request_id request);

// Reads a tournament's leaderboard (best score first) and, once it is
// completed, its winners. Completion `KGEN_OP_LEADERBOARD_GET`, `data.leaderboard`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_leaderboard_get(struct kgen_client *client,
                                 struct kgen_session *session,
                                 const char *tournament_uid,
                                 kgen_callback callback,
                                 void *user_data,
                                 kgen_request_id *out_request);

// Sends the SDK's log lines up to `max_level` (`KGEN_LOG_ERROR`..`KGEN_LOG_TRACE`)
// to `sink`, or stops logging when `sink` is NULL or `max_level` is
// `KGEN_LOG_OFF`. Process-wide, may be called any number of times. When it
// returns, the previous callback has returned from every call and will not be
// called again, so its `user_data` may be freed. Returns `KGEN_ERR_REENTRANT`
// inside any kgen callback.
kgen_status kgen_set_log_callback(kgen_log_level max_level, kgen_log_fn sink, void *user_data);

// Sends a one-time password to `phone_number` (`country_code` like "+91").
// Completion `KGEN_OP_OTP_REGISTER`, `data.otp_registration` with the
// `auth_code` to pass to `kgen_otp_verify`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_otp_register(struct kgen_client *client,
                              struct kgen_session *session,
                              const char *phone_number,
                              const char *country_code,
                              kgen_callback callback,
                              void *user_data,
                              kgen_request_id *out_request);

// Links the phone with the code the player received (`otp`, a secret, never
// logged) and the `auth_code` of the registration. Completion
// `KGEN_OP_OTP_VERIFY`, `data.message`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_otp_verify(struct kgen_client *client,
                            struct kgen_session *session,
                            const char *phone_number,
                            const char *country_code,
                            const char *auth_code,
                            const char *otp,
                            kgen_callback callback,
                            void *user_data,
                            kgen_request_id *out_request);

// Queues a call in the client's outbox for `session`'s player and returns once
// it is on stable storage (the disk's sync: milliseconds): from then on the
// outbox delivers it, in order per player, across restarts, and reports its end
// once as a `KGEN_EVENT_OUTBOX` event. `*out_entry_id` (may be NULL) gets the
// entry's id. Everything is copied during the call.
//
// Fails with `KGEN_ERR_INVALID_ARGUMENT` without an outbox or for arguments
// the call itself would refuse, `KGEN_ERR_OUTBOX_FULL` at
// `outbox_max_entries`, `KGEN_ERR_OUTBOX_STORAGE` when the journal cannot be
// written: nothing is queued then.
kgen_status kgen_outbox_enqueue(struct kgen_client *client,
                                struct kgen_session *session,
                                const struct kgen_outbox_call *call,
                                uint64_t *out_entry_id);

// How many entries are pending (`*out_pending`) and how long the oldest has
// waited (`*out_oldest_age_ms`, 0 when none); either pointer may be NULL.
// `KGEN_ERR_INVALID_ARGUMENT` without an outbox.
kgen_status kgen_outbox_status(struct kgen_client *client,
                               uint32_t *out_pending,
                               int64_t *out_oldest_age_ms);

// Blocks the calling thread until the outbox is empty or `timeout_ms` passed;
// `*out_empty` gets 1 when it is empty. Entries waiting for a session wait on.
// In manual dispatch the events of the entries that ended meanwhile are
// delivered by the next `kgen_client_poll`; in driven dispatch the calling
// thread does the client's network work while it waits. Refused with
// `KGEN_ERR_REENTRANT` inside a kgen callback (it would wait on itself).
kgen_status kgen_outbox_flush(struct kgen_client *client, uint32_t timeout_ms, int32_t *out_empty);

// Drops every pending entry of `user_id` (e.g. the account was deleted)
// without sending or reporting them; `*out_discarded` (may be NULL) gets how
// many. An entry being delivered at that moment may still arrive.
kgen_status kgen_outbox_discard_player(struct kgen_client *client,
                                       const char *user_id,
                                       uint32_t *out_discarded);

// Lists the player's rewards from completed tournaments. Completion
// `KGEN_OP_REWARDS_CLAIMABLE`, `data.rewards`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_rewards_claimable(struct kgen_client *client,
                                   struct kgen_session *session,
                                   kgen_callback callback,
                                   void *user_data,
                                   kgen_request_id *out_request);

// Claims every unclaimed reward into the earned balance. Completion
// `KGEN_OP_REWARDS_CLAIM`, `data.message`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_rewards_claim(struct kgen_client *client,
                               struct kgen_session *session,
                               kgen_callback callback,
                               void *user_data,
                               kgen_request_id *out_request);

// Server flow: creates or retrieves the session of player `user_id` with the
// client's credentials (`POST /s2s/session`). `user_id` and `profile` (may be
// NULL) are copied. The completion (`KGEN_OP_SESSION_CREATE`) carries, on
// success, `event->session`: a new session handle owned by the client
// (destroy it with `kgen_session_destroy`, or it goes with the client), and
// `data.session` with the session's fields. The session renews itself before
// its token expires. Completion delivery and `*out_request` (may be NULL) as
// for every operation.
kgen_status kgen_session_create(struct kgen_client *client,
                                const char *user_id,
                                const struct kgen_session_profile *profile_options,
                                kgen_callback callback,
                                void *user_data,
                                kgen_request_id *out_request);

// Client flow: restores a player's session from the tokens the game's server
// handed out (no network traffic; a shipped game needs no client secret).
// Strings are copied; `refresh_token` may be NULL. On success `*out_session`
// receives a handle owned by the client. When the token nears expiry or is
// refused, the client raises `KGEN_EVENT_SESSION_EXPIRED` for this handle
// (once per token); then pass a new token to `kgen_session_update_tokens`.
// Requests go out until the server refuses the token (their completion is
// then `KGEN_ERR_SESSION_EXPIRED`), after which requests with it complete so
// without reaching the server. Fails with `KGEN_ERR_INVALID_ARGUMENT` for a
// token that is not a KGeN JWT.
kgen_status kgen_session_restore(struct kgen_client *client,
                                 const char *access_token,
                                 const char *refresh_token,
                                 struct kgen_session **out_session);

// Client flow: gives a session the new tokens the game's server handed out
// (after `KGEN_EVENT_SESSION_EXPIRED`); the token must belong to the same
// player. Strings are copied; `refresh_token` may be NULL.
kgen_status kgen_session_update_tokens(struct kgen_session *session,
                                       const char *access_token,
                                       const char *refresh_token);

// Destroys a session handle. Requests already started with it still complete
// normally. Safe inside callbacks. A second destroy returns
// `KGEN_ERR_INVALID_HANDLE`.
kgen_status kgen_session_destroy(struct kgen_session *session);

// Copies a string field of a session (`KGEN_SESSION_*`) into `buffer`, by
// the reading guide's rule for strings copied out: `length` is in/out (the
// capacity of `buffer` on entry, the size needed including the NUL on
// return); `buffer` NULL with `*length` 0 asks for the size and returns
// `KGEN_ERR_BUFFER_TOO_SMALL` without touching `kgen_last_error_message`;
// `buffer` NULL with `*length` > 0 is `KGEN_ERR_NULL_ARGUMENT`. Unknown fields
// give `KGEN_ERR_INVALID_ARGUMENT`. Token fields are secrets: never log them.
//
// The tokens are the ones in use now. The other fields are those of the last
// session response (`POST /s2s/session`, including renewals) or, in the
// client flow, of the last token's claims; `KGEN_SESSION_LINKED_PHONE` also
// changes when `kgen_otp_verify` succeeds with this session.
kgen_status kgen_session_get_string(struct kgen_session *session,
                                    kgen_session_field field,
                                    char *buffer,
                                    size_t *length);

// Writes the access token's expiry (Unix seconds on the server's clock; 0 if
// the token carries none) to `*out_expires_at`.
kgen_status kgen_session_get_expires_at(struct kgen_session *session, int64_t *out_expires_at);

// Writes how the session was obtained to `*out_flow`.
kgen_status kgen_session_get_flow(struct kgen_session *session, kgen_session_flow *out_flow);

// Reads the player's tournament history. Completion `KGEN_OP_STATS_HISTORIC`, `data.stats`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_stats_historic(struct kgen_client *client,
                                struct kgen_session *session,
                                kgen_callback callback,
                                void *user_data,
                                kgen_request_id *out_request);

// A short, static English description of a status code, e.g. "buffer too small".
//
// Takes the status as a plain integer so any value is safe to pass.
// Returns a NUL-terminated string with static lifetime: never free it.
// Unknown values give "unknown status".
const char *kgen_status_str(int32_t status);

// Copies the message of the most recent failed `kgen_*` call made on the
// calling thread (for example why `kgen_client_new` rejected a base URL).
//
// Follows the reading guide's rule for strings copied out: `buffer` receives
// a NUL-terminated UTF-8 string owned by the caller; `length` is in/out (the
// capacity of `buffer` on entry, the size needed including the NUL on
// return); `buffer` NULL with `*length` 0 asks for the size and returns
// `KGEN_ERR_BUFFER_TOO_SMALL`; `buffer` NULL with `*length` > 0 is
// `KGEN_ERR_NULL_ARGUMENT`. Reading never changes the message. It is empty
// when no call failed yet on this thread. Secrets never appear in it.
kgen_status kgen_last_error_message(char *buffer, size_t *length);

// Joins a tournament, paying `joining_stake` (must equal its `buy_in_price`)
// from the player's wallet (the sandbox takes the bonus balance first, then
// bought, then earned: *sandbox-defined*). Completion `KGEN_OP_TOURNAMENTS_JOIN`, `data.message`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_tournaments_join(struct kgen_client *client,
                                  struct kgen_session *session,
                                  const char *tournament_uid,
                                  int64_t joining_stake,
                                  kgen_callback callback,
                                  void *user_data,
                                  kgen_request_id *out_request);

// Leaves a tournament (the sandbox refunds the fee: *sandbox-defined*). Completion
// `KGEN_OP_TOURNAMENTS_LEAVE`, `data.message`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_tournaments_leave(struct kgen_client *client,
                                   struct kgen_session *session,
                                   const char *tournament_uid,
                                   kgen_callback callback,
                                   void *user_data,
                                   kgen_request_id *out_request);

// Submits the player's score (an integer >= 0; the best score counts: both
// *sandbox-defined*).
// Completion `KGEN_OP_TOURNAMENTS_SUBMIT_SCORE`, `data.message`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_tournaments_submit_score(struct kgen_client *client,
                                          struct kgen_session *session,
                                          const char *tournament_uid,
                                          int64_t score,
                                          kgen_callback callback,
                                          void *user_data,
                                          kgen_request_id *out_request);

// Lists the tournaments that are not completed (`GET
// /fe/esports/tournaments/active`): scheduled, lobby, started and locked ones
// alike - check each one's `status` before joining. In the sandbox a `LOBBY`
// or `STARTED` one accepts joins, only a `STARTED` one scores; other states
// answer `TOURNAMENT_IS_NOT_LIVE`. The platform documents the route, not
// which states it lists nor when joining opens: both are *sandbox-defined*
// (it lists every state but `COMPLETED`). Completion
// `KGEN_OP_TOURNAMENTS_ACTIVE`, `data.tournaments`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_tournaments_active(struct kgen_client *client,
                                    struct kgen_session *session,
                                    kgen_callback callback,
                                    void *user_data,
                                    kgen_request_id *out_request);

// Lists the uids of the tournaments the player joined. Completion
// `KGEN_OP_TOURNAMENTS_PARTICIPATED`, `data.strings`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_tournaments_participated(struct kgen_client *client,
                                          struct kgen_session *session,
                                          kgen_callback callback,
                                          void *user_data,
                                          kgen_request_id *out_request);

// Reads one tournament. Completion `KGEN_OP_TOURNAMENTS_GET`, `data.tournament`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_tournaments_get(struct kgen_client *client,
                                 struct kgen_session *session,
                                 const char *tournament_uid,
                                 kgen_callback callback,
                                 void *user_data,
                                 kgen_request_id *out_request);

// The library's version, "MAJOR.MINOR.PATCH". Static string: never free it.
const char *kgen_version(void);

// Reads the player's balances. Completion `KGEN_OP_WALLET_BALANCE`, `data.balance`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_wallet_balance(struct kgen_client *client,
                                struct kgen_session *session,
                                kgen_callback callback,
                                void *user_data,
                                kgen_request_id *out_request);

// Reads one page of the player's transactions: `last_evaluated_key` NULL (or
// "") for the first page, else the previous page's key; `limit` 1 to 100
// transactions per page, or 0 for the server's default page size (a larger
// `limit` is refused at the call with `KGEN_ERR_INVALID_ARGUMENT`; the platform
// documents no paging parameters, the bound is *sandbox-defined*). The
// request-side paging parameters themselves are undocumented: they are sent
// as the sandbox takes them (*sandbox-defined*). A page that answers with the
// key it was asked for, or with no transactions, reports `is_last_page` 1, so
// a loop over pages always ends.
// Completion `KGEN_OP_WALLET_TRANSACTIONS`, `data.transactions`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_wallet_transactions(struct kgen_client *client,
                                     struct kgen_session *session,
                                     const char *last_evaluated_key,
                                     uint32_t limit,
                                     kgen_callback callback,
                                     void *user_data,
                                     kgen_request_id *out_request);

// Moves the earned balance to the player's KGeN wallet (needs a phone linked
// by OTP and at least `min_wallet_bal_to_withdraw`). Completion
// `KGEN_OP_WALLET_WITHDRAW`, `data.message`.
//
// Strings are copied during the call. On `KGEN_OK` exactly one completion
// follows through `callback` (NULL: pull form) on the client's dispatch
// thread, never inside this call, its event borrowed until the callback
// returns; `*out_request` (may be NULL) gets the id for `kgen_request_cancel`.
kgen_status kgen_wallet_withdraw(struct kgen_client *client,
                                 struct kgen_session *session,
                                 kgen_callback callback,
                                 void *user_data,
                                 kgen_request_id *out_request);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* KGEN_H */

// Prepares options for kgen_client_new: every field zero (its default), and
// struct_size and header_version stamped with this header's, so that a library
// of another major version refuses the program instead of misreading it:
//     kgen_client_options options;
//     KGEN_CLIENT_OPTIONS_INIT(options);
//     options.base_url = "https://...";
#ifndef KGEN_CLIENT_OPTIONS_INIT
#define KGEN_CLIENT_OPTIONS_INIT(options)                                   \
    (memset(&(options), 0, sizeof(options)),                                \
     (options).struct_size = (uint32_t)sizeof(kgen_client_options),         \
     (options).header_version = KGEN_VERSION_NUMBER)
#endif  // KGEN_CLIENT_OPTIONS_INIT
