/*
 * The C ABI's contract without a server: versions, status codes, options,
 * strings, buffers, and every way of misusing a handle.
 */
#include "kgen_test.h"

static kgen_client *new_client(void) {
    kgen_client_options o = default_options(KGEN_DISPATCH_MANUAL);
    kgen_client *client = NULL;
    if (kgen_client_new(&o, &client) != KGEN_OK) return NULL;
    return client;
}


static void never_called(const kgen_event *e, void *user_data) {
    (void)e;
    atomic_fetch_add((atomic_int *)user_data, 1);
}

static void header_version_equals_library_version(void) {
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", KGEN_VERSION_MAJOR, KGEN_VERSION_MINOR,
             KGEN_VERSION_PATCH);
    CHECK(strcmp(kgen_version(), expected) == 0);
    CHECK(strcmp(KGEN_VERSION_STRING, expected) == 0);
}

static void every_status_has_a_description(void) {
    CHECK(strcmp(kgen_status_str(KGEN_OK), "ok") == 0);
    CHECK(strcmp(kgen_status_str(KGEN_ERR_BUFFER_TOO_SMALL), "buffer too small") == 0);
    CHECK(strcmp(kgen_status_str(-1), "unknown status") == 0);
    CHECK(strcmp(kgen_status_str(12345), "unknown status") == 0);
}

static void null_arguments_are_errors(void) {
    kgen_client_options o = default_options(KGEN_DISPATCH_MANUAL);
    kgen_client *client = NULL;
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT, kgen_client_new(NULL, &client));
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT, kgen_client_new(&o, NULL));
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT, kgen_client_destroy(NULL));
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT, kgen_client_poll(NULL, 0, NULL));
    const kgen_event *event;
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT, kgen_client_next_event(NULL, &event));
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT, kgen_request_cancel(NULL, 1));
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT, kgen_session_destroy(NULL));

    client = new_client();
    CHECK(client);
    kgen_session *session = restore_unsigned(client, "null-args");
    CHECK(session);
    atomic_int calls = 0;
    kgen_request_id id = 99;
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT,
                 kgen_tournaments_join(client, session, NULL, 10, never_called, &calls, &id));
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT,
                 kgen_tournaments_join(client, NULL, "uid", 10, never_called, &calls, &id));
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT,
                 kgen_otp_verify(client, session, "9876543210", "+91", NULL, "123456",
                                 never_called, &calls, NULL));
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT, kgen_client_next_event(client, NULL));
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT,
                 kgen_session_get_string(session, KGEN_SESSION_USER_ID, NULL, NULL));
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT, kgen_session_get_expires_at(session, NULL));
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT, kgen_session_restore(client, NULL, NULL, &session));
    CHECK(id == 99);
    kgen_client_poll(client, 0, NULL);
    CHECK_OK(kgen_client_destroy(client));
    CHECK(atomic_load(&calls) == 0);
}

static void invalid_utf8_is_an_invalid_argument(void) {
    kgen_client_options o = default_options(KGEN_DISPATCH_MANUAL);
    o.base_url = "http://127.0.0.1:1/\xff\xfe";
    kgen_client *client = NULL;
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_client_new(&o, &client));
    CHECK(client == NULL);

    client = new_client();
    CHECK(client);
    kgen_session *session = restore_unsigned(client, "utf8");
    CHECK(session);
    atomic_int calls = 0;
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT,
                 kgen_tournaments_get(client, session, "\xc3\x28", never_called, &calls, NULL));
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT,
                 kgen_account_login(client, "demo", "\x80", 0, never_called, &calls, NULL));
    CHECK_OK(kgen_client_destroy(client));
    CHECK(atomic_load(&calls) == 0);
}

/* A program built with the kgen.h of another major version (0.MINOR before 1.0)
   is refused by name, before the library reads anything else of its options. */
static void a_header_of_another_major_version_is_refused(void) {
    kgen_client *client = NULL;
    kgen_client_options o = default_options(KGEN_DISPATCH_MANUAL);
    CHECK(o.header_version == KGEN_VERSION_NUMBER);
    uint32_t other_line = KGEN_VERSION_MAJOR == 0 ? KGEN_VERSION_NUMBER + 1000
                                                  : KGEN_VERSION_NUMBER + 1000000;
    o.header_version = other_line;
    CHECK_STATUS(KGEN_ERR_INCOMPATIBLE_VERSION, kgen_client_new(&o, &client));
    CHECK(client == NULL);
    char why[512];
    size_t len = sizeof why;
    CHECK_OK(kgen_last_error_message(why, &len));
    CHECK(strstr(why, "kgen.h") != NULL && strstr(why, KGEN_VERSION_STRING) != NULL);

    o.header_version = KGEN_VERSION_NUMBER + 1; /* a newer patch of the same line */
    CHECK_OK(kgen_client_new(&o, &client));
    CHECK_OK(kgen_client_destroy(client));
    o.header_version = 0; /* no version stated */
    CHECK_OK(kgen_client_new(&o, &client));
    CHECK_OK(kgen_client_destroy(client));
}

static void options_are_versioned_and_checked(void) {
    kgen_client *client = NULL;
    kgen_client_options o = default_options(KGEN_DISPATCH_MANUAL);
    o.struct_size = 0;
    CHECK_STATUS(KGEN_ERR_INCOMPATIBLE_VERSION, kgen_client_new(&o, &client));
    o.struct_size = sizeof o + 8;
    CHECK_STATUS(KGEN_ERR_INCOMPATIBLE_VERSION, kgen_client_new(&o, &client));
    /* A program built with the header before attempt_timeout_ms was appended. */
    o.struct_size = (uint32_t)offsetof(kgen_client_options, attempt_timeout_ms);
    CHECK_OK(kgen_client_new(&o, &client));
    CHECK_OK(kgen_client_destroy(client));
    o.struct_size = (uint32_t)offsetof(kgen_client_options, attempt_timeout_ms) - 4;
    CHECK_STATUS(KGEN_ERR_INCOMPATIBLE_VERSION, kgen_client_new(&o, &client));

    o = default_options(7);
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_client_new(&o, &client));
    o = default_options(KGEN_DISPATCH_MANUAL);
    o.worker_threads = 1000;
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_client_new(&o, &client));

    /* A URL that does not parse is not echoed with its password. */
    o = default_options(KGEN_DISPATCH_MANUAL);
    o.base_url = "https://player:hunter2@exa mple.com";
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_client_new(&o, &client));
    char why[256];
    size_t why_len = sizeof why;
    CHECK_OK(kgen_last_error_message(why, &why_len));
    CHECK(strstr(why, "hunter2") == NULL && strstr(why, "base_url") != NULL);

    o = default_options(KGEN_DISPATCH_MANUAL);
    o.base_url = "not a url";
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_client_new(&o, &client));
    size_t len = 0;
    CHECK_STATUS(KGEN_ERR_BUFFER_TOO_SMALL, kgen_last_error_message(NULL, &len));
    CHECK(len > 1);
    char message[256];
    len = sizeof message;
    CHECK_OK(kgen_last_error_message(message, &len));
    CHECK(strlen(message) + 1 == len);

    /* Plain http is only for loopback unless explicitly allowed. */
    o.base_url = "http://example.com";
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_client_new(&o, &client));
    o.allow_insecure_http = 1;
    CHECK_OK(kgen_client_new(&o, &client));
    CHECK_OK(kgen_client_destroy(client));
    CHECK(client != NULL);
}

static void destroyed_handles_are_rejected(void) {
    kgen_client *client = new_client();
    CHECK(client);
    kgen_session *session = restore_unsigned(client, "destroyed");
    CHECK(session);
    CHECK_OK(kgen_client_destroy(client));
    CHECK_STATUS(KGEN_ERR_INVALID_HANDLE, kgen_client_destroy(client));
    CHECK_STATUS(KGEN_ERR_INVALID_HANDLE, kgen_client_poll(client, 0, NULL));
    const kgen_event *event = (const kgen_event *)1;
    CHECK_STATUS(KGEN_ERR_INVALID_HANDLE, kgen_client_next_event(client, &event));
    CHECK(event == NULL);
    atomic_int calls = 0;
    CHECK_STATUS(KGEN_ERR_INVALID_HANDLE,
                 kgen_wallet_balance(client, session, never_called, &calls, NULL));
    /* The client's sessions went with it. */
    char buf[64];
    size_t len = sizeof buf;
    CHECK_STATUS(KGEN_ERR_INVALID_HANDLE,
                 kgen_session_get_string(session, KGEN_SESSION_USER_ID, buf, &len));
    CHECK_STATUS(KGEN_ERR_INVALID_HANDLE, kgen_session_destroy(session));
    CHECK(atomic_load(&calls) == 0);
}

static void double_destroyed_sessions_are_rejected(void) {
    kgen_client *client = new_client();
    CHECK(client);
    kgen_session *session = restore_unsigned(client, "twice");
    CHECK(session);
    CHECK_OK(kgen_session_destroy(session));
    CHECK_STATUS(KGEN_ERR_INVALID_HANDLE, kgen_session_destroy(session));
    atomic_int calls = 0;
    CHECK_STATUS(KGEN_ERR_INVALID_HANDLE,
                 kgen_rewards_claim(client, session, never_called, &calls, NULL));
    /* A new session never revives the old handle. */
    kgen_session *again = restore_unsigned(client, "twice");
    CHECK(again && again != session);
    CHECK_STATUS(KGEN_ERR_INVALID_HANDLE, kgen_session_destroy(session));
    CHECK_OK(kgen_client_destroy(client));
    CHECK(atomic_load(&calls) == 0);
}

static void forged_and_mistyped_handles_are_rejected(void) {
    kgen_client *client = new_client();
    CHECK(client);
    kgen_session *session = restore_unsigned(client, "forged");
    CHECK(session);
    uintptr_t forgeries[] = {1, 0x1000, 0xdeadbeef, (uintptr_t)-1, (uintptr_t)client + 1,
                             (uintptr_t)client ^ ((uintptr_t)1 << 20)};
    for (size_t i = 0; i < sizeof forgeries / sizeof *forgeries; i++) {
        CHECK_STATUS(KGEN_ERR_INVALID_HANDLE, kgen_client_poll((kgen_client *)forgeries[i], 0, NULL));
        CHECK_STATUS(KGEN_ERR_INVALID_HANDLE, kgen_session_destroy((kgen_session *)forgeries[i]));
    }
    /* A session handle where a client is expected, and the other way round. */
    CHECK_STATUS(KGEN_ERR_INVALID_HANDLE, kgen_client_destroy((kgen_client *)session));
    CHECK_STATUS(KGEN_ERR_INVALID_HANDLE, kgen_session_destroy((kgen_session *)client));
    int64_t exp = 0;
    CHECK_OK(kgen_session_get_expires_at(session, &exp));
    CHECK(exp > (int64_t)time(NULL));
    CHECK_OK(kgen_client_destroy(client));
}

static void a_session_of_another_client_is_rejected(void) {
    kgen_client *a = new_client();
    kgen_client *b = new_client();
    CHECK(a && b);
    kgen_session *session = restore_unsigned(a, "other-client");
    CHECK(session);
    atomic_int calls = 0;
    CHECK_STATUS(KGEN_ERR_WRONG_CLIENT,
                 kgen_wallet_balance(b, session, never_called, &calls, NULL));
    CHECK_OK(kgen_client_destroy(b));
    CHECK_OK(kgen_client_destroy(a));
    CHECK(atomic_load(&calls) == 0);
}

static void strings_are_copied_into_caller_buffers(void) {
    kgen_client *client = new_client();
    CHECK(client);
    kgen_session *session = restore_unsigned(client, "buffer-user");
    CHECK(session);
    size_t len = 0;
    CHECK_STATUS(KGEN_ERR_BUFFER_TOO_SMALL,
                 kgen_session_get_string(session, KGEN_SESSION_USER_ID, NULL, &len));
    CHECK(len == strlen("buffer-user") + 1);
    char small[4] = "xyz";
    len = sizeof small;
    CHECK_STATUS(KGEN_ERR_BUFFER_TOO_SMALL,
                 kgen_session_get_string(session, KGEN_SESSION_USER_ID, small, &len));
    CHECK(strcmp(small, "xyz") == 0);
    char buf[64];
    len = sizeof buf;
    CHECK_OK(kgen_session_get_string(session, KGEN_SESSION_USER_ID, buf, &len));
    CHECK(strcmp(buf, "buffer-user") == 0);
    CHECK(len == strlen(buf) + 1);
    len = sizeof buf;
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_session_get_string(session, 999, buf, &len));
    kgen_session_flow flow = 0;
    CHECK_OK(kgen_session_get_flow(session, &flow));
    CHECK(flow == KGEN_SESSION_FLOW_CLIENT);
    CHECK_OK(kgen_client_destroy(client));
}

/* The size query and a too-small buffer leave the message of the failure being
 * handled; a NULL buffer with a capacity is a NULL argument, as everywhere. */
static void one_rule_for_every_buffer(void) {
    kgen_client *client = new_client();
    CHECK(client);
    kgen_session *session = restore_unsigned(client, "rule-user");
    CHECK(session);
    kgen_client_options bad = default_options(KGEN_DISPATCH_MANUAL);
    bad.base_url = "not a url";
    kgen_client *none = NULL;
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_client_new(&bad, &none));
    char before[256], after[256];
    size_t len = sizeof before;
    CHECK_OK(kgen_last_error_message(before, &len));
    CHECK(strstr(before, "base_url") != NULL);

    len = 0;
    CHECK_STATUS(KGEN_ERR_BUFFER_TOO_SMALL,
                 kgen_session_get_string(session, KGEN_SESSION_USER_ID, NULL, &len));
    CHECK(len == strlen("rule-user") + 1);
    char small[2];
    len = sizeof small;
    CHECK_STATUS(KGEN_ERR_BUFFER_TOO_SMALL,
                 kgen_session_get_string(session, KGEN_SESSION_USER_ID, small, &len));
    len = 0;
    CHECK_STATUS(KGEN_ERR_BUFFER_TOO_SMALL, kgen_last_error_message(NULL, &len));
    CHECK(len == strlen(before) + 1);
    len = sizeof after;
    CHECK_OK(kgen_last_error_message(after, &len));
    CHECK(strcmp(before, after) == 0);

    len = 8;
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT,
                 kgen_session_get_string(session, KGEN_SESSION_USER_ID, NULL, &len));
    len = sizeof after;
    CHECK_OK(kgen_last_error_message(after, &len));
    CHECK(strcmp(after, "buffer is NULL") == 0);
    len = 8;
    CHECK_STATUS(KGEN_ERR_NULL_ARGUMENT, kgen_last_error_message(NULL, &len));
    CHECK_OK(kgen_client_destroy(client));
}

/* Whatever the SDK can tell is wrong is refused by the call itself: no request
 * starts and no callback comes. */
static void requests_that_cannot_start_are_refused_at_the_call(void) {
    kgen_client_options o = default_options(KGEN_DISPATCH_MANUAL);
    o.client_id = NULL;
    o.client_secret = NULL;
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&o, &client));
    atomic_int calls = 0;
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT,
                 kgen_session_create(client, "no-credentials", NULL, never_called, &calls, NULL));
    char message[256];
    size_t len = sizeof message;
    CHECK_OK(kgen_last_error_message(message, &len));
    CHECK(strstr(message, "client_id") != NULL);

    kgen_session *session = restore_unsigned(client, "paging-user");
    CHECK(session);
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT,
                 kgen_wallet_transactions(client, session, NULL, 1000, never_called, &calls, NULL));
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT,
                 kgen_wallet_transactions(client, session, NULL, 101, never_called, &calls, NULL));
    len = sizeof message;
    CHECK_OK(kgen_last_error_message(message, &len));
    CHECK(strstr(message, "limit") != NULL);

    const kgen_event *event = NULL;
    CHECK_STATUS(KGEN_NO_EVENT, kgen_client_next_event(client, &event));
    CHECK_OK(kgen_client_destroy(client));
    CHECK(atomic_load(&calls) == 0);
}

/* No tournament uid reaches another route: `.` and `..` would collapse the URL
 * (".../tournaments/./join" is ".../tournaments/join"), `active` would read the list. */
static void path_parameters_cannot_address_another_route(void) {
    kgen_client *client = new_client();
    CHECK(client);
    kgen_session *session = restore_unsigned(client, "path-user");
    CHECK(session);
    atomic_int calls = 0;
    const char *bad[] = {".", "..", " .. ", "active", "participated"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT,
                     kgen_tournaments_join(client, session, bad[i], 10, never_called, &calls, NULL));
        CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT,
                     kgen_tournaments_get(client, session, bad[i], never_called, &calls, NULL));
        CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT,
                     kgen_leaderboard_get(client, session, bad[i], never_called, &calls, NULL));
    }
    CHECK_OK(kgen_client_destroy(client));
    CHECK(atomic_load(&calls) == 0);
}

/* Input that could never be sent is refused by the call: nothing is sent, so no
 * write may have been applied. */
static void oversized_input_and_split_credentials_are_refused_at_the_call(void) {
    kgen_client *client = new_client();
    CHECK(client);
    kgen_session *session = restore_unsigned(client, "big-user");
    CHECK(session);
    size_t n = 70 * 1024;
    char *huge = malloc(n + 1);
    memset(huge, 'a', n);
    huge[n] = 0;
    atomic_int calls = 0;
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT,
                 kgen_tournaments_join(client, session, huge, 10, never_called, &calls, NULL));
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT,
                 kgen_wallet_transactions(client, session, huge, 0, never_called, &calls, NULL));
    char message[256];
    size_t len = sizeof message;
    CHECK_OK(kgen_last_error_message(message, &len));
    CHECK(strstr(message, "aaaaaaaa") == NULL); /* the value is not echoed */
    free(huge);
    CHECK_OK(kgen_client_destroy(client));
    CHECK(atomic_load(&calls) == 0);

    kgen_client_options o = default_options(KGEN_DISPATCH_MANUAL);
    o.client_secret = "demo-secret\r\nx-injected: 1";
    client = NULL;
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_client_new(&o, &client));
    CHECK(client == NULL);
    len = sizeof message;
    CHECK_OK(kgen_last_error_message(message, &len));
    CHECK(strstr(message, "client_secret") && !strstr(message, "demo-secret"));
}

static void restoring_needs_a_real_token(void) {
    kgen_client *client = new_client();
    CHECK(client);
    kgen_session *session = (kgen_session *)1;
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_session_restore(client, "not-a-jwt", NULL, &session));
    CHECK(session == NULL);
    CHECK_OK(kgen_client_destroy(client));
}

static void cancel_and_pull_on_an_idle_client(void) {
    kgen_client *client = new_client();
    CHECK(client);
    CHECK_STATUS(KGEN_ERR_UNKNOWN_REQUEST, kgen_request_cancel(client, 12345));
    const kgen_event *event = (const kgen_event *)1;
    CHECK_STATUS(KGEN_NO_EVENT, kgen_client_next_event(client, &event));
    CHECK(event == NULL);
    uint32_t delivered = 7;
    CHECK_OK(kgen_client_poll(client, 0, &delivered));
    CHECK(delivered == 0);
    CHECK_OK(kgen_client_destroy(client));
}

static void the_log_level_is_checked(void) {
    CHECK_STATUS(KGEN_ERR_INVALID_ARGUMENT, kgen_set_log_callback(9, NULL, NULL));
    CHECK_OK(kgen_set_log_callback(KGEN_LOG_OFF, NULL, NULL));
}

int main(void) {
    RUN(header_version_equals_library_version);
    RUN(every_status_has_a_description);
    RUN(null_arguments_are_errors);
    RUN(invalid_utf8_is_an_invalid_argument);
    RUN(options_are_versioned_and_checked);
    RUN(a_header_of_another_major_version_is_refused);
    RUN(destroyed_handles_are_rejected);
    RUN(double_destroyed_sessions_are_rejected);
    RUN(forged_and_mistyped_handles_are_rejected);
    RUN(a_session_of_another_client_is_rejected);
    RUN(strings_are_copied_into_caller_buffers);
    RUN(one_rule_for_every_buffer);
    RUN(requests_that_cannot_start_are_refused_at_the_call);
    RUN(restoring_needs_a_real_token);
    RUN(path_parameters_cannot_address_another_route);
    RUN(oversized_input_and_split_credentials_are_refused_at_the_call);
    RUN(cancel_and_pull_on_an_idle_client);
    RUN(the_log_level_is_checked);
    return test_summary("test_abi");
}
