/*
 * expiry_notices.c - what session-expired notices cost a server that holds many
 * client-flow sessions: restores N sessions whose tokens are due (they expire
 * inside the renew window), sends one request with each, and prints how long it
 * took until every completion and every notice arrived. The cost of one notice
 * must not grow with the number of sessions the client holds.
 *
 *   expiry_notices [N]    (default 16000; KGEN_BASE_URL names the sandbox)
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kgen.h"

static atomic_int completions, notices;

static void on_completion(const kgen_event *e, void *user_data) {
    (void)e, (void)user_data;
    atomic_fetch_add(&completions, 1);
}

static void on_notice(const kgen_event *e, void *user_data) {
    (void)e, (void)user_data;
    atomic_fetch_add(&notices, 1);
}

static void base64url(const char *in, char *out) {
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t n = strlen(in), o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)(unsigned char)in[i] << 16;
        if (i + 1 < n) v |= (unsigned)(unsigned char)in[i + 1] << 8;
        if (i + 2 < n) v |= (unsigned char)in[i + 2];
        out[o++] = t[(v >> 18) & 63];
        out[o++] = t[(v >> 12) & 63];
        if (i + 1 < n) out[o++] = t[(v >> 6) & 63];
        if (i + 2 < n) out[o++] = t[v & 63];
    }
    out[o] = 0;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 16000;
    const char *base = getenv("KGEN_BASE_URL");
    kgen_client_options options;
    memset(&options, 0, sizeof options);
    options.struct_size = sizeof options;
    options.base_url = base ? base : "http://127.0.0.1:1";
    options.dispatch = KGEN_DISPATCH_IMMEDIATE;
    options.session_expired = on_notice;
    kgen_client *client = NULL;
    if (kgen_client_new(&options, &client) != KGEN_OK) return 1;

    /* Tokens due in 60 s: inside the default 300 s renew window, so each is reported. */
    long exp = (long)time(NULL) + 60;
    char header[64], claims[256], payload[400], token[512];
    base64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", header);
    kgen_session **sessions = calloc((size_t)n, sizeof *sessions);
    for (int i = 0; i < n; i++) {
        snprintf(claims, sizeof claims, "{\"sub\":\"p%d\",\"user_id\":\"p%d\",\"exp\":%ld}", i, i, exp);
        base64url(claims, payload);
        snprintf(token, sizeof token, "%s.%s.c2ln", header, payload);
        if (kgen_session_restore(client, token, NULL, &sessions[i]) != KGEN_OK) return 1;
    }
    double start = now_s();
    for (int i = 0; i < n; i++)
        if (kgen_wallet_balance(client, sessions[i], on_completion, NULL, NULL) != KGEN_OK) return 1;
    while (atomic_load(&completions) < n || atomic_load(&notices) < n) {
        if (now_s() - start > 600) break;
        usleep(1000);
    }
    double took = now_s() - start;
    printf("%d sessions with due tokens, one request each: %.2f s (%d completions, %d notices)\n", n,
           took, atomic_load(&completions), atomic_load(&notices));
    kgen_client_destroy(client);
    free(sessions);
    return 0;
}
