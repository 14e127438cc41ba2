/*
 * kgen.hpp - the C++17 face of the kgen SDK, header-only, over kgen.h.
 *
 *   kgen::ClientOptions options;
 *   options.base_url = "https://...";
 *   auto client = kgen::Client::create(options);           // Result<Client>
 *   if (!client) { log(client.error().describe()); return; }
 *   auto started = client->wallet_balance(session, [](kgen::Result<kgen::Balance> r) {
 *       if (r) show(r->earned_balance);
 *       else if (r.error().is(kgen::ApiError::UnAuthorized)) relogin();
 *   });                                                     // Result<RequestId>
 *   ...
 *   client->poll();                                         // each frame (manual dispatch)
 *
 * OWNERSHIP
 * - kgen::Client and kgen::Session are move-only owners of the C handles: the
 *   destructor destroys the handle. Destroying a Client delivers every
 *   outstanding completion before it returns (manual dispatch: on the calling
 *   thread), so no callback ever outlives its Client. A Session that outlives
 *   its Client is harmless: its handle went with the client, and the SDK's
 *   generation-checked handles turn the late destroy into a no-op.
 * - Everything delivered to a callback is a plain value (std::string,
 *   std::vector, std::optional) copied out of the borrowed C event: keep it as
 *   long as you like.
 *
 * REQUESTS
 * - Each operation takes a std::function<void(Result<T>)> and returns
 *   Result<RequestId>. An error return means nothing started and the function
 *   will never be called (it is destroyed before the call returns). A value
 *   means it will be called exactly once - success, API error, timeout or
 *   cancellation, also when the Client is destroyed with the request in
 *   flight - and then destroyed, never inside the call that started it.
 * - Callbacks run inside Client::poll() on the polling thread (manual
 *   dispatch, the default) or on the SDK's worker threads (immediate dispatch).
 * - Strings go in as std::string (UTF-8); one holding a NUL byte is refused
 *   with Status::InvalidArgument rather than passed on cut short.
 *
 * EXCEPTIONS
 * - Nothing crosses the C boundary. The wrapper throws nothing itself except
 *   what the standard library may (std::bad_alloc), and BadResultAccess when
 *   value() or error() is read from the wrong kind of Result.
 * - An exception that escapes a callback (completion, session expiry, wake
 *   hook) is caught at the boundary and handed to
 *   ClientOptions::on_callback_exception; without one it goes to the failure
 *   hook (set_failure_hook; stderr by default). Either way the request counts
 *   as delivered, its std::function is destroyed, and the client carries on.
 *   An exception from a log handler goes to the failure hook; one from
 *   on_callback_exception itself is dropped.
 * - Compiled without exceptions (-fno-exceptions, as Unreal does by default)
 *   the try/catch disappears and a Result accessed the wrong way aborts.
 *
 * Threads: every Client and Session method may be called from any thread, as
 * every kgen_* function may; moving or destroying the C++ object itself (and
 * Client::shutdown, Session::reset and release, which end what it owns) must
 * not race with other uses of that same object.
 */
#ifndef KGEN_HPP
#define KGEN_HPP

#include <atomic>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "kgen.h"

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define KGEN_HPP_EXCEPTIONS 1
#define KGEN_HPP_ABI with_exceptions
#else
#define KGEN_HPP_EXCEPTIONS 0
#define KGEN_HPP_ABI without_exceptions
#endif

// Everything lives in an inline namespace named after the exception mode, so
// translation units built with and without exceptions (an Unreal module beside
// a library that throws) never share an inline function of different bodies:
// their symbols differ, and the one-definition rule holds.
namespace kgen {
inline namespace KGEN_HPP_ABI {

// Receives a line about a failure the wrapper could not report otherwise (an
// exception that escaped a callback when ClientOptions::on_callback_exception
// is not set, a Result read the wrong way without exceptions). Default: stderr.
// Per module, like every static of a header-only library.
using FailureHook = void (*)(const char *message);

namespace detail {
inline std::atomic<FailureHook> &failure_hook() noexcept {
    static std::atomic<FailureHook> hook{nullptr};
    return hook;
}

inline void report_failure(const char *message) noexcept {
    if (FailureHook hook = failure_hook().load()) {
        hook(message);
    } else {
        std::fprintf(stderr, "kgen: %s\n", message);
    }
}
}  // namespace detail

// Sends the wrapper's failure lines to `hook` (nullptr: back to stderr).
inline void set_failure_hook(FailureHook hook) noexcept { detail::failure_hook().store(hook); }


// ---- codes -----------------------------------------------------------------

// kgen_status: the outcome of a call or of a request. Unknown future values
// are kept as they are (the enum has the C type's range).
enum class Status : std::int32_t {
    Ok = KGEN_OK,
    NoEvent = KGEN_NO_EVENT,
    NullArgument = KGEN_ERR_NULL_ARGUMENT,
    InvalidArgument = KGEN_ERR_INVALID_ARGUMENT,
    InvalidHandle = KGEN_ERR_INVALID_HANDLE,
    WrongClient = KGEN_ERR_WRONG_CLIENT,
    BufferTooSmall = KGEN_ERR_BUFFER_TOO_SMALL,
    Reentrant = KGEN_ERR_REENTRANT,
    ShuttingDown = KGEN_ERR_SHUTTING_DOWN,
    IncompatibleVersion = KGEN_ERR_INCOMPATIBLE_VERSION,
    UnknownRequest = KGEN_ERR_UNKNOWN_REQUEST,
    Transport = KGEN_ERR_TRANSPORT,
    Timeout = KGEN_ERR_TIMEOUT,
    Cancelled = KGEN_ERR_CANCELLED,
    OutcomeUnknown = KGEN_ERR_OUTCOME_UNKNOWN,
    Http = KGEN_ERR_HTTP,
    Decode = KGEN_ERR_DECODE,
    SessionExpired = KGEN_ERR_SESSION_EXPIRED,
    OutboxFull = KGEN_ERR_OUTBOX_FULL,
    OutboxLocked = KGEN_ERR_OUTBOX_LOCKED,
    OutboxStorage = KGEN_ERR_OUTBOX_STORAGE,
    OutboxExpired = KGEN_ERR_OUTBOX_EXPIRED,
    Internal = KGEN_ERR_INTERNAL,
};

// A short static English description, e.g. "request timed out".
inline const char *status_text(Status status) noexcept {
    return kgen_status_str(static_cast<std::int32_t>(status));
}

// kgen_api_error: the API's error code as a named constant. The code as sent
// is always in Error::api_code too (for codes this version does not name).
// Codes marked sandbox-defined are the sandbox's answers where the platform's
// published docs name no code: production may never send them, so treat them
// as failures like any other and build no game logic that needs them.
enum class ApiError : std::int32_t {
    None = KGEN_API_ERROR_NONE,
    Other = KGEN_API_ERROR_OTHER,
    UnAuthorized = KGEN_API_ERROR_UN_AUTHORIZED,
    BadRequest = KGEN_API_ERROR_BAD_REQUEST,
    TournamentInvalidJoiningStake = KGEN_API_ERROR_TOURNAMENT_INVALID_JOINING_STAKE,
    TournamentIsNotLive = KGEN_API_ERROR_TOURNAMENT_IS_NOT_LIVE,
    TournamentNotFound = KGEN_API_ERROR_TOURNAMENT_NOT_FOUND,
    ExistingParticipationFound = KGEN_API_ERROR_EXISTING_PARTICIPATION_FOUND,
    TournamentIsFull = KGEN_API_ERROR_TOURNAMENT_IS_FULL,
    TournamentParticipationNotFound = KGEN_API_ERROR_TOURNAMENT_PARTICIPATION_NOT_FOUND,
    InvalidScore = KGEN_API_ERROR_INVALID_SCORE,  // sandbox-defined
    InsufficientFunds = KGEN_API_ERROR_INSUFFICIENT_FUNDS,  // sandbox-defined
    PhoneNotLinked = KGEN_API_ERROR_PHONE_NOT_LINKED,  // sandbox-defined
    WithdrawBelowMinimum = KGEN_API_ERROR_WITHDRAW_BELOW_MINIMUM,  // sandbox-defined
    RecordNotFound = KGEN_API_ERROR_RECORD_NOT_FOUND,
    InvalidPhoneNumber = KGEN_API_ERROR_INVALID_PHONE_NUMBER,  // sandbox-defined
    InvalidOtp = KGEN_API_ERROR_INVALID_OTP,  // sandbox-defined; also the /v3 login-OTP 401
    OtpExpired = KGEN_API_ERROR_OTP_EXPIRED,  // sandbox-defined
    OtpRateLimited = KGEN_API_ERROR_OTP_RATE_LIMITED,  // sandbox-defined
    PhoneAlreadyLinked = KGEN_API_ERROR_PHONE_ALREADY_LINKED,  // sandbox-defined
    NoClaimableRewards = KGEN_API_ERROR_NO_CLAIMABLE_REWARDS,  // sandbox-defined
    RouteNotFound = KGEN_API_ERROR_ROUTE_NOT_FOUND,  // sandbox-defined
    MethodNotAllowed = KGEN_API_ERROR_METHOD_NOT_ALLOWED,  // sandbox-defined
    PayloadTooLarge = KGEN_API_ERROR_PAYLOAD_TOO_LARGE,  // sandbox-defined
    IdempotencyKeyInUse = KGEN_API_ERROR_IDEMPOTENCY_KEY_IN_USE,  // sandbox-defined
    IdempotencyKeyReused = KGEN_API_ERROR_IDEMPOTENCY_KEY_REUSED,  // sandbox-defined
    RateLimited = KGEN_API_ERROR_RATE_LIMITED,  // sandbox-defined
    InjectedFault = KGEN_API_ERROR_INJECTED_FAULT,  // sandbox-defined
    InternalError = KGEN_API_ERROR_INTERNAL_ERROR,  // sandbox-defined
    InvalidCredentials = KGEN_API_ERROR_INVALID_CREDENTIALS,
    NotLoggedIn = KGEN_API_ERROR_NOT_LOGGED_IN,
    NoPendingOtp = KGEN_API_ERROR_NO_PENDING_OTP,
    AlreadyLoggedIn = KGEN_API_ERROR_ALREADY_LOGGED_IN,
    TooManyLoginAttempts = KGEN_API_ERROR_TOO_MANY_LOGIN_ATTEMPTS,
};

enum class TournamentStatus : std::int32_t {
    Other = KGEN_TOURNAMENT_OTHER,  // see Tournament::status_text
    Scheduled = KGEN_TOURNAMENT_SCHEDULED,
    Lobby = KGEN_TOURNAMENT_LOBBY,
    Started = KGEN_TOURNAMENT_STARTED,
    Locked = KGEN_TOURNAMENT_LOCKED,
    Completed = KGEN_TOURNAMENT_COMPLETED,
};

enum class SessionFlow : std::int32_t {
    Server = KGEN_SESSION_FLOW_SERVER,  // created with client credentials; renews itself
    Client = KGEN_SESSION_FLOW_CLIENT,  // restored from tokens; raises on_session_expired
};

// The calls an outbox can deliver later (Client::outbox_enqueue).
enum class OutboxCall : std::int32_t {
    SubmitScore = KGEN_OP_TOURNAMENTS_SUBMIT_SCORE,  // value: the score
    JoinTournament = KGEN_OP_TOURNAMENTS_JOIN,       // value: the joining stake
    LeaveTournament = KGEN_OP_TOURNAMENTS_LEAVE,
    Withdraw = KGEN_OP_WALLET_WITHDRAW,
    ClaimRewards = KGEN_OP_REWARDS_CLAIM,
};

enum class OutboxOutcome : std::int32_t {
    Delivered = KGEN_OUTBOX_DELIVERED,
    Rejected = KGEN_OUTBOX_REJECTED,  // see OutboxEvent::error
    Expired = KGEN_OUTBOX_EXPIRED,
    WaitingForSession = KGEN_OUTBOX_WAITING_FOR_SESSION,  // client flow: restore a session of user_id
    Damaged = KGEN_OUTBOX_DAMAGED,                        // entries were lost: see OutboxEvent::error
};

enum class Dispatch : std::int32_t {
    Manual = KGEN_DISPATCH_MANUAL,        // callbacks run inside Client::poll()
    Immediate = KGEN_DISPATCH_IMMEDIATE,  // callbacks run on the SDK's worker threads
    Driven = KGEN_DISPATCH_DRIVEN,        // like Manual, and the client's network work runs
                                          // only inside poll() and wait(): no worker thread
};

enum class LogLevel : std::int32_t {
    Off = KGEN_LOG_OFF,
    Error = KGEN_LOG_ERROR,
    Warn = KGEN_LOG_WARN,
    Info = KGEN_LOG_INFO,
    Debug = KGEN_LOG_DEBUG,
    Trace = KGEN_LOG_TRACE,
};

using RequestId = kgen_request_id;

// ---- errors and results ----------------------------------------------------

// Why a call or a request failed.
struct Error {
    Status status = Status::Internal;
    // The HTTP status of the last answer; 0 when none arrived.
    int http_status = 0;
    // The API's error code, named; ApiError::Other for a code this version
    // does not know, ApiError::None when the server sent none.
    ApiError api_error = ApiError::None;
    // The API's error code as sent, e.g. "TOURNAMENT_IS_FULL"; "" when none.
    std::string api_code;
    // Human-readable; never contains a secret.
    std::string message;
    // The call's x-request-id; "" when none. The sandbox echoes and logs it; the
    // platform's docs do not mention the header (sandbox-defined).
    std::string request_id;
    // How long the server asked to wait (429, 503); the SDK already honoured
    // it within the request's deadline.
    std::optional<std::chrono::milliseconds> retry_after;

    bool is(ApiError code) const noexcept { return api_error == code; }
    bool is(Status s) const noexcept { return status == s; }

    // One line for a log: "TOURNAMENT_IS_FULL (HTTP 409): ... [request kgen-...]".
    std::string describe() const {
        std::string line = api_code.empty() ? std::string(status_text(status)) : api_code;
        if (http_status != 0) line += " (HTTP " + std::to_string(http_status) + ")";
        if (!message.empty()) line += ": " + message;
        if (!request_id.empty()) line += " [request " + request_id + "]";
        return line;
    }
};

// The HTTP answer behind a successful result.
struct Response {
    int http_status = 0;
    std::string request_id;
    // The raw JSON body, for fields the SDK does not model.
    std::string raw_body;
};

#if KGEN_HPP_EXCEPTIONS
// Thrown by Result::value() on a failure and Result::error() on a success.
class BadResultAccess : public std::logic_error {
public:
    using std::logic_error::logic_error;
};
#endif

namespace detail {
[[noreturn]] inline void bad_access(const char *what) {
#if KGEN_HPP_EXCEPTIONS
    throw BadResultAccess(what);
#else
    report_failure(what);
    std::abort();
#endif
}
}  // namespace detail

// A value or an Error, like std::expected. What every callback receives and
// what every synchronous call returns.
template <class T>
class Result {
public:
    Result(T value, Response response = {})
        : state_(std::in_place_index<0>, std::move(value)), response_(std::move(response)) {}
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T &value() & { return ok() ? std::get<0>(state_) : fail_value(); }
    const T &value() const & { return ok() ? std::get<0>(state_) : fail_value(); }
    T &&value() && { return std::move(value()); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T &&operator*() && { return std::move(value()); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    template <class U = T>
    T value_or(U &&fallback) const & {
        return ok() ? std::get<0>(state_) : static_cast<T>(std::forward<U>(fallback));
    }

    const Error &error() const & {
        if (ok()) detail::bad_access("kgen::Result::error() called on a success");
        return std::get<1>(state_);
    }
    Error &&error() && {
        if (ok()) detail::bad_access("kgen::Result::error() called on a success");
        return std::get<1>(std::move(state_));
    }

    // HTTP status, x-request-id and raw body of a successful request; empty for
    // synchronous calls and failures (see error()).
    const Response &response() const noexcept { return response_; }

private:
    [[noreturn]] static T &fail_value() { detail::bad_access("kgen::Result::value() called on an error"); }

    std::variant<T, Error> state_;
    Response response_;
};

// A success without a value (logout, update_tokens, ...).
template <>
class Result<void> {
public:
    Result(Response response = {}) : response_(std::move(response)) {}
    Result(Error error) : error_(std::move(error)) {}

    bool ok() const noexcept { return !error_.has_value(); }
    explicit operator bool() const noexcept { return ok(); }
    const Error &error() const & {
        if (ok()) detail::bad_access("kgen::Result::error() called on a success");
        return *error_;
    }
    Error &&error() && {
        if (ok()) detail::bad_access("kgen::Result::error() called on a success");
        return std::move(*error_);
    }
    const Response &response() const noexcept { return response_; }

private:
    std::optional<Error> error_;
    Response response_;
};

template <class T>
using Callback = std::function<void(Result<T>)>;

// ---- values ----------------------------------------------------------------

// A time as the server sent it, and its parsed value when it parsed.
struct Timestamp {
    std::string text;
    std::optional<std::int64_t> unix_ms;
};

// The optional player profile sent by session_create; empty fields are not sent;
// a level or rank that is set is sent, 0 included. SessionInfo::profile is the
// server's echo of it ("" and no value for what it did not echo).
struct SessionProfile {
    std::string name, username, email, device_id, phonenumber;
    std::optional<std::int64_t> level, rank;
    std::string date_joined, playertag, location, location_name, device_model;
    std::string screen_height, screen_width, os_name, os_version, browser_name;
    std::string fb_login, google_login, app_version;
};

// A player's session: the /s2s/session answer (server flow) or what the
// token and the session handle know (client flow: is_new_user false, no
// start time).
struct SessionInfo {
    std::string user_id;
    std::string session_id;
    std::string namespaced_user_id;  // "<client id>#<user id>"
    std::string third_party_client_id;
    std::string third_party_client_name;
    std::string wallet_address;
    std::string indigg_id;
    std::string indigg_wallet_address;
    std::string linked_phone;
    bool is_new_user = false;
    Timestamp session_start_time;
    // The access token's expiry, Unix seconds on the server's clock.
    std::optional<std::int64_t> expires_at;
    SessionProfile profile;  // as the server echoed it
};

// The server's confirmation of an action, e.g. "user successfully joined the tournament".
struct Message {
    std::string text;
};

struct Tournament {
    std::string uid;
    std::string game_uid;
    TournamentStatus status = TournamentStatus::Other;
    std::string status_text;  // as sent, e.g. "STARTED"
    std::string title;
    std::string description;
    std::int64_t buy_in_price = 0;  // pass it as the stake to tournaments_join
    std::int64_t tournament_size = 0;
    std::int64_t participants_count = 0;
    Timestamp schedules_at, moves_to_lobby_at, starts_at, locks_at, ends_at, created_at, updated_at;
};

struct LeaderboardEntry {
    std::string user_id;
    std::int64_t score = 0;
    // 1 for the best score.
    std::int64_t rank = 0;
};

struct Winner {
    std::string user_id;
    double reward = 0;
};

// Best score first; winners once the tournament completed.
struct Leaderboard {
    std::vector<LeaderboardEntry> entries;
    std::vector<Winner> winners;
    double price_pool = 0;
};

struct Balance {
    std::string wallet_address;
    double earned_balance = 0;
    double bought_balance = 0;
    double bonus_balance = 0;
    double lazy_balance = 0;
    double on_chain_balance = 0;
    double lazy_balance_delta = 0;
    double min_wallet_bal_to_withdraw = 0;
    std::int32_t wallet_transaction_error = 0;
    bool is_lazy_balance_updated = false;
    Timestamp created_at, modified_at;
};

struct Transaction {
    std::string uid;
    std::string from_wallet;
    std::string to_wallet;
    double amount = 0;
    std::string sync_status;  // "COMPLETED", "PENDING", ...
    Timestamp created_at;
    // From the transaction's description:
    double description_amount = 0;
    std::string description_text;       // e.g. "Tournament fee deduct"
    std::string description_name;
    std::string description_direction;  // "CREDIT" or "DEBIT"
    std::string description_kind;       // e.g. "JOIN"
};

struct TransactionPage {
    std::vector<Transaction> transactions;
    std::vector<Transaction> from_transactions;
    std::vector<Transaction> to_transactions;
    // Pass to wallet_transactions for the next page; empty on the last page.
    std::optional<std::string> next_key;
    bool is_last_page = true;
};

struct OtpRegistration {
    std::string auth_code;  // pass it to otp_verify with the code the player received
    bool is_new_user = false;
};

struct Reward {
    std::string user_id;
    std::string tournament_id;
    std::string claim_status;  // "UNCLAIMED" or "CLAIMED_SUCCESSFULLY"
    double reward = 0;
    std::string wallet_address;
    Timestamp created_at, updated_at;
};

struct ClaimableRewards {
    double total = 0;
    std::vector<Reward> items;
};

struct HistoricStat {
    std::string kind;  // "Tournament"
    std::int64_t type_value = 0;
    std::string result;  // "Won" or "You Lost"
    std::string occurred_at_text;
    std::string mode;
    double buy_in_stake = 0;
    double amount_won = 0;
};

struct LoginResult {
    bool requires_otp = false;  // finish with account_login_otp
    // When the two-factor window closes (Unix seconds); empty without 2FA. Not the
    // session's lifetime.
    std::optional<std::int64_t> expires_at;
    std::optional<std::int64_t> otp_session_expires_at;
};

struct AccountUser {
    std::int64_t user_id = 0;
    std::string user_name, email, first_name, last_name, gender, phone;
    std::int64_t access_level = 0;  // 0 guest, 10 regular user, 20 game-hosting management
    bool validate_email = false;
    bool is_trial_account = false;
    std::optional<std::int64_t> trial_account_expiration_date;
    std::string request_ip, request_ip_country, request_ip_country_code;
    std::string details_json;          // the `details` object as JSON text
    std::string billing_details_json;  // the `billingDetails` object as JSON text
    // trialAccountExpirationDate as sent (a string of unspecified format): its text, and
    // its time when it reads as one (trial_account_expiration_date holds that in seconds).
    Timestamp trial_account_expiration;
};

// ---- copying the borrowed C results into values ----------------------------
// The wrapper's callbacks use these; they are public for code that reads
// kgen_event itself (the C pull form) and wants the same values.

namespace detail {
inline std::string str(const char *s) { return s ? std::string(s) : std::string(); }

inline std::optional<std::int64_t> nonzero(std::int64_t v) {
    return v != 0 ? std::optional<std::int64_t>(v) : std::nullopt;
}

// Copies an array of result structs, stepping by the element size the library
// reports (kgen.h, "Results grow"): a newer library's larger elements still
// read correctly. Arrays of strings pass sizeof(const char *).
template <class C, class F>
auto copy_array(const C *items, std::size_t count, std::size_t size, F convert) {
    std::vector<decltype(convert(*items))> out;
    if (items == nullptr) return out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) out.push_back(convert(*KGEN_ARRAY_AT(C, items, size, i)));
    return out;
}
}  // namespace detail

inline Timestamp from_c(const kgen_timestamp &t) { return {detail::str(t.text), detail::nonzero(t.unix_ms)}; }

inline SessionInfo from_c(const kgen_session_info &s) {
    using detail::str;
    return {str(s.user_id), str(s.session_id), str(s.namespaced_third_party_user_id),
            str(s.third_party_client_id), str(s.third_party_client_name), str(s.wallet_address),
            str(s.indigg_id), str(s.indigg_wallet_address), str(s.linked_phone), s.is_new_user != 0,
            from_c(s.session_start_time), detail::nonzero(s.expires_at),
            SessionProfile{str(s.name), str(s.username), str(s.email), str(s.device_id), str(s.phonenumber),
                           s.has_level ? std::optional<std::int64_t>(s.level) : std::nullopt,
                           s.has_rank ? std::optional<std::int64_t>(s.rank) : std::nullopt,
                           str(s.date_joined), str(s.playertag), str(s.location), str(s.location_name),
                           str(s.device_model), str(s.screen_height), str(s.screen_width), str(s.os_name),
                           str(s.os_version), str(s.browser_name), str(s.fb_login), str(s.google_login),
                           str(s.app_version)}};
}

inline Message from_c(const kgen_message &m) { return {detail::str(m.message)}; }

inline Tournament from_c(const kgen_tournament &t) {
    using detail::str;
    return {str(t.tournament_uid), str(t.game_uid), static_cast<TournamentStatus>(t.status),
            str(t.status_text), str(t.title), str(t.description), t.buy_in_price, t.tournament_size,
            t.participants_count, from_c(t.schedules_at), from_c(t.moves_to_lobby_at),
            from_c(t.starts_at), from_c(t.locks_at), from_c(t.ends_at), from_c(t.created_at),
            from_c(t.updated_at)};
}

inline std::vector<Tournament> from_c(const kgen_tournament_list &l) {
    return detail::copy_array(l.items, l.count, l.item_size, [](const kgen_tournament &t) { return from_c(t); });
}

inline std::vector<std::string> from_c(const kgen_string_list &l) {
    return detail::copy_array(l.items, l.count, sizeof *l.items, [](const char *s) { return detail::str(s); });
}

inline Leaderboard from_c(const kgen_leaderboard &b) {
    return {detail::copy_array(b.entries, b.entry_count, b.entry_size,
                               [](const kgen_leaderboard_entry &e) {
                                   return LeaderboardEntry{detail::str(e.user_id), e.score, e.rank};
                               }),
            detail::copy_array(b.winners, b.winner_count, b.winner_size,
                               [](const kgen_winner &w) { return Winner{detail::str(w.user_id), w.reward}; }),
            b.price_pool};
}

inline Balance from_c(const kgen_balance &b) {
    return {detail::str(b.wallet_address), b.earned_balance, b.bought_balance, b.bonus_balance,
            b.lazy_balance, b.on_chain_balance, b.lazy_balance_delta, b.min_wallet_bal_to_withdraw,
            b.wallet_transaction_error, b.is_lazy_balance_updated != 0, from_c(b.created_at),
            from_c(b.modified_at)};
}

inline Transaction from_c(const kgen_transaction &t) {
    using detail::str;
    return {str(t.uid), str(t.from_wallet), str(t.to_wallet), t.amount, str(t.sync_status),
            from_c(t.created_at), t.description_amount, str(t.description_text),
            str(t.description_name), str(t.description_direction), str(t.description_kind)};
}

inline TransactionPage from_c(const kgen_transaction_page &p) {
    auto copy = [&p](const kgen_transaction *items, std::size_t count) {
        return detail::copy_array(items, count, p.transaction_size,
                                  [](const kgen_transaction &t) { return from_c(t); });
    };
    std::string key = detail::str(p.last_evaluated_key);
    return {copy(p.transactions, p.transaction_count), copy(p.from_transactions, p.from_transaction_count),
            copy(p.to_transactions, p.to_transaction_count),
            key.empty() ? std::nullopt : std::optional<std::string>(std::move(key)), p.is_last_page != 0};
}

inline OtpRegistration from_c(const kgen_otp_registration &o) {
    return {detail::str(o.auth_code), o.is_new_user != 0};
}

inline Reward from_c(const kgen_reward &r) {
    using detail::str;
    return {str(r.user_id), str(r.tournament_id), str(r.claim_status), r.reward, str(r.wallet_address),
            from_c(r.created_at), from_c(r.updated_at)};
}

inline ClaimableRewards from_c(const kgen_claimable_rewards &r) {
    return {r.total_claimable_rewards,
            detail::copy_array(r.items, r.count, r.item_size, [](const kgen_reward &x) { return from_c(x); })};
}

inline HistoricStat from_c(const kgen_historic_stat &s) {
    using detail::str;
    return {str(s.kind), s.type_value, str(s.result), str(s.occurred_at_text), str(s.mode),
            s.buy_in_stake, s.amount_won};
}

inline std::vector<HistoricStat> from_c(const kgen_stat_list &l) {
    return detail::copy_array(l.items, l.count, l.item_size, [](const kgen_historic_stat &s) { return from_c(s); });
}

inline LoginResult from_c(const kgen_login_result &l) {
    return {l.requires_otp != 0, detail::nonzero(l.expires_at), detail::nonzero(l.otp_session_expires_at)};
}

inline AccountUser from_c(const kgen_account_user &u) {
    using detail::str;
    return {u.user_id, str(u.user_name), str(u.email), str(u.first_name), str(u.last_name),
            str(u.gender), str(u.phone), u.access_level, u.validate_email != 0,
            u.is_trial_account != 0, detail::nonzero(u.trial_account_expiration_date),
            str(u.request_ip), str(u.request_ip_country), str(u.request_ip_country_code),
            str(u.details_json), str(u.billing_details_json), from_c(u.trial_account_expiration)};
}

// The failure described by a completion's header.
inline Error error_from(const kgen_result &r) {
    Error e;
    e.status = static_cast<Status>(r.status);
    e.http_status = r.http_status;
    e.api_error = static_cast<ApiError>(r.api_error);
    e.api_code = detail::str(r.api_error_code);
    e.message = detail::str(r.message);
    e.request_id = detail::str(r.request_id);
    if (r.retry_after_ms > 0) e.retry_after = std::chrono::milliseconds(r.retry_after_ms);
    return e;
}

inline Response response_from(const kgen_result &r) {
    return {r.http_status, detail::str(r.request_id),
            r.raw_body ? std::string(r.raw_body, r.raw_body_len) : std::string()};
}

namespace detail {
// The failure of a synchronous kgen_* call, with kgen_last_error_message()
// (read on the same thread, right after the call).
inline Error call_error(kgen_status status) {
    Error e;
    e.status = static_cast<Status>(status);
    std::size_t length = 0;
    if (kgen_last_error_message(nullptr, &length) == KGEN_ERR_BUFFER_TOO_SMALL && length > 1) {
        std::string text(length, '\0');
        if (kgen_last_error_message(&text[0], &length) == KGEN_OK) {
            text.resize(length - 1);
            e.message = std::move(text);
        }
    }
    if (e.message.empty()) e.message = status_text(e.status);
    return e;
}

inline Result<void> check_call(kgen_status status) {
    if (status == KGEN_OK) return Result<void>();
    return call_error(status);
}

inline std::uint32_t clamp_u32(std::int64_t v) {
    return v < 0 ? 0u : v > 0xffffffffLL ? 0xffffffffu : static_cast<std::uint32_t>(v);
}

inline const char *or_null(const std::string &s) { return s.empty() ? nullptr : s.c_str(); }

// C strings end at the first NUL: a std::string holding one would reach the
// SDK cut short, so it is refused instead.
inline std::optional<Error> embedded_nul(std::initializer_list<const std::string *> texts) {
    for (const std::string *text : texts) {
        if (text->find('\0') != std::string::npos) {
            Error e;
            e.status = Status::InvalidArgument;
            e.message = "a string argument contains a NUL byte";
            return e;
        }
    }
    return std::nullopt;
}
}  // namespace detail

// ---- callbacks through the C boundary --------------------------------------

// A client-flow session's token nears expiry or was refused: fetch a new token
// from the game's server and pass it to Session::update_tokens.
struct SessionExpired {
    kgen_session *session = nullptr;  // compare with Session::handle()
    std::string user_id;
    Error reason;
};

// An outbox entry ended (delivered, rejected, expired), a player's entries wait
// for a session, or the journal was damaged; reported once each.
struct OutboxEvent {
    std::uint64_t entry_id = 0;  // as Client::outbox_enqueue returned it; 0 when not about one entry
    OutboxOutcome outcome = OutboxOutcome::Delivered;
    OutboxCall call = OutboxCall::SubmitScore;
    std::string user_id;
    std::string tournament_uid;
    std::int64_t value = 0;          // the score or the joining stake
    std::int64_t created_at_ms = 0;  // when the call was made (Unix ms, this device's clock)
    std::string message;             // the platform's confirmation when delivered
    std::optional<Error> error;      // why, unless delivered
};

// Pending outbox entries.
struct OutboxStatus {
    std::uint32_t pending = 0;
    std::chrono::milliseconds oldest_age{0};
};

namespace detail {

// What a Client's C callbacks need besides the request's own function. Owned
// by the Client; outlives every callback because kgen_client_destroy delivers
// everything before it returns.
struct ClientHooks {
    std::function<void()> wake;
    std::function<void(const SessionExpired &)> on_session_expired;
    std::function<void(std::exception_ptr)> on_callback_exception;
    std::function<void(const OutboxEvent &)> on_outbox_event;
};

// A Client destroyed inside a kgen callback, where kgen cannot destroy a client
// yet (KGEN_ERR_REENTRANT).
struct Orphan {
    kgen_client *handle;
    std::unique_ptr<ClientHooks> hooks;
};

// How many Client::poll calls run on this thread, and the clients destroyed
// inside their callbacks, destroyed when the outermost poll returns.
inline int &poll_depth() noexcept {
    static thread_local int depth = 0;
    return depth;
}

inline std::vector<Orphan> &orphans() noexcept {
    static thread_local std::vector<Orphan> list;
    return list;
}

// Destroys a client kgen refused to destroy where it was asked: at the end of
// the poll running the callback (manual dispatch: on that thread, like every
// callback), else on a thread of its own (a worker's callback cannot wait for
// its own runtime). Its hooks live until then.
inline void destroy_later(kgen_client *handle, std::unique_ptr<ClientHooks> hooks) {
    if (poll_depth() > 0) {
        orphans().push_back(Orphan{handle, std::move(hooks)});
        return;
    }
    std::thread([handle, hooks = std::move(hooks)]() mutable {
        kgen_client_destroy(handle);
        hooks.reset();
    }).detach();
}

// Called when the outermost poll on this thread returned.
inline void destroy_orphans() noexcept {
    ++poll_depth();  // a client destroyed by these completions waits its turn here
    auto &list = orphans();
    while (!list.empty()) {
        Orphan orphan = std::move(list.back());
        list.pop_back();
        kgen_client_destroy(orphan.handle);  // delivers its completions on this thread
    }
    --poll_depth();
}

inline void report_exception(const ClientHooks *hooks, std::exception_ptr error) noexcept {
#if KGEN_HPP_EXCEPTIONS
    try {
        if (hooks != nullptr && hooks->on_callback_exception) {
            hooks->on_callback_exception(error);
            return;
        }
        try {
            std::rethrow_exception(error);
        } catch (const std::exception &e) {
            report_failure((std::string("an exception escaped a callback: ") + e.what()).c_str());
        } catch (...) {
            report_failure("an exception escaped a callback");
        }
    } catch (...) {
        // The handler threw: nothing sensible is left to do with it.
    }
#else
    (void)hooks;
    (void)error;
#endif
}

// Runs user code at the C boundary: nothing escapes.
template <class F>
void guarded(const ClientHooks *hooks, F &&run) noexcept {
#if KGEN_HPP_EXCEPTIONS
    try {
        run();
    } catch (...) {
        report_exception(hooks, std::current_exception());
    }
#else
    (void)hooks;
    run();
#endif
}

// One request's state: its function, until the one completion deletes it.
template <class T>
struct Pending {
    Callback<T> callback;
    const ClientHooks *hooks;
};

template <class T>
struct Payload;  // which union member carries T, and how to copy it
#define KGEN_HPP_PAYLOAD(T, member)                                                 \
    template <>                                                                     \
    struct Payload<T> {                                                             \
        static bool copy(const kgen_event &e, std::optional<T> &out) {              \
            if (e.data.member == nullptr) return false;                             \
            out = from_c(*e.data.member);                                           \
            return true;                                                            \
        }                                                                           \
    };
KGEN_HPP_PAYLOAD(Message, message)
KGEN_HPP_PAYLOAD(Tournament, tournament)
KGEN_HPP_PAYLOAD(std::vector<Tournament>, tournaments)
KGEN_HPP_PAYLOAD(std::vector<std::string>, strings)
KGEN_HPP_PAYLOAD(Leaderboard, leaderboard)
KGEN_HPP_PAYLOAD(Balance, balance)
KGEN_HPP_PAYLOAD(TransactionPage, transactions)
KGEN_HPP_PAYLOAD(OtpRegistration, otp_registration)
KGEN_HPP_PAYLOAD(ClaimableRewards, rewards)
KGEN_HPP_PAYLOAD(std::vector<HistoricStat>, stats)
KGEN_HPP_PAYLOAD(LoginResult, login)
KGEN_HPP_PAYLOAD(AccountUser, user)
#undef KGEN_HPP_PAYLOAD

inline Error missing_data() {
    Error e;
    e.message = "the completion carried no data";
    return e;
}

}  // namespace detail

// The value of a completion, or why there is none.
template <class T>
Result<T> result_from(const kgen_event &e) {
    if (e.result.status != KGEN_OK) return error_from(e.result);
    std::optional<T> value;
    if (!detail::Payload<T>::copy(e, value)) return detail::missing_data();
    return Result<T>(std::move(*value), response_from(e.result));
}

template <>
inline Result<void> result_from<void>(const kgen_event &e) {
    if (e.result.status != KGEN_OK) return error_from(e.result);
    return Result<void>(response_from(e.result));
}

// ---- sessions --------------------------------------------------------------

// One player's session (move-only owner of a kgen_session handle).
class Session {
public:
    Session() = default;
    // Takes ownership of `handle`.
    Session(kgen_session *handle, SessionInfo info) : handle_(handle), info_(std::move(info)) {}
    ~Session() { reset(); }
    Session(Session &&other) noexcept
        : handle_(std::exchange(other.handle_, nullptr)), info_(std::move(other.info_)) {}
    Session &operator=(Session &&other) noexcept {
        if (this != &other) {
            reset();
            handle_ = std::exchange(other.handle_, nullptr);
            info_ = std::move(other.info_);
        }
        return *this;
    }
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    kgen_session *handle() const noexcept { return handle_; }
    explicit operator bool() const noexcept { return handle_ != nullptr; }

    // What was known when the session was created or restored.
    const SessionInfo &info() const noexcept { return info_; }
    const std::string &user_id() const noexcept { return info_.user_id; }

    // The current access token - it changes when a server-flow session renews
    // itself; this is what a game server hands to its game client. Secret:
    // never log it.
    Result<std::string> access_token() const { return read_string(handle_, KGEN_SESSION_ACCESS_TOKEN); }
    Result<std::string> refresh_token() const { return read_string(handle_, KGEN_SESSION_REFRESH_TOKEN); }

    // The current access token's expiry, Unix seconds on the server's clock.
    Result<std::int64_t> expires_at() const {
        std::int64_t at = 0;
        kgen_status s = kgen_session_get_expires_at(handle_, &at);
        if (s != KGEN_OK) return detail::call_error(s);
        return at;
    }

    Result<SessionFlow> flow() const {
        kgen_session_flow f = KGEN_SESSION_FLOW_SERVER;
        kgen_status s = kgen_session_get_flow(handle_, &f);
        if (s != KGEN_OK) return detail::call_error(s);
        return static_cast<SessionFlow>(f);
    }

    // Client flow: the new tokens the game's server handed out after
    // SessionExpired; they must belong to the same player.
    Result<void> update_tokens(const std::string &access_token, const std::string &refresh_token = {}) {
        if (auto refused = detail::embedded_nul({&access_token, &refresh_token})) return std::move(*refused);
        return detail::check_call(kgen_session_update_tokens(handle_, access_token.c_str(),
                                                     detail::or_null(refresh_token)));
    }

    // Reads a KGEN_SESSION_* string field of a session handle.
    static Result<std::string> read_string(kgen_session *handle, kgen_session_field field) {
        std::string text(128, '\0');
        for (;;) {  // grows again only if the token renewed between two calls
            std::size_t length = text.size();
            kgen_status s = kgen_session_get_string(handle, field, &text[0], &length);
            if (s == KGEN_OK) {
                text.resize(length > 0 ? length - 1 : 0);
                return text;
            }
            if (s != KGEN_ERR_BUFFER_TOO_SMALL) return detail::call_error(s);
            text.assign(length, '\0');
        }
    }

    // What a session handle knows (no network traffic): the fields of a
    // restored session.
    static SessionInfo read_info(kgen_session *handle) {
        auto field = [&](kgen_session_field f) { return read_string(handle, f).value_or(std::string()); };
        SessionInfo info;
        info.user_id = field(KGEN_SESSION_USER_ID);
        info.session_id = field(KGEN_SESSION_SESSION_ID);
        info.namespaced_user_id = field(KGEN_SESSION_NAMESPACED_USER_ID);
        info.third_party_client_id = field(KGEN_SESSION_THIRD_PARTY_CLIENT_ID);
        info.third_party_client_name = field(KGEN_SESSION_THIRD_PARTY_CLIENT_NAME);
        info.wallet_address = field(KGEN_SESSION_WALLET_ADDRESS);
        info.indigg_id = field(KGEN_SESSION_INDIGG_ID);
        info.indigg_wallet_address = field(KGEN_SESSION_INDIGG_WALLET_ADDRESS);
        info.linked_phone = field(KGEN_SESSION_LINKED_PHONE);
        std::int64_t expires_at = 0;
        if (kgen_session_get_expires_at(handle, &expires_at) == KGEN_OK) info.expires_at = detail::nonzero(expires_at);
        return info;
    }

    // Destroys the handle now (requests already started with it still complete).
    void reset() noexcept {
        if (handle_ != nullptr) kgen_session_destroy(std::exchange(handle_, nullptr));
    }

    // Gives up ownership: the caller destroys the handle.
    kgen_session *release() noexcept { return std::exchange(handle_, nullptr); }

private:
    kgen_session *handle_ = nullptr;
    SessionInfo info_;
};

// A created session arrives as a handle the client owns until someone takes it.
template <>
inline Result<Session> result_from<Session>(const kgen_event &e) {
    if (e.result.status != KGEN_OK) return error_from(e.result);
    if (e.session == nullptr || e.data.session == nullptr) return detail::missing_data();
    return Result<Session>(Session(e.session, from_c(*e.data.session)), response_from(e.result));
}

// ---- the client ------------------------------------------------------------

// Options of Client::create. Empty strings and zero values mean the SDK's
// default (see kgen_client_options in kgen.h).
struct ClientOptions {
    std::string base_url;          // KGeN ESports Protocol API; default production
    std::string account_base_url;  // the /v3 account API; default https://api.i3d.net (never base_url)
    // Server-to-server credentials: game servers only. Never ship a client
    // secret in a game client; restore sessions from tokens instead.
    std::string client_id;
    std::string client_secret;
    std::string private_token;  // /v3 API key (PRIVATE-TOKEN); every account_* call needs it
    std::string user_agent_suffix;  // e.g. "MyGame/1.2"
    std::string proxy;
    std::chrono::milliseconds connect_timeout{0};  // default 10 s
    std::chrono::milliseconds request_timeout{0};  // whole call incl. retries; default 30 s
    std::chrono::milliseconds attempt_timeout{0};  // one attempt; default 15 s
    std::uint32_t max_response_bytes = 0;          // default 8 MiB
    std::uint32_t retry_max_attempts = 0;          // including the first; default 4
    std::chrono::milliseconds retry_base_delay{0};
    std::chrono::milliseconds retry_max_delay{0};
    std::chrono::seconds renew_before{0};  // default 300 s
    bool allow_insecure_http = false;      // plain http:// beyond loopback (never in production)
    Dispatch dispatch = Dispatch::Manual;
    std::uint32_t worker_threads = 0;  // default 1

    // Called from any thread when completions are queued (manual and driven
    // dispatch): a server's event loop then calls poll(). Coalesced: one call
    // for the events queued until the next poll begins (see
    // kgen_client_options.wake). Must only signal.
    std::function<void()> wake;
    // Client flow: delivered like completions.
    std::function<void(const SessionExpired &)> on_session_expired;
    // Receives exceptions that escaped any callback of this client (called
    // where the callback ran). Default: a line on stderr.
    std::function<void(std::exception_ptr)> on_callback_exception;

    // An outbox (a directory; empty: none): writes that must not be lost are
    // kept there until delivered, across restarts. One client of one process
    // owns it at a time. With it, tournaments_submit_score always goes through it.
    std::string outbox_path;
    std::uint32_t outbox_max_entries = 0;  // default 10,000
    std::chrono::seconds outbox_max_age{0};  // default 24 h
    // How each outbox entry ends; delivered like completions.
    std::function<void(const OutboxEvent &)> on_outbox_event;
};

class Client {
public:
    // Creates a client; no network traffic happens here.
    static Result<Client> create(const ClientOptions &options) {
        if (auto refused = detail::embedded_nul({&options.base_url, &options.account_base_url, &options.client_id,
                                                 &options.client_secret, &options.private_token,
                                                 &options.user_agent_suffix, &options.proxy, &options.outbox_path}))
            return std::move(*refused);
        auto hooks = std::make_unique<detail::ClientHooks>(detail::ClientHooks{
            options.wake, options.on_session_expired, options.on_callback_exception, options.on_outbox_event});
        using detail::or_null;
        auto count = [](auto duration) { return detail::clamp_u32(static_cast<std::int64_t>(duration.count())); };
        kgen_client_options c{};
        c.struct_size = sizeof c;
        c.header_version = KGEN_VERSION_NUMBER;
        c.base_url = or_null(options.base_url);
        c.account_base_url = or_null(options.account_base_url);
        c.client_id = or_null(options.client_id);
        c.client_secret = or_null(options.client_secret);
        c.private_token = or_null(options.private_token);
        c.user_agent_suffix = or_null(options.user_agent_suffix);
        c.proxy = or_null(options.proxy);
        c.connect_timeout_ms = count(options.connect_timeout);
        c.request_timeout_ms = count(options.request_timeout);
        c.attempt_timeout_ms = count(options.attempt_timeout);
        c.max_response_bytes = options.max_response_bytes;
        c.retry_max_attempts = options.retry_max_attempts;
        c.retry_base_delay_ms = count(options.retry_base_delay);
        c.retry_max_delay_ms = count(options.retry_max_delay);
        c.renew_before_secs = count(options.renew_before);
        c.allow_insecure_http = options.allow_insecure_http ? 1 : 0;
        c.dispatch = static_cast<kgen_dispatch>(options.dispatch);
        c.worker_threads = options.worker_threads;
        if (hooks->wake) {
            c.wake = &on_wake;
            c.wake_user_data = hooks.get();
        }
        if (hooks->on_session_expired) {
            c.session_expired = &on_session_expired;
            c.session_expired_user_data = hooks.get();
        }
        c.outbox_path = or_null(options.outbox_path);
        c.outbox_max_entries = options.outbox_max_entries;
        c.outbox_max_age_secs = count(options.outbox_max_age);
        if (hooks->on_outbox_event) {
            c.outbox_event = &on_outbox_event;
            c.outbox_event_user_data = hooks.get();
        }
        kgen_client *handle = nullptr;
        kgen_status s = kgen_client_new(&c, &handle);
        if (s != KGEN_OK) return detail::call_error(s);
        return Client(handle, std::move(hooks));
    }

    Client() = default;
    ~Client() {
        if (handle_ != nullptr && kgen_client_destroy(handle_) == KGEN_ERR_REENTRANT) {
            // Destroyed inside a callback, where the C client cannot go yet: it
            // goes, with the state its callbacks use, once that is allowed.
            detail::destroy_later(handle_, std::move(hooks_));
        }
    }
    Client(Client &&other) noexcept
        : handle_(std::exchange(other.handle_, nullptr)), hooks_(std::move(other.hooks_)) {}
    Client &operator=(Client &&other) noexcept {
        if (this != &other) {
            Client old(std::move(*this));
            handle_ = std::exchange(other.handle_, nullptr);
            hooks_ = std::move(other.hooks_);
        }
        return *this;
    }
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    kgen_client *handle() const noexcept { return handle_; }
    explicit operator bool() const noexcept { return handle_ != nullptr; }

    // Destroys the client now: refuses new requests, cancels those in flight
    // and delivers every outstanding completion (manual dispatch: on this
    // thread) before returning. Fails with Status::Reentrant inside one of
    // this client's callbacks, leaving the client as it was.
    Result<void> shutdown() {
        if (handle_ == nullptr) return Result<void>();
        kgen_status s = kgen_client_destroy(handle_);
        if (s == KGEN_ERR_REENTRANT) return detail::call_error(s);
        handle_ = nullptr;
        hooks_.reset();
        return detail::check_call(s);
    }

    // Manual and driven dispatch: runs the callbacks of up to `max_events` queued
    // completions (0: all queued now) on this thread; returns how many left the queue.
    Result<std::uint32_t> poll(std::uint32_t max_events = 0) {
        std::uint32_t delivered = 0;
        ++detail::poll_depth();
        kgen_status s = kgen_client_poll(handle_, max_events, &delivered);
        // From here on `this` may be gone: a callback may have destroyed it.
        if (--detail::poll_depth() == 0) detail::destroy_orphans();
        if (s != KGEN_OK) return detail::call_error(s);
        return delivered;
    }

    // Blocks until an event is queued (true) or `timeout` passed (false); a
    // driven client does its network work meanwhile. Then poll() delivers.
    Result<bool> wait(std::chrono::milliseconds timeout) {
        auto ms = std::clamp<std::chrono::milliseconds::rep>(timeout.count(), 0, UINT32_MAX);
        kgen_status s = kgen_client_wait(handle_, static_cast<std::uint32_t>(ms));
        if (s == KGEN_NO_EVENT) return false;
        if (s != KGEN_OK) return detail::call_error(s);
        return true;
    }

    // Ends a request with Status::Cancelled through its callback; fails with
    // Status::UnknownRequest when it already completed.
    Result<void> cancel(RequestId request) { return detail::check_call(kgen_request_cancel(handle_, request)); }

    // ---- the outbox (ClientOptions::outbox_path)

    // Queues a call for `session`'s player and returns its entry id once it is
    // on stable storage; from then on the outbox delivers it, in order per
    // player, across restarts, and reports its end to on_outbox_event.
    // Status::OutboxFull at the limit (nothing queued).
    Result<std::uint64_t> outbox_enqueue(const Session &session, OutboxCall call,
                                         const std::string &tournament_uid = std::string(),
                                         std::int64_t value = 0) {
        if (auto refused = detail::embedded_nul({&tournament_uid})) return std::move(*refused);
        kgen_outbox_call c{};
        c.struct_size = sizeof c;
        c.operation = static_cast<kgen_operation>(call);
        c.tournament_uid = detail::or_null(tournament_uid);
        c.value = value;
        std::uint64_t id = 0;
        kgen_status s = kgen_outbox_enqueue(handle_, session.handle(), &c, &id);
        if (s != KGEN_OK) return detail::call_error(s);
        return id;
    }

    Result<OutboxStatus> outbox_status() {
        std::uint32_t pending = 0;
        std::int64_t age_ms = 0;
        kgen_status s = kgen_outbox_status(handle_, &pending, &age_ms);
        if (s != KGEN_OK) return detail::call_error(s);
        return OutboxStatus{pending, std::chrono::milliseconds(age_ms)};
    }

    // Blocks until the outbox is empty or `timeout` passed; true when empty.
    Result<bool> outbox_flush(std::chrono::milliseconds timeout) {
        std::int32_t empty = 0;
        kgen_status s = kgen_outbox_flush(
            handle_, detail::clamp_u32(static_cast<std::int64_t>(timeout.count())), &empty);
        if (s != KGEN_OK) return detail::call_error(s);
        return empty != 0;
    }

    // Drops a player's pending entries (the account was deleted); how many.
    Result<std::uint32_t> outbox_discard_player(const std::string &user_id) {
        if (auto refused = detail::embedded_nul({&user_id})) return std::move(*refused);
        std::uint32_t discarded = 0;
        kgen_status s = kgen_outbox_discard_player(handle_, user_id.c_str(), &discarded);
        if (s != KGEN_OK) return detail::call_error(s);
        return discarded;
    }

    // ---- sessions

    // Server flow: creates or retrieves the session of player `user_id` with
    // the client's credentials. The callback receives the new Session.
    [[nodiscard]] Result<RequestId> session_create(const std::string &user_id, Callback<Session> done) {
        return start<Session>(std::move(done), {&user_id},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_session_create(handle_, user_id.c_str(), nullptr, f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> session_create(const std::string &user_id, const SessionProfile &profile,
                                                   Callback<Session> done) {
        if (auto refused = detail::embedded_nul(
                {&profile.name, &profile.username, &profile.email, &profile.device_id, &profile.phonenumber,
                 &profile.date_joined, &profile.playertag, &profile.location, &profile.location_name,
                 &profile.device_model, &profile.screen_height, &profile.screen_width, &profile.os_name,
                 &profile.os_version, &profile.browser_name, &profile.fb_login, &profile.google_login,
                 &profile.app_version}))
            return std::move(*refused);
        auto text = detail::or_null;
        kgen_session_profile p{};
        p.struct_size = sizeof p;
        p.name = text(profile.name);
        p.username = text(profile.username);
        p.email = text(profile.email);
        p.device_id = text(profile.device_id);
        p.phonenumber = text(profile.phonenumber);
        p.level = profile.level.value_or(0);
        p.rank = profile.rank.value_or(0);
        p.send_level = profile.level.has_value();
        p.send_rank = profile.rank.has_value();
        p.date_joined = text(profile.date_joined);
        p.playertag = text(profile.playertag);
        p.location = text(profile.location);
        p.location_name = text(profile.location_name);
        p.device_model = text(profile.device_model);
        p.screen_height = text(profile.screen_height);
        p.screen_width = text(profile.screen_width);
        p.os_name = text(profile.os_name);
        p.os_version = text(profile.os_version);
        p.browser_name = text(profile.browser_name);
        p.fb_login = text(profile.fb_login);
        p.google_login = text(profile.google_login);
        p.app_version = text(profile.app_version);
        return start<Session>(std::move(done), {&user_id},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_session_create(handle_, user_id.c_str(), &p, f, u, id);
        });
    }

    // Client flow: restores a player's session from the tokens the game's
    // server handed out (no network traffic, no client secret needed).
    Result<Session> session_restore(const std::string &access_token, const std::string &refresh_token = {}) {
        if (auto refused = detail::embedded_nul({&access_token, &refresh_token})) return std::move(*refused);
        kgen_session *handle = nullptr;
        kgen_status s = kgen_session_restore(handle_, access_token.c_str(),
                                             detail::or_null(refresh_token), &handle);
        if (s != KGEN_OK) return detail::call_error(s);
        Session owner(handle, {});
        SessionInfo info = Session::read_info(handle);
        return Session(owner.release(), std::move(info));
    }

    // ---- tournaments
    // Sandbox-defined (the published docs are silent; production may differ): a join
    // takes the bonus balance first, then bought, then earned; leaving refunds the fee;
    // the best score counts; scores are integers >= 0.

    [[nodiscard]] Result<RequestId> tournaments_join(const Session &session, const std::string &tournament_uid,
                                                     std::int64_t joining_stake, Callback<Message> done) {
        return start<Message>(std::move(done), {&tournament_uid},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_tournaments_join(handle_, session.handle(), tournament_uid.c_str(), joining_stake, f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> tournaments_leave(const Session &session, const std::string &tournament_uid,
                                                      Callback<Message> done) {
        return start<Message>(std::move(done), {&tournament_uid},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_tournaments_leave(handle_, session.handle(), tournament_uid.c_str(), f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> tournaments_submit_score(const Session &session,
                                                             const std::string &tournament_uid, std::int64_t score,
                                                             Callback<Message> done) {
        return start<Message>(std::move(done), {&tournament_uid},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_tournaments_submit_score(handle_, session.handle(), tournament_uid.c_str(), score, f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> tournaments_active(const Session &session,
                                                       Callback<std::vector<Tournament>> done) {
        return start<std::vector<Tournament>>(std::move(done), {},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_tournaments_active(handle_, session.handle(), f, u, id);
        });
    }

    // The uids of the tournaments the player joined.
    [[nodiscard]] Result<RequestId> tournaments_participated(const Session &session,
                                                             Callback<std::vector<std::string>> done) {
        return start<std::vector<std::string>>(std::move(done), {},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_tournaments_participated(handle_, session.handle(), f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> tournaments_get(const Session &session, const std::string &tournament_uid,
                                                    Callback<Tournament> done) {
        return start<Tournament>(std::move(done), {&tournament_uid},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_tournaments_get(handle_, session.handle(), tournament_uid.c_str(), f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> leaderboard_get(const Session &session, const std::string &tournament_uid,
                                                    Callback<Leaderboard> done) {
        return start<Leaderboard>(std::move(done), {&tournament_uid},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_leaderboard_get(handle_, session.handle(), tournament_uid.c_str(), f, u, id);
        });
    }

    // ---- wallet

    [[nodiscard]] Result<RequestId> wallet_balance(const Session &session, Callback<Balance> done) {
        return start<Balance>(std::move(done), {},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_wallet_balance(handle_, session.handle(), f, u, id);
        });
    }

    // One page: `page_key` empty for the first, else the previous page's next_key;
    // `limit` 0 for the server's default page size.
    [[nodiscard]] Result<RequestId> wallet_transactions(const Session &session, const std::string &page_key,
                                                        std::uint32_t limit, Callback<TransactionPage> done) {
        return start<TransactionPage>(std::move(done), {&page_key},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_wallet_transactions(handle_, session.handle(), detail::or_null(page_key),
                                            limit, f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> wallet_withdraw(const Session &session, Callback<Message> done) {
        return start<Message>(std::move(done), {},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_wallet_withdraw(handle_, session.handle(), f, u, id);
        });
    }

    // ---- phone linking

    [[nodiscard]] Result<RequestId> otp_register(const Session &session, const std::string &phone_number,
                                                 const std::string &country_code, Callback<OtpRegistration> done) {
        return start<OtpRegistration>(std::move(done), {&phone_number, &country_code},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_otp_register(handle_, session.handle(), phone_number.c_str(), country_code.c_str(), f, u, id);
        });
    }

    // `otp` is a secret: never logged.
    [[nodiscard]] Result<RequestId> otp_verify(const Session &session, const std::string &phone_number,
                                               const std::string &country_code, const std::string &auth_code,
                                               const std::string &otp, Callback<Message> done) {
        return start<Message>(std::move(done), {&phone_number, &country_code, &auth_code, &otp},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_otp_verify(handle_, session.handle(), phone_number.c_str(), country_code.c_str(),
                                   auth_code.c_str(), otp.c_str(), f, u, id);
        });
    }

    // ---- rewards and statistics

    [[nodiscard]] Result<RequestId> rewards_claimable(const Session &session, Callback<ClaimableRewards> done) {
        return start<ClaimableRewards>(std::move(done), {},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_rewards_claimable(handle_, session.handle(), f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> rewards_claim(const Session &session, Callback<Message> done) {
        return start<Message>(std::move(done), {},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_rewards_claim(handle_, session.handle(), f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> stats_historic(const Session &session, Callback<std::vector<HistoricStat>> done) {
        return start<std::vector<HistoricStat>>(std::move(done), {},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_stats_historic(handle_, session.handle(), f, u, id);
        });
    }

    // ---- the /v3 account session

    // `password` is a secret: never logged.
    [[nodiscard]] Result<RequestId> account_login(const std::string &user_name, const std::string &password,
                                                  bool remember_me, Callback<LoginResult> done) {
        return start<LoginResult>(std::move(done), {&user_name, &password},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_account_login(handle_, user_name.c_str(), password.c_str(), remember_me ? 1 : 0, f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> account_login_otp(const std::string &otp, Callback<void> done) {
        return start<void>(std::move(done), {&otp},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_account_login_otp(handle_, otp.c_str(), f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> account_current_user(Callback<AccountUser> done) {
        return start<AccountUser>(std::move(done), {},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_account_current_user(handle_, f, u, id);
        });
    }

    [[nodiscard]] Result<RequestId> account_logout(Callback<void> done) {
        return start<void>(std::move(done), {},
                              [&](kgen_callback f, void *u, kgen_request_id *id) {
            return kgen_account_logout(handle_, f, u, id);
        });
    }

private:
    Client(kgen_client *handle, std::unique_ptr<detail::ClientHooks> hooks)
        : handle_(handle), hooks_(std::move(hooks)) {}

    // Hands a heap-allocated Pending to the C call; on KGEN_OK the completion
    // owns and frees it, otherwise it is freed here and no callback comes.
    template <class T, class StartFn>
    Result<RequestId> start(Callback<T> done, std::initializer_list<const std::string *> texts,
                            StartFn &&start_request) {
        if (auto refused = detail::embedded_nul(texts)) return std::move(*refused);
        auto pending = std::make_unique<detail::Pending<T>>(detail::Pending<T>{std::move(done), hooks_.get()});
        kgen_request_id id = 0;
        kgen_status s = start_request(&complete<T>, pending.get(), &id);
        if (s != KGEN_OK) return detail::call_error(s);
        (void)pending.release();
        return id;
    }

    template <class T>
    static void complete(const kgen_event *event, void *user_data) noexcept {
        std::unique_ptr<detail::Pending<T>> pending(static_cast<detail::Pending<T> *>(user_data));
        if (!pending || !pending->callback) return;
        detail::guarded(pending->hooks, [&] { pending->callback(copy_result<T>(*event)); });
    }

    // Only std::bad_alloc can interrupt the copy; the callback still hears
    // about its request then.
    template <class T>
    static Result<T> copy_result(const kgen_event &event) noexcept {
#if KGEN_HPP_EXCEPTIONS
        try {
            return result_from<T>(event);
        } catch (...) {
        }
        Error e;
        e.message = "out of memory";  // short enough for no allocation
        return e;
#else
        return result_from<T>(event);
#endif
    }

    static void on_wake(void *user_data) noexcept {
        auto *hooks = static_cast<const detail::ClientHooks *>(user_data);
        detail::guarded(hooks, [&] { hooks->wake(); });
    }

    static void on_session_expired(const kgen_event *event, void *user_data) noexcept {
        auto *hooks = static_cast<const detail::ClientHooks *>(user_data);
        detail::guarded(hooks, [&] {
            SessionExpired notice;
            notice.session = event->session;
            notice.user_id = Session::read_string(event->session, KGEN_SESSION_USER_ID).value_or(std::string());
            notice.reason = error_from(event->result);
            hooks->on_session_expired(notice);
        });
    }

    static void on_outbox_event(const kgen_event *event, void *user_data) noexcept {
        auto *hooks = static_cast<const detail::ClientHooks *>(user_data);
        detail::guarded(hooks, [&] {
            const kgen_outbox_entry &e = *event->data.outbox;
            OutboxEvent out;
            out.entry_id = e.entry_id;
            out.outcome = static_cast<OutboxOutcome>(e.outcome);
            out.call = static_cast<OutboxCall>(e.operation);
            out.user_id = e.user_id;
            out.tournament_uid = e.tournament_uid;
            out.value = e.value;
            out.created_at_ms = e.created_at_ms;
            out.message = e.message;
            if (event->result.status != KGEN_OK) out.error = error_from(event->result);
            hooks->on_outbox_event(out);
        });
    }

    kgen_client *handle_ = nullptr;
    std::unique_ptr<detail::ClientHooks> hooks_;
};

// ---- process-wide --------------------------------------------------------

// The library's version, "MAJOR.MINOR.PATCH".
inline const char *version() noexcept { return kgen_version(); }

using LogHandler = std::function<void(LogLevel, std::string_view)>;

namespace detail {
// Whether this thread is running a log handler.
inline bool &inside_log_handler() noexcept {
    static thread_local bool inside = false;
    return inside;
}
}  // namespace detail

// Sends the SDK's log lines up to `max_level` to `handler` (from any thread,
// possibly concurrently; lines never contain secrets), or stops logging with
// an empty handler or LogLevel::Off. Process-wide, re-settable. When it
// returns, the previous handler is no longer called and has been destroyed.
// Fails with Status::Reentrant inside a kgen callback.
inline Result<void> set_log_handler(LogLevel max_level, LogHandler handler) {
    // A concurrent call holds the lock below while the SDK waits for running
    // handlers to return: a handler must not wait for that lock in turn.
    if (detail::inside_log_handler()) {
        Error refused;
        refused.status = Status::Reentrant;
        refused.message = "set_log_handler inside a log handler";
        return refused;
    }
    // The installed handler is never destroyed at exit: worker threads of a
    // client still alive then may log until the process ends.
    static std::mutex lock;
    static LogHandler *installed = nullptr;
    std::lock_guard<std::mutex> guard(lock);
    std::unique_ptr<LogHandler> next;
    if (handler && max_level != LogLevel::Off) next = std::make_unique<LogHandler>(std::move(handler));
    kgen_log_fn sink = nullptr;
    if (next) {
        sink = [](kgen_log_level level, const char *message, void *user_data) noexcept {
            bool &inside = detail::inside_log_handler();
            inside = true;
            detail::guarded(nullptr, [&] {
                (*static_cast<LogHandler *>(user_data))(static_cast<LogLevel>(level),
                                                        message ? std::string_view(message) : std::string_view());
            });
            inside = false;
        };
    }
    kgen_status s = kgen_set_log_callback(static_cast<kgen_log_level>(next ? max_level : LogLevel::Off), sink,
                                          next.get());
    if (s != KGEN_OK) return detail::call_error(s);
    delete installed;
    installed = next.release();
    return Result<void>();
}

}  // inline namespace KGEN_HPP_ABI
}  // namespace kgen

#endif  // KGEN_HPP
