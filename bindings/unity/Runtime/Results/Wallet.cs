using System;
using System.Collections.Generic;

namespace Kgen
{
    /// <summary>A player's wallet balances.</summary>
    [Serializable]
    public sealed class KgenBalance : KgenResponse
    {
        public string WalletAddress;
        public double EarnedBalance;
        public double BoughtBalance;
        public double BonusBalance;
        public double LazyBalance;
        public double OnChainBalance;
        public double LazyBalanceDelta;

        /// <summary>The smallest earned balance that can be withdrawn.</summary>
        public double MinWalletBalToWithdraw;

        public int WalletTransactionError;
        public bool IsLazyBalanceUpdated;
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? ModifiedAt { get; set; }
    }

    /// <summary>One page of a player's wallet transactions.</summary>
    [Serializable]
    public sealed class KgenTransactionPage : KgenResponse
    {
        public List<KgenTransaction> Transactions;
        public List<KgenTransaction> FromTransactions;
        public List<KgenTransaction> ToTransactions;

        /// <summary>Pass to <see cref="KgenClient.GetTransactionsAsync"/> for the next page; "" on the last page.</summary>
        public string LastEvaluatedKey;

        public bool IsLastPage;
    }

    [Serializable]
    public sealed class KgenTransaction
    {
        public string Uid;
        public string FromWallet;
        public string ToWallet;
        public double Amount;

        /// <summary>"COMPLETED", "PENDING", ...</summary>
        public string SyncStatus;

        public DateTimeOffset? CreatedAt { get; set; }

        /// <summary>From the description: the amount as the platform books it.</summary>
        public double DescriptionAmount;

        /// <summary>From the description: e.g. "Tournament fee deduct".</summary>
        public string DescriptionText;

        public string DescriptionName;

        /// <summary>From the description: "CREDIT" or "DEBIT".</summary>
        public string DescriptionDirection;

        /// <summary>From the description: e.g. "JOIN".</summary>
        public string DescriptionKind;
    }
}
