using System;
using System.Threading;
using System.Threading.Tasks;

namespace Kgen
{
    /// <summary>
    /// Everything a game does with a <see cref="KgenClient"/>, as an interface: hold
    /// the client as an <c>IKgenClient</c> and your own tests can hand the game a
    /// fake one (results are plain serializable classes you can construct).
    /// <see cref="KgenClient"/> is the implementation; the SDK never calls through
    /// this interface itself.
    /// </summary>
    public interface IKgenClient : IDisposable
    {
        /// <summary>Client flow: a session's token nears expiry or was refused; raised by <see cref="Poll"/>.</summary>
        event EventHandler<KgenSessionExpiredEventArgs> SessionExpired;

        /// <summary>Ends the tasks whose requests completed, on the calling thread; returns how many events arrived.</summary>
        int Poll(int maxEvents = 0);

        /// <summary>True once <see cref="IDisposable.Dispose"/> was called.</summary>
        bool IsDisposed { get; }

        /// <summary>Requests started whose tasks have not ended yet.</summary>
        int PendingRequests { get; }

        /// <summary>How each outbox entry ends; raised by <see cref="Poll"/>.</summary>
        event EventHandler<KgenOutboxEventArgs> OutboxEvent;

        /// <summary>Queues a call in the outbox; its entry id once it is on stable storage.</summary>
        long EnqueueOutbox(KgenSession session, KgenOutboxCall call, string tournamentUid = null, long value = 0);

        /// <summary>Pending outbox entries and the oldest one's age.</summary>
        KgenOutboxStatus GetOutboxStatus();

        /// <summary>Blocks until the outbox is empty or the timeout passed; true when empty.</summary>
        bool FlushOutbox(TimeSpan timeout);

        /// <summary>Drops a player's pending outbox entries; how many.</summary>
        int DiscardOutboxPlayer(string userId);

        /// <summary>
        /// Server flow: creates or retrieves the session of player <paramref name="userId"/>
        /// with the client's credentials. The session renews itself before its token expires.
        /// </summary>
        Task<KgenSession> CreateSessionAsync(string userId, KgenPlayerProfile profile = null,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>
        /// Client flow: restores a player's session from the tokens your game server
        /// handed out. No network traffic; needs no client secret.
        /// </summary>
        /// <exception cref="KgenException">The token is not a KGeN token (<see cref="KgenStatus.InvalidArgument"/>).</exception>
        KgenSession RestoreSession(string accessToken, string refreshToken = null);

        /// <summary>Joins a tournament, paying <paramref name="joiningStake"/> (its <see cref="KgenTournament.BuyInPrice"/>).</summary>
        /// <remarks>Sandbox-defined (the published docs are silent): the bonus balance pays first, then bought, then earned.</remarks>
        Task<KgenActionResult> JoinTournamentAsync(KgenSession session, string tournamentUid, long joiningStake,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Leaves a tournament (the sandbox refunds the fee: sandbox-defined).</summary>
        Task<KgenActionResult> LeaveTournamentAsync(KgenSession session, string tournamentUid,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Submits the player's score (an integer of at least 0; the best score counts: both sandbox-defined).</summary>
        Task<KgenActionResult> SubmitScoreAsync(KgenSession session, string tournamentUid, long score,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Lists the live tournaments.</summary>
        Task<KgenTournamentList> GetActiveTournamentsAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Lists the uids of the tournaments the player joined.</summary>
        Task<KgenParticipation> GetParticipatedTournamentsAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Reads one tournament.</summary>
        Task<KgenTournament> GetTournamentAsync(KgenSession session, string tournamentUid,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Reads a tournament's leaderboard (best score first) and, once completed, its winners.</summary>
        Task<KgenLeaderboard> GetLeaderboardAsync(KgenSession session, string tournamentUid,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Reads the player's balances.</summary>
        Task<KgenBalance> GetBalanceAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>
        /// Reads one page of the player's transactions: <paramref name="lastEvaluatedKey"/>
        /// null for the first page, else the previous page's; <paramref name="limit"/> 0 for the server's page size.
        /// </summary>
        Task<KgenTransactionPage> GetTransactionsAsync(KgenSession session, string lastEvaluatedKey = null, int limit = 0,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Moves the earned balance to the player's KGeN wallet (needs a verified phone and the minimum balance).</summary>
        Task<KgenActionResult> WithdrawAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Sends a one-time password to the phone (<paramref name="countryCode"/> like "+91").</summary>
        Task<KgenOtpRegistration> RegisterPhoneAsync(KgenSession session, string phoneNumber, string countryCode,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Links the phone with the code the player received and the registration's auth code.</summary>
        Task<KgenActionResult> VerifyPhoneAsync(KgenSession session, string phoneNumber, string countryCode, string authCode, string otp,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Lists the player's rewards from completed tournaments.</summary>
        Task<KgenClaimableRewards> GetClaimableRewardsAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Claims every unclaimed reward into the earned balance.</summary>
        Task<KgenActionResult> ClaimRewardsAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Reads the player's tournament history.</summary>
        Task<KgenHistoricStats> GetHistoricStatsAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Logs in; when <see cref="KgenLoginResult.RequiresOtp"/>, finish with <see cref="LoginOtpAsync"/>.</summary>
        Task<KgenLoginResult> LoginAsync(string userName, string password, bool rememberMe = false,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Completes a two-factor login with the one-time password.</summary>
        Task<KgenResponse> LoginOtpAsync(string otp,
            CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Reads the logged-in account (or the <see cref="KgenClientOptions.PrivateToken"/> owner's).</summary>
        Task<KgenAccountUser> GetCurrentUserAsync(CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Logs out.</summary>
        Task<KgenResponse> LogoutAsync(CancellationToken cancellationToken = default(CancellationToken));
    }
}
