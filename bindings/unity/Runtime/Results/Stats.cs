using System.Collections.Generic;

namespace Kgen
{
    /// <summary>A player's tournament history.</summary>
    public sealed class KgenHistoricStats : KgenResponse
    {
        public IReadOnlyList<KgenHistoricStat> Stats { get; internal set; }
    }

    /// <summary>One past tournament of the player.</summary>
    public sealed class KgenHistoricStat
    {
        /// <summary>"Tournament" (<c>type</c> on the wire).</summary>
        public string Kind { get; internal set; }

        public long TypeValue { get; internal set; }

        /// <summary>"Won" or "You Lost".</summary>
        public string Result { get; internal set; }

        public string OccurredAt { get; internal set; }
        public string Mode { get; internal set; }
        public double BuyInStake { get; internal set; }
        public double AmountWon { get; internal set; }
    }
}
