/* The outbox under SIGKILL: a child process queues scores through the C ABI
 * and is killed at a random moment, again and again; a last child delivers
 * what is left. Then the sandbox's ledger must hold every score a child
 * acknowledged (kgen_outbox_enqueue returned KGEN_OK) exactly once, and no
 * score twice.
 *
 *   outbox_crash [KILLS]      (default 200; KGEN_BASE_URL, KGEN_ADMIN_KEY set)
 */
#include "outbox_test.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

enum { PLAYERS = 8 };

static char players[PLAYERS][64];

/* A child: opens the outbox, queues scores round-robin and says which were
 * acknowledged on `ack_fd`, until it is killed; or with `drain`, delivers what
 * is left and exits 0 once the outbox is empty. */
static int child(const char *dir, const char *uid, int generation, int ack_fd, int drain) {
    outbox_log *log = calloc(1, sizeof *log);
    pthread_mutex_init(&log->mutex, NULL);
    kgen_client_options o = outbox_options(dir, KGEN_DISPATCH_IMMEDIATE, log);
    kgen_client *client = NULL;
    kgen_status s = kgen_client_new(&o, &client);
    if (s != KGEN_OK) {
        fprintf(stderr, "child: kgen_client_new: %s\n", kgen_status_str(s));
        return 2;
    }
    if (drain) {
        int empty = 0;
        kgen_outbox_flush(client, 120000, &empty);
        return empty ? 0 : 3;
    }
    kgen_session *sessions[PLAYERS];
    for (int p = 0; p < PLAYERS; p++) {
        captured c = {0};
        if (kgen_session_create(client, players[p], NULL, on_capture, &c, NULL) != KGEN_OK ||
            !poll_until(NULL, &c.calls, 1, 20000) || c.status != KGEN_OK)
            return 4;
        sessions[p] = c.session;
    }
    for (long long n = 0;; n++) {
        int p = (int)(n % PLAYERS);
        long long score = (long long)generation * 1000000 + n;
        kgen_outbox_call call = {sizeof call, KGEN_OP_TOURNAMENTS_SUBMIT_SCORE, uid, score};
        s = kgen_outbox_enqueue(client, sessions[p], &call, NULL);
        if (s == KGEN_ERR_OUTBOX_FULL) { /* the backlog is at its limit: wait for deliveries */
            sleep_ms(5);
            continue;
        }
        if (s != KGEN_OK) return 5;
        char line[128];
        int len = snprintf(line, sizeof line, "%d %lld\n", p, score);
        if (write(ack_fd, line, (size_t)len) != len) return 6;
    }
}

static pid_t spawn(const char *dir, const char *uid, int generation, int ack_fd, int drain) {
    pid_t pid = fork();
    if (pid == 0) _exit(child(dir, uid, generation, ack_fd, drain));
    return pid;
}

/* The players join once, directly, before any child runs. */
static void join_players(const char *uid) {
    kgen_client_options o = default_options(KGEN_DISPATCH_MANUAL);
    kgen_client *client = NULL;
    CHECK_OK(kgen_client_new(&o, &client));
    for (int p = 0; p < PLAYERS; p++) {
        unique_user(players[p], sizeof players[p], "crash");
        kgen_session *s = create_session(client, players[p]);
        captured c = {0};
        CHECK(s && kgen_tournaments_join(client, s, uid, 0, on_capture, &c, NULL) == KGEN_OK);
        CHECK(poll_until(client, &c.calls, 1, 20000) && c.status == KGEN_OK);
    }
    CHECK_OK(kgen_client_destroy(client));
}

typedef struct {
    int player;
    long long score;
} ack;

/* CHECK for main: records the failure and goes on. */
static int failed;
#define EXPECT(cond)                                                  \
    do {                                                              \
        if (!(cond)) {                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failed = 1;                                               \
        }                                                             \
    } while (0)

int main(int argc, char **argv) {
    int kills = argc > 1 ? atoi(argv[1]) : 200;
    char dir[64], uid[64];
    outbox_dir(dir, sizeof dir);
    if (!open_tournament(uid, sizeof uid)) {
        fprintf(stderr, "no tournament\n");
        return 1;
    }
    join_players(uid);
    if (test_failed_flag) return 1;

    int fds[2];
    if (pipe(fds) != 0) return 1;
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    static ack acks[2000000];
    size_t nacks = 0;
    char buffer[1 << 16];
    size_t have = 0;
    srand((unsigned)getpid());
    double started = now_ms();
    int early_exits = 0;
    for (int k = 1; k <= kills + 1; k++) {
        int drain = k == kills + 1;
        pid_t pid = spawn(dir, uid, k, fds[1], drain);
        int status = 0;
        if (drain) {
            waitpid(pid, &status, 0);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                fprintf(stderr, "the draining child failed (status %d)\n", status);
                return 1;
            }
        } else {
            sleep_ms(20 + rand() % 180);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            if (!WIFSIGNALED(status)) {
                early_exits++;
                fprintf(stderr, "child %d ended by itself: exit status %d\n", k, WEXITSTATUS(status));
            }
        }
        /* Collect the acknowledgements written so far. */
        ssize_t n;
        while ((n = read(fds[0], buffer + have, sizeof buffer - have - 1)) > 0) {
            have += (size_t)n;
            buffer[have] = 0;
            char *line = buffer, *nl;
            while ((nl = strchr(line, '\n'))) {
                if (nacks < sizeof acks / sizeof acks[0] &&
                    sscanf(line, "%d %lld", &acks[nacks].player, &acks[nacks].score) == 2)
                    nacks++;
                line = nl + 1;
            }
            have = strlen(line);
            memmove(buffer, line, have);
        }
    }
    double elapsed = now_ms() - started;

    static ledger l;
    EXPECT(read_ledger(uid, &l));
    ledger_sort(&l);
    size_t lost = 0, duplicated = 0;
    for (size_t i = 0; i < nacks; i++) lost += ledger_sorted_count(&l, players[acks[i].player], acks[i].score) == 0;
    /* No score at all, acknowledged or not, may be applied twice. */
    for (int i = 1; i < l.count; i++) duplicated += ledger_row_cmp(&l.rows[i - 1], &l.rows[i]) == 0;
    printf("outbox_crash: %d kills in %.1f s (%d children ended before the kill): %zu scores "
           "acknowledged, %d applied (%zu more than acknowledged: queued, killed before the "
           "acknowledgement was written); lost %zu, applied twice %zu\n",
           kills, elapsed / 1000, early_exits, nacks, l.count, (size_t)l.count - nacks, lost, duplicated);
    EXPECT(early_exits == 0);
    EXPECT(nacks > 0);
    EXPECT(lost == 0);
    EXPECT(duplicated == 0);
    EXPECT((size_t)l.count >= nacks);
    return failed;
}
