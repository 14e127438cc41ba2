// Every operation of kgen.hpp in a build without exceptions (-fno-exceptions,
// as Unreal compiles game code): each one instantiates and runs, and refuses
// a missing session or client synchronously without ever calling back.
#include <cstdio>

#include "kgen.hpp"

namespace {

int checks = 0, failures = 0;
int callbacks = 0;

void expect(bool ok, const char *what) {
    ++checks;
    if (!ok) {
        ++failures;
        std::fprintf(stderr, "  failed: %s\n", what);
    }
}

template <class T>
void refused(const kgen::Result<T> &r, kgen::Status status, const char *what) {
    expect(!r && r.error().status == status, what);
}

auto never = [](auto) { ++callbacks; };

}  // namespace

int main() {
    kgen::ClientOptions options;
    options.base_url = "http://127.0.0.1:9";  // nothing is sent
    auto created = kgen::Client::create(options);
    expect(created.ok(), "create a client");
    kgen::Client client = std::move(created).value();
    kgen::Session none;
    const auto null = kgen::Status::NullArgument;

    refused(client.session_restore("not-a-token"), kgen::Status::InvalidArgument, "session_restore");
    refused(client.tournaments_join(none, "t", 10, never), null, "tournaments_join");
    refused(client.tournaments_leave(none, "t", never), null, "tournaments_leave");
    refused(client.tournaments_submit_score(none, "t", 1, never), null, "tournaments_submit_score");
    refused(client.tournaments_active(none, never), null, "tournaments_active");
    refused(client.tournaments_participated(none, never), null, "tournaments_participated");
    refused(client.tournaments_get(none, "t", never), null, "tournaments_get");
    refused(client.leaderboard_get(none, "t", never), null, "leaderboard_get");
    refused(client.wallet_balance(none, never), null, "wallet_balance");
    refused(client.wallet_transactions(none, "", 0, never), null, "wallet_transactions");
    refused(client.wallet_withdraw(none, never), null, "wallet_withdraw");
    refused(client.otp_register(none, "9876543210", "+91", never), null, "otp_register");
    refused(client.otp_verify(none, "9876543210", "+91", "a", "1", never), null, "otp_verify");
    refused(client.rewards_claimable(none, never), null, "rewards_claimable");
    refused(client.rewards_claim(none, never), null, "rewards_claim");
    refused(client.stats_historic(none, never), null, "stats_historic");
    refused(none.update_tokens("x"), null, "update_tokens");
    refused(none.access_token(), null, "access_token");
    refused(none.expires_at(), null, "expires_at");
    refused(none.flow(), null, "flow");
    refused(client.cancel(12345), kgen::Status::UnknownRequest, "cancel");

    kgen::Client gone;
    refused(gone.session_create("player", never), null, "session_create");
    refused(gone.session_create("player", kgen::SessionProfile{}, never), null, "session_create with a profile");
    refused(gone.account_login("demo", "demo-password", false, never), null, "account_login");
    refused(gone.account_login_otp("123456", never), null, "account_login_otp");
    refused(gone.account_current_user(never), null, "account_current_user");
    refused(gone.account_logout(never), null, "account_logout");
    refused(gone.poll(), null, "poll");

    expect(client.poll().ok() && client.shutdown().ok(), "poll and shut down");
    expect(kgen::set_log_handler(kgen::LogLevel::Info, [](kgen::LogLevel, std::string_view) {}).ok() &&
               kgen::set_log_handler(kgen::LogLevel::Off, nullptr).ok(),
           "set and clear a log handler");
    expect(callbacks == 0, "no callback for a request that never started");

    std::printf("C++ wrapper without exceptions: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
