using System;
using System.Linq;
using Kgen.Sandbox;
using NUnit.Framework;

namespace Kgen.Tests
{
    /// <summary>Every operation completes against the sandbox with its typed result.</summary>
    [TestFixture]
    public class OperationsTests : KgenTestBase
    {
        [Test]
        public void A_server_session_carries_the_players_fields()
        {
            KgenClient client = NewClient();
            string user = UniqueUser("session");
            var profile = new KgenPlayerProfile { Name = "Test Player", Level = 3, AppVersion = "1.0" };
            KgenSession s = Wait(client, client.CreateSessionAsync(user, profile));

            Assert.AreEqual(user, s.UserId);
            Assert.AreEqual(KgenSessionFlow.Server, s.Flow);
            Assert.IsTrue(s.IsNewUser);
            Assert.IsNotEmpty(s.SessionId);
            Assert.IsNotEmpty(s.WalletAddress);
            Assert.AreEqual(Sandbox.ClientId + "#" + user, s.NamespacedUserId);
            Assert.Greater(s.AccessToken.Length, 20);
            Assert.Greater(s.ExpiresAt, DateTimeOffset.UtcNow);

            KgenSession again = Wait(client, client.CreateSessionAsync(user));
            Assert.IsFalse(again.IsNewUser, "the second session finds the player");
        }

        [Test]
        public void A_server_session_echoes_every_profile_field_and_a_level_and_rank_of_zero()
        {
            KgenClient client = NewClient();
            var sent = new KgenPlayerProfile
            {
                Name = "Ada", Username = "ada_l", Email = "ada@example.com", DeviceId = "dev-1",
                PhoneNumber = "9876543210", Level = 0, Rank = 0, DateJoined = "2024-09-06",
                PlayerTag = "ADA#1", Location = "IN", LocationName = "Pune", DeviceModel = "Pixel 8",
                ScreenHeight = "2400", ScreenWidth = "1080", OsName = "Android", OsVersion = "14",
                BrowserName = "Chrome", FbLogin = "false", GoogleLogin = "true", AppVersion = "2.3.1",
            };
            KgenSessionProfile echo = Wait(client, client.CreateSessionAsync(UniqueUser("profile"), sent)).Profile;

            Assert.IsNotNull(echo);
            var expected = new[]
            {
                sent.Name, sent.Username, sent.Email, sent.DeviceId, sent.PhoneNumber, sent.DateJoined,
                sent.PlayerTag, sent.Location, sent.LocationName, sent.DeviceModel, sent.ScreenHeight,
                sent.ScreenWidth, sent.OsName, sent.OsVersion, sent.BrowserName, sent.FbLogin,
                sent.GoogleLogin, sent.AppVersion,
            };
            var actual = new[]
            {
                echo.Name, echo.Username, echo.Email, echo.DeviceId, echo.PhoneNumber, echo.DateJoined,
                echo.PlayerTag, echo.Location, echo.LocationName, echo.DeviceModel, echo.ScreenHeight,
                echo.ScreenWidth, echo.OsName, echo.OsVersion, echo.BrowserName, echo.FbLogin,
                echo.GoogleLogin, echo.AppVersion,
            };
            CollectionAssert.AreEqual(expected, actual);
            Assert.IsTrue(echo.HasLevel && echo.HasRank, "the platform echoes level and rank");
            Assert.AreEqual(0, echo.Level);
            Assert.AreEqual(0, echo.Rank);

            // The echo is the server's record: a renewal that sends a level of 0 over a
            // stored 7 shows 0, so the 0 was sent rather than left out.
            string user = UniqueUser("level");
            Wait(client, client.CreateSessionAsync(user, new KgenPlayerProfile { Level = 7, Rank = 9 }));
            KgenSessionProfile renewed = Wait(client,
                client.CreateSessionAsync(user, new KgenPlayerProfile { Level = 0 })).Profile;
            Assert.AreEqual(0, renewed.Level, "a Level of 0 is sent");
            Assert.AreEqual(9, renewed.Rank, "an unset Rank is not sent, so the stored one stays");
        }

        [Test]
        public void Items_of_a_list_share_the_lists_response_instead_of_a_copy_of_its_body_each()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);

            KgenTournamentList active = Wait(client, client.GetActiveTournamentsAsync(s));
            Assert.Greater(active.Tournaments.Count, 1);
            foreach (KgenTournament t in active.Tournaments)
            {
                Assert.AreEqual(active.HttpStatus, t.HttpStatus);
                Assert.AreEqual(active.RequestId, t.RequestId);
                Assert.IsTrue(ReferenceEquals(active.RawBody, t.RawBody), "one body in memory, however long the list");
            }
        }

        [Test]
        public void Tournament_operations_join_score_rank_and_leave()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);

            KgenTournamentList active = Wait(client, client.GetActiveTournamentsAsync(s));
            Assert.AreEqual(200, active.HttpStatus);
            Assert.IsNotEmpty(active.RequestId);
            KgenTournament live = active.Tournaments.Single(t => t.TournamentUid == SandboxAdmin.LiveTournament);
            Assert.AreEqual(KgenTournamentStatus.Started, live.Status);
            Assert.AreEqual("STARTED", live.StatusText);

            KgenTournament got = Wait(client, client.GetTournamentAsync(s, SandboxAdmin.LiveTournament));
            Assert.AreEqual(10, got.BuyInPrice);
            Assert.AreEqual(1000, got.TournamentSize);
            Assert.IsNotNull(got.StartsAt);
            StringAssert.Contains(SandboxAdmin.LiveTournament, got.RawBody);

            string uid = Sandbox.CreateTournament("STARTED", 10);
            KgenActionResult joined = Wait(client, client.JoinTournamentAsync(s, uid, 10));
            Assert.IsNotEmpty(joined.Message);
            KgenParticipation mine = Wait(client, client.GetParticipatedTournamentsAsync(s));
            CollectionAssert.Contains(mine.TournamentUids, uid);

            Wait(client, client.SubmitScoreAsync(s, uid, 42));
            Wait(client, client.SubmitScoreAsync(s, uid, 7));
            KgenLeaderboard board = Wait(client, client.GetLeaderboardAsync(s, uid));
            Assert.AreEqual(1, board.Entries.Count);
            Assert.AreEqual(s.UserId, board.Entries[0].UserId);
            Assert.AreEqual(42, board.Entries[0].Score, "the best score counts");
            Assert.AreEqual(1, board.Entries[0].Rank);

            Wait(client, client.JoinTournamentAsync(s, SandboxAdmin.LobbyTournament, 10));
            KgenActionResult left = Wait(client, client.LeaveTournamentAsync(s, SandboxAdmin.LobbyTournament));
            Assert.IsNotEmpty(left.Message);
        }

        [Test]
        public void Wallet_phone_rewards_and_stats_operations_follow_a_won_tournament()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);

            KgenBalance start = Wait(client, client.GetBalanceAsync(s));
            Assert.AreEqual(50, start.BonusBalance);
            Assert.AreEqual(0, start.EarnedBalance);
            Assert.Greater(start.MinWalletBalToWithdraw, 0);

            string uid = Sandbox.CreateTournament("STARTED", 10);
            Wait(client, client.JoinTournamentAsync(s, uid, 10));
            Wait(client, client.SubmitScoreAsync(s, uid, 100));
            KgenTransactionPage page = Wait(client, client.GetTransactionsAsync(s));
            Assert.IsTrue(page.Transactions.Any(t => t.DescriptionKind == "JOIN"), page.RawBody);

            string phone = "9" + new Random().Next(100000000, 999999999);
            KgenOtpRegistration registration = Wait(client, client.RegisterPhoneAsync(s, phone, "+91"));
            Assert.IsNotEmpty(registration.AuthCode);
            string otp = Sandbox.PhoneOtp(phone, "+91");
            Assert.IsNotEmpty(Wait(client, client.VerifyPhoneAsync(s, phone, "+91", registration.AuthCode, otp)).Message);

            Sandbox.CompleteTournament(uid);
            KgenClaimableRewards rewards = Wait(client, client.GetClaimableRewardsAsync(s));
            KgenReward reward = rewards.Rewards.Single();
            Assert.AreEqual(uid, reward.TournamentId);
            Assert.AreEqual("UNCLAIMED", reward.ClaimStatus);
            Assert.AreEqual(reward.Reward, rewards.TotalClaimableRewards);

            Wait(client, client.ClaimRewardsAsync(s));
            KgenBalance won = Wait(client, client.GetBalanceAsync(s));
            Assert.AreEqual(reward.Reward, won.EarnedBalance);

            KgenActionResult withdrawn = Wait(client, client.WithdrawAsync(s));
            Assert.IsNotEmpty(withdrawn.Message);
            KgenHistoricStats stats = Wait(client, client.GetHistoricStatsAsync(s));
            Assert.AreEqual("Won", stats.Stats.Single().Result);
        }

        [Test]
        public void Account_operations_log_in_with_and_without_two_factor()
        {
            KgenClient client = NewClient();
            KgenLoginResult login = Wait(client, client.LoginAsync("demo", "demo-password"));
            Assert.IsFalse(login.RequiresOtp);
            KgenAccountUser user = Wait(client, client.GetCurrentUserAsync());
            Assert.AreEqual("demo", user.UserName);
            Assert.Greater(user.UserId, 0);
            Assert.That(Wait(client, client.LogoutAsync()).HttpStatus, Is.InRange(200, 299));
            Assert.AreEqual("demo2fa", Wait(client, client.GetCurrentUserAsync()).UserName, "no session: the key's owner");

            login = Wait(client, client.LoginAsync("demo2fa", "demo-password", rememberMe: true));
            Assert.IsTrue(login.RequiresOtp);
            Assert.AreEqual(KgenApiError.InvalidOtp, Failure(client, client.LoginOtpAsync("000000")).ApiError);
            Wait(client, client.LoginOtpAsync(Sandbox.AccountOtp("demo2fa")));
            Assert.AreEqual("demo2fa", Wait(client, client.GetCurrentUserAsync()).UserName);
            Wait(client, client.LogoutAsync());
        }

        [Test]
        public void A_game_client_restores_a_session_from_tokens_without_a_secret()
        {
            KgenClient server = NewClient();
            KgenSession issued = NewPlayer(server);

            KgenClient game = NewClient(o =>
            {
                o.ClientId = null;
                o.ClientSecret = null;
            });
            KgenSession restored = game.RestoreSession(issued.AccessToken);
            Assert.AreEqual(KgenSessionFlow.Client, restored.Flow);
            Assert.AreEqual(issued.UserId, restored.UserId);
            Assert.AreEqual(50, Wait(game, game.GetBalanceAsync(restored)).BonusBalance);

            KgenException noSecret = Failure(game, game.CreateSessionAsync(UniqueUser("nosecret")));
            Assert.AreEqual(KgenStatus.InvalidArgument, noSecret.Status);
        }
    }
}
