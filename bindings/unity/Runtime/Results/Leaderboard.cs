using System;
using System.Collections.Generic;

namespace Kgen
{
    /// <summary>A tournament's leaderboard, best score first, and once completed its winners.</summary>
    [Serializable]
    public sealed class KgenLeaderboard : KgenResponse
    {
        public List<KgenLeaderboardEntry> Entries;
        public List<KgenWinner> Winners;

        /// <summary>The prize pool (spelled <c>price_pool</c> on the wire).</summary>
        public double PricePool;
    }

    [Serializable]
    public sealed class KgenLeaderboardEntry
    {
        public string UserId;
        public long Score;
        /// <summary>1 for the best score.</summary>
        public long Rank;
    }

    [Serializable]
    public sealed class KgenWinner
    {
        public string UserId;
        public double Reward;
    }
}
