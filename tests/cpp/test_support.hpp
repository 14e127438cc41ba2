// A small harness for the C++ wrapper tests: checks that throw, a runner that
// prints "N passed, M failed", waiting on completions, and the sandbox's admin
// API (faults, clock, tournaments) with guards that undo what a test changed.
#ifndef KGEN_TEST_SUPPORT_HPP
#define KGEN_TEST_SUPPORT_HPP

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "kgen.hpp"
#include "sandbox_admin.hpp"

namespace test {

struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

#define CHECK(cond)                                                                                    \
    do {                                                                                               \
        if (!(cond))                                                                                   \
            throw ::test::Failure(std::string(__FILE__) + ":" + std::to_string(__LINE__) + ": " #cond); \
    } while (0)

// A Result that must be a success; on failure the check says why.
#define CHECK_OK(result)                                                                               \
    do {                                                                                               \
        const auto &r_ = (result);                                                                     \
        if (!r_)                                                                                       \
            throw ::test::Failure(std::string(__FILE__) + ":" + std::to_string(__LINE__) + ": " #result \
                                  " failed: " + r_.error().describe());                               \
    } while (0)

struct Case {
    const char *name;
    void (*run)();
};

inline int run_all(const char *suite, const std::vector<Case> &cases) {
    int passed = 0, failed = 0;
    for (const Case &c : cases) {
        std::fprintf(stderr, "- %s\n", c.name);
        try {
            c.run();
            ++passed;
        } catch (const std::exception &e) {
            std::fprintf(stderr, "  FAILED: %s\n", e.what());
            ++failed;
        }
    }
    std::printf("%s: %d passed, %d failed\n", suite, passed, failed);
    return failed == 0 ? 0 : 1;
}

using Clock = std::chrono::steady_clock;

// Polls (manual dispatch) or waits (immediate) until `done()` or the timeout.
inline bool poll_until(kgen::Client &client, const std::function<bool()> &done,
                       std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    auto deadline = Clock::now() + timeout;
    while (!done()) {
        if (Clock::now() > deadline) return false;
        auto polled = client.poll();
        if (!polled) throw Failure("poll failed: " + polled.error().describe());
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

// Starts one request on a manual-dispatch client and polls until it completes:
//   auto balance = test::await<kgen::Balance>(client, [&](auto done) {
//       return client.wallet_balance(session, done); });
template <class T, class Start>
kgen::Result<T> await(kgen::Client &client, Start start) {
    std::optional<kgen::Result<T>> out;
    kgen::Result<kgen::RequestId> started = start([&](kgen::Result<T> r) { out.emplace(std::move(r)); });
    if (!started) return started.error();
    if (!poll_until(client, [&] { return out.has_value(); })) throw Failure("no completion within 20 s");
    return std::move(*out);
}

inline kgen::ClientOptions server_options(kgen::Dispatch dispatch = kgen::Dispatch::Manual) {
    kgen::ClientOptions o;
    o.base_url = sandbox::env("KGEN_BASE_URL", "http://127.0.0.1:8080");
    o.account_base_url = o.base_url;
    o.private_token = "demo2fa-api-key";  // required by every /v3 call; its owner is demo2fa
    o.client_id = sandbox::env("KGEN_CLIENT_ID", "demo-client");
    o.client_secret = sandbox::env("KGEN_CLIENT_SECRET", "demo-secret");
    o.dispatch = dispatch;
    o.request_timeout = std::chrono::seconds(20);
    return o;
}

inline kgen::Client make_client(const kgen::ClientOptions &options) {
    auto client = kgen::Client::create(options);
    CHECK_OK(client);
    return std::move(client).value();
}

// A player id nobody used yet in this sandbox.
inline std::string unique_user(const std::string &prefix) {
    static std::atomic<int> counter{0};
    return prefix + "-" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) + "-" +
           std::to_string(counter++);
}

inline kgen::Session new_session(kgen::Client &client, const std::string &prefix) {
    auto user = unique_user(prefix);
    auto session = await<kgen::Session>(client, [&](auto done) { return client.session_create(user, done); });
    CHECK_OK(session);
    return std::move(session).value();
}

// A STARTED tournament of our own (buy-in 10), so the test can complete it.
inline std::string new_tournament(int size = 8, const char *state = "STARTED") {
    auto reply = sandbox::admin("POST", "/sandbox/tournaments",
                                std::string("{\"title\":\"C++ Cup\",\"buy_in_price\":10,\"tournament_size\":") +
                                    std::to_string(size) + ",\"state\":\"" + state + "\"}");
    CHECK(reply.status == 200);
    std::string uid = sandbox::json_field(reply.body, "tournament_uid");
    CHECK(!uid.empty());
    return uid;
}

// An injected fault, removed when the guard goes.
class Fault {
public:
    explicit Fault(const std::string &spec) {
        auto reply = sandbox::admin("POST", "/sandbox/faults", spec);
        CHECK(reply.status == 200);
        id_ = sandbox::json_field(reply.body, "id");
        CHECK(!id_.empty());
    }
    ~Fault() { sandbox::admin("DELETE", "/sandbox/faults/" + id_); }
    Fault(const Fault &) = delete;
    Fault &operator=(const Fault &) = delete;

private:
    std::string id_;
};

// The sandbox's clock moved forward, put back when the guard goes.
class ClockOffset {
public:
    explicit ClockOffset(long secs) {
        CHECK(sandbox::admin("POST", "/sandbox/clock", "{\"offset_secs\":" + std::to_string(secs) + "}").status == 200);
    }
    ~ClockOffset() { sandbox::admin("POST", "/sandbox/clock", "{\"offset_secs\":0}"); }
    ClockOffset(const ClockOffset &) = delete;
    ClockOffset &operator=(const ClockOffset &) = delete;
};

// Counts the live copies of itself: a callback capturing one is destroyed
// exactly when every copy is gone.
struct Token {
    std::atomic<int> *live;
    explicit Token(std::atomic<int> *counter) : live(counter) { ++*live; }
    Token(const Token &other) : live(other.live) { ++*live; }
    Token &operator=(const Token &) = delete;
    ~Token() { --*live; }
};

}  // namespace test

#endif  // KGEN_TEST_SUPPORT_HPP
