using System.Collections.Generic;

namespace Kgen
{
    /// <summary>A tournament's leaderboard, best score first, and once completed its winners.</summary>
    public sealed class KgenLeaderboard : KgenResponse
    {
        public IReadOnlyList<KgenLeaderboardEntry> Entries { get; internal set; }
        public IReadOnlyList<KgenWinner> Winners { get; internal set; }

        /// <summary>The prize pool (spelled <c>price_pool</c> on the wire).</summary>
        public double PricePool { get; internal set; }
    }

    public sealed class KgenLeaderboardEntry
    {
        public string UserId { get; internal set; }
        public long Score { get; internal set; }
        /// <summary>1 for the best score.</summary>
        public long Rank { get; internal set; }
    }

    public sealed class KgenWinner
    {
        public string UserId { get; internal set; }
        public double Reward { get; internal set; }
    }
}
