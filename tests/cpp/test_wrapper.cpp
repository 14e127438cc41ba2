// The C++ wrapper (bindings/cpp/kgen.hpp) against the real libkgen.so and the
// sandbox. Each case reads as a statement of behaviour.
//
// Environment: KGEN_BASE_URL, KGEN_CLIENT_ID, KGEN_CLIENT_SECRET, KGEN_ADMIN_KEY
// (scripts/sandbox.sh exports them).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>

#include "test_support.hpp"

using namespace std::chrono_literals;
using test::await;
using test::make_client;
using test::server_options;

namespace {

// ---- the journey -----------------------------------------------------------

void the_profile_is_echoed_and_a_level_of_zero_is_sent() {
    kgen::Client client = make_client(server_options());
    auto user = test::unique_user("profile");
    kgen::SessionProfile profile;
    profile.name = "Ann";
    profile.app_version = "1.4.2";
    profile.level = 5;
    auto first = await<kgen::Session>(client, [&](auto done) { return client.session_create(user, profile, done); });
    CHECK_OK(first);
    CHECK(first->info().profile.name == "Ann" && first->info().profile.app_version == "1.4.2");
    CHECK(first->info().profile.level == 5);
    profile.level = 0;
    auto again = await<kgen::Session>(client, [&](auto done) { return client.session_create(user, profile, done); });
    CHECK_OK(again);
    CHECK(again->info().profile.level == 0);
}

void a_player_walks_the_whole_journey() {
    kgen::Client client = make_client(server_options());
    kgen::Session player = test::new_session(client, "journey");
    CHECK(player.info().is_new_user);
    CHECK(!player.info().wallet_address.empty());
    CHECK(player.info().namespaced_user_id.find(player.user_id()) != std::string::npos);
    CHECK(player.flow().value() == kgen::SessionFlow::Server);
    CHECK(player.expires_at().value() > 0);
    CHECK(!player.access_token().value().empty());

    auto live = await<std::vector<kgen::Tournament>>(client, [&](auto done) {
        return client.tournaments_active(player, done);
    });
    CHECK_OK(live);
    CHECK(std::any_of(live->begin(), live->end(), [](const kgen::Tournament &t) {
        return t.status == kgen::TournamentStatus::Started && t.status_text == "STARTED" && !t.title.empty();
    }));
    CHECK(live.response().http_status == 200);
    CHECK(!live.response().request_id.empty());
    CHECK(live.response().raw_body.compare(0, 1, "[") == 0);

    std::string uid = test::new_tournament();
    auto tournament = await<kgen::Tournament>(client, [&](auto done) { return client.tournaments_get(player, uid, done); });
    CHECK_OK(tournament);
    CHECK(tournament->uid == uid && tournament->buy_in_price == 10 && tournament->title == "C++ Cup");
    CHECK(tournament->ends_at.unix_ms.has_value() && !tournament->ends_at.text.empty());

    auto before = await<kgen::Balance>(client, [&](auto done) { return client.wallet_balance(player, done); });
    CHECK_OK(before);
    CHECK(before->bonus_balance == 50 && before->earned_balance == 0);

    auto joined = await<kgen::Message>(client, [&](auto done) {
        return client.tournaments_join(player, uid, tournament->buy_in_price, done);
    });
    CHECK_OK(joined);
    CHECK(joined->text.find("joined") != std::string::npos);

    auto after = await<kgen::Balance>(client, [&](auto done) { return client.wallet_balance(player, done); });
    CHECK_OK(after);
    CHECK(after->bonus_balance == 40);

    CHECK_OK(await<kgen::Message>(client, [&](auto done) {
        return client.tournaments_submit_score(player, uid, 1337, done);
    }));
    auto board = await<kgen::Leaderboard>(client, [&](auto done) { return client.leaderboard_get(player, uid, done); });
    CHECK_OK(board);
    CHECK(board->entries.size() == 1 && board->entries[0].user_id == player.user_id() &&
          board->entries[0].score == 1337);

    auto played = await<std::vector<std::string>>(client, [&](auto done) {
        return client.tournaments_participated(player, done);
    });
    CHECK_OK(played);
    CHECK(std::find(played->begin(), played->end(), uid) != played->end());

    auto page = await<kgen::TransactionPage>(client, [&](auto done) {
        return client.wallet_transactions(player, "", 0, done);
    });
    CHECK_OK(page);
    CHECK(std::any_of(page->transactions.begin(), page->transactions.end(), [](const kgen::Transaction &t) {
        return t.description_kind == "JOIN" && t.description_direction == "DEBIT" && std::abs(t.amount) == 10;
    }));

    // Link a phone: the sandbox tells us the code it "sent".
    auto now = std::chrono::system_clock::now().time_since_epoch().count();
    std::string phone = "9" + std::to_string(100000000 + now % 900000000);
    auto registration = await<kgen::OtpRegistration>(client, [&](auto done) {
        return client.otp_register(player, phone, "+91", done);
    });
    CHECK_OK(registration);
    CHECK(!registration->auth_code.empty());
    auto sent = sandbox::admin("GET", "/sandbox/otp?phone_number=" + phone + "&countryCode=%2B91");
    CHECK(sent.status == 200);
    std::string otp = sandbox::json_field(sent.body, "otp");
    CHECK_OK(await<kgen::Message>(client, [&](auto done) {
        return client.otp_verify(player, phone, "+91", registration->auth_code, otp, done);
    }));
    // The player's next session shows the phone.
    auto again = await<kgen::Session>(client, [&](auto done) { return client.session_create(player.user_id(), done); });
    CHECK_OK(again);
    CHECK(!again->info().is_new_user && again->info().linked_phone.find(phone) != std::string::npos);

    // The tournament ends: one player, so the best rank wins six times the fee.
    CHECK(sandbox::admin("POST", "/sandbox/tournaments/" + uid + "/complete", "{}").status == 200);
    auto rewards = await<kgen::ClaimableRewards>(client, [&](auto done) { return client.rewards_claimable(player, done); });
    CHECK_OK(rewards);
    CHECK(rewards->total == 60 && rewards->items.size() == 1 && rewards->items[0].claim_status == "UNCLAIMED" &&
          rewards->items[0].tournament_id == uid);
    CHECK_OK(await<kgen::Message>(client, [&](auto done) { return client.rewards_claim(player, done); }));
    auto rich = await<kgen::Balance>(client, [&](auto done) { return client.wallet_balance(player, done); });
    CHECK_OK(rich);
    CHECK(rich->earned_balance == 60);
    CHECK_OK(await<kgen::Message>(client, [&](auto done) { return client.wallet_withdraw(player, done); }));

    auto history = await<std::vector<kgen::HistoricStat>>(client, [&](auto done) {
        return client.stats_historic(player, done);
    });
    CHECK_OK(history);
    CHECK(history->size() == 1 && (*history)[0].result == "Won" && (*history)[0].amount_won == 60);

    // The /v3 account session.
    auto login = await<kgen::LoginResult>(client, [&](auto done) {
        return client.account_login("demo", "demo-password", false, done);
    });
    CHECK_OK(login);
    CHECK(!login->requires_otp);
    auto me = await<kgen::AccountUser>(client, [&](auto done) { return client.account_current_user(done); });
    CHECK_OK(me);
    CHECK(me->user_name == "demo" && me->user_id != 0);
    CHECK_OK(await<void>(client, [&](auto done) { return client.account_logout(done); }));
    auto gone = await<kgen::AccountUser>(client, [&](auto done) { return client.account_current_user(done); });
    CHECK_OK(gone);
    CHECK(gone->user_name == "demo2fa");  // no session: the API key's owner
}

void api_errors_carry_status_code_and_request_id() {
    kgen::Client client = make_client(server_options());
    kgen::Session player = test::new_session(client, "errors");
    std::string uid = test::new_tournament();
    auto join = [&] {
        return await<kgen::Message>(client, [&](auto done) { return client.tournaments_join(player, uid, 10, done); });
    };
    CHECK_OK(join());
    auto twice = join();
    CHECK(!twice);
    const kgen::Error &e = twice.error();
    CHECK(e.status == kgen::Status::Http && e.http_status == 409);
    CHECK(e.is(kgen::ApiError::ExistingParticipationFound) && e.api_code == "EXISTING_PARTICIPATION_FOUND");
    CHECK(!e.request_id.empty() && !e.message.empty());
    CHECK(e.describe().find("EXISTING_PARTICIPATION_FOUND (HTTP 409)") == 0);
    CHECK(e.describe().find(e.request_id) != std::string::npos);

    auto stake = await<kgen::Message>(client, [&](auto done) {
        return client.tournaments_join(player, test::new_tournament(), 3, done);
    });
    CHECK(!stake && stake.error().is(kgen::ApiError::TournamentInvalidJoiningStake) && stake.error().http_status == 400);

    auto missing = await<kgen::Tournament>(client, [&](auto done) {
        return client.tournaments_get(player, "00000000-0000-4000-8000-000000000000", done);
    });
    CHECK(!missing && missing.error().is(kgen::ApiError::TournamentNotFound) && missing.error().http_status == 404);

    auto poor = await<kgen::Message>(client, [&](auto done) { return client.wallet_withdraw(player, done); });
    CHECK(!poor && poor.error().http_status == 400 &&
          (poor.error().is(kgen::ApiError::PhoneNotLinked) || poor.error().is(kgen::ApiError::WithdrawBelowMinimum)));

    // A server error the SDK does not retry away surfaces with its code.
    test::Fault unavailable("{\"method\":\"GET\",\"path\":\"/fe/esports/rewards/claim\",\"status\":503,\"times\":10}");
    auto broken = await<kgen::ClaimableRewards>(client, [&](auto done) { return client.rewards_claimable(player, done); });
    CHECK(!broken && broken.error().http_status == 503 && broken.error().is(kgen::ApiError::InjectedFault));
}

void a_call_that_cannot_start_reports_why_and_never_calls_back() {
    std::atomic<int> live{0};
    int calls = 0;
    auto counted = [&] { return [&calls, token = test::Token(&live)](auto) { ++calls; }; };

    kgen::ClientOptions bad = server_options();
    bad.base_url = "not a url";
    auto refused = kgen::Client::create(bad);
    CHECK(!refused && refused.error().status == kgen::Status::InvalidArgument && !refused.error().message.empty());

    kgen::Client client = make_client(server_options());
    kgen::Session nobody;  // never created: a NULL handle
    auto started = client.wallet_balance(nobody, counted());
    CHECK(!started && started.error().status == kgen::Status::NullArgument);
    CHECK(live == 0);

    kgen::Session player = test::new_session(client, "refused");
    auto invalid = client.tournaments_get(player, std::string("\xff\xfe", 2), counted());
    CHECK(!invalid && invalid.error().status == kgen::Status::InvalidArgument);
    // A C string would end at the NUL: the whole string is refused rather than cut short.
    auto cut = client.session_create(std::string("player\0-2", 9), counted());
    CHECK(!cut && cut.error().status == kgen::Status::InvalidArgument);
    CHECK(!player.update_tokens(std::string("a\0b", 3)));
    kgen::ClientOptions nul = server_options();
    nul.client_secret = std::string("demo\0secret", 11);
    CHECK(kgen::Client::create(nul).error().status == kgen::Status::InvalidArgument);

    kgen::Client moved = std::move(client);  // the moved-from client holds no handle
    auto from_moved = client.wallet_balance(player, counted());
    CHECK(!from_moved && from_moved.error().status == kgen::Status::NullArgument);
    CHECK(moved.poll());

    CHECK_OK(moved.shutdown());
    auto after = moved.wallet_balance(player, counted());
    CHECK(!after);
    CHECK(live == 0 && calls == 0);

    // The wrong kind of access to a Result is reported, not undefined.
    bool threw = false;
    try {
        (void)after.value();
    } catch (const kgen::BadResultAccess &) {
        threw = true;
    }
    CHECK(threw);
}

// ---- cancellation and shutdown -----------------------------------------------

void cancel_ends_a_request_once_with_cancelled() {
    kgen::Client client = make_client(server_options());
    kgen::Session player = test::new_session(client, "cancel");
    test::Fault slow("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"latency_ms\":10000}");
    int calls = 0;
    std::optional<kgen::Result<kgen::Balance>> outcome;
    auto id = client.wallet_balance(player, [&](kgen::Result<kgen::Balance> r) {
        ++calls;
        outcome.emplace(std::move(r));
    });
    CHECK_OK(id);
    CHECK(*id != 0);
    auto started = test::Clock::now();
    CHECK_OK(client.cancel(*id));
    CHECK(test::poll_until(client, [&] { return calls == 1; }));
    CHECK(test::Clock::now() - started < 5s);  // well before the answer would come
    CHECK(!outcome->ok() && outcome->error().status == kgen::Status::Cancelled);
    auto again = client.cancel(*id);
    CHECK(!again && again.error().status == kgen::Status::UnknownRequest);
    client.poll();
    CHECK(calls == 1);
}

/* An outbox directory of the test's own, removed (with what the outbox wrote) when the
 * test ends; declared before the client, so it outlives it. */
struct OutboxDir {
    char path[32] = "/tmp/kgen-cpp-outbox-XXXXXX";
    OutboxDir() { CHECK(mkdtemp(path) != nullptr); }
    ~OutboxDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    OutboxDir(const OutboxDir &) = delete;
    OutboxDir &operator=(const OutboxDir &) = delete;
};

void an_outbox_delivers_queued_writes_in_order_and_reports_each_once() {
    OutboxDir dir;
    std::vector<kgen::OutboxEvent> events;
    kgen::ClientOptions options = server_options();
    options.outbox_path = dir.path;
    options.on_outbox_event = [&](const kgen::OutboxEvent &e) { events.push_back(e); };
    kgen::Client client = make_client(options);
    kgen::Session player = test::new_session(client, "cpp-outbox");
    auto second = kgen::Client::create(options);  // one owner at a time
    CHECK(!second && second.error().status == kgen::Status::OutboxLocked);

    auto uid = test::new_tournament(8);
    auto joined = client.outbox_enqueue(player, kgen::OutboxCall::JoinTournament, uid, 10);
    CHECK_OK(joined);
    // With an outbox, a score is queued: the completion says so at once.
    auto accepted = test::await<kgen::Message>(
        client, [&](auto done) { return client.tournaments_submit_score(player, uid, 321, done); });
    CHECK_OK(accepted);
    CHECK(test::poll_until(client, [&] { return events.size() == 2; }));
    CHECK(events[0].entry_id == *joined && events[0].call == kgen::OutboxCall::JoinTournament);
    CHECK(events[1].call == kgen::OutboxCall::SubmitScore && events[1].value == 321);
    CHECK(events[1].outcome == kgen::OutboxOutcome::Delivered && !events[1].error);
    CHECK(events[1].user_id == player.user_id() && events[1].tournament_uid == uid);
    auto status = client.outbox_status();
    CHECK_OK(status);
    CHECK(status->pending == 0);
    auto flushed = client.outbox_flush(100ms);
    CHECK_OK(flushed);
    CHECK(*flushed);

    // Refused for good: the platform's error comes with the event.
    auto late = client.outbox_enqueue(player, kgen::OutboxCall::SubmitScore, test::new_tournament(8, "LOCKED"), 5);
    CHECK_OK(late);
    CHECK(test::poll_until(client, [&] { return events.size() == 3; }));
    CHECK(events[2].outcome == kgen::OutboxOutcome::Rejected && events[2].error);
    CHECK(events[2].error->status == kgen::Status::Http);
    auto discarded = client.outbox_discard_player(player.user_id());
    CHECK_OK(discarded);
    CHECK(*discarded == 0);
}

void a_stalled_read_is_retried_after_its_attempt_timeout() {
    kgen::ClientOptions options = server_options();
    options.attempt_timeout = 300ms;
    kgen::Client client = make_client(options);
    kgen::Session player = test::new_session(client, "attempt");
    test::Fault slow("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"latency_ms\":3000,\"times\":1}");
    std::optional<kgen::Result<kgen::Balance>> outcome;
    CHECK_OK(client.wallet_balance(player, [&](kgen::Result<kgen::Balance> r) { outcome.emplace(std::move(r)); }));
    CHECK(test::poll_until(client, [&] { return outcome.has_value(); }));
    CHECK(outcome->ok() && outcome->value().bonus_balance == 50);
}

void destroy_delivers_every_request_in_flight_exactly_once() {
    test::Fault slow("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"latency_ms\":10000}");
    for (kgen::Dispatch mode : {kgen::Dispatch::Manual, kgen::Dispatch::Immediate, kgen::Dispatch::Driven}) {
        constexpr std::size_t n = 200;
        std::atomic<int> live{0};
        std::vector<std::atomic<int>> calls(n);
        std::atomic<int> cancelled{0};
        {
            kgen::Client client = make_client(server_options(mode));
            kgen::Session player;
            {
                kgen::Client setup = make_client(server_options());
                kgen::Session created = test::new_session(setup, "destroy");
                player = client.session_restore(created.access_token().value()).value();
            }
            for (std::size_t i = 0; i < n; ++i) {
                auto started = client.wallet_balance(player, [&, i, token = test::Token(&live)](kgen::Result<kgen::Balance> r) {
                    calls[i]++;
                    if (!r && r.error().status == kgen::Status::Cancelled) cancelled++;
                });
                CHECK_OK(started);
            }
            CHECK(live == n);
            auto started = test::Clock::now();
            CHECK_OK(client.shutdown());
            CHECK(test::Clock::now() - started < 5s);  // cancelled, not waited for
            // Everything happened inside shutdown(): nothing is left to run or free.
            CHECK(live == 0);
            CHECK(cancelled == n);
            for (auto &c : calls) CHECK(c == 1);
        }
        CHECK(live == 0);
    }
}

// A Client destroyed inside a callback goes as soon as kgen allows: when the poll
// that ran the callback returns (manual dispatch, same thread), or on a thread of
// its own (immediate dispatch) - its other requests end once, nothing leaks.
void a_client_destroyed_inside_its_own_callback_is_destroyed() {
    test::Fault slow("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"latency_ms\":10000}");
    kgen::Client setup = make_client(server_options());
    kgen::Session created = test::new_session(setup, "orphan");
    std::string token = created.access_token().value();
    for (kgen::Dispatch mode : {kgen::Dispatch::Manual, kgen::Dispatch::Immediate}) {
        auto hooks_alive = std::make_shared<int>(0);
        std::weak_ptr<int> hooks_gone = hooks_alive;
        kgen::ClientOptions options = server_options(mode);
        // Held by the client's hooks: expires when the wrapper frees them.
        options.on_callback_exception = [keep = std::move(hooks_alive)](std::exception_ptr) {};
        auto client = std::make_unique<kgen::Client>(make_client(options));
        options.on_callback_exception = nullptr;  // only the client's copy is left
        kgen::Session player = client->session_restore(token).value();
        std::atomic<int> slow_calls{0}, stats_calls{0};
        std::atomic<bool> cancelled{false};
        CHECK_OK(client->wallet_balance(player, [&](kgen::Result<kgen::Balance> r) {
            slow_calls++;
            cancelled = !r && r.error().status == kgen::Status::Cancelled;
        }));
        kgen::Client *raw = client.get();
        CHECK_OK(client->stats_historic(player, [&](kgen::Result<std::vector<kgen::HistoricStat>>) {
            stats_calls++;
            client.reset();  // inside this client's own callback
        }));
        auto deadline = test::Clock::now() + 10s;
        while (stats_calls == 0 && test::Clock::now() < deadline) {
            if (mode == kgen::Dispatch::Manual) (void)raw->poll();  // may destroy *raw
            std::this_thread::sleep_for(1ms);
        }
        while (!hooks_gone.expired() && test::Clock::now() < deadline) std::this_thread::sleep_for(1ms);
        CHECK(stats_calls == 1);
        CHECK(hooks_gone.expired());  // destroyed, not leaked
        CHECK(slow_calls == 1 && cancelled);  // its other request ended once, cancelled
    }
}

// ---- sessions ----------------------------------------------------------------

void session_restore_reads_the_token_and_refuses_garbage() {
    kgen::Client server = make_client(server_options());
    kgen::Session created = test::new_session(server, "restore");
    kgen::ClientOptions game = server_options();
    game.client_id.clear();
    game.client_secret.clear();  // a shipped game client has no secret
    kgen::Client client = make_client(game);
    auto restored = client.session_restore(created.access_token().value());
    CHECK_OK(restored);
    CHECK(restored->user_id() == created.user_id());
    CHECK(restored->info().wallet_address == created.info().wallet_address);
    CHECK(restored->flow().value() == kgen::SessionFlow::Client);
    CHECK(restored->info().expires_at == created.info().expires_at);
    CHECK_OK(await<kgen::Balance>(client, [&](auto done) { return client.wallet_balance(*restored, done); }));

    auto garbage = client.session_restore("not-a-jwt");
    CHECK(!garbage && garbage.error().status == kgen::Status::InvalidArgument);

    // A session of another client is refused before anything starts.
    auto wrong = server.wallet_balance(*restored, [](auto) {});
    CHECK(!wrong && wrong.error().status == kgen::Status::WrongClient);
}

void a_refused_token_raises_session_expired_once() {
    kgen::Client server = make_client(server_options());
    kgen::Session created = test::new_session(server, "expiring");
    std::string token = created.access_token().value();

    std::vector<kgen::SessionExpired> notices;
    kgen::ClientOptions game = server_options();
    game.client_id.clear();
    game.client_secret.clear();
    game.on_session_expired = [&](const kgen::SessionExpired &n) { notices.push_back(n); };
    kgen::Client client = make_client(game);
    kgen::Session player = client.session_restore(token).value();
    test::ClockOffset later(3 * 86400);  // the token's 24 h are over on the server
    auto refused = await<kgen::Balance>(client, [&](auto done) { return client.wallet_balance(player, done); });
    CHECK(!refused && refused.error().status == kgen::Status::SessionExpired && refused.error().http_status == 401);
    CHECK(test::poll_until(client, [&] { return !notices.empty(); }, 5s));
    CHECK(notices.size() == 1);
    CHECK(notices[0].session == player.handle() && notices[0].user_id == player.user_id());
    CHECK(notices[0].reason.status == kgen::Status::SessionExpired);

    // The game's server hands out a fresh token for the same player.
    auto renewed = await<kgen::Session>(server, [&](auto done) { return server.session_create(created.user_id(), done); });
    CHECK_OK(renewed);
    CHECK_OK(player.update_tokens(renewed->access_token().value()));
    CHECK_OK(await<kgen::Balance>(client, [&](auto done) { return client.wallet_balance(player, done); }));
    auto foreign = player.update_tokens(test::new_session(server, "other").access_token().value());
    CHECK(!foreign && foreign.error().status == kgen::Status::InvalidArgument);
    client.poll();
    CHECK(notices.size() == 1);
}

void sessions_and_clients_may_go_in_any_order() {
    kgen::Session survivor;
    {
        kgen::Client client = make_client(server_options());
        survivor = test::new_session(client, "order");
        kgen::Session moved = std::move(survivor);
        CHECK(!survivor && moved);
        survivor = std::move(moved);
    }
    // The client took the session's handle with it: using or dropping the
    // wrapper now is an error code, not a crash.
    CHECK(survivor.access_token().error().status == kgen::Status::InvalidHandle);
    survivor.reset();
    CHECK(!survivor);

    kgen::Client a = make_client(server_options());
    kgen::Client b = make_client(server_options());
    kgen::Session s = test::new_session(a, "reassign");
    a = std::move(b);  // the first client goes here; its session handle with it
    CHECK(s.expires_at().error().status == kgen::Status::InvalidHandle);
    CHECK(a.poll());
}

// ---- dispatch and callbacks --------------------------------------------------

void immediate_dispatch_runs_on_workers_and_manual_dispatch_wakes() {
    {
        kgen::Client client = make_client(server_options(kgen::Dispatch::Immediate));
        std::mutex lock;
        std::optional<kgen::Result<kgen::Session>> outcome;
        std::thread::id ran_on;
        std::atomic<bool> done{false};
        auto started = client.session_create(test::unique_user("immediate"), [&](kgen::Result<kgen::Session> r) {
            std::lock_guard<std::mutex> guard(lock);
            ran_on = std::this_thread::get_id();
            outcome.emplace(std::move(r));
            done = true;
        });
        CHECK_OK(started);
        auto deadline = test::Clock::now() + 20s;
        while (!done && test::Clock::now() < deadline) std::this_thread::sleep_for(1ms);
        std::lock_guard<std::mutex> guard(lock);
        CHECK(done && ran_on != std::this_thread::get_id());
        CHECK_OK(*outcome);
    }
    {
        std::atomic<int> wakes{0};
        kgen::ClientOptions options = server_options();
        options.wake = [&] { ++wakes; };
        kgen::Client client = make_client(options);
        bool done = false;
        auto started = client.session_create(test::unique_user("wake"), [&](kgen::Result<kgen::Session>) { done = true; });
        CHECK_OK(started);
        auto deadline = test::Clock::now() + 20s;
        while (wakes == 0 && test::Clock::now() < deadline) std::this_thread::sleep_for(1ms);
        CHECK(wakes >= 1 && !done);  // queued, not delivered until polled
        CHECK(client.poll().value() == 1);
        CHECK(done);
    }
}

void a_driven_client_advances_inside_wait_and_poll_on_the_callers_thread() {
    kgen::Client client = make_client(server_options(kgen::Dispatch::Driven));
    CHECK(client.wait(100ms).value() == false);  // nothing in flight: the timeout
    std::optional<kgen::Result<kgen::Session>> outcome;
    std::thread::id ran_on;
    CHECK_OK(client.session_create(test::unique_user("driven"), [&](kgen::Result<kgen::Session> r) {
        ran_on = std::this_thread::get_id();
        outcome.emplace(std::move(r));
    }));
    std::this_thread::sleep_for(200ms);
    CHECK(!outcome);  // nothing runs it but this thread
    auto deadline = test::Clock::now() + 20s;
    while (!outcome && test::Clock::now() < deadline) {
        (void)client.wait(1s);
        CHECK(client.poll());
    }
    CHECK(outcome && ran_on == std::this_thread::get_id());
    CHECK_OK(*outcome);
}

void exceptions_from_callbacks_stay_inside_the_wrapper() {
    for (kgen::Dispatch mode : {kgen::Dispatch::Manual, kgen::Dispatch::Immediate}) {
        std::mutex lock;
        std::vector<std::string> caught;
        kgen::ClientOptions options = server_options(mode);
        options.on_callback_exception = [&](std::exception_ptr e) {
            try {
                std::rethrow_exception(e);
            } catch (const std::exception &x) {
                std::lock_guard<std::mutex> guard(lock);
                caught.push_back(x.what());
            }
        };
        kgen::Client client = make_client(options);
        std::atomic<int> live{0};
        std::atomic<int> calls{0};
        for (int i = 0; i < 3; ++i) {
            auto started = client.session_create(test::unique_user("throw"), [&, token = test::Token(&live)](auto) {
                ++calls;
                throw std::runtime_error("game code failed");
            });
            CHECK_OK(started);
        }
        CHECK(test::poll_until(client, [&] { return calls == 3 && live == 0; }));
        std::lock_guard<std::mutex> guard(lock);
        CHECK(caught.size() == 3 && caught[0] == "game code failed");
    }
    // Without a handler the exception is reported on stderr and the client carries on.
    kgen::Client client = make_client(server_options());
    auto thrown = client.session_create(test::unique_user("unhandled"), [](auto) { throw 42; });
    CHECK_OK(thrown);
    kgen::Session after = test::new_session(client, "after-throw");
    CHECK(after);

    // A handler that throws itself is dropped too.
    kgen::ClientOptions options = server_options();
    options.on_callback_exception = [](std::exception_ptr) { throw std::logic_error("handler failed"); };
    kgen::Client strict = make_client(options);
    bool ran = false;
    auto started = strict.session_create(test::unique_user("strict"), [&](auto) {
        ran = true;
        throw std::runtime_error("again");
    });
    CHECK_OK(started);
    CHECK(test::poll_until(strict, [&] { return ran; }));
    CHECK(test::new_session(strict, "still-fine"));
}

void poll_and_shutdown_inside_a_callback_are_refused() {
    kgen::Client client = make_client(server_options());
    std::optional<kgen::Result<std::uint32_t>> nested_poll;
    std::optional<kgen::Result<void>> nested_shutdown;
    auto started = client.session_create(test::unique_user("reentrant"), [&](auto) {
        nested_poll.emplace(client.poll());
        nested_shutdown.emplace(client.shutdown());
    });
    CHECK_OK(started);
    CHECK(test::poll_until(client, [&] { return nested_shutdown.has_value(); }));
    CHECK(!*nested_poll && nested_poll->error().status == kgen::Status::Reentrant);
    CHECK(!*nested_shutdown && nested_shutdown->error().status == kgen::Status::Reentrant);
    CHECK(client);  // left as it was
    CHECK(test::new_session(client, "after-reentry"));
}

void log_lines_reach_the_handler_without_secrets() {
    std::mutex lock;
    std::vector<std::string> lines;
    std::atomic<int> live{0};
    CHECK_OK(kgen::set_log_handler(kgen::LogLevel::Debug,
                                   [&, token = test::Token(&live)](kgen::LogLevel level, std::string_view line) {
                                       std::lock_guard<std::mutex> guard(lock);
                                       if (level <= kgen::LogLevel::Debug) lines.emplace_back(line);
                                   }));
    CHECK(live == 1);
    std::string token;
    {
        kgen::Client client = make_client(server_options());
        kgen::Session player = test::new_session(client, "logged");
        token = player.access_token().value();
        CHECK_OK(await<kgen::Balance>(client, [&](auto done) { return client.wallet_balance(player, done); }));
    }
    CHECK_OK(kgen::set_log_handler(kgen::LogLevel::Off, nullptr));
    CHECK(live == 0);  // the previous handler is gone once the call returns
    std::lock_guard<std::mutex> guard(lock);
    CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string &l) { return l.find("/fe/wallet/balance") != std::string::npos; }));
    std::string secret = sandbox::env("KGEN_CLIENT_SECRET", "demo-secret");
    for (const std::string &line : lines) {
        CHECK(line.find(secret) == std::string::npos);
        CHECK(line.find(token) == std::string::npos);
    }
}

void a_log_handler_is_refused_not_deadlocked_while_another_thread_sets_the_handler() {
    // set_log_handler waits until running handlers return; a handler calling it
    // meanwhile is refused at once instead of waiting for that caller in turn.
    const std::thread::id main_thread = std::this_thread::get_id();
    std::atomic<bool> entered{false};
    std::atomic<int> first{0};
    std::optional<kgen::Result<void>> nested;
    CHECK_OK(kgen::set_log_handler(kgen::LogLevel::Debug, [&](kgen::LogLevel, std::string_view) {
        if (std::this_thread::get_id() == main_thread || first.exchange(1) != 0) return;
        entered = true;
        std::this_thread::sleep_for(300ms);  // the setter below is waiting for this handler now
        nested.emplace(kgen::set_log_handler(kgen::LogLevel::Trace, [](kgen::LogLevel, std::string_view) {}));
    }));
    kgen::Client client = make_client(server_options());
    auto started = client.session_create(test::unique_user("log-race"), [](kgen::Result<kgen::Session>) {});
    CHECK_OK(started);
    auto deadline = test::Clock::now() + 10s;
    while (!entered && test::Clock::now() < deadline) std::this_thread::sleep_for(1ms);
    CHECK(entered);

    auto setter = std::async(std::launch::async, [] { return kgen::set_log_handler(kgen::LogLevel::Off, nullptr); });
    CHECK(setter.wait_for(10s) == std::future_status::ready);
    CHECK_OK(setter.get());
    CHECK(nested && !*nested && nested->error().status == kgen::Status::Reentrant);
}

// ---- values copied from C ------------------------------------------------------

void c_results_become_plain_values_even_when_sparse() {
    // NULL strings and arrays (never sent by the SDK, tolerated anyway) become empty values.
    kgen_tournament_list none{nullptr, 3, sizeof(kgen_tournament)};
    CHECK(kgen::from_c(none).empty());
    kgen_tournament t{};
    t.status = KGEN_TOURNAMENT_LOBBY;
    t.buy_in_price = 25;
    kgen_tournament_list one{&t, 1, sizeof t};
    auto copied = kgen::from_c(one);
    CHECK(copied.size() == 1 && copied[0].uid.empty() && copied[0].status == kgen::TournamentStatus::Lobby &&
          copied[0].buy_in_price == 25 && !copied[0].starts_at.unix_ms);

    kgen_transaction_page last{};
    last.last_evaluated_key = "";
    last.is_last_page = 1;
    CHECK(!kgen::from_c(last).next_key && kgen::from_c(last).is_last_page);
    kgen_transaction_page more{};
    more.last_evaluated_key = "k-2";
    CHECK(kgen::from_c(more).next_key == std::string("k-2"));

    // A newer library's elements may have grown: the wrapper steps by the size it reports.
    struct grown_entry {
        kgen_leaderboard_entry entry;
        char appended_later[24];
    } grown[2]{};
    grown[0].entry = {"first", 20, 1};
    grown[1].entry = {"second", 10, 2};
    kgen_leaderboard board{};
    board.entries = &grown[0].entry;
    board.entry_count = 2;
    board.entry_size = sizeof(grown_entry);
    auto read = kgen::from_c(board);
    CHECK(read.entries.size() == 2 && read.entries[1].user_id == "second" && read.entries[1].score == 10 &&
          read.entries[1].rank == 2 && read.winners.empty());

    const char *uids[] = {"a", "b"};
    kgen_string_list strings{uids, 2};
    CHECK((kgen::from_c(strings) == std::vector<std::string>{"a", "b"}));

    // Bodies are copied by length: an embedded NUL survives.
    kgen_result r{};
    r.status = KGEN_ERR_HTTP;
    r.http_status = 429;
    r.api_error = KGEN_API_ERROR_RATE_LIMITED;
    r.api_error_code = "RATE_LIMITED";
    r.message = "slow down";
    r.request_id = "kgen-1";
    r.raw_body = "ab\0cd";
    r.raw_body_len = 5;
    r.retry_after_ms = 1500;
    CHECK(kgen::response_from(r).raw_body.size() == 5);
    kgen::Error e = kgen::error_from(r);
    CHECK(e.is(kgen::ApiError::RateLimited) && e.retry_after == std::chrono::milliseconds(1500));
    CHECK(e.describe() == "RATE_LIMITED (HTTP 429): slow down [request kgen-1]");

    // A completion that says OK but carries no data is an error, not a crash.
    kgen_event event{};
    event.kind = KGEN_EVENT_COMPLETION;
    event.operation = KGEN_OP_WALLET_BALANCE;
    auto empty = kgen::result_from<kgen::Balance>(event);
    CHECK(!empty && empty.error().status == kgen::Status::Internal);

    kgen::Error timeout;
    timeout.status = kgen::Status::Timeout;
    CHECK(timeout.describe() == kgen::status_text(kgen::Status::Timeout));
    CHECK(std::strcmp(kgen::version(), KGEN_VERSION_STRING) == 0);
}

}  // namespace

int main() {
    return test::run_all("C++ wrapper", {
        {"a_player_walks_the_whole_journey", a_player_walks_the_whole_journey},
        {"the_profile_is_echoed_and_a_level_of_zero_is_sent", the_profile_is_echoed_and_a_level_of_zero_is_sent},
        {"api_errors_carry_status_code_and_request_id", api_errors_carry_status_code_and_request_id},
        {"a_call_that_cannot_start_reports_why_and_never_calls_back",
         a_call_that_cannot_start_reports_why_and_never_calls_back},
        {"cancel_ends_a_request_once_with_cancelled", cancel_ends_a_request_once_with_cancelled},
        {"an_outbox_delivers_queued_writes_in_order_and_reports_each_once",
         an_outbox_delivers_queued_writes_in_order_and_reports_each_once},
        {"a_stalled_read_is_retried_after_its_attempt_timeout", a_stalled_read_is_retried_after_its_attempt_timeout},
        {"destroy_delivers_every_request_in_flight_exactly_once", destroy_delivers_every_request_in_flight_exactly_once},
        {"session_restore_reads_the_token_and_refuses_garbage", session_restore_reads_the_token_and_refuses_garbage},
        {"a_refused_token_raises_session_expired_once", a_refused_token_raises_session_expired_once},
        {"sessions_and_clients_may_go_in_any_order", sessions_and_clients_may_go_in_any_order},
        {"immediate_dispatch_runs_on_workers_and_manual_dispatch_wakes",
         immediate_dispatch_runs_on_workers_and_manual_dispatch_wakes},
        {"a_driven_client_advances_inside_wait_and_poll_on_the_callers_thread",
         a_driven_client_advances_inside_wait_and_poll_on_the_callers_thread},
        {"exceptions_from_callbacks_stay_inside_the_wrapper", exceptions_from_callbacks_stay_inside_the_wrapper},
        {"poll_and_shutdown_inside_a_callback_are_refused", poll_and_shutdown_inside_a_callback_are_refused},
        {"a_client_destroyed_inside_its_own_callback_is_destroyed",
         a_client_destroyed_inside_its_own_callback_is_destroyed},
        {"log_lines_reach_the_handler_without_secrets", log_lines_reach_the_handler_without_secrets},
        {"a_log_handler_is_refused_not_deadlocked_while_another_thread_sets_the_handler",
         a_log_handler_is_refused_not_deadlocked_while_another_thread_sets_the_handler},
        {"c_results_become_plain_values_even_when_sparse", c_results_become_plain_values_even_when_sparse},
    });
}
