/*
 * memory.c - resident memory the SDK holds per player session and per request in flight.
 *
 *   memory sessions N     restores N sessions from KGEN_TOKEN / KGEN_REFRESH (two tokens),
 *                         prints the RSS they add, destroys them, restores N again (is the
 *                         memory reused?)
 *   memory inflight N     starts N balance reads against KGEN_BASE_URL, which holds them
 *                         (bench/memory.sh sets a latency fault), prints the RSS they add
 *                         once the server has them all, then destroys the client (which
 *                         cancels them)
 *
 * RSS is read from /proc/self/statm; a warm-up session and request come first, so the
 * client's own one-off allocations are not counted. Not part of CI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kgen.h"

static long rss_bytes(void) {
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f || fscanf(f, "%ld %ld", &size, &resident) != 2) resident = 0;
    if (f) fclose(f);
    return resident * sysconf(_SC_PAGESIZE);
}

static void fail(const char *what) {
    char why[512];
    size_t n = sizeof why;
    if (kgen_last_error_message(why, &n) != KGEN_OK) why[0] = 0;
    fprintf(stderr, "memory: %s: %s\n", what, why);
    exit(1);
}

static void ignore(const kgen_event *e, void *user_data) { (void)e, (void)user_data; }

static void sessions(kgen_client *client, int n) {
    const char *access = getenv("KGEN_TOKEN"), *refresh = getenv("KGEN_REFRESH");
    if (!access) { fprintf(stderr, "memory: KGEN_TOKEN is not set\n"); exit(2); }
    size_t token_bytes = strlen(access) + (refresh ? strlen(refresh) : 0);
    kgen_session **all = calloc((size_t)n, sizeof *all);
    kgen_session *warm;
    if (kgen_session_restore(client, access, refresh, &warm) != KGEN_OK) fail("restore");
    for (int round = 1; round <= 2; round++) {
        long before = rss_bytes();
        for (int i = 0; i < n; i++)
            if (kgen_session_restore(client, access, refresh, &all[i]) != KGEN_OK) fail("restore");
        long added = rss_bytes() - before;
        if (round == 1)
            printf("%d sessions from tokens of %zu bytes in all: +%ld KiB RSS, %ld bytes per "
                   "session (token bytes + %ld)\n",
                   n, token_bytes, added / 1024, added / n, added / n - (long)token_bytes);
        else
            printf("the same again after destroying them: +%ld KiB RSS (memory reused)\n",
                   added / 1024);
        for (int i = 0; i < n; i++) kgen_session_destroy(all[i]);
    }
    free(all);
}

static void inflight(kgen_client *client, int n) {
    const char *access = getenv("KGEN_TOKEN");
    kgen_session *session;
    if (!access || kgen_session_restore(client, access, NULL, &session) != KGEN_OK) fail("restore");
    long before = rss_bytes();
    for (int i = 0; i < n; i++)
        if (kgen_wallet_balance(client, session, ignore, NULL, NULL) != KGEN_OK) fail("balance");
    long after_start = rss_bytes() - before;
    sleep(3); /* every request connected and sent, held by the server */
    long held = rss_bytes() - before;
    printf("%d requests in flight: +%ld bytes per request once started, +%ld bytes per request "
           "once sent and held (connections included)\n",
           n, after_start / n, held / n);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: memory sessions|inflight N\n"); return 2; }
    int n = atoi(argv[2]);
    kgen_client_options o;
    KGEN_CLIENT_OPTIONS_INIT(o);
    o.base_url = getenv("KGEN_BASE_URL");
    o.dispatch = KGEN_DISPATCH_IMMEDIATE;
    o.worker_threads = 1;
    o.request_timeout_ms = 120000;
    o.attempt_timeout_ms = 120000;
    kgen_client *client;
    if (kgen_client_new(&o, &client) != KGEN_OK) fail("client");
    if (strcmp(argv[1], "sessions") == 0) sessions(client, n);
    else inflight(client, n);
    kgen_client_destroy(client);
    return 0;
}
