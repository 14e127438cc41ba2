using System;
using System.Collections.Generic;

namespace Kgen
{
    /// <summary>A player's wallet balances.</summary>
    public sealed class KgenBalance : KgenResponse
    {
        public string WalletAddress { get; internal set; }
        public double EarnedBalance { get; internal set; }
        public double BoughtBalance { get; internal set; }
        public double BonusBalance { get; internal set; }
        public double LazyBalance { get; internal set; }
        public double OnChainBalance { get; internal set; }
        public double LazyBalanceDelta { get; internal set; }

        /// <summary>The smallest earned balance that can be withdrawn.</summary>
        public double MinWalletBalToWithdraw { get; internal set; }

        public int WalletTransactionError { get; internal set; }
        public bool IsLazyBalanceUpdated { get; internal set; }
        public DateTimeOffset? CreatedAt { get; internal set; }
        public DateTimeOffset? ModifiedAt { get; internal set; }
    }

    /// <summary>One page of a player's wallet transactions.</summary>
    public sealed class KgenTransactionPage : KgenResponse
    {
        public IReadOnlyList<KgenTransaction> Transactions { get; internal set; }
        public IReadOnlyList<KgenTransaction> FromTransactions { get; internal set; }
        public IReadOnlyList<KgenTransaction> ToTransactions { get; internal set; }

        /// <summary>Pass to <see cref="KgenClient.GetTransactionsAsync"/> for the next page; "" on the last page.</summary>
        public string LastEvaluatedKey { get; internal set; }

        public bool IsLastPage { get; internal set; }
    }

    public sealed class KgenTransaction
    {
        public string Uid { get; internal set; }
        public string FromWallet { get; internal set; }
        public string ToWallet { get; internal set; }
        public double Amount { get; internal set; }

        /// <summary>"COMPLETED", "PENDING", ...</summary>
        public string SyncStatus { get; internal set; }

        public DateTimeOffset? CreatedAt { get; internal set; }

        /// <summary>From the description: the amount as the platform books it.</summary>
        public double DescriptionAmount { get; internal set; }

        /// <summary>From the description: e.g. "Tournament fee deduct".</summary>
        public string DescriptionText { get; internal set; }

        public string DescriptionName { get; internal set; }

        /// <summary>From the description: "CREDIT" or "DEBIT".</summary>
        public string DescriptionDirection { get; internal set; }

        /// <summary>From the description: e.g. "JOIN".</summary>
        public string DescriptionKind { get; internal set; }
    }
}
