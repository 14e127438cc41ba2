/*
 * A small test harness for the C ABI tests: checks, a runner that prints
 * "N passed, M failed", the sandbox's admin API over a plain socket, and
 * helpers to make clients and wait for completions.
 *
 * Environment: KGEN_BASE_URL (the sandbox, e.g. http://127.0.0.1:8080),
 * KGEN_ADMIN_KEY (default sandbox-admin), KGEN_TEST_SCALE (percent of the
 * heavy cases' size, default 100; valgrind runs use less).
 */
#ifndef KGEN_TEST_H
#define KGEN_TEST_H

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "kgen.h"

/* ---- checks and runner ---- */

static int test_failed_flag;
static int tests_passed, tests_failed;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            test_failed_flag = 1;                                                      \
            return;                                                                    \
        }                                                                              \
    } while (0)

#define CHECK_STATUS(expected, expr)                                                     \
    do {                                                                                 \
        kgen_status got_ = (expr);                                                       \
        if (got_ != (expected)) {                                                        \
            fprintf(stderr, "  %s:%d: %s returned %d (%s), expected %d (%s)\n", __FILE__, \
                    __LINE__, #expr, (int)got_, kgen_status_str(got_), (int)(expected),  \
                    kgen_status_str(expected));                                          \
            test_failed_flag = 1;                                                        \
            return;                                                                      \
        }                                                                                \
    } while (0)

#define CHECK_OK(expr) CHECK_STATUS(KGEN_OK, expr)

static inline void run_test(const char *name, void (*fn)(void)) {
    test_failed_flag = 0;
    fprintf(stderr, "- %s\n", name);
    fn();
    if (test_failed_flag) {
        tests_failed++;
        fprintf(stderr, "  FAILED\n");
    } else {
        tests_passed++;
    }
}

#define RUN(name) run_test(#name, name)

static inline int test_summary(const char *suite) {
    printf("%s: %d passed, %d failed\n", suite, tests_passed, tests_failed);
    return tests_failed == 0 ? 0 : 1;
}

/* ---- environment ---- */

static inline const char *base_url(void) {
    const char *url = getenv("KGEN_BASE_URL");
    return url ? url : "http://127.0.0.1:8080";
}

static inline const char *admin_key(void) {
    const char *key = getenv("KGEN_ADMIN_KEY");
    return key ? key : "sandbox-admin";
}

/* The size of a heavy case: `full` scaled by KGEN_TEST_SCALE percent. */
static inline int scaled(int full) {
    const char *s = getenv("KGEN_TEST_SCALE");
    int percent = s ? atoi(s) : 100;
    int n = full * percent / 100;
    return n < 1 ? 1 : n;
}

static inline void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static inline double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* A player id nobody used yet in this sandbox. */
static inline void unique_user(char *out, size_t n, const char *prefix) {
    static atomic_int counter;
    snprintf(out, n, "%s-%d-%ld-%d", prefix, (int)getpid(), (long)time(NULL),
             atomic_fetch_add(&counter, 1));
}

/* ---- the sandbox's admin API (plain HTTP/1.1 over a socket) ---- */

/* Sends one request; writes the body into `body` and returns the HTTP status (-1 on failure). */
static inline int admin_http(const char *method, const char *path, const char *json, char *body,
                      size_t body_size) {
    unsigned a, b, c, d, port;
    if (sscanf(base_url(), "http://%u.%u.%u.%u:%u", &a, &b, &c, &d, &port) != 5) return -1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl((a << 24) | (b << 16) | (c << 8) | d);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        close(fd);
        return -1;
    }
    char request[4096];
    int len = snprintf(request, sizeof request,
                       "%s %s HTTP/1.1\r\nHost: sandbox\r\nx-admin-key: %s\r\n"
                       "Content-Type: application/json\r\nContent-Length: %zu\r\n"
                       "Connection: close\r\n\r\n%s",
                       method, path, admin_key(), json ? strlen(json) : 0, json ? json : "");
    if (write(fd, request, (size_t)len) != len) {
        close(fd);
        return -1;
    }
    static char response[32 << 20]; /* the ledger of a long run is megabytes */
    size_t got = 0;
    ssize_t n;
    while (got < sizeof response - 1 && (n = read(fd, response + got, sizeof response - 1 - got)) > 0)
        got += (size_t)n;
    close(fd);
    response[got] = 0;
    int status = -1;
    sscanf(response, "HTTP/1.1 %d", &status);
    const char *start = strstr(response, "\r\n\r\n");
    if (body && body_size) {
        snprintf(body, body_size, "%s", start ? start + 4 : "");
    }
    return status;
}

/* Reads the string value of "key" from a flat JSON text (enough for the admin API). */
static inline int json_string(const char *json, const char *key, char *out, size_t n) {
    char pattern[128];
    snprintf(pattern, sizeof pattern, "\"%s\"", key);
    const char *p = strstr(json, pattern);
    if (!p) return 0;
    p = strchr(p + strlen(pattern), ':');
    if (!p) return 0;
    while (*++p == ' ') {
    }
    if (*p == '"') {
        const char *end = strchr(p + 1, '"');
        if (!end) return 0;
        snprintf(out, n, "%.*s", (int)(end - p - 1), p + 1);
    } else {
        size_t len = strcspn(p, ",}");
        snprintf(out, n, "%.*s", (int)len, p);
    }
    return 1;
}

/* Adds a fault (see the sandbox's POST /sandbox/faults); returns its id in `id`. */
static inline int add_fault(const char *spec_json, char *id, size_t n) {
    char body[1024];
    int status = admin_http("POST", "/sandbox/faults", spec_json, body, sizeof body);
    return status == 200 && json_string(body, "id", id, n);
}

static inline void remove_fault(const char *id) {
    char path[256];
    snprintf(path, sizeof path, "/sandbox/faults/%s", id);
    admin_http("DELETE", path, NULL, NULL, 0);
}

static inline int set_clock_offset(long secs) {
    char json[64];
    snprintf(json, sizeof json, "{\"offset_secs\": %ld}", secs);
    return admin_http("POST", "/sandbox/clock", json, NULL, 0) == 200;
}

/* ---- clients and completions ---- */

static inline kgen_client_options default_options(kgen_dispatch dispatch) {
    kgen_client_options o;
    KGEN_CLIENT_OPTIONS_INIT(o);
    o.base_url = base_url();
    o.account_base_url = base_url(); /* the sandbox serves /v3 too */
    o.client_id = "demo-client";
    o.client_secret = "demo-secret";
    o.private_token = "demo2fa-api-key"; /* required by every /v3 call; its owner is demo2fa */
    o.dispatch = dispatch;
    o.request_timeout_ms = 20000;
    return o;
}

/* A copy of what a callback saw, kept after the event is gone. */
typedef struct {
    atomic_int calls;
    kgen_event_kind kind;
    kgen_operation operation;
    kgen_request_id request;
    kgen_status status;
    int http_status;
    kgen_api_error api_error;
    char api_error_code[64];
    char message[256];
    char request_id[96];
    size_t raw_body_len;
    kgen_session *session;
    pthread_t thread;
    kgen_status reentrant_destroy; /* what kgen_client_destroy said inside the callback */
    kgen_client *client;           /* set by tests that try re-entry */
    char text[256];                /* one string of the typed data, test-specific */
    double number;                 /* one number of the typed data, test-specific */
} captured;

static inline void capture(const kgen_event *e, captured *c) {
    c->kind = e->kind;
    c->operation = e->operation;
    c->request = e->request;
    c->status = e->result.status;
    c->http_status = e->result.http_status;
    c->api_error = e->result.api_error;
    snprintf(c->api_error_code, sizeof c->api_error_code, "%s", e->result.api_error_code);
    snprintf(c->message, sizeof c->message, "%s", e->result.message);
    snprintf(c->request_id, sizeof c->request_id, "%s", e->result.request_id);
    c->raw_body_len = e->result.raw_body_len;
    c->session = e->session;
    c->thread = pthread_self();
    atomic_fetch_add(&c->calls, 1);
}

static inline void on_capture(const kgen_event *e, void *user_data) { capture(e, (captured *)user_data); }

/* Polls `client` until `*count` reaches `target` or `timeout_ms` passes; returns 1 on success. */
static inline int poll_until(kgen_client *client, atomic_int *count, int target, int timeout_ms) {
    double deadline = now_ms() + timeout_ms;
    while (atomic_load(count) < target) {
        if (client && kgen_client_poll(client, 0, NULL) != KGEN_OK) return 0;
        if (now_ms() > deadline) return 0;
        sleep_ms(1);
    }
    return 1;
}

/* Creates a server-flow session and waits for it (manual dispatch clients). */
static inline kgen_session *create_session(kgen_client *client, const char *user_id) {
    captured c = {0};
    if (kgen_session_create(client, user_id, NULL, on_capture, &c, NULL) != KGEN_OK) return NULL;
    if (!poll_until(client, &c.calls, 1, 20000)) return NULL;
    if (c.status != KGEN_OK) {
        fprintf(stderr, "  session create failed: %s (%s)\n", kgen_status_str(c.status), c.message);
        return NULL;
    }
    return c.session;
}

/* The number of threads of this process. */
static inline int thread_count(void) {
    DIR *d = opendir("/proc/self/task");
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

#endif /* KGEN_TEST_H */

/* ---- tokens ---- */

static inline void base64url(const unsigned char *in, size_t n, char *out) {
    static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < n) v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < n) v |= in[i + 2];
        out[o++] = table[(v >> 18) & 63];
        out[o++] = table[(v >> 12) & 63];
        if (i + 1 < n) out[o++] = table[(v >> 6) & 63];
        if (i + 2 < n) out[o++] = table[v & 63];
    }
    out[o] = 0;
}

/* A JWT with the platform's claims for `user_id`, expiring at `exp`, that the
 * SDK can read but the sandbox will refuse (its signature is not the sandbox's). */
static inline void unsigned_token(const char *user_id, long exp, char *out, size_t n) {
    char header[64], payload[512], claims[400];
    const char *h = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    snprintf(claims, sizeof claims,
             "{\"sub\":\"%s\",\"user_id\":\"%s\",\"client_id\":\"demo-client\",\"iat\":%ld,\"exp\":%ld}",
             user_id, user_id, exp - 3600, exp);
    base64url((const unsigned char *)h, strlen(h), header);
    base64url((const unsigned char *)claims, strlen(claims), payload);
    snprintf(out, n, "%s.%s.c2lnbmF0dXJl", header, payload);
}

/* A client-flow session of `user` from an unsigned token valid for an hour; NULL on failure. */
static inline kgen_session *restore_unsigned(kgen_client *client, const char *user) {
    char token[1024];
    unsigned_token(user, (long)time(NULL) + 3600, token, sizeof token);
    kgen_session *session = NULL;
    return kgen_session_restore(client, token, NULL, &session) == KGEN_OK ? session : NULL;
}
