/*
 * Delivery guarantees: manual, immediate and driven dispatch, waiting for an
 * event, the wake hook, the pull
 * form, cancellation, destroy with requests in flight, many threads on one
 * client, re-entrancy, create/destroy cycles, and a token expiring mid-flight.
 */
#include "kgen_test.h"

#define BALANCE_FAULT(ms, times)                                                        \
    "{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"latency_ms\":" #ms ",\"times\":" \
    #times "}"

/* A real player's access token, restored into the clients of each test. */
static char player_token[2048];

static kgen_client *new_client(kgen_dispatch dispatch, kgen_session **session) {
    kgen_client_options o = default_options(dispatch);
    kgen_client *client = NULL;
    if (kgen_client_new(&o, &client) != KGEN_OK) return NULL;
    if (session && kgen_session_restore(client, player_token, NULL, session) != KGEN_OK) return NULL;
    return client;
}

static void count_call(const kgen_event *e, void *user_data) {
    (void)e;
    atomic_fetch_add((atomic_int *)user_data, 1);
}

static void manual_dispatch_calls_back_only_inside_poll_on_the_polling_thread(void) {
    kgen_session *s;
    kgen_client *client = new_client(KGEN_DISPATCH_MANUAL, &s);
    CHECK(client);
    captured c[5];
    memset(c, 0, sizeof c);
    for (int i = 0; i < 5; i++) CHECK_OK(kgen_wallet_balance(client, s, on_capture, &c[i], NULL));
    sleep_ms(500);
    for (int i = 0; i < 5; i++) CHECK(atomic_load(&c[i].calls) == 0);
    uint32_t delivered = 0, total = 0;
    double deadline = now_ms() + 20000;
    while (total < 5 && now_ms() < deadline) {
        CHECK_OK(kgen_client_poll(client, 2, &delivered));
        CHECK(delivered <= 2);
        total += delivered;
        sleep_ms(1);
    }
    CHECK(total == 5);
    for (int i = 0; i < 5; i++) {
        CHECK(atomic_load(&c[i].calls) == 1 && c[i].status == KGEN_OK);
        CHECK(pthread_equal(c[i].thread, pthread_self()));
    }
    CHECK_OK(kgen_client_destroy(client));
}

static void count_wake(void *user_data) { atomic_fetch_add((atomic_int *)user_data, 1); }

static void driven_dispatch_works_only_inside_the_callers_calls_and_needs_no_thread(void) {
    int threads = thread_count();
    atomic_int wakes = 0;
    kgen_client_options o = default_options(KGEN_DISPATCH_DRIVEN);
    o.wake = count_wake;
    o.wake_user_data = &wakes;
    kgen_client *client = NULL;
    kgen_session *s;
    CHECK_OK(kgen_client_new(&o, &client));
    CHECK_OK(kgen_session_restore(client, player_token, NULL, &s));
    CHECK(thread_count() == threads);
    captured c[3];
    memset(c, 0, sizeof c);
    for (int i = 0; i < 3; i++) CHECK_OK(kgen_wallet_balance(client, s, on_capture, &c[i], NULL));
    sleep_ms(300);
    /* Nobody called in: nothing was sent, nothing completed, nothing woke. */
    CHECK(atomic_load(&wakes) == 0);
    for (int i = 0; i < 3; i++) CHECK(atomic_load(&c[i].calls) == 0);
    uint32_t total = 0, delivered;
    double deadline = now_ms() + 20000;
    while (total < 3 && now_ms() < deadline) {
        kgen_status waited = kgen_client_wait(client, 1000);
        CHECK(waited == KGEN_OK || waited == KGEN_NO_EVENT);
        CHECK_OK(kgen_client_poll(client, 0, &delivered));
        total += delivered;
    }
    CHECK(total == 3);
    for (int i = 0; i < 3; i++) {
        CHECK(atomic_load(&c[i].calls) == 1 && c[i].status == KGEN_OK);
        CHECK(pthread_equal(c[i].thread, pthread_self()));
    }
    /* Coalesced: at least one wake, never more than the events. */
    CHECK(atomic_load(&wakes) >= 1 && atomic_load(&wakes) <= 3);
    CHECK(thread_count() == threads);
    CHECK_OK(kgen_client_destroy(client));
}

typedef struct {
    kgen_client *client;
    kgen_status status;
    double took_ms;
} waiter;

static void *wait_long(void *arg) {
    waiter *w = arg;
    double started = now_ms();
    w->status = kgen_client_wait(w->client, 10000);
    w->took_ms = now_ms() - started;
    return NULL;
}

static void a_wait_ends_with_an_event_its_timeout_or_the_clients_destruction(void) {
    kgen_dispatch modes[] = {KGEN_DISPATCH_MANUAL, KGEN_DISPATCH_DRIVEN};
    for (int m = 0; m < 2; m++) {
        kgen_session *s;
        kgen_client *client = new_client(modes[m], &s);
        CHECK(client);
        double started = now_ms();
        CHECK(kgen_client_wait(client, 200) == KGEN_NO_EVENT);
        CHECK(now_ms() - started >= 190);
        captured c = {0};
        CHECK_OK(kgen_wallet_balance(client, s, on_capture, &c, NULL));
        CHECK_OK(kgen_client_wait(client, 20000));
        CHECK(atomic_load(&c.calls) == 0); /* queued, not delivered */
        uint32_t delivered = 0;
        CHECK_OK(kgen_client_poll(client, 0, &delivered));
        CHECK(delivered == 1 && atomic_load(&c.calls) == 1 && c.status == KGEN_OK);
        waiter w = {client, KGEN_OK, 0};
        pthread_t t;
        CHECK(pthread_create(&t, NULL, wait_long, &w) == 0);
        sleep_ms(200);
        CHECK_OK(kgen_client_destroy(client));
        pthread_join(t, NULL);
        /* Ended by the destruction (or, had it come first, refused for the handle). */
        CHECK(w.status == KGEN_NO_EVENT || w.status == KGEN_ERR_INVALID_HANDLE);
        CHECK(w.took_ms < 5000);
    }
}

static void immediate_dispatch_calls_back_on_an_sdk_thread(void) {
    kgen_session *s;
    kgen_client *client = new_client(KGEN_DISPATCH_IMMEDIATE, &s);
    CHECK(client);
    captured c = {0};
    kgen_request_id id = 0;
    CHECK_OK(kgen_wallet_balance(client, s, on_capture, &c, &id));
    CHECK(id != 0);
    CHECK(poll_until(NULL, &c.calls, 1, 20000));
    CHECK(c.status == KGEN_OK && c.request == id && c.session == s);
    CHECK(!pthread_equal(c.thread, pthread_self()));
    CHECK_OK(kgen_client_destroy(client));
    CHECK(atomic_load(&c.calls) == 1);
}

static void on_wake(void *user_data) { atomic_fetch_add((atomic_int *)user_data, 1); }

/* A manual-dispatch client whose wake hook counts into `wakes`. */
static kgen_client *new_woken_client(atomic_int *wakes, kgen_session **session) {
    kgen_client_options o = default_options(KGEN_DISPATCH_MANUAL);
    o.wake = on_wake;
    o.wake_user_data = wakes;
    kgen_client *client = NULL;
    if (kgen_client_new(&o, &client) != KGEN_OK) return NULL;
    if (kgen_session_restore(client, player_token, NULL, session) != KGEN_OK) return NULL;
    return client;
}

static void the_wake_hook_signals_once_until_a_poll_begins(void) {
    atomic_int wakes = 0, calls = 0;
    kgen_session *s;
    kgen_client *client = new_woken_client(&wakes, &s);
    CHECK(client);
    for (int i = 0; i < 3; i++) CHECK_OK(kgen_wallet_balance(client, s, count_call, &calls, NULL));
    CHECK(poll_until(NULL, &wakes, 1, 20000));
    sleep_ms(300);
    /* Whatever completed since, the one outstanding wake stands for it. */
    CHECK(atomic_load(&wakes) == 1 && atomic_load(&calls) == 0);
    CHECK(poll_until(client, &calls, 3, 20000));
    /* An event queued after a poll began wakes again. */
    int before = atomic_load(&wakes);
    CHECK_OK(kgen_wallet_balance(client, s, count_call, &calls, NULL));
    CHECK(poll_until(NULL, &wakes, before + 1, 20000));
    uint32_t delivered = 0;
    CHECK_OK(kgen_client_poll(client, 0, &delivered));
    CHECK(delivered == 1 && atomic_load(&calls) == 4);
    CHECK_OK(kgen_client_destroy(client));
}

static void the_pull_form_hands_out_events_with_their_data(void) {
    kgen_dispatch modes[] = {KGEN_DISPATCH_MANUAL, KGEN_DISPATCH_IMMEDIATE};
    for (int m = 0; m < 2; m++) {
        kgen_session *s;
        kgen_client *client = new_client(modes[m], &s);
        CHECK(client);
        int marker;
        kgen_request_id id = 0;
        CHECK_OK(kgen_wallet_balance(client, s, NULL, &marker, &id));
        const kgen_event *e = NULL;
        double deadline = now_ms() + 20000;
        kgen_status status;
        while ((status = kgen_client_next_event(client, &e)) == KGEN_NO_EVENT && now_ms() < deadline)
            sleep_ms(1);
        CHECK_OK(status);
        CHECK(e->kind == KGEN_EVENT_COMPLETION && e->operation == KGEN_OP_WALLET_BALANCE);
        CHECK(e->request == id && e->user_data == &marker && e->session == s);
        CHECK(e->result.status == KGEN_OK && e->result.http_status == 200);
        CHECK(e->data.balance != NULL && e->data.balance->wallet_address[0] != 0);
        CHECK(e->result.raw_body_len == strlen(e->result.raw_body));
        CHECK_STATUS(KGEN_NO_EVENT, kgen_client_next_event(client, &e));
        CHECK(e == NULL);
        CHECK_OK(kgen_client_destroy(client));
    }
}

static void cancel_before_completion_reports_cancelled_once(void) {
    char fault[64];
    CHECK(add_fault(BALANCE_FAULT(3000, 1), fault, sizeof fault));
    kgen_session *s;
    kgen_client *client = new_client(KGEN_DISPATCH_MANUAL, &s);
    CHECK(client);
    captured c = {0};
    kgen_request_id id = 0;
    CHECK_OK(kgen_wallet_balance(client, s, on_capture, &c, &id));
    sleep_ms(100);
    CHECK_OK(kgen_request_cancel(client, id));
    double started = now_ms();
    CHECK(poll_until(client, &c.calls, 1, 2000));
    CHECK(now_ms() - started < 1500);
    CHECK(c.status == KGEN_ERR_CANCELLED && c.request == id);
    CHECK_STATUS(KGEN_ERR_UNKNOWN_REQUEST, kgen_request_cancel(client, id));
    sleep_ms(200);
    CHECK_OK(kgen_client_poll(client, 0, NULL));
    CHECK(atomic_load(&c.calls) == 1);
    CHECK_OK(kgen_client_destroy(client));
    remove_fault(fault);
}

static void cancel_after_completion_leaves_the_result(void) {
    atomic_int wakes = 0;
    kgen_session *s;
    kgen_client *client = new_woken_client(&wakes, &s);
    CHECK(client);
    captured c = {0};
    kgen_request_id id = 0;
    CHECK_OK(kgen_wallet_balance(client, s, on_capture, &c, &id));
    CHECK(poll_until(NULL, &wakes, 1, 20000)); /* completed and queued, not yet delivered */
    CHECK_STATUS(KGEN_ERR_UNKNOWN_REQUEST, kgen_request_cancel(client, id));
    CHECK_OK(kgen_client_poll(client, 0, NULL));
    CHECK(atomic_load(&c.calls) == 1 && c.status == KGEN_OK);
    CHECK_OK(kgen_client_destroy(client));
}

typedef struct {
    atomic_int calls;
    atomic_int cancelled;
    atomic_int on_destroying_thread;
    pthread_t destroyer;
} tally;

typedef struct {
    atomic_int calls;
    tally *tally;
} slot;

static void on_slot(const kgen_event *e, void *user_data) {
    slot *s = user_data;
    atomic_fetch_add(&s->calls, 1);
    atomic_fetch_add(&s->tally->calls, 1);
    if (e->result.status == KGEN_ERR_CANCELLED) atomic_fetch_add(&s->tally->cancelled, 1);
    if (pthread_equal(pthread_self(), s->tally->destroyer))
        atomic_fetch_add(&s->tally->on_destroying_thread, 1);
}

static void destroy_completes_every_request_in_flight_exactly_once(void) {
    const int n = scaled(1000);
    char fault[64];
    CHECK(add_fault("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"latency_ms\":10000}", fault,
                    sizeof fault));
    kgen_dispatch modes[] = {KGEN_DISPATCH_MANUAL, KGEN_DISPATCH_IMMEDIATE, KGEN_DISPATCH_DRIVEN};
    slot *slots = calloc((size_t)n, sizeof *slots);
    for (int m = 0; m < 3; m++) {
        tally t = {0};
        t.destroyer = pthread_self();
        memset(slots, 0, (size_t)n * sizeof *slots);
        kgen_session *s;
        kgen_client *client = new_client(modes[m], &s);
        CHECK(client);
        for (int i = 0; i < n; i++) {
            slots[i].tally = &t;
            CHECK_OK(kgen_wallet_balance(client, s, on_slot, &slots[i], NULL));
        }
        sleep_ms(200);
        if (modes[m] == KGEN_DISPATCH_DRIVEN) CHECK(kgen_client_wait(client, 100) == KGEN_NO_EVENT);
        double started = now_ms();
        CHECK_OK(kgen_client_destroy(client));
        double took = now_ms() - started;
        CHECK(atomic_load(&t.calls) == n);
        for (int i = 0; i < n; i++) CHECK(atomic_load(&slots[i].calls) == 1);
        CHECK(atomic_load(&t.cancelled) == n);
        if (modes[m] == KGEN_DISPATCH_IMMEDIATE) CHECK(atomic_load(&t.on_destroying_thread) == 0);
        else CHECK(atomic_load(&t.on_destroying_thread) == n);
        CHECK(took < 5000);
        sleep_ms(100);
        CHECK(atomic_load(&t.calls) == n); /* nothing after destroy returned */
    }
    free(slots);
    remove_fault(fault);
}

static void on_log_line(kgen_log_level level, const char *message, void *user_data) {
    (void)level, (void)message;
    atomic_fetch_add((atomic_int *)user_data, 1);
}

static atomic_int toggling;

static void *toggle_log_callback(void *lines) {
    while (atomic_load(&toggling)) {
        kgen_set_log_callback(KGEN_LOG_TRACE, on_log_line, lines);
        kgen_set_log_callback(KGEN_LOG_OFF, NULL, NULL);
    }
    return NULL;
}

/* Threads that keep replacing the log callback cannot hold back the threads
 * that log: requests complete while two setters run flat out. */
static void setters_of_the_log_callback_do_not_starve_requests(void) {
    const int n = scaled(400);
    atomic_int lines = 0;
    atomic_store(&toggling, 1);
    pthread_t setters[2];
    for (int i = 0; i < 2; i++) pthread_create(&setters[i], NULL, toggle_log_callback, &lines);
    tally t = {0};
    slot *slots = calloc((size_t)n, sizeof *slots);
    kgen_session *s;
    kgen_client *client = new_client(KGEN_DISPATCH_IMMEDIATE, &s);
    CHECK(client);
    double started = now_ms();
    for (int i = 0; i < n; i++) {
        slots[i].tally = &t;
        CHECK_OK(kgen_wallet_balance(client, s, on_slot, &slots[i], NULL));
    }
    while (atomic_load(&t.calls) < n && now_ms() - started < 60000) sleep_ms(5);
    double took = now_ms() - started;
    atomic_store(&toggling, 0);
    for (int i = 0; i < 2; i++) pthread_join(setters[i], NULL);
    CHECK(atomic_load(&t.calls) == n);
    printf("  %d requests with two threads replacing the log callback: %.0f ms, %d lines\n", n, took,
           atomic_load(&lines));
    CHECK_OK(kgen_client_destroy(client));
    CHECK_OK(kgen_set_log_callback(KGEN_LOG_OFF, NULL, NULL));
    free(slots);
}

typedef struct {
    kgen_client *client;
    kgen_session *session;
    int requests;
    slot *slots;
    int start_failures;
} worker_args;

static void *issue_requests(void *arg) {
    worker_args *w = arg;
    for (int i = 0; i < w->requests; i++)
        if (kgen_wallet_balance(w->client, w->session, on_slot, &w->slots[i], NULL) != KGEN_OK)
            w->start_failures++;
    return NULL;
}

static void eight_threads_share_one_client(void) {
    const int per_thread = scaled(100);
    kgen_client_options o = default_options(KGEN_DISPATCH_IMMEDIATE);
    o.worker_threads = 2;
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&o, &client));
    kgen_session *s = NULL;
    CHECK_OK(kgen_session_restore(client, player_token, NULL, &s));
    tally t = {0};
    pthread_t threads[8];
    worker_args args[8];
    for (int i = 0; i < 8; i++) {
        args[i] = (worker_args){client, s, per_thread, calloc((size_t)per_thread, sizeof(slot)), 0};
        for (int j = 0; j < per_thread; j++) args[i].slots[j].tally = &t;
        pthread_create(&threads[i], NULL, issue_requests, &args[i]);
    }
    for (int i = 0; i < 8; i++) pthread_join(threads[i], NULL);
    CHECK(poll_until(NULL, &t.calls, 8 * per_thread, 60000));
    CHECK_OK(kgen_client_destroy(client));
    CHECK(atomic_load(&t.calls) == 8 * per_thread && atomic_load(&t.cancelled) == 0);
    for (int i = 0; i < 8; i++) {
        CHECK(args[i].start_failures == 0);
        for (int j = 0; j < per_thread; j++) CHECK(atomic_load(&args[i].slots[j].calls) == 1);
        free(args[i].slots);
    }
}

typedef struct {
    kgen_client *client;
    kgen_session *session;
    kgen_status destroy, poll, wait, next_event, set_log;
    kgen_status chained_start;
    atomic_int calls;
    atomic_int chained;
} reentry;

static void on_chained(const kgen_event *e, void *user_data) {
    (void)e;
    atomic_fetch_add(&((reentry *)user_data)->chained, 1);
}

static void try_reentry(const kgen_event *e, void *user_data) {
    (void)e;
    reentry *r = user_data;
    const kgen_event *pulled;
    r->destroy = kgen_client_destroy(r->client);
    r->poll = kgen_client_poll(r->client, 0, NULL);
    r->wait = kgen_client_wait(r->client, 0);
    r->next_event = kgen_client_next_event(r->client, &pulled);
    r->set_log = kgen_set_log_callback(KGEN_LOG_OFF, NULL, NULL);
    r->chained_start = kgen_wallet_balance(r->client, r->session, on_chained, r, NULL);
    atomic_fetch_add(&r->calls, 1);
}

static void destroy_and_poll_inside_a_callback_are_refused(void) {
    kgen_dispatch modes[] = {KGEN_DISPATCH_MANUAL, KGEN_DISPATCH_IMMEDIATE, KGEN_DISPATCH_DRIVEN};
    for (int m = 0; m < 3; m++) {
        reentry r = {0};
        r.client = new_client(modes[m], &r.session);
        CHECK(r.client);
        kgen_client *poller = modes[m] == KGEN_DISPATCH_IMMEDIATE ? NULL : r.client;
        CHECK_OK(kgen_wallet_balance(r.client, r.session, try_reentry, &r, NULL));
        CHECK(poll_until(poller, &r.calls, 1, 20000));
        CHECK(r.destroy == KGEN_ERR_REENTRANT && r.poll == KGEN_ERR_REENTRANT);
        CHECK(r.wait == KGEN_ERR_REENTRANT);
        CHECK(r.next_event == KGEN_ERR_REENTRANT && r.set_log == KGEN_ERR_REENTRANT);
        /* Starting requests from a callback is fine. */
        CHECK(r.chained_start == KGEN_OK);
        CHECK(poll_until(poller, &r.chained, 1, 20000));
        CHECK_OK(kgen_client_destroy(r.client));
    }
}

static long rss_kib(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
    if (f) fclose(f);
    return kib;
}

static int one_cycle(int i) {
    kgen_session *s;
    kgen_client *client = new_client(i % 2 ? KGEN_DISPATCH_IMMEDIATE : KGEN_DISPATCH_MANUAL, &s);
    if (!client) return 0;
    captured c = {0};
    if (kgen_wallet_balance(client, s, on_capture, &c, NULL) != KGEN_OK) return 0;
    int ok = poll_until(i % 2 ? NULL : client, &c.calls, 1, 20000) && c.status == KGEN_OK;
    return kgen_client_destroy(client) == KGEN_OK && ok;
}

static void create_destroy_cycles_leave_no_threads_or_memory_behind(void) {
    const int cycles = scaled(100);
    for (int i = 0; i < 4; i++) CHECK(one_cycle(i)); /* warm up one-time library state */
    int threads = thread_count();
    long rss = rss_kib();
    for (int i = 0; i < cycles; i++) CHECK(one_cycle(i));
    CHECK(thread_count() == threads);
    if (getenv("KGEN_TEST_RSS")) {
        long grown = rss_kib() - rss;
        printf("  rss growth over %d cycles: %ld KiB\n", cycles, grown);
        CHECK(grown < 8 * 1024);
    }
}

static void a_token_expiring_mid_flight_renews_or_notifies(void) {
    char fault[64];
    /* Server flow: the SDK renews the session and the request succeeds. */
    kgen_client *server = new_client(KGEN_DISPATCH_MANUAL, NULL);
    CHECK(server);
    char user[64];
    unique_user(user, sizeof user, "expiring");
    kgen_session *s = create_session(server, user);
    CHECK(s);
    char before[2048], after[2048];
    size_t len = sizeof before;
    CHECK_OK(kgen_session_get_string(s, KGEN_SESSION_ACCESS_TOKEN, before, &len));
    CHECK(add_fault(BALANCE_FAULT(1500, 1), fault, sizeof fault));
    captured c = {0};
    CHECK_OK(kgen_wallet_balance(server, s, on_capture, &c, NULL));
    sleep_ms(300);
    int moved = set_clock_offset(3 * 86400);
    int done = poll_until(server, &c.calls, 1, 20000);
    set_clock_offset(0);
    CHECK(moved && done);
    CHECK(c.status == KGEN_OK);
    len = sizeof after;
    CHECK_OK(kgen_session_get_string(s, KGEN_SESSION_ACCESS_TOKEN, after, &len));
    CHECK(strcmp(before, after) != 0);

    /* Client flow: the completion says so and the game is notified once. */
    captured notice = {0};
    kgen_client_options o = default_options(KGEN_DISPATCH_MANUAL);
    o.client_id = NULL;
    o.client_secret = NULL;
    o.session_expired = on_capture;
    o.session_expired_user_data = &notice;
    kgen_client *game = NULL;
    CHECK_OK(kgen_client_new(&o, &game));
    kgen_session *restored = NULL;
    CHECK_OK(kgen_session_restore(game, after, NULL, &restored));
    CHECK(add_fault(BALANCE_FAULT(1500, 1), fault, sizeof fault));
    memset(&c, 0, sizeof c);
    CHECK_OK(kgen_wallet_balance(game, restored, on_capture, &c, NULL));
    sleep_ms(300);
    moved = set_clock_offset(6 * 86400);
    done = poll_until(game, &c.calls, 1, 20000) && poll_until(game, &notice.calls, 1, 5000);
    set_clock_offset(0);
    CHECK(moved && done);
    CHECK(c.status == KGEN_ERR_SESSION_EXPIRED && c.http_status == 401);
    CHECK(notice.kind == KGEN_EVENT_SESSION_EXPIRED && notice.session == restored);
    CHECK_OK(kgen_client_destroy(game));
    CHECK(atomic_load(&notice.calls) == 1);
    CHECK_OK(kgen_client_destroy(server));
}

int main(void) {
    kgen_client *client = new_client(KGEN_DISPATCH_MANUAL, NULL);
    char user[64];
    unique_user(user, sizeof user, "dispatch");
    kgen_session *s = client ? create_session(client, user) : NULL;
    size_t len = sizeof player_token;
    if (!s || kgen_session_get_string(s, KGEN_SESSION_ACCESS_TOKEN, player_token, &len) != KGEN_OK) {
        fprintf(stderr, "cannot create a player on %s\n", base_url());
        return 1;
    }
    kgen_client_destroy(client);

    RUN(manual_dispatch_calls_back_only_inside_poll_on_the_polling_thread);
    RUN(immediate_dispatch_calls_back_on_an_sdk_thread);
    RUN(driven_dispatch_works_only_inside_the_callers_calls_and_needs_no_thread);
    RUN(a_wait_ends_with_an_event_its_timeout_or_the_clients_destruction);
    RUN(the_wake_hook_signals_once_until_a_poll_begins);
    RUN(the_pull_form_hands_out_events_with_their_data);
    RUN(cancel_before_completion_reports_cancelled_once);
    RUN(cancel_after_completion_leaves_the_result);
    RUN(destroy_completes_every_request_in_flight_exactly_once);
    RUN(eight_threads_share_one_client);
    RUN(destroy_and_poll_inside_a_callback_are_refused);
    RUN(create_destroy_cycles_leave_no_threads_or_memory_behind);
    RUN(a_token_expiring_mid_flight_renews_or_notifies);
    RUN(setters_of_the_log_callback_do_not_starve_requests);
    return test_summary("test_dispatch");
}
