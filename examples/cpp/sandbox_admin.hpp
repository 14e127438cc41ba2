// The kgen sandbox's admin API (reading the OTP "sent" to a phone, creating
// and completing tournaments, moving the clock, injecting faults): a few plain
// HTTP/1.1 calls over a POSIX socket. Not part of the SDK - a game never needs
// it; the example and the tests use it to drive the local sandbox.
//
// Environment: KGEN_BASE_URL (http://HOST:PORT of the sandbox), KGEN_ADMIN_KEY.
#ifndef KGEN_SANDBOX_ADMIN_HPP
#define KGEN_SANDBOX_ADMIN_HPP

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace sandbox {

struct Reply {
    int status = -1;  // -1: no answer
    std::string body;
};

inline std::string env(const char *name, const char *fallback) {
    const char *value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

inline bool available() { return std::getenv("KGEN_ADMIN_KEY") != nullptr; }

inline Reply admin(const std::string &method, const std::string &path, const std::string &json = "") {
    Reply reply;
    std::string url = env("KGEN_BASE_URL", "http://127.0.0.1:8080");
    const std::string scheme = "http://";
    if (url.compare(0, scheme.size(), scheme) != 0) return reply;
    std::string authority = url.substr(scheme.size());
    authority = authority.substr(0, authority.find('/'));
    std::size_t colon = authority.rfind(':');
    std::string host = authority.substr(0, colon);
    std::string port = colon == std::string::npos ? "80" : authority.substr(colon + 1);

    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    if (getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0) return reply;
    int fd = socket(found->ai_family, found->ai_socktype, found->ai_protocol);
    bool connected = fd >= 0 && connect(fd, found->ai_addr, found->ai_addrlen) == 0;
    freeaddrinfo(found);
    if (!connected) {
        if (fd >= 0) close(fd);
        return reply;
    }
    std::string request = method + " " + path + " HTTP/1.1\r\nHost: " + authority +
                          "\r\nx-admin-key: " + env("KGEN_ADMIN_KEY", "sandbox-admin") +
                          "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(json.size()) +
                          "\r\nConnection: close\r\n\r\n" + json;
    std::string response;
    if (write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
        char buffer[4096];
        ssize_t n;
        while ((n = read(fd, buffer, sizeof buffer)) > 0) response.append(buffer, static_cast<std::size_t>(n));
    }
    close(fd);
    if (response.compare(0, 9, "HTTP/1.1 ") == 0) reply.status = std::atoi(response.c_str() + 9);
    std::size_t start = response.find("\r\n\r\n");
    if (start != std::string::npos) reply.body = response.substr(start + 4);
    return reply;
}

// The value of the first "key" in a JSON text, as text (enough for the admin API's flat answers).
inline std::string json_field(const std::string &json, const std::string &key) {
    std::size_t at = json.find("\"" + key + "\"");
    if (at == std::string::npos) return "";
    at = json.find(':', at + key.size() + 2);
    if (at == std::string::npos) return "";
    at = json.find_first_not_of(' ', at + 1);
    if (at == std::string::npos) return "";
    if (json[at] == '"') return json.substr(at + 1, json.find('"', at + 1) - at - 1);
    return json.substr(at, json.find_first_of(",}]", at) - at);
}

}  // namespace sandbox

#endif  // KGEN_SANDBOX_ADMIN_HPP
