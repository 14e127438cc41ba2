/* The libcurl-multi + cJSON peer of bench/compare.sh: the same requests as the SDK's
 * client, parsed as the SDK parses them (the JSON body into values).
 *   curl_client get|post N INFLIGHT [frame]
 * frame: the multi handle is driven once a frame of FRAME_US microseconds (default 1000),
 * as a game loop drives libcurl, instead of waiting in curl_multi_poll.
 * Env: KGEN_BASE_URL, KGEN_TOKEN, KGEN_TOURNAMENT. Prints "requests/s cpu_us failures". */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct { CURL *h; char *buf; size_t len, cap; struct curl_slist *headers; char body[64]; } slot;
static int post, total, started_n, done_n, failed_n;
static char url[512], auth[1024];

static double now(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + ts.tv_nsec / 1e9; }
static double cpu(void) {
    struct rusage u; getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}
static size_t on_data(char *p, size_t size, size_t n, void *user) {
    slot *s = user; size_t add = size * n;
    if (s->len + add + 1 > s->cap) { s->cap = (s->len + add + 1) * 2; s->buf = realloc(s->buf, s->cap); }
    memcpy(s->buf + s->len, p, add); s->len += add; s->buf[s->len] = 0;
    return add;
}
static void start(CURLM *m, slot *s) {
    int i = started_n++;
    s->len = 0;
    curl_slist_free_all(s->headers);
    s->headers = curl_slist_append(NULL, auth);
    if (post) {
        char key[80];
        snprintf(key, sizeof key, "Idempotency-Key: %ld-%d", (long)time(NULL), i);
        s->headers = curl_slist_append(s->headers, key);
        s->headers = curl_slist_append(s->headers, "Content-Type: application/json");
        snprintf(s->body, sizeof s->body, "{\"payload\":{\"score\":{\"value\":%d}}}", i);
        curl_easy_setopt(s->h, CURLOPT_POSTFIELDS, s->body);
    }
    curl_easy_setopt(s->h, CURLOPT_HTTPHEADER, s->headers);
    curl_multi_add_handle(m, s->h);
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: curl_client get|post N INFLIGHT [frame]\n"); return 2; }
    post = strcmp(argv[1], "post") == 0; total = atoi(argv[2]); int inflight = atoi(argv[3]);
    int frame = argc > 4 && strcmp(argv[4], "frame") == 0;
    long frame_us = getenv("FRAME_US") ? atol(getenv("FRAME_US")) : 1000;
    struct timespec tick; clock_gettime(CLOCK_MONOTONIC, &tick);
    const char *base = getenv("KGEN_BASE_URL");
    if (post) snprintf(url, sizeof url, "%s/fe/esports/tournaments/%s/score", base, getenv("KGEN_TOURNAMENT"));
    else snprintf(url, sizeof url, "%s/fe/wallet/balance", base);
    snprintf(auth, sizeof auth, "user-jwt-token: %s", getenv("KGEN_TOKEN"));
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *m = curl_multi_init();
    curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, (long)inflight);
    slot *slots = calloc(inflight, sizeof *slots);
    double t0 = now(), c0 = cpu();
    for (int i = 0; i < inflight && started_n < total; i++) {
        slots[i].h = curl_easy_init();
        curl_easy_setopt(slots[i].h, CURLOPT_URL, url);
        curl_easy_setopt(slots[i].h, CURLOPT_WRITEFUNCTION, on_data);
        curl_easy_setopt(slots[i].h, CURLOPT_WRITEDATA, &slots[i]);
        curl_easy_setopt(slots[i].h, CURLOPT_PRIVATE, &slots[i]);
        start(m, &slots[i]);
    }
    int running = 1;
    while (done_n < total) {
        curl_multi_perform(m, &running);
        CURLMsg *msg; int left;
        while ((msg = curl_multi_info_read(m, &left))) {
            slot *s; curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
            long code = 0; curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &code);
            cJSON *json = msg->data.result == CURLE_OK ? cJSON_ParseWithLength(s->buf, s->len) : NULL;
            if (!json || code != 200) failed_n++;
            cJSON_Delete(json);
            curl_multi_remove_handle(m, s->h);
            done_n++;
            if (started_n < total) start(m, s);
        }
        if (done_n >= total) break;
        if (!frame) { curl_multi_poll(m, NULL, 0, 1000, NULL); continue; }
        tick.tv_nsec += frame_us * 1000;
        while (tick.tv_nsec >= 1000000000L) { tick.tv_nsec -= 1000000000L; tick.tv_sec++; }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &tick, NULL);
    }
    double t = now() - t0, c = cpu() - c0;
    printf("%.0f %.2f %d\n", total / t, c * 1e6 / total, failed_n);
    return 0;
}
