// Quickstart.cs - one player's whole journey with the kgen C# API on Mono or
// .NET, the way a game uses it: requests are awaited, and a loop on the main
// thread calls KgenSdk.PollAll() once per "frame", which is where every await
// continues (in Unity the package's dispatcher does this for you).
//
//   mcs -langversion:7.2 -r:Kgen.Runtime.dll -out:Quickstart.exe \
//       examples/csharp/Quickstart.cs bindings/unity/Tests/Runtime/Support/SandboxAdmin.cs
//   KGEN_BASE_URL=http://127.0.0.1:8080 LD_LIBRARY_PATH=target/release mono Quickstart.exe
//
// (scripts/test-csharp.sh builds Kgen.Runtime.dll from bindings/unity/Runtime
// and runs this against the sandbox.)
//
// Environment: KGEN_BASE_URL, KGEN_CLIENT_ID and KGEN_CLIENT_SECRET (a game
// server's credentials: never ship a secret inside a game client), and
// KGEN_ADMIN_KEY for the sandbox's admin steps (reading the OTP "sent" to a
// phone, completing a tournament).

using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kgen;
using Kgen.Sandbox;

static class Quickstart
{
    static int Main()
    {
        SandboxAdmin sandbox = SandboxAdmin.FromEnvironment();
        if (sandbox == null)
        {
            Console.Error.WriteLine("set KGEN_BASE_URL to a running kgen-sandbox (kgen-sandbox --demo)");
            return 2;
        }
        KgenLog.MessageLogged += (level, line) => Console.Error.WriteLine("   [kgen " + level + "] " + line);

        var options = new KgenClientOptions
        {
            BaseUrl = sandbox.BaseUrl,
            AccountBaseUrl = sandbox.BaseUrl, // the sandbox serves /v3 too; production: api.i3d.net
            PrivateToken = "demo-api-key",     // the /v3 account's API key (the sandbox's demo user)
            ClientId = sandbox.ClientId,
            ClientSecret = sandbox.ClientSecret,
        };
        using (var client = new KgenClient(options))
        {
            Task journey = PlayAsync(client, sandbox);
            // The game loop.
            while (!journey.IsCompleted)
            {
                KgenSdk.PollAll();
                Thread.Sleep(5);
            }
            try
            {
                journey.GetAwaiter().GetResult();
            }
            catch (KgenException e)
            {
                Console.Error.WriteLine("failed: " + e.Message);
                return 1;
            }
        }
        Console.WriteLine("journey complete");
        return 0;
    }

    static async Task PlayAsync(KgenClient client, SandboxAdmin sandbox)
    {
        string player = "quickstart-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        Console.WriteLine("-> create the session of " + player + " (server flow)");
        KgenSession session = await client.CreateSessionAsync(player, new KgenPlayerProfile { Name = "Quick Start" });
        Console.WriteLine("   wallet " + session.WalletAddress + (session.IsNewUser ? " (new player)" : ""));

        Console.WriteLine("-> live tournaments");
        foreach (KgenTournament t in (await client.GetActiveTournamentsAsync(session)).Tournaments)
        {
            Console.WriteLine("   " + t.Title + " [" + t.StatusText + "] buy-in " + t.BuyInPrice + ", " +
                t.ParticipantsCount + "/" + t.TournamentSize);
        }

        KgenBalance balance = await client.GetBalanceAsync(session);
        Console.WriteLine("-> balance: bonus " + balance.BonusBalance + ", earned " + balance.EarnedBalance);

        // A tournament of our own, so that the sandbox can complete it with us winning.
        string uid = sandbox.CreateTournament("STARTED", 10);
        KgenTournament tournament = await client.GetTournamentAsync(session, uid);
        Console.WriteLine("-> join " + tournament.Title + ": " +
            (await client.JoinTournamentAsync(session, uid, tournament.BuyInPrice)).Message);
        Console.WriteLine("-> submit score 4200: " + (await client.SubmitScoreAsync(session, uid, 4200)).Message);
        KgenLeaderboard board = await client.GetLeaderboardAsync(session, uid);
        Console.WriteLine("-> leaderboard: " + string.Join(", ", board.Entries.Select(e => e.UserId + " " + e.Score)));

        KgenTransactionPage page = await client.GetTransactionsAsync(session);
        Console.WriteLine("-> transactions: " + string.Join(", ",
            page.Transactions.Select(t => t.DescriptionKind + " " + t.DescriptionDirection + " " + t.Amount)));

        try
        {
            await client.JoinTournamentAsync(session, uid, tournament.BuyInPrice);
        }
        catch (KgenException e)
        {
            Console.WriteLine("-> join again: refused with " + e.ApiError + " (" + e.ApiErrorCode + ")");
        }

        string phone = "9" + new Random().Next(100000000, 999999999);
        Console.WriteLine("-> link phone " + phone);
        KgenOtpRegistration registration = await client.RegisterPhoneAsync(session, phone, "+91");
        string otp = sandbox.PhoneOtp(phone, "+91"); // the code the player received by SMS
        Console.WriteLine("   " + (await client.VerifyPhoneAsync(session, phone, "+91", registration.AuthCode, otp)).Message);

        Console.WriteLine("-> (sandbox admin) complete the tournament");
        sandbox.CompleteTournament(uid);
        KgenClaimableRewards rewards = await client.GetClaimableRewardsAsync(session);
        Console.WriteLine("-> claimable rewards: " + rewards.TotalClaimableRewards);
        Console.WriteLine("-> claim: " + (await client.ClaimRewardsAsync(session)).Message);
        balance = await client.GetBalanceAsync(session);
        Console.WriteLine("-> balance: earned " + balance.EarnedBalance);
        Console.WriteLine("-> withdraw: " + (await client.WithdrawAsync(session)).Message);
        foreach (KgenHistoricStat stat in (await client.GetHistoricStatsAsync(session)).Stats)
        {
            Console.WriteLine("-> history: " + stat.Kind + " " + stat.Result + ", won " + stat.AmountWon);
        }

        // A shipped game holds no secret: its server hands it the player's token.
        using (var game = new KgenClient(new KgenClientOptions { BaseUrl = sandbox.BaseUrl }))
        {
            KgenSession restored = game.RestoreSession(session.AccessToken);
            game.SessionExpired += (sender, e) => Console.WriteLine("   ask the game server for a new token");
            KgenBalance seen = await game.GetBalanceAsync(restored);
            Console.WriteLine("-> game client (restored session): earned " + seen.EarnedBalance);
        }

        Console.WriteLine("-> account login (demo)");
        KgenLoginResult login = await client.LoginAsync("demo", "demo-password");
        Console.WriteLine("   two-factor step needed: " + login.RequiresOtp);
        Console.WriteLine("   logged in as " + (await client.GetCurrentUserAsync()).UserName);
        await client.LogoutAsync();
    }
}
