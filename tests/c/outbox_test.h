/* What the outbox tests share: an outbox directory, a tournament that takes
 * scores, the outbox events as a log, and the sandbox's ledger of scores. */
#ifndef OUTBOX_TEST_H
#define OUTBOX_TEST_H

#include "kgen_test.h"

#include <fcntl.h>

/* The directories outbox_dir made; removed, with the files the outbox wrote in them
 * (it makes no subdirectories), when the test program exits. Forked children end
 * with _exit and leave them to their parent. */
static char outbox_dirs[32][64];
static int outbox_dir_count;

static inline void remove_outbox_dirs(void) {
    for (int i = 0; i < outbox_dir_count; i++) {
        DIR *d = opendir(outbox_dirs[i]);
        for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
                unlinkat(dirfd(d), e->d_name, 0);
        }
        if (d) closedir(d);
        rmdir(outbox_dirs[i]);
    }
}

/* A fresh, empty directory for an outbox. */
static inline void outbox_dir(char *out, size_t n) {
    snprintf(out, n, "/tmp/kgen-outbox-XXXXXX");
    if (!mkdtemp(out)) {
        out[0] = 0;
        return;
    }
    if (outbox_dir_count == 0) atexit(remove_outbox_dirs);
    if (outbox_dir_count < 32)
        snprintf(outbox_dirs[outbox_dir_count++], sizeof outbox_dirs[0], "%s", out);
}

/* A live tournament with no buy-in and room for everyone; its uid in `uid`. */
static inline int open_tournament(char *uid, size_t n) {
    char body[2048];
    uid[0] = 0;
    return admin_http("POST", "/sandbox/tournaments",
                      "{\"title\":\"outbox\",\"buy_in_price\":0,\"tournament_size\":100000,\"state\":\"STARTED\"}",
                      body, sizeof body) == 200 &&
           json_string(body, "tournament_uid", uid, n);
}

/* How many times the sandbox applied `score` from `player` in tournament `uid`,
 * read from its ledger (the admin API); -1 when the ledger cannot be read. */
typedef struct {
    char player[56];
    long long score;
} ledger_row;

typedef struct {
    int count;
    ledger_row rows[400000];
} ledger;

static inline int read_ledger(const char *uid, ledger *l) {
    static char body[32 << 20];
    char path[256];
    snprintf(path, sizeof path, "/sandbox/tournaments/%s/scores", uid);
    l->count = 0;
    if (admin_http("GET", path, NULL, body, sizeof body) != 200) return 0;
    const char *p = body;
    while ((p = strstr(p, "\"player_id\":\"")) && l->count < 400000) {
        p += strlen("\"player_id\":\"");
        const char *end = strchr(p, '"');
        if (!end) break;
        const char *hash = memchr(p, '#', (size_t)(end - p)); /* the sandbox's "<client>#<player>" */
        if (hash) p = hash + 1;
        snprintf(l->rows[l->count].player, sizeof l->rows[0].player, "%.*s", (int)(end - p), p);
        const char *s = strstr(end, "\"score\":");
        if (!s) break;
        l->rows[l->count].score = strtoll(s + 8, NULL, 10);
        l->count++;
        p = s;
    }
    return 1;
}

static inline int ledger_count(const ledger *l, const char *player, long long score) {
    int n = 0;
    for (int i = 0; i < l->count; i++)
        if (l->rows[i].score == score && strcmp(l->rows[i].player, player) == 0) n++;
    return n;
}

/* The outbox events a client reported, copied out of their events. */
typedef struct {
    uint64_t entry_id;
    kgen_outbox_outcome outcome;
    kgen_status status;
    kgen_operation operation;
    char user[64];
    long long value;
    char api_error_code[48];
    char message[200];
} outbox_record;

enum { OUTBOX_LOG_SIZE = 1100 }; /* small enough for a test's stack, even under valgrind */

typedef struct {
    pthread_mutex_t mutex;
    atomic_int count;
    outbox_record records[OUTBOX_LOG_SIZE];
} outbox_log;

static inline void on_outbox_event(const kgen_event *e, void *user_data) {
    outbox_log *log = user_data;
    if (e->kind != KGEN_EVENT_OUTBOX || !e->data.outbox) {
        fprintf(stderr, "  an outbox callback got a kind %d event\n", (int)e->kind);
        return;
    }
    pthread_mutex_lock(&log->mutex);
    int i = atomic_load(&log->count);
    if (i < OUTBOX_LOG_SIZE) {
        outbox_record *r = &log->records[i];
        const kgen_outbox_entry *x = e->data.outbox;
        r->entry_id = x->entry_id;
        r->outcome = x->outcome;
        r->status = e->result.status;
        r->operation = x->operation;
        snprintf(r->user, sizeof r->user, "%s", x->user_id);
        r->value = x->value;
        snprintf(r->api_error_code, sizeof r->api_error_code, "%s", e->result.api_error_code);
        snprintf(r->message, sizeof r->message, "%s", e->result.message);
        atomic_store(&log->count, i + 1);
    }
    pthread_mutex_unlock(&log->mutex);
}

static inline kgen_client_options outbox_options(const char *dir, kgen_dispatch dispatch, outbox_log *log) {
    kgen_client_options o = default_options(dispatch);
    o.outbox_path = dir;
    o.outbox_event = on_outbox_event;
    o.outbox_event_user_data = log;
    o.retry_base_delay_ms = 20;
    o.retry_max_delay_ms = 200;
    return o;
}

/* Queues a call; returns its entry id, 0 on failure (the status in *status). */
static inline uint64_t enqueue(kgen_client *client, kgen_session *session, kgen_operation op,
                               const char *uid, long long value, kgen_status *status) {
    kgen_outbox_call call = {sizeof call, op, uid, value};
    uint64_t id = 0;
    kgen_status s = kgen_outbox_enqueue(client, session, &call, &id);
    if (status) *status = s;
    return s == KGEN_OK ? id : 0;
}

static inline int ledger_row_cmp(const void *a, const void *b) {
    const ledger_row *x = a, *y = b;
    int c = strcmp(x->player, y->player);
    return c ? c : (x->score > y->score) - (x->score < y->score);
}

/* Sorts the ledger by player and score, for ledger_sorted_count and duplicate scans. */
static inline void ledger_sort(ledger *l) { qsort(l->rows, (size_t)l->count, sizeof l->rows[0], ledger_row_cmp); }

static inline int ledger_sorted_count(const ledger *l, const char *player, long long score) {
    ledger_row key = {.score = score};
    snprintf(key.player, sizeof key.player, "%s", player);
    const ledger_row *hit = bsearch(&key, l->rows, (size_t)l->count, sizeof key, ledger_row_cmp);
    if (!hit) return 0;
    const ledger_row *first = hit, *last = hit;
    while (first > l->rows && ledger_row_cmp(first - 1, &key) == 0) first--;
    while (last + 1 < l->rows + l->count && ledger_row_cmp(last + 1, &key) == 0) last++;
    return (int)(last - first) + 1;
}

#endif
