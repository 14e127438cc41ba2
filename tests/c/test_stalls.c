/*
 * Destroy never waits on the network. Run with tests/c/stall_dns.c preloaded
 * (scripts/test-c.sh does): name lookups of "stalled-dns" hosts hang for 8 s.
 */
#include "kgen_test.h"

static void destroy_does_not_wait_for_a_stalled_name_lookup(void) {
    if (!getenv("LD_PRELOAD") || !strstr(getenv("LD_PRELOAD"), "stall_dns")) {
        fprintf(stderr, "  needs LD_PRELOAD=.../stall_dns.so\n");
        CHECK(0);
        return;
    }
    kgen_dispatch modes[] = {KGEN_DISPATCH_MANUAL, KGEN_DISPATCH_IMMEDIATE};
    for (int m = 0; m < 2; m++) {
        kgen_client_options o = default_options(modes[m]);
        o.base_url = "http://stalled-dns.invalid:8080";
        o.allow_insecure_http = 1;
        kgen_client *client = NULL;
        CHECK_OK(kgen_client_new(&o, &client));
        char token[1024];
        unsigned_token("stalled-player", (long)time(NULL) + 3600, token, sizeof token);
        kgen_session *session = NULL;
        CHECK_OK(kgen_session_restore(client, token, NULL, &session));
        enum { N = 5 };
        captured c[N];
        memset(c, 0, sizeof c);
        for (int i = 0; i < N; i++)
            CHECK_OK(kgen_wallet_balance(client, session, on_capture, &c[i], NULL));
        sleep_ms(300); /* the lookups have started and hang */
        double started = now_ms();
        CHECK_OK(kgen_client_destroy(client));
        double took = now_ms() - started;
        printf("  %s: destroy with %d lookups stalled returned in %.1f ms\n",
               m == 0 ? "manual" : "immediate", N, took);
        CHECK(took < 1000); /* the lookups hang 8 s; the bound leaves room for a loaded machine */
        for (int i = 0; i < N; i++) {
            CHECK(atomic_load(&c[i].calls) == 1);
            CHECK(c[i].status == KGEN_ERR_CANCELLED);
        }
    }
}

int main(void) {
    RUN(destroy_does_not_wait_for_a_stalled_name_lookup);
    return test_summary("test_stalls");
}
