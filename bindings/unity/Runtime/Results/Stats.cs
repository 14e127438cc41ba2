using System;
using System.Collections.Generic;

namespace Kgen
{
    /// <summary>A player's tournament history.</summary>
    [Serializable]
    public sealed class KgenHistoricStats : KgenResponse
    {
        public List<KgenHistoricStat> Stats;
    }

    /// <summary>One past tournament of the player.</summary>
    [Serializable]
    public sealed class KgenHistoricStat
    {
        /// <summary>"Tournament" (<c>type</c> on the wire).</summary>
        public string Kind;

        public long TypeValue;

        /// <summary>"Won" or "You Lost".</summary>
        public string Result;

        public string OccurredAt;
        public string Mode;
        public double BuyInStake;
        public double AmountWon;
    }
}
