/* The SDK's side of bench/compare.sh: N requests, INFLIGHT at once, through the C ABI.
 *   sdk_client immediate|manual|wait|frame|driven|driven-frame get|post N INFLIGHT
 * immediate: callbacks on the SDK's worker thread. manual: manual dispatch with a wake
 * hook, and the main thread polls at every wake (the events a worker queues before it
 * runs out of work cross threads together). wait: manual dispatch without a hook, the
 * main thread loops on kgen_client_wait + kgen_client_poll. frame: manual dispatch as a
 * game loop uses it, no wake hook, one poll per frame of FRAME_US microseconds (default
 * 1000, a 1 kHz tick; at 16667, 60 frames a second, INFLIGHT requests per frame bound
 * the rate). driven: driven dispatch (no worker thread), the main thread loops on
 * kgen_client_wait + kgen_client_poll, as a server's loop would. driven-frame: driven
 * dispatch polled once a frame, as a game loop drives libcurl (network work only then).
 * Env: KGEN_BASE_URL, KGEN_TOKEN (a player's access token), KGEN_TOURNAMENT, FRAME_US.
 * Prints "requests/s cpu_us_per_request failures" (CPU: getrusage of the process). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "kgen.h"

static kgen_client *client;
static kgen_session *session;
static const char *tournament;
static int post, total;
static atomic_int started_n, done_n, failed_n;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t woken = PTHREAD_COND_INITIALIZER;
static int pending_wake;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}
static double cpu(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

/* Signalled once the mutex is released, so that the woken main thread does not
 * go back to sleep on the mutex the signalling thread still holds. */
static void signal_main(void) {
    pthread_mutex_lock(&lock); pending_wake = 1; pthread_mutex_unlock(&lock);
    pthread_cond_signal(&woken);
}
static void finish_one(int failed) {
    if (failed) atomic_fetch_add(&failed_n, 1);
    if (atomic_fetch_add(&done_n, 1) + 1 == total) signal_main();
}
static void done(const kgen_event *e, void *user_data);
static void start_one(void) {
    if (atomic_fetch_add(&started_n, 1) >= total) return;
    kgen_status s = post ? kgen_tournaments_submit_score(client, session, tournament,
                                                         atomic_load(&started_n), done, NULL, NULL)
                         : kgen_wallet_balance(client, session, done, NULL, NULL);
    if (s != KGEN_OK) { /* refused at the call (e.g. KGEN_TOURNAMENT unset): nothing to measure */
        fprintf(stderr, "sdk_client: request refused at the call (status %d)\n", (int)s);
        _exit(1);
    }
}
static void done(const kgen_event *e, void *user_data) {
    (void)user_data;
    start_one();
    finish_one(e->result.status != KGEN_OK);
}
static void wake(void *user_data) {
    (void)user_data;
    signal_main();
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: sdk_client immediate|manual|wait|frame|driven|driven-frame get|post N INFLIGHT\n"); return 2; }
    int driven = strncmp(argv[1], "driven", 6) == 0;
    int frame = strcmp(argv[1], "frame") == 0 || strcmp(argv[1], "driven-frame") == 0;
    int waits = strcmp(argv[1], "wait") == 0;
    int manual = !driven && (frame || waits || strcmp(argv[1], "manual") == 0);
    long frame_us = getenv("FRAME_US") ? atol(getenv("FRAME_US")) : 1000;
    post = strcmp(argv[2], "post") == 0;
    total = atoi(argv[3]);
    int inflight = atoi(argv[4]);
    tournament = getenv("KGEN_TOURNAMENT");
    kgen_client_options o;
    KGEN_CLIENT_OPTIONS_INIT(o);
    o.base_url = getenv("KGEN_BASE_URL");
    o.dispatch = driven ? KGEN_DISPATCH_DRIVEN : manual ? KGEN_DISPATCH_MANUAL : KGEN_DISPATCH_IMMEDIATE;
    o.worker_threads = 1;
    if (manual && !frame && !waits) o.wake = wake;
    if (kgen_client_new(&o, &client) != KGEN_OK ||
        kgen_session_restore(client, getenv("KGEN_TOKEN"), NULL, &session) != KGEN_OK) {
        char why[256];
        size_t n = sizeof why;
        if (kgen_last_error_message(why, &n) != KGEN_OK) why[0] = 0;
        fprintf(stderr, "sdk_client: %s\n", why);
        return 1;
    }
    double t0 = now(), c0 = cpu();
    for (int i = 0; i < inflight; i++) start_one();
    struct timespec tick;
    clock_gettime(CLOCK_MONOTONIC, &tick);
    while (frame && atomic_load(&done_n) < total) {
        tick.tv_nsec += frame_us * 1000;
        tick.tv_sec += tick.tv_nsec / 1000000000;
        tick.tv_nsec %= 1000000000;
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &tick, NULL);
        kgen_client_poll(client, 0, NULL);
    }
    while ((driven || waits) && !frame && atomic_load(&done_n) < total) {
        kgen_client_wait(client, 1000);
        kgen_client_poll(client, 0, NULL);
    }
    while (atomic_load(&done_n) < total) {
        pthread_mutex_lock(&lock);
        while (!pending_wake) pthread_cond_wait(&woken, &lock);
        pending_wake = 0;
        pthread_mutex_unlock(&lock);
        if (manual) kgen_client_poll(client, 0, NULL);
    }
    double t = now() - t0, c = cpu() - c0;
    printf("%.0f %.2f %d\n", total / t, c * 1e6 / total, atomic_load(&failed_n));
    kgen_client_destroy(client);
    return 0;
}
