/*
 * Destroy never waits on the network: not for a name lookup that hangs (run with
 * tests/c/stall_dns.c preloaded, as scripts/test-c.sh does: lookups of
 * "stalled-dns" hosts hang for 8 s), a connection that is never accepted, nor a
 * response whose body never ends.
 */
#include "kgen_test.h" /* first: it sets _GNU_SOURCE */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

enum { REQUESTS = 5 };

/* Starts REQUESTS reads through a client of `base_url`, lets them reach the
 * stall, destroys the client and checks it returned at once, every request
 * ended cancelled, once. */
static void destroy_returns_while_stalled(const char *what, const char *base_url) {
    kgen_dispatch modes[] = {KGEN_DISPATCH_MANUAL, KGEN_DISPATCH_IMMEDIATE};
    for (int m = 0; m < 2; m++) {
        kgen_client_options o = default_options(modes[m]);
        o.base_url = base_url;
        o.allow_insecure_http = 1;
        kgen_client *client = NULL;
        CHECK_OK(kgen_client_new(&o, &client));
        kgen_session *session = restore_unsigned(client, "stalled-player");
        CHECK(session != NULL);
        captured c[REQUESTS];
        memset(c, 0, sizeof c);
        for (int i = 0; i < REQUESTS; i++)
            CHECK_OK(kgen_wallet_balance(client, session, on_capture, &c[i], NULL));
        sleep_ms(300); /* the requests have reached the stall */
        double started = now_ms();
        CHECK_OK(kgen_client_destroy(client));
        double took = now_ms() - started;
        printf("  %s, %s dispatch: destroy returned in %.1f ms\n", what,
               m == 0 ? "manual" : "immediate", took);
        CHECK(took < 1000); /* the stalls last 8 s or more; room for a loaded machine */
        for (int i = 0; i < REQUESTS; i++) {
            CHECK(atomic_load(&c[i].calls) == 1);
            CHECK(c[i].status == KGEN_ERR_CANCELLED);
        }
    }
}

/* A loopback listener; its port goes into `url`. */
static int listen_on_loopback(int backlog, char *url, size_t n) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, backlog) ||
        getsockname(fd, (struct sockaddr *)&a, &len))
        return -1;
    snprintf(url, n, "http://127.0.0.1:%d", ntohs(a.sin_port));
    return fd;
}

static int connect_to(const char *url) {
    int port = atoi(strrchr(url, ':') + 1);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    connect(fd, (struct sockaddr *)&a, sizeof a);
    return fd;
}

static void destroy_does_not_wait_for_a_connection_never_accepted(void) {
    char url[64];
    int listener = listen_on_loopback(0, url, sizeof url);
    CHECK(listener >= 0);
    /* Fill the accept queue: later handshakes get no answer, connects hang. */
    int fillers[4];
    for (int i = 0; i < 4; i++) fillers[i] = connect_to(url);
    sleep_ms(100);
    destroy_returns_while_stalled("connection never accepted", url);
    for (int i = 0; i < 4; i++) close(fillers[i]);
    close(listener);
}

static atomic_int serving;

/* Accepts every connection, answers each request with headers and the first
 * byte of a body that never ends. */
static void *serve_stalled_bodies(void *arg) {
    int listener = *(int *)arg;
    int clients[64], n = 0;
    while (atomic_load(&serving) && n < 64) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) continue;
        char request[4096];
        if (read(fd, request, sizeof request) > 0) {
            const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                               "Content-Length: 100000\r\n\r\n{";
            if (write(fd, head, strlen(head)) < 0) { /* the client went away */ }
        }
        clients[n++] = fd;
    }
    for (int i = 0; i < n; i++) close(clients[i]);
    return NULL;
}

static void destroy_does_not_wait_for_a_body_that_never_ends(void) {
    char url[64];
    int listener = listen_on_loopback(64, url, sizeof url);
    CHECK(listener >= 0);
    atomic_store(&serving, 1);
    pthread_t server;
    pthread_create(&server, NULL, serve_stalled_bodies, &listener);
    destroy_returns_while_stalled("body never ends", url);
    atomic_store(&serving, 0);
    shutdown(listener, SHUT_RDWR);
    close(connect_to(url)); /* wakes the accept */
    pthread_join(server, NULL);
    close(listener);
}

static void destroy_does_not_wait_for_a_stalled_name_lookup(void) {
    if (!getenv("LD_PRELOAD") || !strstr(getenv("LD_PRELOAD"), "stall_dns")) {
        fprintf(stderr, "  needs LD_PRELOAD=.../stall_dns.so\n");
        CHECK(0);
        return;
    }
    destroy_returns_while_stalled("name lookup stalled", "http://stalled-dns.invalid:8080");
}

int main(void) {
    RUN(destroy_does_not_wait_for_a_stalled_name_lookup);
    RUN(destroy_does_not_wait_for_a_connection_never_accepted);
    RUN(destroy_does_not_wait_for_a_body_that_never_ends);
    return test_summary("test_stalls");
}
