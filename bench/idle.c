/*
 * idle.c - how much CPU a kgen client uses when it has nothing to do: creates
 * clients with several worker threads, sleeps, and prints the process's CPU time
 * over the sleep. An SDK that polls or spins shows up here at once.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "kgen.h"

static double cpu_ms(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
           (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

int main(void) {
    enum { CLIENTS = 4, WORKERS = 4, SECONDS = 10 };
    kgen_client *clients[CLIENTS];
    kgen_client_options options = {.struct_size = sizeof options, .worker_threads = WORKERS};
    for (int i = 0; i < CLIENTS; i++) {
        if (kgen_client_new(&options, &clients[i]) != KGEN_OK) {
            fprintf(stderr, "cannot create a client\n");
            return 1;
        }
    }
    double before = cpu_ms();
    sleep(SECONDS);
    double used = cpu_ms() - before;
    printf("%d idle clients x %d worker threads: %.2f ms CPU in %d s\n", CLIENTS, WORKERS, used,
           SECONDS);
    for (int i = 0; i < CLIENTS; i++) kgen_client_destroy(clients[i]);
    return 0;
}
