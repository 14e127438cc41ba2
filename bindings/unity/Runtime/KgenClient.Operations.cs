using System.Threading;
using System.Threading.Tasks;
using Kgen.Native;

namespace Kgen
{
    // The 20 operations of the KGeN platform, one line each over the C ABI.
    // Argument errors (null, a string with a NUL or an unpaired surrogate) throw
    // at once; everything else ends the task: a KgenException, or cancellation.
    public sealed unsafe partial class KgenClient
    {
        // ---- Sessions

        /// <inheritdoc/>
        public Task<KgenSession> CreateSessionAsync(string userId, KgenPlayerProfile profile = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, e => KgenSession.Created(this, e), (c, a, cb, ud, id) =>
            {
                byte* user = a.Required(userId, "userId");
                if (profile == null)
                {
                    return NativeMethods.kgen_session_create(c, user, null, cb, ud, id);
                }
                kgen_session_profile p = profile.ToNative(a);
                return NativeMethods.kgen_session_create(c, user, &p, cb, ud, id);
            });
        }

        /// <inheritdoc/>
        public KgenSession RestoreSession(string accessToken, string refreshToken = null)
        {
            kgen_session* session;
            using (var lease = handle.Use())
            using (var a = new Utf8Args())
            {
                Check(NativeMethods.kgen_session_restore(lease.Client, a.Required(accessToken, "accessToken"),
                    a.Add(refreshToken, "refreshToken"), &session));
            }
            var restored = new KgenSession(this, session, KgenSessionFlow.Client);
            Track(restored);
            return restored;
        }

        // ---- Tournaments

        /// <inheritdoc/>
        public Task<KgenActionResult> JoinTournamentAsync(KgenSession session, string tournamentUid, long joiningStake,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Action, (c, a, cb, ud, id) => NativeMethods.kgen_tournaments_join(
                c, KgenSession.Pointer(session), a.Required(tournamentUid, "tournamentUid"), joiningStake, cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenActionResult> LeaveTournamentAsync(KgenSession session, string tournamentUid,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Action, (c, a, cb, ud, id) => NativeMethods.kgen_tournaments_leave(
                c, KgenSession.Pointer(session), a.Required(tournamentUid, "tournamentUid"), cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenActionResult> SubmitScoreAsync(KgenSession session, string tournamentUid, long score,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Action, (c, a, cb, ud, id) => NativeMethods.kgen_tournaments_submit_score(
                c, KgenSession.Pointer(session), a.Required(tournamentUid, "tournamentUid"), score, cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenTournamentList> GetActiveTournamentsAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Tournaments, (c, a, cb, ud, id) => NativeMethods.kgen_tournaments_active(
                c, KgenSession.Pointer(session), cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenParticipation> GetParticipatedTournamentsAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Participation, (c, a, cb, ud, id) => NativeMethods.kgen_tournaments_participated(
                c, KgenSession.Pointer(session), cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenTournament> GetTournamentAsync(KgenSession session, string tournamentUid,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Tournament, (c, a, cb, ud, id) => NativeMethods.kgen_tournaments_get(
                c, KgenSession.Pointer(session), a.Required(tournamentUid, "tournamentUid"), cb, ud, id));
        }

        // ---- Leaderboard

        /// <inheritdoc/>
        public Task<KgenLeaderboard> GetLeaderboardAsync(KgenSession session, string tournamentUid,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Leaderboard, (c, a, cb, ud, id) => NativeMethods.kgen_leaderboard_get(
                c, KgenSession.Pointer(session), a.Required(tournamentUid, "tournamentUid"), cb, ud, id));
        }

        // ---- Wallet

        /// <inheritdoc/>
        public Task<KgenBalance> GetBalanceAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Balance, (c, a, cb, ud, id) => NativeMethods.kgen_wallet_balance(
                c, KgenSession.Pointer(session), cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenTransactionPage> GetTransactionsAsync(KgenSession session, string lastEvaluatedKey = null,
            int limit = 0, CancellationToken cancellationToken = default(CancellationToken))
        {
            uint pageSize = Count(limit, "limit");
            return Start(cancellationToken, EventReaders.Transactions, (c, a, cb, ud, id) => NativeMethods.kgen_wallet_transactions(
                c, KgenSession.Pointer(session), a.Add(lastEvaluatedKey, "lastEvaluatedKey"), pageSize, cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenActionResult> WithdrawAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Action, (c, a, cb, ud, id) => NativeMethods.kgen_wallet_withdraw(
                c, KgenSession.Pointer(session), cb, ud, id));
        }

        // ---- Phone linking (OTP)

        /// <inheritdoc/>
        public Task<KgenOtpRegistration> RegisterPhoneAsync(KgenSession session, string phoneNumber, string countryCode,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.OtpRegistration, (c, a, cb, ud, id) => NativeMethods.kgen_otp_register(
                c, KgenSession.Pointer(session), a.Required(phoneNumber, "phoneNumber"), a.Required(countryCode, "countryCode"),
                cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenActionResult> VerifyPhoneAsync(KgenSession session, string phoneNumber, string countryCode,
            string authCode, string otp, CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Action, (c, a, cb, ud, id) => NativeMethods.kgen_otp_verify(
                c, KgenSession.Pointer(session), a.Required(phoneNumber, "phoneNumber"), a.Required(countryCode, "countryCode"),
                a.Required(authCode, "authCode"), a.Required(otp, "otp"), cb, ud, id));
        }

        // ---- Rewards

        /// <inheritdoc/>
        public Task<KgenClaimableRewards> GetClaimableRewardsAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Rewards, (c, a, cb, ud, id) => NativeMethods.kgen_rewards_claimable(
                c, KgenSession.Pointer(session), cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenActionResult> ClaimRewardsAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Action, (c, a, cb, ud, id) => NativeMethods.kgen_rewards_claim(
                c, KgenSession.Pointer(session), cb, ud, id));
        }

        // ---- Statistics

        /// <inheritdoc/>
        public Task<KgenHistoricStats> GetHistoricStatsAsync(KgenSession session,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Stats, (c, a, cb, ud, id) => NativeMethods.kgen_stats_historic(
                c, KgenSession.Pointer(session), cb, ud, id));
        }

        // ---- Account session (/v3)

        /// <inheritdoc/>
        public Task<KgenLoginResult> LoginAsync(string userName, string password, bool rememberMe = false,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.Login, (c, a, cb, ud, id) => NativeMethods.kgen_account_login(
                c, a.Required(userName, "userName"), a.Required(password, "password"), rememberMe ? 1 : 0, cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenResponse> LoginOtpAsync(string otp, CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.NoData, (c, a, cb, ud, id) => NativeMethods.kgen_account_login_otp(
                c, a.Required(otp, "otp"), cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenAccountUser> GetCurrentUserAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.User, (c, a, cb, ud, id) => NativeMethods.kgen_account_current_user(
                c, cb, ud, id));
        }

        /// <inheritdoc/>
        public Task<KgenResponse> LogoutAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return Start(cancellationToken, EventReaders.NoData, (c, a, cb, ud, id) => NativeMethods.kgen_account_logout(
                c, cb, ud, id));
        }
    }
}
