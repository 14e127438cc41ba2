/*
 * quickstart.c - one player's whole journey with the kgen C API, in manual
 * dispatch: every callback runs inside kgen_client_poll() on this thread.
 *
 *   cc -Iinclude examples/c/quickstart.c -Ltarget/release -lkgen -lpthread -o quickstart
 *   KGEN_BASE_URL=http://127.0.0.1:8080 LD_LIBRARY_PATH=target/release ./quickstart
 *
 * Environment: KGEN_BASE_URL, KGEN_CLIENT_ID, KGEN_CLIENT_SECRET (a game
 * server's credentials: never ship a secret inside a game client), and for
 * the sandbox's admin steps (reading the OTP "sent" to a phone, completing a
 * tournament) KGEN_ADMIN_KEY; without it those steps are skipped.
 * KGEN_ACCOUNT_USER / KGEN_ACCOUNT_PASSWORD for the /v3 account steps
 * (default: the sandbox's demo user). KGEN_OUTBOX_DIR: where the client keeps
 * its outbox (default a fresh directory under /tmp).
 *
 * The client has an outbox: the score is written to disk before the call
 * returns and delivered from there, so a crash, a kill or a dead network
 * cannot lose it. Use one wherever a write must not be lost.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "kgen.h"

static const char *env(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

/* ---- one step = one request, awaited by polling ---- */

typedef struct {
    int done;
    kgen_status status;
    kgen_session *session;
    char text[512]; /* what the step printed, for the next step to read */
} step;

static int failures;

/* How each outbox entry ended: delivered, rejected (with the platform's error) or expired. */
static void on_outbox(const kgen_event *e, void *user_data) {
    (void)user_data;
    const kgen_outbox_entry *x = e->data.outbox;
    static const char *outcomes[] = {"?", "delivered", "rejected", "expired", "waiting for a session", "damaged"};
    printf("   outbox entry %llu (player %s, value %lld): %s%s%s\n", (unsigned long long)x->entry_id,
           x->user_id, (long long)x->value, outcomes[x->outcome > 5 ? 0 : x->outcome],
           e->result.status == KGEN_OK ? "" : " - ", e->result.status == KGEN_OK ? "" : e->result.message);
}

static void on_done(const kgen_event *e, void *user_data) {
    step *s = user_data;
    const kgen_data d = e->data;
    s->done = 1;
    s->status = e->result.status;
    s->session = e->session;
    s->text[0] = 0;
    if (e->result.status != KGEN_OK) {
        printf("   failed: %s (HTTP %d, %s) %s [request %s]\n", kgen_status_str(e->result.status),
               e->result.http_status, e->result.api_error_code, e->result.message,
               e->result.request_id);
        return;
    }
    switch (e->operation) {
    case KGEN_OP_SESSION_CREATE:
        printf("   player %s, session %s, wallet %s%s\n", d.session->user_id, d.session->session_id,
               d.session->wallet_address, d.session->is_new_user ? " (new player)" : "");
        break;
    case KGEN_OP_TOURNAMENTS_ACTIVE:
        for (size_t i = 0; i < d.tournaments->count; i++) {
            /* Step by the element size the library reports, so elements can grow. */
            const kgen_tournament *t =
                KGEN_ARRAY_AT(kgen_tournament, d.tournaments->items, d.tournaments->item_size, i);
            printf("   %s  %-9s buy-in %lld  %lld/%lld players  %s\n", t->tournament_uid,
                   t->status_text, (long long)t->buy_in_price, (long long)t->participants_count,
                   (long long)t->tournament_size, t->title);
            if (t->status == KGEN_TOURNAMENT_STARTED && !s->text[0])
                snprintf(s->text, sizeof s->text, "%s %lld", t->tournament_uid, (long long)t->buy_in_price);
        }
        break;
    case KGEN_OP_TOURNAMENTS_GET:
        printf("   \"%s\" ends %s\n", d.tournament->title, d.tournament->ends_at.text);
        break;
    case KGEN_OP_WALLET_BALANCE:
        printf("   earned %.2f, bought %.2f, bonus %.2f (withdrawable from %.2f)\n",
               d.balance->earned_balance, d.balance->bought_balance, d.balance->bonus_balance,
               d.balance->min_wallet_bal_to_withdraw);
        break;
    case KGEN_OP_LEADERBOARD_GET:
        for (size_t i = 0; i < d.leaderboard->entry_count && i < 5; i++) {
            const kgen_leaderboard_entry *e = KGEN_ARRAY_AT(kgen_leaderboard_entry,
                d.leaderboard->entries, d.leaderboard->entry_size, i);
            printf("   #%lld %s %lld\n", (long long)e->rank, e->user_id, (long long)e->score);
        }
        break;
    case KGEN_OP_TOURNAMENTS_PARTICIPATED:
        printf("   %zu tournament(s)\n", d.strings->count);
        break;
    case KGEN_OP_WALLET_TRANSACTIONS:
        for (size_t i = 0; i < d.transactions->transaction_count; i++) {
            const kgen_transaction *t = KGEN_ARRAY_AT(kgen_transaction,
                d.transactions->transactions, d.transactions->transaction_size, i);
            printf("   %-6s %-6s %8.2f  %s\n", t->description_direction, t->description_kind,
                   t->amount, t->description_text);
        }
        break;
    case KGEN_OP_OTP_REGISTER:
        printf("   code sent, auth code %s\n", d.otp_registration->auth_code);
        snprintf(s->text, sizeof s->text, "%s", d.otp_registration->auth_code);
        break;
    case KGEN_OP_REWARDS_CLAIMABLE:
        printf("   %.2f claimable in %zu reward(s)\n", d.rewards->total_claimable_rewards, d.rewards->count);
        break;
    case KGEN_OP_STATS_HISTORIC:
        for (size_t i = 0; i < d.stats->count; i++) {
            const kgen_historic_stat *h =
                KGEN_ARRAY_AT(kgen_historic_stat, d.stats->items, d.stats->item_size, i);
            printf("   %s %s: stake %.0f, won %.2f\n", h->kind, h->result, h->buy_in_stake, h->amount_won);
        }
        break;
    case KGEN_OP_ACCOUNT_LOGIN:
        printf("   logged in%s\n", d.login->requires_otp ? ", one-time password needed" : "");
        break;
    case KGEN_OP_ACCOUNT_CURRENT_USER:
        printf("   %s <%s>, access level %lld\n", d.user->user_name, d.user->email,
               (long long)d.user->access_level);
        break;
    default:
        printf("   %s\n", d.message ? d.message->message : "done");
    }
}

/* Prints the step, waits for its completion by polling, returns its status. */
static kgen_status await(kgen_client *client, step *s, const char *title, kgen_status started) {
    printf("-> %s\n", title);
    if (started != KGEN_OK) {
        printf("   not started: %s\n", kgen_status_str(started));
        failures++;
        return started;
    }
    while (!s->done) {
        kgen_client_poll(client, 0, NULL);
        usleep(2000);
    }
    s->done = 0;
    if (s->status != KGEN_OK) failures++;
    return s->status;
}

/* ---- the sandbox's admin API: a few plain HTTP calls, not part of the SDK ---- */

static int admin(const char *method, const char *path, const char *json, char *body, size_t n) {
    const char *key = getenv("KGEN_ADMIN_KEY");
    unsigned a, b, c, d, port;
    if (!key || sscanf(env("KGEN_BASE_URL", ""), "http://%u.%u.%u.%u:%u", &a, &b, &c, &d, &port) != 5)
        return -1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl((a << 24) | (b << 16) | (c << 8) | d);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        if (fd >= 0) close(fd);
        return -1;
    }
    char req[1024], resp[8192];
    int len = snprintf(req, sizeof req,
                       "%s %s HTTP/1.1\r\nHost: sandbox\r\nx-admin-key: %s\r\nConnection: close\r\n"
                       "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                       method, path, key, strlen(json), json);
    size_t got = 0;
    ssize_t r = write(fd, req, (size_t)len);
    while (r > 0 && got < sizeof resp - 1 && (r = read(fd, resp + got, sizeof resp - 1 - got)) > 0)
        got += (size_t)r;
    close(fd);
    resp[got] = 0;
    int status = 0;
    sscanf(resp, "HTTP/1.1 %d", &status);
    const char *start = strstr(resp, "\r\n\r\n");
    snprintf(body, n, "%s", start ? start + 4 : "");
    return status;
}

/* The string value of "key" in a flat JSON object. */
static int field(const char *json, const char *key, char *out, size_t n) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *p = strstr(json, pattern);
    if (!p) return 0;
    p += strlen(pattern);
    const char *end = strchr(p, '"');
    if (!end) return 0;
    snprintf(out, n, "%.*s", (int)(end - p), p);
    return 1;
}

int main(void) {
    printf("kgen %s\n", kgen_version());
    kgen_client_options options;
    KGEN_CLIENT_OPTIONS_INIT(options);
    options.base_url = env("KGEN_BASE_URL", "http://127.0.0.1:8080");
    options.account_base_url = options.base_url; /* the sandbox serves /v3 too; production: api.i3d.net */
    options.private_token = env("KGEN_PRIVATE_TOKEN", "demo-api-key"); /* the /v3 account's API key */
    options.client_id = env("KGEN_CLIENT_ID", "demo-client");
    options.client_secret = env("KGEN_CLIENT_SECRET", "demo-secret");
    options.dispatch = KGEN_DISPATCH_MANUAL;
    char outbox[64];
    snprintf(outbox, sizeof outbox, "/tmp/kgen-quickstart-outbox-%d", (int)getpid());
    options.outbox_path = env("KGEN_OUTBOX_DIR", outbox);
    options.outbox_event = on_outbox;
    kgen_client *client = NULL;
    if (kgen_client_new(&options, &client) != KGEN_OK) {
        char why[256];
        size_t len = sizeof why;
        kgen_last_error_message(why, &len);
        fprintf(stderr, "cannot create the client: %s\n", why);
        return 1;
    }
    int admin_steps = getenv("KGEN_ADMIN_KEY") != NULL;
    step s = {0};
    char user[64], uid[64] = "", body[2048], path[256];
    snprintf(user, sizeof user, "quickstart-%d-%ld", (int)getpid(), (long)time(NULL));

    if (await(client, &s, "create the player's session (server flow)",
              kgen_session_create(client, user, NULL, on_done, &s, NULL)) != KGEN_OK) {
        kgen_client_destroy(client);
        return 1;
    }
    kgen_session *player = s.session;

    long long buy_in = 0;
    await(client, &s, "list live tournaments", kgen_tournaments_active(client, player, on_done, &s, NULL));
    sscanf(s.text, "%63s %lld", uid, &buy_in);
    if (admin_steps) { /* a tournament of our own, so we can complete it */
        admin("POST", "/sandbox/tournaments",
              "{\"title\":\"Quickstart Cup\",\"buy_in_price\":10,\"tournament_size\":8,\"state\":\"STARTED\"}",
              body, sizeof body);
        if (field(body, "tournament_uid", uid, sizeof uid)) buy_in = 10;
    }
    if (!uid[0]) {
        printf("no live tournament to join\n");
        kgen_client_destroy(client);
        return 1;
    }
    await(client, &s, "read the tournament", kgen_tournaments_get(client, player, uid, on_done, &s, NULL));
    await(client, &s, "wallet balance", kgen_wallet_balance(client, player, on_done, &s, NULL));
    await(client, &s, "join it, paying the buy-in",
          kgen_tournaments_join(client, player, uid, buy_in, on_done, &s, NULL));
    await(client, &s, "submit a score of 1337 (queued in the outbox)",
          kgen_tournaments_submit_score(client, player, uid, 1337, on_done, &s, NULL));
    int empty = 0;
    printf("-> wait until the outbox delivered it\n");
    kgen_outbox_flush(client, 20000, &empty);
    kgen_client_poll(client, 0, NULL); /* its event */
    if (!empty) failures++;
    await(client, &s, "leaderboard", kgen_leaderboard_get(client, player, uid, on_done, &s, NULL));
    await(client, &s, "tournaments played", kgen_tournaments_participated(client, player, on_done, &s, NULL));
    await(client, &s, "wallet transactions",
          kgen_wallet_transactions(client, player, NULL, 0, on_done, &s, NULL));

    char phone[16];
    snprintf(phone, sizeof phone, "9%09ld", ((long)getpid() * 7919L + (long)time(NULL)) % 1000000000L);
    await(client, &s, "link a phone: send a one-time password",
          kgen_otp_register(client, player, phone, "+91", on_done, &s, NULL));
    char auth_code[sizeof s.text], otp[32];
    snprintf(auth_code, sizeof auth_code, "%s", s.text);
    snprintf(path, sizeof path, "/sandbox/otp?phone_number=%s&countryCode=%%2B91", phone);
    if (admin_steps && admin("GET", path, "", body, sizeof body) == 200 && field(body, "otp", otp, sizeof otp)) {
        await(client, &s, "verify the code the player received",
              kgen_otp_verify(client, player, phone, "+91", auth_code, otp, on_done, &s, NULL));
        snprintf(path, sizeof path, "/sandbox/tournaments/%s/complete", uid);
        printf("-> (sandbox admin) complete the tournament: %s\n",
               admin("POST", path, "{}", body, sizeof body) == 200 ? "done" : "failed");
        await(client, &s, "claimable rewards", kgen_rewards_claimable(client, player, on_done, &s, NULL));
        await(client, &s, "claim them", kgen_rewards_claim(client, player, on_done, &s, NULL));
        await(client, &s, "wallet balance", kgen_wallet_balance(client, player, on_done, &s, NULL));
        await(client, &s, "withdraw the earnings", kgen_wallet_withdraw(client, player, on_done, &s, NULL));
    } else {
        printf("-> (no KGEN_ADMIN_KEY: skipping OTP verification, completion, claim, withdrawal)\n");
    }
    await(client, &s, "tournament history", kgen_stats_historic(client, player, on_done, &s, NULL));

    await(client, &s, "account: log in",
          kgen_account_login(client, env("KGEN_ACCOUNT_USER", "demo"),
                             env("KGEN_ACCOUNT_PASSWORD", "demo-password"), 0, on_done, &s, NULL));
    await(client, &s, "account: who am I", kgen_account_current_user(client, on_done, &s, NULL));
    await(client, &s, "account: log out", kgen_account_logout(client, on_done, &s, NULL));

    kgen_session_destroy(player);
    kgen_client_destroy(client);
    printf(failures ? "journey finished with %d failed step(s)\n" : "journey complete\n", failures);
    return failures ? 1 : 0;
}
