/*
 * stall_dns.c - an LD_PRELOAD shim: getaddrinfo for any host whose name contains
 * "stalled-dns" hangs for 8 seconds, as a resolver does when the network is down.
 * Every other lookup goes to the C library.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netdb.h>
#include <string.h>
#include <unistd.h>

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                struct addrinfo **res) {
    if (node && strstr(node, "stalled-dns")) {
        sleep(8);
        return EAI_AGAIN;
    }
    int (*real)(const char *, const char *, const struct addrinfo *, struct addrinfo **) =
        (int (*)(const char *, const char *, const struct addrinfo *, struct addrinfo **))dlsym(
            RTLD_NEXT, "getaddrinfo");
    return real(node, service, hints, res);
}
