using System;
using System.Collections.Generic;

namespace Kgen
{
    /// <summary>A player's rewards from completed tournaments.</summary>
    [Serializable]
    public sealed class KgenClaimableRewards : KgenResponse
    {
        public double TotalClaimableRewards;
        public List<KgenReward> Rewards;
    }

    [Serializable]
    public sealed class KgenReward
    {
        public string UserId;
        public string TournamentId;

        /// <summary>"UNCLAIMED" or "CLAIMED_SUCCESSFULLY".</summary>
        public string ClaimStatus;

        public double Reward;
        public string WalletAddress;
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
    }
}
