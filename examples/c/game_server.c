/*
 * game_server.c - a game server serving many players at once with the kgen C
 * API in immediate dispatch: callbacks run on the SDK's worker threads, and
 * each completion starts the player's next request (session -> join the
 * tournament -> submit scores). Prints completions per second and the CPU
 * time the process spent per request.
 *
 *   cc -Iinclude examples/c/game_server.c -Ltarget/release -lkgen -lpthread -o game_server
 *   KGEN_BASE_URL=http://127.0.0.1:8080 LD_LIBRARY_PATH=target/release ./game_server
 *
 * Environment: KGEN_BASE_URL, KGEN_CLIENT_ID, KGEN_CLIENT_SECRET; KGEN_PLAYERS
 * (default 500), KGEN_SCORES per player (default 3), KGEN_WORKERS (SDK worker
 * threads, default 2); KGEN_TOURNAMENT to use a given live tournament (default:
 * the first live one with room for everybody).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "kgen.h"

typedef struct {
    char id[64];
    kgen_session *session;
    int scores_left;
} player;

static kgen_client *client;
static char tournament[64];
static long long buy_in;
static int scores_per_player;
static atomic_int completions, failures, players_done;
static atomic_int failures_by_status[1000];

/* A request that did not start gets no callback: the player is done. */
static void started(kgen_status status) {
    if (status != KGEN_OK) {
        atomic_fetch_add(&failures, 1);
        atomic_fetch_add(&players_done, 1);
    }
}

/* Runs on an SDK worker thread for every completion. */
static void next_step(const kgen_event *e, void *user_data) {
    player *p = user_data;
    atomic_fetch_add(&completions, 1);
    if (e->result.status != KGEN_OK) {
        int status = e->result.status;
        atomic_fetch_add(&failures, 1);
        atomic_fetch_add(&failures_by_status[status >= 0 && status < 1000 ? status : 999], 1);
        atomic_fetch_add(&players_done, 1);
        return;
    }
    switch (e->operation) {
    case KGEN_OP_SESSION_CREATE:
        p->session = e->session;
        started(kgen_tournaments_join(client, p->session, tournament, buy_in, next_step, p, NULL));
        break;
    case KGEN_OP_TOURNAMENTS_JOIN:
    case KGEN_OP_TOURNAMENTS_SUBMIT_SCORE:
        if (p->scores_left-- > 0) {
            long long score = rand() % 10000;
            started(kgen_tournaments_submit_score(client, p->session, tournament, score, next_step, p, NULL));
        } else {
            atomic_fetch_add(&players_done, 1);
        }
        break;
    default:
        atomic_fetch_add(&players_done, 1);
    }
}

/* Finds a live tournament with room for `players` (one request, pull form). */
static int find_tournament(kgen_session *session, int players) {
    const kgen_event *e = NULL;
    if (kgen_tournaments_active(client, session, NULL, NULL, NULL) != KGEN_OK) return 0;
    while (kgen_client_next_event(client, &e) == KGEN_NO_EVENT) usleep(1000);
    if (e->result.status != KGEN_OK) return 0;
    for (size_t i = 0; i < e->data.tournaments->count; i++) {
        const kgen_tournament_list *list = e->data.tournaments;
        const kgen_tournament *t = KGEN_ARRAY_AT(kgen_tournament, list->items, list->item_size, i);
        if (t->status == KGEN_TOURNAMENT_STARTED &&
            t->tournament_size - t->participants_count >= players) {
            snprintf(tournament, sizeof tournament, "%s", t->tournament_uid);
            buy_in = t->buy_in_price;
            return 1;
        }
    }
    return 0;
}

static const char *env(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static double seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_seconds(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec +
           u.ru_stime.tv_usec / 1e6;
}

int main(void) {
    int players = atoi(env("KGEN_PLAYERS", "500"));
    scores_per_player = atoi(env("KGEN_SCORES", "3"));
    kgen_client_options options;
    KGEN_CLIENT_OPTIONS_INIT(options);
    options.base_url = env("KGEN_BASE_URL", "http://127.0.0.1:8080");
    options.client_id = env("KGEN_CLIENT_ID", "demo-client");
    options.client_secret = env("KGEN_CLIENT_SECRET", "demo-secret");
    options.dispatch = KGEN_DISPATCH_IMMEDIATE;
    options.worker_threads = (uint32_t)atoi(env("KGEN_WORKERS", "2"));
    if (kgen_client_new(&options, &client) != KGEN_OK) {
        fprintf(stderr, "cannot create the client\n");
        return 1;
    }

    player *all = calloc((size_t)players, sizeof *all);
    long run = (long)time(NULL) ^ (long)getpid();
    for (int i = 0; i < players; i++) {
        snprintf(all[i].id, sizeof all[i].id, "server-%ld-%d", run, i);
        all[i].scores_left = scores_per_player;
    }

    /* A scout session picks the tournament; its completion is pulled. */
    const char *given = getenv("KGEN_TOURNAMENT");
    if (given) {
        snprintf(tournament, sizeof tournament, "%s", given);
        buy_in = atoll(env("KGEN_BUY_IN", "10"));
    } else {
        char scout[80];
        snprintf(scout, sizeof scout, "server-%ld-scout", run);
        const kgen_event *e = NULL;
        kgen_session_create(client, scout, NULL, NULL, NULL, NULL);
        while (kgen_client_next_event(client, &e) == KGEN_NO_EVENT) usleep(1000);
        if (e->result.status != KGEN_OK || !find_tournament(e->session, players)) {
            fprintf(stderr, "no live tournament with room for %d players\n", players);
            kgen_client_destroy(client);
            return 1;
        }
    }
    printf("%d players -> tournament %s (buy-in %lld), %d scores each, %u worker thread(s)\n",
           players, tournament, buy_in, scores_per_player, options.worker_threads);

    double t0 = seconds(), cpu0 = cpu_seconds();
    for (int i = 0; i < players; i++)
        started(kgen_session_create(client, all[i].id, NULL, next_step, &all[i], NULL));
    while (atomic_load(&players_done) < players) usleep(1000);
    double elapsed = seconds() - t0, cpu = cpu_seconds() - cpu0;

    int n = atomic_load(&completions);
    printf("%d completions in %.2f s: %.0f completions/s, %.1f us CPU per request (client side)\n", n,
           elapsed, n / elapsed, cpu * 1e6 / (n ? n : 1));
    for (int s = 0; s < 1000; s++)
        if (atomic_load(&failures_by_status[s]))
            printf("  %d failed with %s\n", atomic_load(&failures_by_status[s]), kgen_status_str(s));

    kgen_client_destroy(client); /* after this no callback runs: `all` may go */
    free(all);
    return atomic_load(&failures) ? 1 : 0;
}
