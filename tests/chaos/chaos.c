/*
 * The chaos soak: players join, leave and submit scores in a live tournament through the
 * real libkgen.so against the sandbox, with faults injected on every route they use
 * (connections dropped before and after the server applied the write, injected 503s and
 * 429s, added latency, and latency past the attempt timeout on the writes), clients in
 * all three dispatch modes, cancels, the tournament locked and reopened, the server's clock
 * jumped, and clients destroyed with requests in flight; then the rewards of a
 * played-out tournament are claimed under faults. It checks:
 *   - every request completes exactly once (none lost, none duplicated), also across
 *     destroy, and no callback runs after destroy returned;
 *   - every definite outcome matches the sandbox: a join or leave reported applied is in
 *     the participated list, one reported not applied is not; a score reported applied is
 *     in the sandbox's score ledger once, one reported not applied is not in it (no lost
 *     or phantom effect); the leaderboard holds each player's best applied score; a claim
 *     reported applied left nothing unclaimed, one reported not applied left the rewards;
 *   - the wallet paid each stake at most once, no score was recorded twice and each
 *     reward was credited once (no write applied twice);
 *   - a write that timed out is never reported not applied and then applied late;
 *   - unknown outcomes (KGEN_ERR_OUTCOME_UNKNOWN) are counted.
 * Prints the figures, and with a player's mismatch the player's writes of the last rounds
 * (kind, cancel, times, status); exits 1 on any violation.
 *
 *   chaos [ROUNDS] [PLAYERS]   (default 20 rounds of 16 players)
 * Environment as tests/c/kgen_test.h: KGEN_BASE_URL, KGEN_ADMIN_KEY.
 */
#include "../c/kgen_test.h"

#define LIVE "d1a0c0de-0000-4000-8000-000000000001"
#define CLIENTS 4
#define STR_(x) #x
#define STR(x) STR_(x)
/* Fault kinds, in the order of their figures. */
enum { DROP_AFTER, DROP_BEFORE, STATUS_503, STATUS_429, LATENCY, PAST_ATTEMPT, FAULT_KINDS };
/* A write whose attempt gets no answer within ATTEMPT_MS is resolved by sending it again
 * under its Idempotency-Key (then by a read); the long latency fault holds a write past it. */
#define ATTEMPT_MS 1000
#define PAST_ATTEMPT_MS 1300
/* Scores are unique in the run and grow per player: SCORE(round, player). */
#define SCORE_BASE 100000L
#define SCORE(round, i) (((long)(round) + 1) * SCORE_BASE + (i))

enum write_kind { JOIN, LEAVE, SUBMIT };
/* A write's reported outcome. */
enum outcome { NOT_SENT, APPLIED, NOT_APPLIED, UNCERTAIN };

typedef struct {
    atomic_int calls;
    kgen_status status;
    kgen_api_error api;
    int http_status;
    int listed;       /* participated read: LIVE is listed */
    double funds;     /* balance read: earned + bought + bonus */
    double unclaimed; /* rewards read: the amount of the rewards left unclaimed */
    double done_ms;   /* when the completion ran */
} slot;

/* What each player's write of each round was and how it ended: printed with a mismatch. */
typedef struct {
    char kind; /* 'J'oin, 'L'eave, 'S'core */
    int cancelled;
    kgen_status status;
    int http_status;
    kgen_api_error api;
    double sent_ms, done_ms;
} write_record;
static write_record *history; /* [round * players + player] */
static int history_players;
static double start_ms;

typedef struct {
    kgen_session *session;
    int client;
    int joined, known;
    double start_funds;
    int start_joined;
    /* The leaderboard entry is known: no join or leave of uncertain outcome since the
     * last join reported applied (round `joined_in`), which starts with no score. */
    int board_known, joined_in;
} player;

static kgen_client *clients[CLIENTS];
static long requests, by_status[1000], lost, duplicated, mismatched, double_applied, unknown;
static long resolved_applied; /* answers lost, the checking read found the write applied */
static long scores_sent, scores_applied, board_checked, claims_sent, claims_applied;
static long *board; /* leaderboard read: best score by player, -1 when none */
static int board_players;

static void on_done(const kgen_event *e, void *ud) {
    slot *s = ud;
    s->status = e->result.status;
    s->api = e->result.api_error;
    s->http_status = e->result.http_status;
    if (s->status == KGEN_OK && e->operation == KGEN_OP_TOURNAMENTS_PARTICIPATED) {
        s->listed = 0;
        for (size_t i = 0; i < e->data.strings->count; i++)
            if (!strcmp(e->data.strings->items[i], LIVE)) s->listed = 1;
    }
    if (s->status == KGEN_OK && e->operation == KGEN_OP_LEADERBOARD_GET) {
        const kgen_leaderboard *lb = e->data.leaderboard;
        for (size_t i = 0; i < lb->entry_count; i++) {
            long score = (long)KGEN_ARRAY_AT(kgen_leaderboard_entry, lb->entries, lb->entry_size, i)->score;
            if (score >= SCORE_BASE && score % SCORE_BASE < board_players) board[score % SCORE_BASE] = score;
        }
    }
    if (s->status == KGEN_OK && e->operation == KGEN_OP_REWARDS_CLAIMABLE) {
        const kgen_claimable_rewards *r = e->data.rewards;
        s->unclaimed = 0;
        for (size_t i = 0; i < r->count; i++) {
            const kgen_reward *reward = KGEN_ARRAY_AT(kgen_reward, r->items, r->item_size, i);
            if (!strcmp(reward->claim_status, "UNCLAIMED")) s->unclaimed += reward->reward;
        }
    }
    if (s->status == KGEN_OK && e->operation == KGEN_OP_WALLET_BALANCE)
        s->funds = e->data.balance->earned_balance + e->data.balance->bought_balance +
                   e->data.balance->bonus_balance;
    s->done_ms = now_ms();
    atomic_fetch_add(&s->calls, 1);
}

/* Player i's writes of the last 16 rounds before `to`, one line each. */
static void print_history(int i, int to) {
    for (int r = to < 16 ? 0 : to - 16; r < to; r++) {
        const write_record *w = &history[r * history_players + i];
        fprintf(stderr, "  round %2d: %c%s sent at %.0f ms, ended at %.0f ms: %s, http %d, api %d\n", r,
                w->kind, w->cancelled ? " (cancelled)" : "", w->sent_ms - start_ms, w->done_ms - start_ms,
                kgen_status_str(w->status), w->http_status, (int)w->api);
    }
}

/* Waits until every slot completed (polling the manual clients); counts lost and duplicated. */
static void settle(slot *slots, int n, int count) {
    double deadline = now_ms() + 60000;
    for (;;) {
        int done = 0;
        for (int i = 0; i < n; i++) done += atomic_load(&slots[i].calls) > 0;
        if (done == n || now_ms() > deadline) break;
        for (int c = 0; c < CLIENTS; c++)
            if (clients[c]) kgen_client_poll(clients[c], 0, NULL);
        sleep_ms(1);
    }
    for (int c = 0; c < CLIENTS; c++)
        if (clients[c]) kgen_client_poll(clients[c], 0, NULL);
    for (int i = 0; i < n; i++) {
        int calls = atomic_load(&slots[i].calls);
        if (!count) continue;
        lost += calls == 0;
        duplicated += calls > 1;
        if (calls) by_status[slots[i].status % 1000]++;
    }
}

static long faults[FAULT_KINDS]; /* applied, by kind */
static int fault_kind[64], faults_added;

static void fault(const char *method, const char *path, const char *what) {
    char spec[256], id[64];
    snprintf(spec, sizeof spec, "{\"method\":\"%s\",\"path\":\"%s\",%s}", method, path, what);
    if (!add_fault(spec, id, sizeof id)) { fprintf(stderr, "fault refused: %s\n", spec); exit(2); }
}

static void state(const char *s) {
    char json[64];
    snprintf(json, sizeof json, "{\"state\":\"%s\"}", s);
    admin_http("POST", "/sandbox/tournaments/" LIVE "/state", json, NULL, 0);
}

/* Every kind of fault on each route (latency past the attempt timeout on writes only). */
static void add_faults(const char *routes[][2], int count) {
    static const char *kinds[FAULT_KINDS] = {
        "\"drop\":\"after\",\"probability\":0.08", "\"drop\":\"before\",\"probability\":0.08",
        "\"status\":503,\"probability\":0.05", "\"status\":429,\"retry_after_secs\":0,\"probability\":0.04",
        "\"latency_ms\":30,\"probability\":0.05",
        "\"latency_ms\":" STR(PAST_ATTEMPT_MS) ",\"probability\":0.01"};
    for (int r = 0; r < count; r++)
        for (int k = 0; k < FAULT_KINDS; k++) {
            if (k == PAST_ATTEMPT && routes[r][0][0] == 'G') continue;
            fault(routes[r][0], routes[r][1], kinds[k]);
            fault_kind[faults_added++] = k;
        }
}

/* Counts the faults applied, by kind (listed in the order they were added), and removes them. */
static void clear_faults(void) {
    static char list[1 << 16];
    admin_http("GET", "/sandbox/faults", NULL, list, sizeof list);
    const char *at = list;
    for (int f = 0; f < faults_added && (at = strstr(at, "\"applied\":")); f++) {
        at += strlen("\"applied\":");
        faults[fault_kind[f]] += atol(at);
    }
    faults_added = 0;
    admin_http("DELETE", "/sandbox/faults", NULL, NULL, 0);
}

/* Reads every player's participation and funds with no faults in place. */
static void read_ledgers(player *p, int n, slot *listed, slot *funds) {
    for (int i = 0; i < n; i++) {
        kgen_tournaments_participated(clients[p[i].client], p[i].session, on_done, &listed[i], NULL);
        kgen_wallet_balance(clients[p[i].client], p[i].session, on_done, &funds[i], NULL);
    }
    settle(listed, n, 0);
    settle(funds, n, 0);
}

/* A client with requests in flight (slowed by latency) is destroyed: each ends once,
 * before destroy returns, and no callback comes after. */
static void destroy_in_flight(kgen_dispatch mode) {
    kgen_client_options o = default_options(mode);
    kgen_client *c = NULL;
    if (kgen_client_new(&o, &c) != KGEN_OK) exit(2);
    char user[64];
    snprintf(user, sizeof user, "chaos-%d-doomed-%d", (int)getpid(), (int)mode);
    kgen_session *s = create_session(c, user);
    if (!s) exit(2);
    enum { N = 40 };
    static slot slots[N];
    memset(slots, 0, sizeof slots);
    for (int i = 0; i < N; i++) {
        requests++;
        if (i % 2) kgen_tournaments_join(c, s, LIVE, 10, on_done, &slots[i], NULL);
        else kgen_tournaments_participated(c, s, on_done, &slots[i], NULL);
    }
    /* A driven client sends only while called: let it send before the destroy. */
    if (mode == KGEN_DISPATCH_DRIVEN) kgen_client_wait(c, 20);
    else sleep_ms(20);
    kgen_client_destroy(c);
    int after_destroy[N];
    for (int i = 0; i < N; i++) after_destroy[i] = atomic_load(&slots[i].calls);
    sleep_ms(200);
    for (int i = 0; i < N; i++) {
        lost += after_destroy[i] == 0;
        duplicated += atomic_load(&slots[i].calls) != after_destroy[i] || after_destroy[i] > 1;
        if (after_destroy[i]) by_status[slots[i].status % 1000]++;
    }
}

/* Every score against the sandbox's ledger of accepted submissions (each score is unique,
 * so it names its round and player): reported applied, in it once; reported not applied,
 * not in it; never in it twice. Then the leaderboard: each joined player whose entry is
 * known shows the best score the ledger holds since the player's last join. */
static void check_scores(player *p, int n, int rounds, const int *sent, const kgen_status *status,
                         const slot *listed) {
    static char ledger[32 << 20];
    if (admin_http("GET", "/sandbox/tournaments/" LIVE "/scores", NULL, ledger, sizeof ledger) != 200) {
        fprintf(stderr, "the score ledger could not be read\n");
        exit(2);
    }
    int *times = calloc((size_t)rounds * n, sizeof *times);
    for (const char *at = ledger; (at = strstr(at, "\"score\":"));) {
        at += strlen("\"score\":");
        long score = atol(at), round = score / SCORE_BASE - 1, i = score % SCORE_BASE;
        if (score >= SCORE_BASE && round < rounds && i < n) times[round * n + i]++;
    }
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            int t = times[r * n + i], outcome = sent[r * n + i];
            scores_applied += t > 0;
            if (t > 1) {
                double_applied++;
                fprintf(stderr, "score %ld recorded %d times\n", SCORE(r, i), t);
            }
            if ((outcome == APPLIED && t != 1) || ((outcome == NOT_APPLIED || outcome == NOT_SENT) && t)) {
                mismatched++;
                fprintf(stderr, "score %ld: reported %s (%s), the ledger has it %d times\n", SCORE(r, i),
                        outcome == APPLIED ? "applied" : "not applied", kgen_status_str(status[r * n + i]), t);
            }
        }
    board_players = n;
    board = malloc(n * sizeof *board);
    for (int i = 0; i < n; i++) board[i] = -1;
    slot read = {0};
    kgen_leaderboard_get(clients[0], p[0].session, LIVE, on_done, &read, NULL);
    settle(&read, 1, 0);
    if (read.status != KGEN_OK) {
        fprintf(stderr, "the leaderboard could not be read: %s\n", kgen_status_str(read.status));
        exit(2);
    }
    for (int i = 0; i < n; i++) {
        if (!p[i].board_known || !p[i].known) continue;
        long best = -1;
        board_checked++;
        for (int r = p[i].joined_in + 1; listed[i].listed && r < rounds; r++)
            if (times[r * n + i]) best = SCORE(r, i);
        if (board[i] != best) {
            mismatched++;
            fprintf(stderr, "player %d: leaderboard shows %ld, the ledger's best since joining is %ld\n",
                    i, board[i], best);
            print_history(i, rounds);
        }
    }
    free(times);
}

/* The outcome a completion reports; counts the resolved and the unknown ones. */
static enum outcome outcome_of(const slot *s) {
    if (!atomic_load(&s->calls)) return UNCERTAIN;
    switch (s->status) {
    case KGEN_OK:
        resolved_applied += s->http_status == 0;
        return APPLIED;
    case KGEN_ERR_TRANSPORT: return NOT_APPLIED; /* checked by a read, or never sent */
    case KGEN_ERR_HTTP: return NOT_APPLIED;      /* an error answer, to the write or a repeat */
    case KGEN_ERR_OUTCOME_UNKNOWN: unknown++; return UNCERTAIN;
    case KGEN_ERR_TIMEOUT: /* a resolved write never ends so: it is settled or unknown */
        mismatched++;
        fprintf(stderr, "a write ended in a plain timeout\n");
        return UNCERTAIN;
    default: return UNCERTAIN; /* cancelled after it may have been sent, or else */
    }
}

/* Reads every player's rewards and funds with no faults in place. */
static void read_rewards(player *p, int n, slot *rewards, slot *funds) {
    memset(rewards, 0, n * sizeof *rewards);
    memset(funds, 0, n * sizeof *funds);
    for (int i = 0; i < n; i++) {
        kgen_rewards_claimable(clients[p[i].client], p[i].session, on_done, &rewards[i], NULL);
        kgen_wallet_balance(clients[p[i].client], p[i].session, on_done, &funds[i], NULL);
    }
    settle(rewards, n, 0);
    settle(funds, n, 0);
}

/* Claims: a second tournament is played to its end without faults; then every player
 * claims under faults on the claim routes, again until the claim's outcome is known
 * (applied, or nothing left to claim). Each reported outcome is checked: a claim reported
 * applied left nothing unclaimed, one reported not applied left the rewards there (the
 * next claim finds them), and the funds grew by the rewards exactly once. */
#define PRIZE_FEE 5
static void claims(player *p, int n) {
    char body[256], created[4096], uid[64], path[128];
    snprintf(body, sizeof body,
             "{\"title\":\"chaos prizes\",\"buy_in_price\":%d,\"tournament_size\":%d,\"state\":\"STARTED\"}",
             PRIZE_FEE, n);
    if (admin_http("POST", "/sandbox/tournaments", body, created, sizeof created) != 200 ||
        !json_string(created, "tournament_uid", uid, sizeof uid)) {
        fprintf(stderr, "the prize tournament could not be made: %s\n", created);
        exit(2);
    }
    slot *s = calloc(n, sizeof *s), *before = calloc(n, sizeof *s), *funds = calloc(n, sizeof *s);
    for (int i = 0; i < n; i++)
        kgen_tournaments_join(clients[p[i].client], p[i].session, uid, PRIZE_FEE, on_done, &s[i], NULL);
    settle(s, n, 0);
    memset(s, 0, n * sizeof *s);
    for (int i = 0; i < n; i++)
        kgen_tournaments_submit_score(clients[p[i].client], p[i].session, uid, i + 1, on_done, &s[i], NULL);
    settle(s, n, 0);
    snprintf(path, sizeof path, "/sandbox/tournaments/%s/complete", uid);
    if (admin_http("POST", path, NULL, NULL, 0) != 200) exit(2);
    read_rewards(p, n, before, funds);
    double *start_funds = malloc(n * sizeof *start_funds);
    for (int i = 0; i < n; i++) start_funds[i] = funds[i].funds;

    const char *routes[][2] = {{"POST", "/fe/esports/rewards/claim"}, {"GET", "/fe/esports/rewards/claim"}};
    add_faults(routes, 2);
    int *done = calloc(n, sizeof *done), *claimed = calloc(n, sizeof *claimed),
        *known = calloc(n, sizeof *known), *who = calloc(n, sizeof *who);
    for (int i = 0; i < n; i++) known[i] = 1;
    for (int round = 0; round < 12; round++) {
        int k = 0;
        memset(s, 0, n * sizeof *s);
        for (int i = 0; i < n; i++) {
            if (done[i]) continue;
            kgen_request_id id = 0;
            requests++, claims_sent++;
            kgen_rewards_claim(clients[p[i].client], p[i].session, on_done, &s[k], &id);
            if (rand() % 20 == 0) kgen_request_cancel(clients[p[i].client], id);
            who[k++] = i;
        }
        if (!k) break;
        settle(s, k, 1);
        for (int j = 0; j < k; j++) {
            int i = who[j];
            enum outcome outcome = outcome_of(&s[j]);
            if (outcome == APPLIED) {
                claimed[i] = known[i] = done[i] = 1;
                claims_applied++;
            } else if (outcome == UNCERTAIN) {
                known[i] = 0;
            } else if (s[j].status == KGEN_ERR_HTTP && s[j].api == KGEN_API_ERROR_NO_CLAIMABLE_REWARDS) {
                if (known[i] && !claimed[i] && before[i].unclaimed > 0) {
                    mismatched++; /* reported not applied earlier, yet nothing was left */
                    fprintf(stderr, "player %d: a claim reported not applied was applied\n", i);
                }
                done[i] = known[i] = 1;
                claimed[i] = before[i].unclaimed > 0;
            } else if (s[j].status != KGEN_ERR_HTTP) {
                known[i] = 1; /* the checking read saw rewards left unclaimed */
                claimed[i] = 0;
            }
        }
    }
    clear_faults();
    slot *after = calloc(n, sizeof *after);
    read_rewards(p, n, after, funds);
    for (int i = 0; i < n; i++) {
        if (known[i] && (after[i].unclaimed > 0) != (before[i].unclaimed > 0 && !claimed[i])) {
            mismatched++;
            fprintf(stderr, "player %d: claim reported %s, %.2f left unclaimed of %.2f\n", i,
                    claimed[i] ? "applied" : "not applied", after[i].unclaimed, before[i].unclaimed);
        }
        if (funds[i].funds != start_funds[i] + before[i].unclaimed - after[i].unclaimed) {
            double_applied++;
            fprintf(stderr, "player %d: funds %.2f after claiming %.2f from %.2f\n", i, funds[i].funds,
                    before[i].unclaimed - after[i].unclaimed, start_funds[i]);
        }
    }
    free(s), free(before), free(after), free(funds), free(start_funds);
    free(done), free(claimed), free(known), free(who);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 20, n = argc > 2 ? atoi(argv[2]) : 16;
    srand(12345);
    admin_http("DELETE", "/sandbox/faults", NULL, NULL, 0);
    state("STARTED");
    /* Polled every millisecond while the soak waits (settle): a driven client's requests,
     * retries and timeouts advance only then. */
    const kgen_dispatch modes[CLIENTS] = {KGEN_DISPATCH_MANUAL, KGEN_DISPATCH_IMMEDIATE,
                                          KGEN_DISPATCH_DRIVEN, KGEN_DISPATCH_IMMEDIATE};
    for (int c = 0; c < CLIENTS; c++) {
        kgen_client_options o = default_options(modes[c]);
        o.worker_threads = 2;
        o.attempt_timeout_ms = ATTEMPT_MS;
        o.request_timeout_ms = 5 * ATTEMPT_MS; /* the checking read has its last quarter */
        if (kgen_client_new(&o, &clients[c]) != KGEN_OK) return 2;
    }
    player *p = calloc(n, sizeof *p);
    slot *a = calloc(n, sizeof *a), *b = calloc(n, sizeof *b);
    for (int i = 0; i < n; i++) {
        char user[64];
        snprintf(user, sizeof user, "chaos-%d-%d", (int)getpid(), i);
        p[i].client = i % CLIENTS;
        p[i].session = create_session(clients[p[i].client], user);
        if (!p[i].session) return 2;
        p[i].known = 1;
    }
    /* Each score's reported outcome and status. */
    int *sent = calloc((size_t)rounds * n, sizeof *sent);
    kgen_status *sent_status = calloc((size_t)rounds * n, sizeof *sent_status);
    read_ledgers(p, n, a, b);
    for (int i = 0; i < n; i++) {
        p[i].start_funds = b[i].funds;
        p[i].joined = p[i].start_joined = a[i].listed;
        p[i].board_known = !a[i].listed; /* a score from an earlier run may stand */
        p[i].joined_in = -1;
    }

    /* Faults on every route the players use, writes and their checking reads alike. */
    const char *routes[][2] = {{"POST", "/fe/esports/tournaments/*/join"},
                               {"POST", "/fe/esports/tournaments/*/leave"},
                               {"POST", "/fe/esports/tournaments/*/score"},
                               {"GET", "/fe/esports/tournaments/participated"},
                               {"GET", "/fe/esports/tournaments/*/leaderboard"},
                               {"GET", "/fe/wallet/balance"}};
    add_faults(routes, 6);

    slot *slots = calloc(n, sizeof *slots);
    history = calloc((size_t)rounds * n, sizeof *history);
    history_players = n;
    start_ms = now_ms();
    for (int round = 0; round < rounds; round++) {
        if (round % 7 == 3) set_clock_offset((rand() % 3 - 1) * 600L); /* the server's clock jumps */
        if (round % 5 == 2) state("LOCKED");
        if (round % 5 == 3) state("STARTED");
        memset(slots, 0, n * sizeof *slots);
        enum write_kind kind[n];
        for (int i = 0; i < n; i++) {
            kgen_request_id id = 0;
            kgen_client *c = clients[p[i].client];
            kind[i] = !p[i].joined || !p[i].known ? JOIN : rand() % 3 == 0 ? LEAVE : SUBMIT;
            requests++;
            if (kind[i] == JOIN) kgen_tournaments_join(c, p[i].session, LIVE, 10, on_done, &slots[i], &id);
            else if (kind[i] == LEAVE) kgen_tournaments_leave(c, p[i].session, LIVE, on_done, &slots[i], &id);
            else {
                scores_sent++;
                kgen_tournaments_submit_score(c, p[i].session, LIVE, SCORE(round, i), on_done, &slots[i], &id);
            }
            write_record *w = &history[round * n + i];
            w->kind = "JLS"[kind[i]];
            w->sent_ms = now_ms();
            if (rand() % 20 == 0) w->cancelled = 1, kgen_request_cancel(c, id);
        }
        settle(slots, n, 1);
        for (int i = 0; i < n; i++) {
            write_record *w = &history[round * n + i];
            w->status = slots[i].status, w->http_status = slots[i].http_status;
            w->api = slots[i].api, w->done_ms = slots[i].done_ms;
            enum outcome outcome = outcome_of(&slots[i]);
            if (outcome == NOT_APPLIED && slots[i].status == KGEN_ERR_HTTP) {
                if (slots[i].api == KGEN_API_ERROR_EXISTING_PARTICIPATION_FOUND) p[i].joined = 1, p[i].known = 1;
                else if (slots[i].api == KGEN_API_ERROR_TOURNAMENT_PARTICIPATION_NOT_FOUND) p[i].joined = 0, p[i].known = 1;
            }
            if (kind[i] == SUBMIT) {
                sent[round * n + i] = outcome; /* checked against the ledger at the end */
                sent_status[round * n + i] = slots[i].status;
                continue;
            }
            if (outcome == APPLIED) {
                p[i].joined = kind[i] == JOIN;
                p[i].known = 1;
                if (kind[i] == JOIN) p[i].board_known = 1, p[i].joined_in = round;
            } else if (outcome == UNCERTAIN) {
                p[i].known = 0;
                p[i].board_known = 0;
            }
        }
    }

    clear_faults();
    set_clock_offset(0);
    state("STARTED");
    memset(a, 0, n * sizeof *a);
    memset(b, 0, n * sizeof *b);
    read_ledgers(p, n, a, b);
    for (int i = 0; i < n; i++) {
        if (p[i].known && a[i].listed != p[i].joined) {
            mismatched++;
            fprintf(stderr, "player %d: reported %s, sandbox says %s\n", i,
                    p[i].joined ? "joined" : "not joined", a[i].listed ? "joined" : "not joined");
            print_history(i, rounds);
        }
        /* Each join paid 10 and each leave refunded it: the funds say how often each applied. */
        if (b[i].funds != p[i].start_funds - 10.0 * (a[i].listed - (p[i].start_joined))) {
            double_applied++;
            fprintf(stderr, "player %d: funds %.2f, started with %.2f\n", i, b[i].funds, p[i].start_funds);
        }
    }
    check_scores(p, n, rounds, sent, sent_status, a);
    claims(p, n);
    fault("GET", "/fe/esports/tournaments/participated", "\"latency_ms\":300");
    fault("POST", "/fe/esports/tournaments/*/join", "\"latency_ms\":300");
    destroy_in_flight(KGEN_DISPATCH_MANUAL);
    destroy_in_flight(KGEN_DISPATCH_IMMEDIATE);
    destroy_in_flight(KGEN_DISPATCH_DRIVEN);
    admin_http("DELETE", "/sandbox/faults", NULL, NULL, 0);
    for (int c = 0; c < CLIENTS; c++) kgen_client_destroy(clients[c]);

    printf("chaos: %d rounds x %d players; %ld requests (writes, claims, destroy-time)\n", rounds, n, requests);
    printf("chaos: completions: ok %ld, transport %ld, timeout %ld, cancelled %ld, http %ld, "
           "outcome_unknown %ld, other %ld\n",
           by_status[KGEN_OK], by_status[KGEN_ERR_TRANSPORT], by_status[KGEN_ERR_TIMEOUT],
           by_status[KGEN_ERR_CANCELLED], by_status[KGEN_ERR_HTTP], by_status[KGEN_ERR_OUTCOME_UNKNOWN],
           requests - by_status[KGEN_OK] - by_status[KGEN_ERR_TRANSPORT] - by_status[KGEN_ERR_TIMEOUT] -
               by_status[KGEN_ERR_CANCELLED] - by_status[KGEN_ERR_HTTP] -
               by_status[KGEN_ERR_OUTCOME_UNKNOWN] - lost);
    printf("chaos: scores: %ld submitted, %ld applied, %ld players' leaderboard entries checked; "
           "claims: %ld sent, %ld applied; answers lost and found applied by the checking read: %ld\n",
           scores_sent, scores_applied, board_checked, claims_sent, claims_applied, resolved_applied);
    printf("chaos: faults applied: dropped after commit %ld, dropped before %ld, 503 %ld, 429 %ld, "
           "latency %ld, latency past the attempt timeout %ld\n", faults[DROP_AFTER],
           faults[DROP_BEFORE], faults[STATUS_503], faults[STATUS_429], faults[LATENCY],
           faults[PAST_ATTEMPT]);
    printf("chaos: lost %ld, duplicated %ld, effect differs from the reported outcome %ld, "
           "double-applied %ld, unknown outcomes %ld\n", lost, duplicated, mismatched, double_applied,
           unknown);
    return lost || duplicated || mismatched || double_applied ? 1 : 0;
}
