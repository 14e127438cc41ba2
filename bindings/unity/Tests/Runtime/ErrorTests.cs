using System;
using System.Threading.Tasks;
using Kgen.Native;
using Kgen.Sandbox;
using NUnit.Framework;

namespace Kgen.Tests
{
    /// <summary>Every failure reaches the caller as a clear exception; bad input loses nothing.</summary>
    [TestFixture]
    public class ErrorTests : KgenTestBase
    {
        [Test]
        public void A_server_error_becomes_a_KgenException_with_the_API_code()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);

            KgenException e = Failure(client, client.GetTournamentAsync(s, "00000000-0000-4000-8000-00000000dead"));
            Assert.AreEqual(KgenStatus.Http, e.Status);
            Assert.AreEqual(404, e.HttpStatus);
            Assert.AreEqual(KgenApiError.TournamentNotFound, e.ApiError);
            Assert.AreEqual("TOURNAMENT_NOT_FOUND", e.ApiErrorCode);
            Assert.IsNotEmpty(e.RequestId);
            StringAssert.Contains("TOURNAMENT_NOT_FOUND", e.RawBody);
            StringAssert.Contains("TOURNAMENT_NOT_FOUND (HTTP 404)", e.Message);

            Wait(client, client.JoinTournamentAsync(s, SandboxAdmin.LiveTournament, 10));
            e = Failure(client, client.JoinTournamentAsync(s, SandboxAdmin.LiveTournament, 10));
            Assert.AreEqual(409, e.HttpStatus);
            Assert.AreEqual(KgenApiError.ExistingParticipationFound, e.ApiError);
            Assert.AreEqual(KgenApiError.InvalidScore,
                Failure(client, client.SubmitScoreAsync(s, SandboxAdmin.LiveTournament, -1)).ApiError);
        }

        [Test]
        public void A_rate_limit_reports_the_servers_retry_after()
        {
            KgenClient client = NewClient(o => o.RetryMaxAttempts = 1);
            KgenSession s = NewPlayer(client);
            Fault("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"status\":429,\"retry_after_secs\":1,\"times\":1}");

            KgenException e = Failure(client, client.GetBalanceAsync(s));
            Assert.AreEqual(429, e.HttpStatus);
            Assert.AreEqual(KgenApiError.RateLimited, e.ApiError);
            Assert.AreEqual(TimeSpan.FromSeconds(1), e.RetryAfter);
        }

        [Test]
        public void A_request_past_its_deadline_times_out()
        {
            KgenClient client = NewClient(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));
            KgenSession s = NewPlayer(client);
            Fault("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"latency_ms\":3000,\"times\":1}");

            Assert.AreEqual(KgenStatus.Timeout, Failure(client, client.GetBalanceAsync(s)).Status);
        }

        [Test]
        public void A_stalled_read_is_retried_after_its_attempt_timeout()
        {
            KgenClient client = NewClient(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
            KgenSession s = NewPlayer(client);
            Fault("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"latency_ms\":3000,\"times\":1}");

            Assert.AreEqual(50, Wait(client, client.GetBalanceAsync(s)).BonusBalance);
        }

        [Test]
        public void Input_the_SDK_rejects_still_ends_the_task_once()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);

            KgenException e = Failure(client, client.GetTournamentAsync(s, ""));
            Assert.AreEqual(KgenStatus.InvalidArgument, e.Status);
            Assert.AreEqual(0, e.HttpStatus);
            Assert.IsNotEmpty(e.Message);
        }

        [Test]
        public void Arguments_native_code_would_misread_throw_before_anything_starts()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);
            ulong before = client.LastRequestId;

            Assert.Throws<ArgumentNullException>(() => client.GetBalanceAsync(null));
            Assert.Throws<ArgumentNullException>(() => client.GetTournamentAsync(s, null));
            Assert.Throws<ArgumentException>(() => client.GetTournamentAsync(s, "abc\0def"));
            Assert.Throws<ArgumentException>(() => client.GetTournamentAsync(s, "abc\ud800"));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.GetTransactionsAsync(s, null, -1));

            Assert.AreEqual(before, client.LastRequestId, "nothing reached the SDK");
            Assert.AreEqual(0, RequestMap.Count);
            Assert.AreEqual(0, client.PendingRequests);
        }

        [Test]
        public void Text_crosses_the_ABI_as_UTF8_both_ways()
        {
            KgenClient client = NewClient();
            string user = "spieler-\u00e4\u00f6\u00fc-\u65e5\u672c-\U0001F3AE-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            KgenSession s = Wait(client, client.CreateSessionAsync(user));
            Assert.AreEqual(user, s.UserId);
            Assert.AreEqual(Sandbox.ClientId + "#" + user, s.NamespacedUserId);
        }

        [Test]
        public void Misused_handles_give_errors_not_crashes()
        {
            KgenClient client = NewClient();
            KgenClient other = NewClient();
            KgenSession s = NewPlayer(client);

            Assert.AreEqual(KgenStatus.WrongClient, Failure(other, other.GetBalanceAsync(s)).Status);

            KgenSession gone = NewPlayer(client);
            gone.Dispose();
            gone.Dispose();
            Assert.AreEqual(KgenStatus.InvalidHandle, Failure(client, client.GetBalanceAsync(gone)).Status);
            Assert.Throws<ObjectDisposedException>(() => { string unused = gone.UserId; });

            client.Dispose();
            Assert.Throws<ObjectDisposedException>(() => client.GetBalanceAsync(s));
            Assert.Throws<ObjectDisposedException>(() => { string unused = s.UserId; });
            Assert.AreEqual(0, client.Poll(), "a disposed client polls nothing");
        }

        [Test]
        public void Unusable_options_are_refused_with_the_reason()
        {
            KgenException e = Assert.Throws<KgenException>(() => NewClient(o => o.BaseUrl = "not a url"));
            Assert.AreEqual(KgenStatus.InvalidArgument, e.Status);
            StringAssert.Contains("not a url", e.Message);

            Assert.Throws<ArgumentOutOfRangeException>(() => NewClient(o => o.RequestTimeout = TimeSpan.FromSeconds(-1)));
            Assert.Throws<KgenException>(() => NewClient().RestoreSession("not-a-jwt"));
        }
    }
}
