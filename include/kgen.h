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
 * (invalid UTF-8 gives KGEN_ERR_INVALID_ARGUMENT) and are copied during the
 * call. Options structs begin with struct_size (set it to sizeof the struct);
 * zero means "default" for every field. Booleans are int32_t (0 or 1).
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
 * - Pull form: kgen_client_next_event() hands out the next queued event instead
 *   of calling its callback. Requests started with a NULL callback are always
 *   queued, in both modes.
 *
 * Shutdown. kgen_request_cancel() ends a request with KGEN_ERR_CANCELLED.
 * kgen_client_destroy() refuses new work, cancels what is in flight, delivers
 * every outstanding completion (manual mode: on the destroying thread), stops
 * the SDK's threads and returns; afterwards no callback runs and user data may
 * be freed. Destroy, poll and next_event from inside a callback return
 * KGEN_ERR_REENTRANT. Creating clients again later is always possible.
 *
 * Threads and cost. Each client owns a small private runtime (worker_threads,
 * default 1); no busy polling, no CPU when idle. All functions may be called
 * from any thread.
 *
 * Secrets (client secret, tokens, OTPs, passwords) never appear in logs or
 * error messages. A shipped game client must not contain a client secret: it
 * restores sessions from tokens its game server hands out (client flow).
 */


#ifndef KGEN_H
#define KGEN_H

#include <stddef.h>
#include <stdint.h>

#define KGEN_VERSION_MAJOR 0
#define KGEN_VERSION_MINOR 1
#define KGEN_VERSION_PATCH 0
#define KGEN_VERSION_STRING "0.1.0"

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
    // An options struct has a `struct_size` this library does not know.
    KGEN_ERR_INCOMPATIBLE_VERSION = 107,
    // `kgen_request_cancel`: no request with this id is in flight (it already
    // completed, or never existed). Its completion is unaffected.
    KGEN_ERR_UNKNOWN_REQUEST = 108,
    // The network failed: connection refused or reset, DNS, TLS, a dropped response.
    KGEN_ERR_TRANSPORT = 200,
    // The request's deadline (`request_timeout_ms`, retries included) passed.
    KGEN_ERR_TIMEOUT = 201,
    // The request was cancelled by `kgen_request_cancel` or `kgen_client_destroy`.
    KGEN_ERR_CANCELLED = 202,
    // The server answered with an error status; see `http_status`, `api_error`
    // and `api_error_code` in the result.
    KGEN_ERR_HTTP = 300,
    // The server's answer could not be decoded (see `raw_body`).
    KGEN_ERR_DECODE = 301,
    // The player's session expired or its token was refused; a client-flow
    // session needs a new token from the game's server.
    KGEN_ERR_SESSION_EXPIRED = 302,
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

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

// A short, static English description of a status code, e.g. "buffer too small".
//
// Takes the status as a plain integer so any value is safe to pass.
// Returns a NUL-terminated string with static lifetime: never free it.
// Unknown values give "unknown status".
const char *kgen_status_str(int32_t status);

// Copies the message of the most recent failed `kgen_*` call made on the
// calling thread (for example why `kgen_client_new` rejected a base URL).
//
// `buffer` (may be NULL when `*length` is 0, to ask for the size) receives a
// NUL-terminated UTF-8 string owned by the caller. `length` is in/out: the
// capacity of `buffer` in bytes on entry, the size needed including the NUL on
// return - also when the result is `KGEN_ERR_BUFFER_TOO_SMALL`. The message is
// empty when no call failed yet on this thread. Secrets never appear in it.
kgen_status kgen_last_error_message(char *buffer, size_t *length);

// The library's version, "MAJOR.MINOR.PATCH". Static string: never free it.
const char *kgen_version(void);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* KGEN_H */
