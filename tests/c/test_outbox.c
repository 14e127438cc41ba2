/* The outbox through the C ABI: a queued call is delivered once and reported
 * once, in order per player; a full, expired, locked or damaged outbox is a
 * clear error or a reported loss, never a crash and never a silent loss. */
#include "outbox_test.h"

#include <dirent.h>
#include <fcntl.h>

static int count_outcome(outbox_log *log, kgen_outbox_outcome outcome) {
    int n = 0;
    for (int i = 0; i < atomic_load(&log->count); i++) n += log->records[i].outcome == outcome;
    return n;
}

static kgen_client *open_client(const char *dir, outbox_log *log, kgen_status *status) {
    kgen_client_options o = outbox_options(dir, KGEN_DISPATCH_MANUAL, log);
    kgen_client *client = NULL;
    *status = kgen_client_new(&o, &client);
    return client;
}

/* Every request to the game API fails (the connection is closed unanswered) until removed. */
static void go_offline(char *fault, size_t n) {
    CHECK(add_fault("{\"path\":\"/fe/**\",\"drop\":\"before\"}", fault, n));
}

static void a_queued_call_is_delivered_once_and_reported_once_in_order(void) {
    char dir[64], uid[64], user[64];
    outbox_dir(dir, sizeof dir);
    CHECK(open_tournament(uid, sizeof uid));
    unique_user(user, sizeof user, "outbox");
    outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    kgen_status status;
    kgen_client *client = open_client(dir, &log, &status);
    CHECK_OK(status);
    kgen_session *session = create_session(client, user);
    CHECK(session);

    uint64_t join = enqueue(client, session, KGEN_OP_TOURNAMENTS_JOIN, uid, 0, &status);
    CHECK_OK(status);
    /* With an outbox, submitting a score queues it: the completion says so at once. */
    captured accepted = {0};
    CHECK_OK(kgen_tournaments_submit_score(client, session, uid, 777, on_capture, &accepted, NULL));
    CHECK(poll_until(client, &accepted.calls, 1, 5000));
    CHECK(accepted.status == KGEN_OK && accepted.operation == KGEN_OP_TOURNAMENTS_SUBMIT_SCORE);

    CHECK(poll_until(client, &log.count, 2, 20000));
    CHECK(log.records[0].entry_id == join && log.records[0].operation == KGEN_OP_TOURNAMENTS_JOIN);
    CHECK(log.records[1].entry_id > join && log.records[1].operation == KGEN_OP_TOURNAMENTS_SUBMIT_SCORE);
    CHECK(count_outcome(&log, KGEN_OUTBOX_DELIVERED) == 2);
    CHECK(log.records[1].status == KGEN_OK && log.records[1].value == 777);
    CHECK(strcmp(log.records[1].user, user) == 0);
    uint32_t pending = 99;
    int64_t age = -1;
    CHECK_OK(kgen_outbox_status(client, &pending, &age));
    CHECK(pending == 0 && age == 0);

    sleep_ms(300);
    kgen_client_poll(client, 0, NULL);
    CHECK(atomic_load(&log.count) == 2); /* once each */
    static ledger l;
    CHECK(read_ledger(uid, &l) && l.count == 1 && ledger_count(&l, user, 777) == 1);
    CHECK_OK(kgen_client_destroy(client));
}

static void a_second_client_on_the_same_outbox_is_refused(void) {
    char dir[64];
    outbox_dir(dir, sizeof dir);
    outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    kgen_status status;
    kgen_client *first = open_client(dir, &log, &status);
    CHECK_OK(status);
    kgen_client *second = open_client(dir, &log, &status);
    CHECK(status == KGEN_ERR_OUTBOX_LOCKED && second == NULL);
    char message[512];
    size_t len = sizeof message;
    CHECK_OK(kgen_last_error_message(message, &len));
    CHECK(strstr(message, "in use") != NULL);
    CHECK_OK(kgen_client_destroy(first));
    second = open_client(dir, &log, &status); /* the lock went with the first client */
    CHECK_OK(status);
    CHECK_OK(kgen_client_destroy(second));
}

static void a_full_outbox_refuses_and_loses_nothing(void) {
    char dir[64], uid[64], user[64], fault[64];
    outbox_dir(dir, sizeof dir);
    CHECK(open_tournament(uid, sizeof uid));
    unique_user(user, sizeof user, "outbox-full");
    outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    kgen_client_options o = outbox_options(dir, KGEN_DISPATCH_MANUAL, &log);
    o.outbox_max_entries = 3;
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&o, &client));
    kgen_session *session = create_session(client, user);
    go_offline(fault, sizeof fault);
    kgen_status status;
    enqueue(client, session, KGEN_OP_TOURNAMENTS_JOIN, uid, 0, &status);
    CHECK_OK(status);
    enqueue(client, session, KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, uid, 1, &status);
    CHECK_OK(status);
    enqueue(client, session, KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, uid, 2, &status);
    CHECK_OK(status);
    CHECK(enqueue(client, session, KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, uid, 3, &status) == 0);
    CHECK(status == KGEN_ERR_OUTBOX_FULL);
    CHECK(kgen_tournaments_submit_score(client, session, uid, 4, NULL, NULL, NULL) == KGEN_ERR_OUTBOX_FULL);
    uint32_t pending = 0;
    CHECK_OK(kgen_outbox_status(client, &pending, NULL));
    CHECK(pending == 3);

    remove_fault(fault);
    int empty = 0;
    CHECK_OK(kgen_outbox_flush(client, 20000, &empty));
    CHECK(empty == 1);
    CHECK(poll_until(client, &log.count, 3, 5000));
    CHECK(count_outcome(&log, KGEN_OUTBOX_DELIVERED) == 3);
    static ledger l;
    CHECK(read_ledger(uid, &l) && l.count == 2 && ledger_count(&l, user, 1) == 1 &&
          ledger_count(&l, user, 2) == 1);
    CHECK_OK(kgen_client_destroy(client));
}

static void entries_that_outlive_their_age_expire_unsent(void) {
    char dir[64], uid[64], user[64], fault[64];
    outbox_dir(dir, sizeof dir);
    CHECK(open_tournament(uid, sizeof uid));
    unique_user(user, sizeof user, "outbox-expiry");
    outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    kgen_client_options o = outbox_options(dir, KGEN_DISPATCH_MANUAL, &log);
    o.outbox_max_age_secs = 1;
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&o, &client));
    kgen_session *session = create_session(client, user);
    go_offline(fault, sizeof fault);
    kgen_status status;
    enqueue(client, session, KGEN_OP_TOURNAMENTS_JOIN, uid, 0, &status);
    enqueue(client, session, KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, uid, 5, &status);
    CHECK_OK(status);
    CHECK(poll_until(client, &log.count, 2, 10000));
    remove_fault(fault);
    CHECK(count_outcome(&log, KGEN_OUTBOX_EXPIRED) == 2);
    CHECK(log.records[0].status == KGEN_ERR_OUTBOX_EXPIRED);
    static ledger l;
    CHECK(read_ledger(uid, &l) && l.count == 0);
    CHECK_OK(kgen_client_destroy(client));
}

static void a_call_the_platform_refuses_ends_rejected_with_its_error(void) {
    char dir[64], uid[64], user[64];
    outbox_dir(dir, sizeof dir);
    CHECK(open_tournament(uid, sizeof uid));
    unique_user(user, sizeof user, "outbox-rejected");
    outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    kgen_status status;
    kgen_client *client = open_client(dir, &log, &status);
    kgen_session *session = create_session(client, user);
    /* A score without joining: the platform answers TOURNAMENT_PARTICIPATION_NOT_FOUND. */
    enqueue(client, session, KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, uid, 9, &status);
    CHECK_OK(status);
    CHECK(poll_until(client, &log.count, 1, 20000));
    CHECK(log.records[0].outcome == KGEN_OUTBOX_REJECTED && log.records[0].status == KGEN_ERR_HTTP);
    CHECK(strcmp(log.records[0].api_error_code, "TOURNAMENT_PARTICIPATION_NOT_FOUND") == 0);
    /* Arguments the call would refuse are refused before anything is stored. */
    CHECK(enqueue(client, session, KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, "..", 1, &status) == 0);
    CHECK(status == KGEN_ERR_INVALID_ARGUMENT);
    CHECK(enqueue(client, session, KGEN_OP_WALLET_BALANCE, NULL, 0, &status) == 0);
    CHECK(status == KGEN_ERR_INVALID_ARGUMENT);
    CHECK_OK(kgen_client_destroy(client));
}

static int file_exists_with_prefix(const char *dir, const char *prefix) {
    DIR *d = opendir(dir);
    int found = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        found |= strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d) closedir(d);
    return found;
}

static void write_file(const char *path, const void *bytes, size_t n, int append) {
    FILE *f = fopen(path, append ? "ab" : "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(bytes, 1, n, f);
        fclose(f);
    }
}

/* Queues `n` scores of a fresh player while the platform is unreachable, then destroys the client. */
static void queue_offline(const char *dir, const char *uid, const char *user, int n) {
    char fault[64];
    outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    kgen_status status;
    kgen_client *client = open_client(dir, &log, &status);
    kgen_session *session = create_session(client, user);
    go_offline(fault, sizeof fault);
    enqueue(client, session, KGEN_OP_TOURNAMENTS_JOIN, uid, 0, &status);
    for (int i = 1; i <= n; i++) enqueue(client, session, KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, uid, i, &status);
    CHECK_OK(status);
    CHECK_OK(kgen_client_destroy(client));
    remove_fault(fault);
}

static void a_journal_that_is_not_one_is_kept_aside_and_reported(void) {
    char dir[64], path[128];
    outbox_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/outbox.log", dir);
    write_file(path, "this is not an outbox journal at all", 36, 0);
    outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    kgen_status status;
    kgen_client *client = open_client(dir, &log, &status);
    CHECK_OK(status);
    CHECK(poll_until(client, &log.count, 1, 5000));
    CHECK(log.records[0].outcome == KGEN_OUTBOX_DAMAGED && log.records[0].status == KGEN_ERR_OUTBOX_STORAGE);
    CHECK(strstr(log.records[0].message, "36 bytes") && strstr(log.records[0].message, "damaged-"));
    CHECK(file_exists_with_prefix(dir, "outbox.log.damaged-"));
    uint32_t pending = 9;
    CHECK_OK(kgen_outbox_status(client, &pending, NULL));
    CHECK(pending == 0);
    CHECK_OK(kgen_client_destroy(client));
}

static void a_torn_last_record_is_cut_and_nothing_acknowledged_is_lost(void) {
    char dir[64], path[128], uid[64], user[64];
    outbox_dir(dir, sizeof dir);
    CHECK(open_tournament(uid, sizeof uid));
    unique_user(user, sizeof user, "outbox-torn");
    queue_offline(dir, uid, user, 2);
    /* A record header announcing 64 bytes, then only 3 of them: a write cut short. */
    snprintf(path, sizeof path, "%s/outbox.log", dir);
    write_file(path, "\x40\x00\x00\x00\x01\x02\x03\x04{\"t", 11, 1);
    outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    kgen_status status;
    kgen_client *client = open_client(dir, &log, &status);
    CHECK_OK(status);
    CHECK(poll_until(client, &log.count, 3, 20000));
    CHECK(count_outcome(&log, KGEN_OUTBOX_DELIVERED) == 3 && count_outcome(&log, KGEN_OUTBOX_DAMAGED) == 0);
    CHECK(!file_exists_with_prefix(dir, "outbox.log.damaged-"));
    static ledger l;
    CHECK(read_ledger(uid, &l) && ledger_count(&l, user, 1) == 1 && ledger_count(&l, user, 2) == 1);
    CHECK_OK(kgen_client_destroy(client));
}

static void a_damaged_record_keeps_what_precedes_it_and_reports_the_rest(void) {
    char dir[64], path[128], uid[64], user[64];
    outbox_dir(dir, sizeof dir);
    CHECK(open_tournament(uid, sizeof uid));
    unique_user(user, sizeof user, "outbox-damaged");
    queue_offline(dir, uid, user, 3);
    /* Flip a byte inside the third record (join, score 1, *score 2*, score 3). */
    snprintf(path, sizeof path, "%s/outbox.log", dir);
    int fd = open(path, O_RDWR);
    CHECK(fd >= 0);
    unsigned char buf[8192];
    ssize_t n = read(fd, buf, sizeof buf);
    size_t at = 8;
    for (int record = 0; record < 2 && at + 8 <= (size_t)n; record++)
        at += 8 + (buf[at] | buf[at + 1] << 8 | buf[at + 2] << 16 | (size_t)buf[at + 3] << 24);
    CHECK(at + 20 < (size_t)n);
    buf[at + 20] ^= 0x55;
    CHECK(pwrite(fd, buf + at + 20, 1, (off_t)(at + 20)) == 1);
    close(fd);

    outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    kgen_status status;
    kgen_client *client = open_client(dir, &log, &status);
    CHECK_OK(status);
    CHECK(poll_until(client, &log.count, 3, 20000)); /* the damage, then join and score 1 */
    CHECK(log.records[0].outcome == KGEN_OUTBOX_DAMAGED);
    CHECK(count_outcome(&log, KGEN_OUTBOX_DELIVERED) == 2);
    CHECK(file_exists_with_prefix(dir, "outbox.log.damaged-"));
    static ledger l;
    CHECK(read_ledger(uid, &l) && l.count == 1 && ledger_count(&l, user, 1) == 1);
    CHECK_OK(kgen_client_destroy(client));
}

static void client_flow_waits_for_a_session_then_delivers(void) {
    char dir[64], uid[64], user[64], token[2048], fault[64];
    outbox_dir(dir, sizeof dir);
    CHECK(open_tournament(uid, sizeof uid));
    unique_user(user, sizeof user, "outbox-client-flow");
    /* The game's server hands a token over (here: a server-flow session's). */
    kgen_client_options server_options = default_options(KGEN_DISPATCH_MANUAL);
    kgen_client *server = NULL;
    CHECK_OK(kgen_client_new(&server_options, &server));
    kgen_session *issued = create_session(server, user);
    size_t len = sizeof token;
    CHECK_OK(kgen_session_get_string(issued, KGEN_SESSION_ACCESS_TOKEN, token, &len));

    outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    kgen_client_options o = outbox_options(dir, KGEN_DISPATCH_MANUAL, &log);
    o.client_id = NULL;
    o.client_secret = NULL; /* a game client */
    kgen_client *game = NULL;
    CHECK_OK(kgen_client_new(&o, &game));
    kgen_session *session = NULL;
    CHECK_OK(kgen_session_restore(game, token, NULL, &session));
    go_offline(fault, sizeof fault);
    kgen_status status;
    enqueue(game, session, KGEN_OP_TOURNAMENTS_JOIN, uid, 0, &status);
    enqueue(game, session, KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, uid, 42, &status);
    CHECK_OK(status);
    CHECK_OK(kgen_client_destroy(game)); /* the app is closed */
    remove_fault(fault);

    CHECK_OK(kgen_client_new(&o, &game)); /* and opened again: no session yet */
    CHECK(poll_until(game, &log.count, 1, 10000));
    CHECK(log.records[0].outcome == KGEN_OUTBOX_WAITING_FOR_SESSION && strcmp(log.records[0].user, user) == 0);
    sleep_ms(500);
    kgen_client_poll(game, 0, NULL);
    CHECK(atomic_load(&log.count) == 1); /* said once, no spinning */
    CHECK_OK(kgen_session_restore(game, token, NULL, &session));
    CHECK(poll_until(game, &log.count, 3, 20000));
    CHECK(count_outcome(&log, KGEN_OUTBOX_DELIVERED) == 2);
    static ledger l;
    CHECK(read_ledger(uid, &l) && ledger_count(&l, user, 42) == 1);
    CHECK_OK(kgen_client_destroy(game));
    CHECK_OK(kgen_client_destroy(server));
}

static void a_player_s_entries_can_be_discarded(void) {
    char dir[64], uid[64], user[64], fault[64];
    outbox_dir(dir, sizeof dir);
    CHECK(open_tournament(uid, sizeof uid));
    unique_user(user, sizeof user, "outbox-discard");
    outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    kgen_status status;
    kgen_client *client = open_client(dir, &log, &status);
    kgen_session *session = create_session(client, user);
    go_offline(fault, sizeof fault);
    for (int i = 0; i < 5; i++) enqueue(client, session, KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, uid, i, &status);
    uint32_t discarded = 0, pending = 9;
    CHECK_OK(kgen_outbox_discard_player(client, user, &discarded));
    CHECK(discarded == 5);
    CHECK_OK(kgen_outbox_status(client, &pending, NULL));
    CHECK(pending == 0);
    remove_fault(fault);
    /* Misuse is an error, not a crash. */
    CHECK(kgen_outbox_discard_player(client, NULL, NULL) == KGEN_ERR_NULL_ARGUMENT);
    CHECK(kgen_outbox_flush(client, 0, NULL) == KGEN_ERR_NULL_ARGUMENT);
    CHECK(kgen_outbox_enqueue(client, session, NULL, NULL) == KGEN_ERR_NULL_ARGUMENT);
    CHECK_OK(kgen_client_destroy(client));
    CHECK(kgen_outbox_status(client, NULL, NULL) == KGEN_ERR_INVALID_HANDLE);
    kgen_client_options plain = default_options(KGEN_DISPATCH_MANUAL);
    CHECK_OK(kgen_client_new(&plain, &client));
    CHECK(kgen_outbox_status(client, NULL, NULL) == KGEN_ERR_INVALID_ARGUMENT); /* no outbox */
    CHECK_OK(kgen_client_destroy(client));
}

/* 1,000 scores from 50 players queued while the platform is unreachable: when
 * it returns, each is applied once, each player's in the order they were made,
 * and each is reported once. */
static void an_offline_backlog_is_delivered_in_order_per_player(void) {
    enum { PLAYERS = 50, SCORES = 20 };
    char dir[64], uid[64], fault[64];
    static char users[PLAYERS][64];
    outbox_dir(dir, sizeof dir);
    CHECK(open_tournament(uid, sizeof uid));
    static outbox_log log = {.mutex = PTHREAD_MUTEX_INITIALIZER};
    atomic_store(&log.count, 0);
    kgen_client_options o = outbox_options(dir, KGEN_DISPATCH_IMMEDIATE, &log);
    o.worker_threads = 2;
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&o, &client));
    kgen_session *sessions[PLAYERS];
    for (int p = 0; p < PLAYERS; p++) {
        unique_user(users[p], sizeof users[p], "offline");
        captured c = {0};
        CHECK_OK(kgen_session_create(client, users[p], NULL, on_capture, &c, NULL));
        CHECK(poll_until(NULL, &c.calls, 1, 20000) && c.status == KGEN_OK);
        sessions[p] = c.session;
        captured joined = {0};
        CHECK_OK(kgen_tournaments_join(client, sessions[p], uid, 0, on_capture, &joined, NULL));
        CHECK(poll_until(NULL, &joined.calls, 1, 20000) && joined.status == KGEN_OK);
    }
    go_offline(fault, sizeof fault);
    double started = now_ms();
    kgen_status status = KGEN_OK;
    for (int i = 0; i < SCORES; i++)
        for (int p = 0; p < PLAYERS && status == KGEN_OK; p++)
            enqueue(client, sessions[p], KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, uid, 1000 + i, &status);
    CHECK_OK(status);
    double queued = now_ms();
    sleep_ms(1500); /* offline for a while: attempts fail and back off */
    uint32_t pending = 0;
    int64_t oldest = 0;
    CHECK_OK(kgen_outbox_status(client, &pending, &oldest));
    CHECK(pending == PLAYERS * SCORES && oldest >= 1500);
    CHECK(atomic_load(&log.count) == 0);
    remove_fault(fault);
    int empty = 0;
    CHECK_OK(kgen_outbox_flush(client, 60000, &empty));
    CHECK(empty == 1);
    double delivered = now_ms();
    CHECK(poll_until(NULL, &log.count, PLAYERS * SCORES, 5000));
    sleep_ms(200);
    CHECK(atomic_load(&log.count) == PLAYERS * SCORES);
    CHECK(count_outcome(&log, KGEN_OUTBOX_DELIVERED) == PLAYERS * SCORES);
    static ledger l;
    CHECK(read_ledger(uid, &l) && l.count == PLAYERS * SCORES);
    int in_order = 1;
    for (int p = 0; p < PLAYERS; p++) {
        long long last = 0;
        for (int i = 0; i < l.count; i++) {
            if (strcmp(l.rows[i].player, users[p]) != 0) continue;
            in_order &= l.rows[i].score == last + 1 || (last == 0 && l.rows[i].score == 1000);
            last = l.rows[i].score;
        }
        in_order &= last == 1000 + SCORES - 1;
    }
    CHECK(in_order);
    printf("  queued %d in %.0f ms; delivered in %.0f ms after the platform returned\n",
           PLAYERS * SCORES, queued - started, delivered - queued - 1500);
    CHECK_OK(kgen_client_destroy(client));
}

int main(void) {
    RUN(a_queued_call_is_delivered_once_and_reported_once_in_order);
    RUN(a_second_client_on_the_same_outbox_is_refused);
    RUN(a_full_outbox_refuses_and_loses_nothing);
    RUN(entries_that_outlive_their_age_expire_unsent);
    RUN(a_call_the_platform_refuses_ends_rejected_with_its_error);
    RUN(a_journal_that_is_not_one_is_kept_aside_and_reported);
    RUN(a_torn_last_record_is_cut_and_nothing_acknowledged_is_lost);
    RUN(a_damaged_record_keeps_what_precedes_it_and_reports_the_rest);
    RUN(client_flow_waits_for_a_session_then_delivers);
    RUN(a_player_s_entries_can_be_discarded);
    RUN(an_offline_backlog_is_delivered_in_order_per_player);
    return test_summary("test_outbox");
}
