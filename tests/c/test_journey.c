/*
 * Every operation against the sandbox in manual dispatch, every error class,
 * and the log callback.
 */
#include "kgen_test.h"

#define LIVE_TOURNAMENT "d1a0c0de-0000-4000-8000-000000000001"
#define LOBBY_TOURNAMENT "d1a0c0de-0000-4000-8000-000000000002"

/* Appends the typed data of an event to `out`, reading every field. */
static void describe(const kgen_event *e, char *out, size_t n) {
    const kgen_data d = e->data;
    size_t at = 0;
#define PUT(...) (at += (size_t)snprintf(out + at, at < n ? n - at : 0, __VA_ARGS__))
    out[0] = 0;
    if (e->result.status != KGEN_OK) return;
    switch (e->operation) {
    case KGEN_OP_SESSION_CREATE:
        PUT("user=%s session=%s ns=%s game=%s wallet=%s new=%d exp=%lld start=%s",
            d.session->user_id, d.session->session_id, d.session->namespaced_third_party_user_id,
            d.session->third_party_client_id, d.session->wallet_address, d.session->is_new_user,
            (long long)d.session->expires_at, d.session->session_start_time.text);
        PUT(" name=%s app=%s screen=%s level=%lld/%d rank=%lld/%d", d.session->name,
            d.session->app_version, d.session->screen_height, (long long)d.session->level,
            d.session->has_level, (long long)d.session->rank, d.session->has_rank);
        break;
    case KGEN_OP_TOURNAMENTS_JOIN: case KGEN_OP_TOURNAMENTS_LEAVE:
    case KGEN_OP_TOURNAMENTS_SUBMIT_SCORE: case KGEN_OP_WALLET_WITHDRAW:
    case KGEN_OP_OTP_VERIFY: case KGEN_OP_REWARDS_CLAIM:
        PUT("message=%s", d.message->message);
        break;
    case KGEN_OP_TOURNAMENTS_ACTIVE:
        PUT("count=%zu", d.tournaments->count);
        for (size_t i = 0; i < d.tournaments->count; i++) {
            const kgen_tournament *t =
                KGEN_ARRAY_AT(kgen_tournament, d.tournaments->items, d.tournaments->item_size, i);
            PUT(" [%s %s/%d %s buy_in=%lld size=%lld n=%lld starts=%lld]", t->tournament_uid,
                t->status_text, (int)t->status, t->title, (long long)t->buy_in_price,
                (long long)t->tournament_size, (long long)t->participants_count,
                (long long)t->starts_at.unix_ms);
        }
        break;
    case KGEN_OP_TOURNAMENTS_GET:
        PUT("uid=%s status=%d title=%s buy_in=%lld ends=%s", d.tournament->tournament_uid,
            (int)d.tournament->status, d.tournament->title, (long long)d.tournament->buy_in_price,
            d.tournament->ends_at.text);
        break;
    case KGEN_OP_TOURNAMENTS_PARTICIPATED:
        PUT("count=%zu", d.strings->count);
        for (size_t i = 0; i < d.strings->count; i++) PUT(" %s", d.strings->items[i]);
        break;
    case KGEN_OP_LEADERBOARD_GET:
        PUT("entries=%zu winners=%zu pool=%g", d.leaderboard->entry_count,
            d.leaderboard->winner_count, d.leaderboard->price_pool);
        for (size_t i = 0; i < d.leaderboard->entry_count; i++) {
            const kgen_leaderboard_entry *e = KGEN_ARRAY_AT(kgen_leaderboard_entry,
                d.leaderboard->entries, d.leaderboard->entry_size, i);
            PUT(" %s:%lld#%lld", e->user_id, (long long)e->score, (long long)e->rank);
        }
        for (size_t i = 0; i < d.leaderboard->winner_count; i++) {
            const kgen_winner *w =
                KGEN_ARRAY_AT(kgen_winner, d.leaderboard->winners, d.leaderboard->winner_size, i);
            PUT(" won:%s:%g", w->user_id, w->reward);
        }
        break;
    case KGEN_OP_WALLET_BALANCE:
        PUT("earned=%g bought=%g bonus=%g min=%g wallet=%s", d.balance->earned_balance,
            d.balance->bought_balance, d.balance->bonus_balance,
            d.balance->min_wallet_bal_to_withdraw, d.balance->wallet_address);
        break;
    case KGEN_OP_WALLET_TRANSACTIONS:
        PUT("count=%zu last=%d key=%s", d.transactions->transaction_count,
            d.transactions->is_last_page, d.transactions->last_evaluated_key);
        for (size_t i = 0; i < d.transactions->transaction_count; i++) {
            const kgen_transaction *t = KGEN_ARRAY_AT(kgen_transaction,
                d.transactions->transactions, d.transactions->transaction_size, i);
            PUT(" [%s %g %s %s %s %s]", t->uid, t->amount, t->sync_status, t->description_kind,
                t->description_direction, t->created_at.text);
        }
        break;
    case KGEN_OP_OTP_REGISTER:
        PUT("auth_code=%s new=%d", d.otp_registration->auth_code, d.otp_registration->is_new_user);
        break;
    case KGEN_OP_REWARDS_CLAIMABLE:
        PUT("total=%g count=%zu", d.rewards->total_claimable_rewards, d.rewards->count);
        for (size_t i = 0; i < d.rewards->count; i++) {
            const kgen_reward *r = KGEN_ARRAY_AT(kgen_reward, d.rewards->items, d.rewards->item_size, i);
            PUT(" [%s %s %g]", r->tournament_id, r->claim_status, r->reward);
        }
        break;
    case KGEN_OP_STATS_HISTORIC:
        PUT("count=%zu", d.stats->count);
        for (size_t i = 0; i < d.stats->count; i++) {
            const kgen_historic_stat *s =
                KGEN_ARRAY_AT(kgen_historic_stat, d.stats->items, d.stats->item_size, i);
            PUT(" [%s %s won=%g]", s->kind, s->result, s->amount_won);
        }
        break;
    case KGEN_OP_ACCOUNT_LOGIN:
        PUT("requires_otp=%d", d.login->requires_otp);
        break;
    case KGEN_OP_ACCOUNT_CURRENT_USER:
        PUT("user_name=%s id=%lld level=%lld details=%s", d.user->user_name,
            (long long)d.user->user_id, (long long)d.user->access_level, d.user->details_json);
        break;
    default:
        CHECK(d.none == NULL);
        PUT("none");
    }
#undef PUT
}

typedef struct {
    captured c;
    char data[4096];
} outcome;

static void on_outcome(const kgen_event *e, void *user_data) {
    outcome *o = user_data;
    describe(e, o->data, sizeof o->data);
    capture(e, &o->c);
}

/* Starts one request and polls until its completion arrived. */
#define AWAIT(client, o, call)                               \
    do {                                                     \
        memset(&(o), 0, sizeof(o));                          \
        CHECK_OK(call);                                      \
        CHECK(poll_until((client), &(o).c.calls, 1, 30000)); \
    } while (0)

static void admin_tournament(const char *state, int size, char *uid, size_t n) {
    char body[4096], json[256];
    snprintf(json, sizeof json,
             "{\"title\":\"C journey\",\"buy_in_price\":10,\"tournament_size\":%d,\"state\":\"%s\"}",
             size, state);
    uid[0] = 0;
    if (admin_http("POST", "/sandbox/tournaments", json, body, sizeof body) == 200)
        json_string(body, "tournament_uid", uid, n);
}

static void every_operation_completes_in_a_player_journey(void) {
    kgen_client_options opts = default_options(KGEN_DISPATCH_MANUAL);
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&opts, &client));
    outcome o;
    char user[64], tournament[64], needle[256];
    unique_user(user, sizeof user, "journey");

    AWAIT(client, o, kgen_session_create(client, user, NULL, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && o.c.operation == KGEN_OP_SESSION_CREATE && o.c.session);
    kgen_session *s = o.c.session;
    snprintf(needle, sizeof needle, "user=%s ", user);
    CHECK(strstr(o.data, needle) && strstr(o.data, "new=1"));
    kgen_session_flow flow = 0;
    CHECK_OK(kgen_session_get_flow(s, &flow));
    CHECK(flow == KGEN_SESSION_FLOW_SERVER);
    char token[2048];
    size_t len = sizeof token;
    CHECK_OK(kgen_session_get_string(s, KGEN_SESSION_ACCESS_TOKEN, token, &len));
    CHECK(strlen(token) > 20);

    AWAIT(client, o, kgen_tournaments_active(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, LIVE_TOURNAMENT));
    AWAIT(client, o, kgen_tournaments_get(client, s, LIVE_TOURNAMENT, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, "buy_in=10") && strstr(o.data, "status=3"));
    AWAIT(client, o, kgen_wallet_balance(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, "bonus=50"));

    admin_tournament("STARTED", 10, tournament, sizeof tournament);
    CHECK(tournament[0]);
    AWAIT(client, o, kgen_tournaments_join(client, s, tournament, 10, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strlen(o.data) > strlen("message="));
    AWAIT(client, o, kgen_tournaments_participated(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, tournament));
    AWAIT(client, o, kgen_tournaments_submit_score(client, s, tournament, 42, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    AWAIT(client, o, kgen_leaderboard_get(client, s, tournament, on_outcome, &o, NULL));
    snprintf(needle, sizeof needle, " %s:42#1", user);
    CHECK(o.c.status == KGEN_OK && strstr(o.data, "entries=1") && strstr(o.data, needle));
    AWAIT(client, o, kgen_wallet_transactions(client, s, NULL, 0, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, "JOIN"));

    /* Link a phone by OTP: the sandbox shows the code it "sent". */
    char phone[16], path[128], body[1024], otp[16];
    snprintf(phone, sizeof phone, "9%09d", (int)((getpid() * 7919L + time(NULL)) % 1000000000L));
    AWAIT(client, o, kgen_otp_register(client, s, phone, "+91", on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    char auth_code[32];
    CHECK(json_string(o.data, "x", auth_code, sizeof auth_code) == 0);
    CHECK(sscanf(o.data, "auth_code=%31s", auth_code) == 1);
    snprintf(path, sizeof path, "/sandbox/otp?phone_number=%s&countryCode=%%2B91", phone);
    CHECK(admin_http("GET", path, NULL, body, sizeof body) == 200);
    CHECK(json_string(body, "otp", otp, sizeof otp));
    AWAIT(client, o, kgen_otp_verify(client, s, phone, "+91", auth_code, otp, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    /* The session shows the phone it linked, as a new session for the player does. */
    char linked[32], linked_fresh[32];
    len = sizeof linked;
    CHECK_OK(kgen_session_get_string(s, KGEN_SESSION_LINKED_PHONE, linked, &len));
    snprintf(needle, sizeof needle, "+91%s", phone);
    CHECK(strcmp(linked, needle) == 0);
    AWAIT(client, o, kgen_session_create(client, user, NULL, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && o.c.session);
    len = sizeof linked_fresh;
    CHECK_OK(kgen_session_get_string(o.c.session, KGEN_SESSION_LINKED_PHONE, linked_fresh, &len));
    CHECK(strcmp(linked, linked_fresh) == 0);
    CHECK_OK(kgen_session_destroy(o.c.session));

    /* Complete the tournament: the only player wins and claims. */
    snprintf(path, sizeof path, "/sandbox/tournaments/%s/complete", tournament);
    CHECK(admin_http("POST", path, "{}", body, sizeof body) == 200);
    AWAIT(client, o, kgen_rewards_claimable(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, "UNCLAIMED"));
    AWAIT(client, o, kgen_rewards_claim(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    AWAIT(client, o, kgen_wallet_balance(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && !strstr(o.data, "earned=0 "));
    AWAIT(client, o, kgen_wallet_withdraw(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    AWAIT(client, o, kgen_stats_historic(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && !strstr(o.data, "count=0"));

    AWAIT(client, o, kgen_tournaments_join(client, s, LOBBY_TOURNAMENT, 10, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    AWAIT(client, o, kgen_tournaments_leave(client, s, LOBBY_TOURNAMENT, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    CHECK_OK(kgen_session_destroy(s));
    CHECK_OK(kgen_client_destroy(client));
}

/* kgen_leaderboard_entry as a program built before `rank` was appended saw it. */
typedef struct {
    const char *user_id;
    int64_t score;
} entry_before_rank;

typedef struct {
    captured c;
    size_t entry_size, winner_size, tournament_size, transaction_size;
    char current[2][64];  /* user ids read with today's struct */
    char older[2][64];    /* the same read through the older struct, by entry_size */
    int64_t ranks[2];
} array_reading;

static void the_echoed_profile_reaches_c_and_a_level_of_zero_can_be_sent(void) {
    kgen_client_options opts = default_options(KGEN_DISPATCH_MANUAL);
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&opts, &client));
    outcome o;
    char user[64];
    unique_user(user, sizeof user, "profile");
    kgen_session_profile profile = {.struct_size = sizeof profile, .name = "Ann",
                                    .app_version = "1.4.2", .screen_height = "1080",
                                    .level = 5, .rank = 9};
    AWAIT(client, o, kgen_session_create(client, user, &profile, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    CHECK(strstr(o.data, " name=Ann app=1.4.2 screen=1080 level=5/1 rank=9/1"));
    kgen_session_destroy(o.c.session);

    /* A level of 0 is sent when asked for; a rank of 0 without send_rank is not. */
    kgen_session_profile zero = {.struct_size = sizeof zero, .send_level = 1};
    AWAIT(client, o, kgen_session_create(client, user, &zero, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, " level=0/1 rank=9/1"));
    kgen_session_destroy(o.c.session);

    /* A profile filled by a caller built before send_level existed still works. */
    kgen_session_profile older = {.level = 7};
    older.struct_size = (uint32_t)offsetof(kgen_session_profile, send_level);
    AWAIT(client, o, kgen_session_create(client, user, &older, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, " level=7/1"));
    kgen_session_destroy(o.c.session);
    CHECK_OK(kgen_client_destroy(client));
}

static void on_arrays(const kgen_event *e, void *user_data) {
    array_reading *r = user_data;
    const kgen_data d = e->data;
    if (e->result.status == KGEN_OK && e->operation == KGEN_OP_LEADERBOARD_GET) {
        const kgen_leaderboard *b = d.leaderboard;
        r->entry_size = b->entry_size;
        r->winner_size = b->winner_size;
        for (size_t i = 0; i < b->entry_count && i < 2; i++) {
            const kgen_leaderboard_entry *now =
                KGEN_ARRAY_AT(kgen_leaderboard_entry, b->entries, b->entry_size, i);
            const entry_before_rank *old =
                KGEN_ARRAY_AT(entry_before_rank, b->entries, b->entry_size, i);
            snprintf(r->current[i], sizeof r->current[i], "%s", now->user_id);
            snprintf(r->older[i], sizeof r->older[i], "%s", old->user_id);
            r->ranks[i] = now->rank;
        }
    } else if (e->result.status == KGEN_OK && e->operation == KGEN_OP_TOURNAMENTS_ACTIVE) {
        r->tournament_size = d.tournaments->item_size;
    } else if (e->result.status == KGEN_OK && e->operation == KGEN_OP_WALLET_TRANSACTIONS) {
        r->transaction_size = d.transactions->transaction_size;
    }
    capture(e, &r->c);
}

/* Arrays of result structs carry their element size, so elements can grow: a
 * program built against an older header steps through them correctly. */
static void result_arrays_are_read_by_their_element_size(void) {
    kgen_client_options opts = default_options(KGEN_DISPATCH_MANUAL);
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&opts, &client));
    char users[2][64], tournament[64];
    kgen_session *s[2];
    admin_tournament("STARTED", 10, tournament, sizeof tournament);
    CHECK(tournament[0]);
    outcome o;
    for (int i = 0; i < 2; i++) {
        unique_user(users[i], sizeof users[i], i ? "second" : "first");
        s[i] = create_session(client, users[i]);
        CHECK(s[i] != NULL);
        if (!s[i]) return;
        AWAIT(client, o, kgen_tournaments_join(client, s[i], tournament, 10, on_outcome, &o, NULL));
        CHECK(o.c.status == KGEN_OK);
        AWAIT(client, o, kgen_tournaments_submit_score(client, s[i], tournament, i ? 20 : 10,
                                                       on_outcome, &o, NULL));
        CHECK(o.c.status == KGEN_OK);
    }
    array_reading r;
    AWAIT(client, r, kgen_leaderboard_get(client, s[0], tournament, on_arrays, &r, NULL));
    CHECK(r.c.status == KGEN_OK);
    CHECK(r.entry_size == sizeof(kgen_leaderboard_entry) && r.entry_size > sizeof(entry_before_rank));
    CHECK(r.winner_size == sizeof(kgen_winner));
    CHECK(strcmp(r.current[0], users[1]) == 0 && strcmp(r.current[1], users[0]) == 0);
    CHECK(strcmp(r.older[0], users[1]) == 0 && strcmp(r.older[1], users[0]) == 0);
    CHECK(r.ranks[0] == 1 && r.ranks[1] == 2);
    AWAIT(client, r, kgen_tournaments_active(client, s[0], on_arrays, &r, NULL));
    CHECK(r.c.status == KGEN_OK && r.tournament_size == sizeof(kgen_tournament));
    AWAIT(client, r, kgen_wallet_transactions(client, s[0], NULL, 0, on_arrays, &r, NULL));
    CHECK(r.c.status == KGEN_OK && r.transaction_size == sizeof(kgen_transaction));
    CHECK_OK(kgen_client_destroy(client));
}

static void account_operations_complete_with_and_without_two_factor(void) {
    kgen_client_options opts = default_options(KGEN_DISPATCH_MANUAL);
    kgen_client *client = NULL;
    outcome o;
    /* Every /v3 call needs the API key: without one, refused at the call. */
    opts.private_token = NULL;
    CHECK_OK(kgen_client_new(&opts, &client));
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT,
                 kgen_account_login(client, "demo", "demo-password", 0, on_outcome, &o, NULL));
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_account_current_user(client, on_outcome, &o, NULL));
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_account_logout(client, on_outcome, &o, NULL));
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_account_login_otp(client, "123456", on_outcome, &o, NULL));
    CHECK_OK(kgen_client_destroy(client));
    opts = default_options(KGEN_DISPATCH_MANUAL);
    CHECK_OK(kgen_client_new(&opts, &client));
    AWAIT(client, o, kgen_account_login(client, "demo", "demo-password", 0, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, "requires_otp=0"));
    AWAIT(client, o, kgen_account_current_user(client, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, "user_name=demo "));
    AWAIT(client, o, kgen_account_logout(client, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && o.c.operation == KGEN_OP_ACCOUNT_LOGOUT);
    AWAIT(client, o, kgen_account_current_user(client, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, "user_name=demo2fa ")); /* the key's owner */

    AWAIT(client, o, kgen_account_login(client, "demo2fa", "demo-password", 1, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, "requires_otp=1"));
    char body[256], otp[32];
    CHECK(admin_http("GET", "/sandbox/v3/users/demo2fa/otp", NULL, body, sizeof body) == 200);
    CHECK(json_string(body, "otp", otp, sizeof otp));
    AWAIT(client, o, kgen_account_login_otp(client, "000000", on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_ERR_HTTP && o.c.api_error == KGEN_API_ERROR_INVALID_OTP);
    AWAIT(client, o, kgen_account_login_otp(client, otp, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    AWAIT(client, o, kgen_account_current_user(client, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, "user_name=demo2fa "));
    AWAIT(client, o, kgen_account_logout(client, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    CHECK_OK(kgen_client_destroy(client));
}

static void each_error_class_reaches_the_callback(void) {
    kgen_client_options opts = default_options(KGEN_DISPATCH_MANUAL);
    opts.retry_max_attempts = 1;
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&opts, &client));
    char user[64], fault[64];
    unique_user(user, sizeof user, "errors");
    kgen_session *s = create_session(client, user);
    CHECK(s);
    outcome o;

    /* The API's own errors, named. */
    AWAIT(client, o, kgen_tournaments_get(client, s, "00000000-0000-4000-8000-00000000dead", on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_ERR_HTTP && o.c.http_status == 404);
    CHECK(o.c.api_error == KGEN_API_ERROR_TOURNAMENT_NOT_FOUND);
    CHECK(strcmp(o.c.api_error_code, "TOURNAMENT_NOT_FOUND") == 0);
    CHECK(o.c.request_id[0] && o.c.raw_body_len > 0 && o.c.message[0]);
    AWAIT(client, o, kgen_tournaments_join(client, s, LIVE_TOURNAMENT, 10, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    AWAIT(client, o, kgen_tournaments_join(client, s, LIVE_TOURNAMENT, 10, on_outcome, &o, NULL));
    CHECK(o.c.http_status == 409 && o.c.api_error == KGEN_API_ERROR_EXISTING_PARTICIPATION_FOUND);
    AWAIT(client, o, kgen_tournaments_submit_score(client, s, LIVE_TOURNAMENT, -1, on_outcome, &o, NULL));
    CHECK(o.c.http_status == 400 && o.c.api_error == KGEN_API_ERROR_INVALID_SCORE);

    /* A blank required string is refused by the call itself: nothing starts. */
    memset(&o, 0, sizeof o);
    CHECK(kgen_tournaments_get(client, s, " ", on_outcome, &o, NULL) == KGEN_ERR_INVALID_ARGUMENT);
    CHECK(!poll_until(client, &o.c.calls, 1, 200));

    /* Rate limited, with the server's Retry-After. */
    CHECK(add_fault("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"status\":429,"
                    "\"retry_after_secs\":1,\"times\":1}", fault, sizeof fault));
    AWAIT(client, o, kgen_wallet_balance(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_ERR_HTTP && o.c.http_status == 429);
    CHECK(o.c.api_error == KGEN_API_ERROR_RATE_LIMITED);

    /* An answer the SDK does not accept: larger than the configured cap. */
    kgen_client_options capped = default_options(KGEN_DISPATCH_MANUAL);
    capped.max_response_bytes = 16;
    kgen_client *small = NULL;
    CHECK_OK(kgen_client_new(&capped, &small));
    char token[2048];
    size_t len = sizeof token;
    CHECK_OK(kgen_session_get_string(s, KGEN_SESSION_ACCESS_TOKEN, token, &len));
    kgen_session *restored = NULL;
    CHECK_OK(kgen_session_restore(small, token, NULL, &restored));
    AWAIT(small, o, kgen_tournaments_active(small, restored, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_ERR_DECODE && o.c.http_status == 200);
    CHECK_OK(kgen_client_destroy(small));

    /* The deadline passes while the server sits on the request. */
    kgen_client_options fast = default_options(KGEN_DISPATCH_MANUAL);
    fast.request_timeout_ms = 300;
    kgen_client *impatient = NULL;
    CHECK_OK(kgen_client_new(&fast, &impatient));
    CHECK_OK(kgen_session_restore(impatient, token, NULL, &restored));
    CHECK(add_fault("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"latency_ms\":3000,\"times\":1}",
                    fault, sizeof fault));
    double started = now_ms();
    AWAIT(impatient, o, kgen_wallet_balance(impatient, restored, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_ERR_TIMEOUT);
    CHECK(now_ms() - started < 2500);
    CHECK_OK(kgen_client_destroy(impatient));

    /* Nobody listens. */
    kgen_client_options nowhere = default_options(KGEN_DISPATCH_MANUAL);
    nowhere.base_url = "http://127.0.0.1:1";
    nowhere.retry_max_attempts = 1;
    kgen_client *lost = NULL;
    CHECK_OK(kgen_client_new(&nowhere, &lost));
    CHECK_OK(kgen_session_restore(lost, token, NULL, &restored));
    AWAIT(lost, o, kgen_wallet_balance(lost, restored, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_ERR_TRANSPORT && o.c.http_status == 0);
    CHECK_OK(kgen_client_destroy(lost));
    CHECK_OK(kgen_client_destroy(client));
}

static void a_stalled_attempt_is_cut_off_and_older_options_keep_the_default(void) {
    kgen_client_options opts = default_options(KGEN_DISPATCH_MANUAL);
    opts.attempt_timeout_ms = 800;
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&opts, &client));
    char user[64], fault[64];
    unique_user(user, sizeof user, "stalled");
    kgen_session *s = create_session(client, user);
    CHECK(s);
    outcome o;

    /* A read: the stalled attempt is abandoned and the next one answers. */
    CHECK(add_fault("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"latency_ms\":3000,\"times\":1}",
                    fault, sizeof fault));
    AWAIT(client, o, kgen_wallet_balance(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);

    /* A join still running at the server when its attempt is cut off is sent again under
     * its Idempotency-Key ("in progress" until it lands): it completes with its answer,
     * applied once. */
    CHECK(add_fault("{\"method\":\"POST\",\"path\":\"/fe/esports/tournaments/*/join\",\"latency_ms\":3000,"
                    "\"times\":1}", fault, sizeof fault));
    AWAIT(client, o, kgen_tournaments_join(client, s, LIVE_TOURNAMENT, 10, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && o.c.http_status == 200);
    AWAIT(client, o, kgen_wallet_balance(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK && strstr(o.data, "bonus=40"));
    CHECK_OK(kgen_client_destroy(client));

    /* Built against the header before attempt_timeout_ms: that field is not read,
     * so the default applies and a join slower than 800 ms succeeds. */
    kgen_client_options older = opts;
    older.struct_size = (uint32_t)offsetof(kgen_client_options, attempt_timeout_ms);
    CHECK_OK(kgen_client_new(&older, &client));
    unique_user(user, sizeof user, "older");
    s = create_session(client, user);
    CHECK(s);
    CHECK(add_fault("{\"method\":\"POST\",\"path\":\"/fe/esports/tournaments/*/join\",\"latency_ms\":1500,"
                    "\"times\":1}", fault, sizeof fault));
    AWAIT(client, o, kgen_tournaments_join(client, s, LIVE_TOURNAMENT, 10, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_OK);
    CHECK_OK(kgen_client_destroy(client));
}

static void a_refused_token_completes_as_session_expired_and_notifies(void) {
    captured notice = {0};
    kgen_client_options opts = default_options(KGEN_DISPATCH_MANUAL);
    opts.client_id = NULL;
    opts.client_secret = NULL; /* a game client: no secret */
    opts.session_expired = on_capture;
    opts.session_expired_user_data = &notice;
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&opts, &client));
    char token[1024];
    unsigned_token("forged-player", (long)time(NULL) + 3600, token, sizeof token);
    kgen_session *s = NULL;
    CHECK_OK(kgen_session_restore(client, token, NULL, &s));
    outcome o;
    AWAIT(client, o, kgen_wallet_balance(client, s, on_outcome, &o, NULL));
    CHECK(o.c.status == KGEN_ERR_SESSION_EXPIRED && o.c.http_status == 401);
    CHECK(poll_until(client, &notice.calls, 1, 5000));
    CHECK(notice.kind == KGEN_EVENT_SESSION_EXPIRED && notice.session == s);
    CHECK(notice.status == KGEN_ERR_SESSION_EXPIRED && notice.request == 0);
    CHECK_OK(kgen_client_destroy(client));
    CHECK(atomic_load(&notice.calls) == 1);
}

typedef struct {
    pthread_mutex_t lock;
    int lines;
    int secret_seen;
    const char *secrets[2];
} log_sink;

static void on_log(kgen_log_level level, const char *message, void *user_data) {
    log_sink *sink = user_data;
    pthread_mutex_lock(&sink->lock);
    sink->lines++;
    for (int i = 0; i < 2; i++)
        if (sink->secrets[i] && sink->secrets[i][0] && strstr(message, sink->secrets[i])) sink->secret_seen = 1;
    pthread_mutex_unlock(&sink->lock);
    (void)level;
}

static void log_lines_arrive_without_secrets_until_switched_off(void) {
    static char token[2048];
    log_sink sink = {PTHREAD_MUTEX_INITIALIZER, 0, 0, {"demo-secret", token}};
    CHECK_OK(kgen_set_log_callback(KGEN_LOG_TRACE, on_log, &sink));
    kgen_client_options opts = default_options(KGEN_DISPATCH_MANUAL);
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&opts, &client));
    char user[64];
    unique_user(user, sizeof user, "logs");
    kgen_session *s = create_session(client, user);
    CHECK(s);
    size_t len = sizeof token;
    CHECK_OK(kgen_session_get_string(s, KGEN_SESSION_ACCESS_TOKEN, token, &len));
    outcome o;
    AWAIT(client, o, kgen_wallet_balance(client, s, on_outcome, &o, NULL));
    CHECK_OK(kgen_set_log_callback(KGEN_LOG_OFF, NULL, NULL));
    int lines = sink.lines;
    CHECK(lines >= 2);
    CHECK(!sink.secret_seen);
    AWAIT(client, o, kgen_wallet_balance(client, s, on_outcome, &o, NULL));
    CHECK(sink.lines == lines);
    CHECK_OK(kgen_client_destroy(client));
}

int main(void) {
    RUN(every_operation_completes_in_a_player_journey);
    RUN(the_echoed_profile_reaches_c_and_a_level_of_zero_can_be_sent);
    RUN(result_arrays_are_read_by_their_element_size);
    RUN(account_operations_complete_with_and_without_two_factor);
    RUN(each_error_class_reaches_the_callback);
    RUN(a_stalled_attempt_is_cut_off_and_older_options_keep_the_default);
    RUN(a_refused_token_completes_as_session_expired_and_notifies);
    RUN(log_lines_arrive_without_secrets_until_switched_off);
    return test_summary("test_journey");
}
