using System;
using System.Collections.Generic;

namespace Kgen
{
    /// <summary>A player's rewards from completed tournaments.</summary>
    public sealed class KgenClaimableRewards : KgenResponse
    {
        public double TotalClaimableRewards { get; internal set; }
        public IReadOnlyList<KgenReward> Rewards { get; internal set; }
    }

    public sealed class KgenReward
    {
        public string UserId { get; internal set; }
        public string TournamentId { get; internal set; }

        /// <summary>"UNCLAIMED" or "CLAIMED_SUCCESSFULLY".</summary>
        public string ClaimStatus { get; internal set; }

        public double Reward { get; internal set; }
        public string WalletAddress { get; internal set; }
        public DateTimeOffset? CreatedAt { get; internal set; }
        public DateTimeOffset? UpdatedAt { get; internal set; }
    }
}
