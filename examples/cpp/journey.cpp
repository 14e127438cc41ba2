// journey.cpp - one player's whole journey with the kgen C++ wrapper, in manual
// dispatch: every callback runs inside Client::poll() on this thread, the way
// a game pumps the SDK once per frame.
//
// Environment: KGEN_BASE_URL, KGEN_CLIENT_ID, KGEN_CLIENT_SECRET (a game
// server's credentials: never ship a secret inside a game client) and, for the
// sandbox's admin steps (reading the OTP "sent" to a phone, completing a
// tournament), KGEN_ADMIN_KEY; without it those steps are skipped.
// KGEN_ACCOUNT_USER / KGEN_ACCOUNT_PASSWORD for the /v3 account steps
// (default: the sandbox's demo user).
#include <kgen.hpp>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>

#include "sandbox_admin.hpp"

namespace {

int failures = 0;

// Starts one request and pumps the client until its callback ran - a real
// game would keep rendering frames meanwhile.
template <class T, class Start>
kgen::Result<T> run(kgen::Client &client, const char *title, Start start) {
    std::printf("-> %s\n", title);
    std::optional<kgen::Result<T>> outcome;
    auto started = start([&](kgen::Result<T> result) { outcome.emplace(std::move(result)); });
    if (!started) {
        outcome.emplace(started.error());
    } else {
        while (!outcome) {
            client.poll();
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
    return std::move(*outcome);
}

// One step of the journey: a failure is reported and counted.
template <class T, class Start>
kgen::Result<T> step(kgen::Client &client, const char *title, Start start) {
    auto outcome = run<T>(client, title, start);
    if (!outcome) {
        std::printf("   failed: %s\n", outcome.error().describe().c_str());
        ++failures;
    }
    return outcome;
}

void print(const kgen::Balance &b) {
    std::printf("   earned %.2f, bought %.2f, bonus %.2f (withdrawable from %.2f)\n", b.earned_balance,
                b.bought_balance, b.bonus_balance, b.min_wallet_bal_to_withdraw);
}

}  // namespace

int main() {
    std::printf("kgen %s\n", kgen::version());
    kgen::set_log_handler(kgen::LogLevel::Warn, [](kgen::LogLevel, std::string_view line) {
        std::fprintf(stderr, "[kgen] %.*s\n", static_cast<int>(line.size()), line.data());
    });

    kgen::ClientOptions options;
    options.base_url = sandbox::env("KGEN_BASE_URL", "http://127.0.0.1:8080");
    options.account_base_url = options.base_url;  // the sandbox serves /v3 too; production: api.i3d.net
    options.private_token = sandbox::env("KGEN_PRIVATE_TOKEN", "demo-api-key");  // the /v3 account's API key
    options.client_id = sandbox::env("KGEN_CLIENT_ID", "demo-client");
    options.client_secret = sandbox::env("KGEN_CLIENT_SECRET", "demo-secret");
    options.user_agent_suffix = "kgen-cpp-example/1.0";
    auto created = kgen::Client::create(options);
    if (!created) {
        std::fprintf(stderr, "cannot create the client: %s\n", created.error().describe().c_str());
        return 1;
    }
    kgen::Client client = std::move(created).value();
    const bool admin = sandbox::available();

    std::string user = "cpp-example-" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    auto session = step<kgen::Session>(client, "create the player's session (server flow)",
                                       [&](auto done) { return client.session_create(user, done); });
    if (!session) return 1;
    kgen::Session player = std::move(session).value();
    std::printf("   player %s, wallet %s%s\n", player.user_id().c_str(), player.info().wallet_address.c_str(),
                player.info().is_new_user ? " (new player)" : "");

    std::string uid;
    std::int64_t buy_in = 0;
    auto live = step<std::vector<kgen::Tournament>>(client, "list live tournaments",
                                                    [&](auto done) { return client.tournaments_active(player, done); });
    for (const kgen::Tournament &t : live.value_or({})) {
        std::printf("   %s  %-9s buy-in %lld  %lld/%lld players  %s\n", t.uid.c_str(), t.status_text.c_str(),
                    static_cast<long long>(t.buy_in_price), static_cast<long long>(t.participants_count),
                    static_cast<long long>(t.tournament_size), t.title.c_str());
        if (t.status == kgen::TournamentStatus::Started && uid.empty()) {
            uid = t.uid;
            buy_in = t.buy_in_price;
        }
    }
    if (admin) {  // a tournament of our own, so that we can complete it
        auto reply = sandbox::admin("POST", "/sandbox/tournaments",
                                    R"({"title":"C++ Cup","buy_in_price":10,"tournament_size":8,"state":"STARTED"})");
        if (reply.status == 200) {
            uid = sandbox::json_field(reply.body, "tournament_uid");
            buy_in = 10;
        }
    }
    if (uid.empty()) {
        std::printf("no live tournament to join\n");
        return 1;
    }

    if (auto t = step<kgen::Tournament>(client, "read the tournament",
                                        [&](auto done) { return client.tournaments_get(player, uid, done); }))
        std::printf("   \"%s\" ends %s\n", t->title.c_str(), t->ends_at.text.c_str());
    if (auto b = step<kgen::Balance>(client, "wallet balance", [&](auto done) { return client.wallet_balance(player, done); }))
        print(*b);
    if (auto m = step<kgen::Message>(client, "join it, paying the buy-in",
                                     [&](auto done) { return client.tournaments_join(player, uid, buy_in, done); }))
        std::printf("   %s\n", m->text.c_str());
    step<kgen::Message>(client, "submit a score of 1337",
                        [&](auto done) { return client.tournaments_submit_score(player, uid, 1337, done); });
    if (auto board = step<kgen::Leaderboard>(client, "leaderboard",
                                             [&](auto done) { return client.leaderboard_get(player, uid, done); })) {
        for (std::size_t i = 0; i < board->entries.size() && i < 5; ++i)
            std::printf("   #%zu %s %lld\n", i + 1, board->entries[i].user_id.c_str(),
                        static_cast<long long>(board->entries[i].score));
    }
    if (auto played = step<std::vector<std::string>>(client, "tournaments played", [&](auto done) {
            return client.tournaments_participated(player, done);
        }))
        std::printf("   %zu tournament(s)\n", played->size());

    // Transactions come in pages: follow next_key until the last one.
    std::string page_key;
    do {
        auto page = step<kgen::TransactionPage>(client, "wallet transactions", [&](auto done) {
            return client.wallet_transactions(player, page_key, 0, done);
        });
        if (!page) break;
        for (const kgen::Transaction &t : page->transactions)
            std::printf("   %-6s %-6s %8.2f  %s\n", t.description_direction.c_str(), t.description_kind.c_str(),
                        t.amount, t.description_text.c_str());
        page_key = page->next_key.value_or("");
    } while (!page_key.empty());

    auto now = std::chrono::system_clock::now().time_since_epoch().count();
    std::string phone = "9" + std::to_string(100000000 + now % 900000000);
    auto registration = step<kgen::OtpRegistration>(client, "link a phone: send a one-time password",
                                                    [&](auto done) { return client.otp_register(player, phone, "+91", done); });
    auto sent = admin ? sandbox::admin("GET", "/sandbox/otp?phone_number=" + phone + "&countryCode=%2B91")
                      : sandbox::Reply{};
    if (registration && sent.status == 200) {
        std::string otp = sandbox::json_field(sent.body, "otp");
        step<kgen::Message>(client, "verify the code the player received", [&](auto done) {
            return client.otp_verify(player, phone, "+91", registration->auth_code, otp, done);
        });
        bool completed = sandbox::admin("POST", "/sandbox/tournaments/" + uid + "/complete", "{}").status == 200;
        std::printf("-> (sandbox admin) complete the tournament: %s\n", completed ? "done" : "failed");
        if (auto r = step<kgen::ClaimableRewards>(client, "claimable rewards",
                                                  [&](auto done) { return client.rewards_claimable(player, done); }))
            std::printf("   %.2f claimable in %zu reward(s)\n", r->total, r->items.size());
        step<kgen::Message>(client, "claim them", [&](auto done) { return client.rewards_claim(player, done); });
        if (auto b = step<kgen::Balance>(client, "wallet balance",
                                         [&](auto done) { return client.wallet_balance(player, done); }))
            print(*b);
        step<kgen::Message>(client, "withdraw the earnings", [&](auto done) { return client.wallet_withdraw(player, done); });
    } else {
        std::printf("-> (no KGEN_ADMIN_KEY: skipping OTP verification, completion, claim, withdrawal)\n");
    }
    if (auto stats = step<std::vector<kgen::HistoricStat>>(client, "tournament history",
                                                           [&](auto done) { return client.stats_historic(player, done); })) {
        for (const kgen::HistoricStat &s : *stats)
            std::printf("   %s %s: stake %.0f, won %.2f\n", s.kind.c_str(), s.result.c_str(), s.buy_in_stake,
                        s.amount_won);
    }

    // A failure is a value too, with the API's error code named.
    auto twice = run<kgen::Message>(client, "join again (must fail)",
                                    [&](auto done) { return client.tournaments_join(player, uid, buy_in, done); });
    if (!twice && (twice.error().is(kgen::ApiError::ExistingParticipationFound) ||
                   twice.error().is(kgen::ApiError::TournamentIsNotLive))) {
        std::printf("   refused as it should be: %s\n", twice.error().describe().c_str());
    } else {
        std::printf("   unexpected outcome\n");
        ++failures;
    }

    std::string account = sandbox::env("KGEN_ACCOUNT_USER", "demo");
    std::string password = sandbox::env("KGEN_ACCOUNT_PASSWORD", "demo-password");
    if (auto login = step<kgen::LoginResult>(client, "account: log in", [&](auto done) {
            return client.account_login(account, password, false, done);
        }))
        std::printf("   logged in%s\n", login->requires_otp ? ", one-time password needed" : "");
    if (auto me = step<kgen::AccountUser>(client, "account: who am I",
                                          [&](auto done) { return client.account_current_user(done); }))
        std::printf("   %s <%s>, access level %lld\n", me->user_name.c_str(), me->email.c_str(),
                    static_cast<long long>(me->access_level));
    step<void>(client, "account: log out", [&](auto done) { return client.account_logout(done); });

    // Destroying the client delivers anything still outstanding, then stops its threads.
    client.shutdown();
    kgen::set_log_handler(kgen::LogLevel::Off, nullptr);
    std::printf(failures ? "journey finished with %d failed step(s)\n" : "journey complete\n", failures);
    return failures ? 1 : 0;
}
