using System;
using System.Collections.Generic;

namespace Kgen
{
    /// <summary>One tournament.</summary>
    [Serializable]
    public sealed class KgenTournament : KgenResponse
    {
        public string TournamentUid;
        public string GameUid;
        public KgenTournamentStatus Status;

        /// <summary>The state as sent, e.g. "STARTED".</summary>
        public string StatusText;

        public string Title;
        public string Description;

        /// <summary>The entry fee; pass it as the joining stake of <see cref="KgenClient.JoinTournamentAsync"/>.</summary>
        public long BuyInPrice;

        /// <summary>Seats in total.</summary>
        public long TournamentSize;

        public long ParticipantsCount;

        // Times are null when the server sent none (or sent one that does not
        // parse: the text is still in RawBody).
        public DateTimeOffset? SchedulesAt { get; set; }
        public DateTimeOffset? MovesToLobbyAt { get; set; }
        public DateTimeOffset? StartsAt { get; set; }
        public DateTimeOffset? LocksAt { get; set; }
        public DateTimeOffset? EndsAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
    }

    /// <summary>The live tournaments.</summary>
    [Serializable]
    public sealed class KgenTournamentList : KgenResponse
    {
        public List<KgenTournament> Tournaments;
    }

    /// <summary>The tournaments a player joined.</summary>
    [Serializable]
    public sealed class KgenParticipation : KgenResponse
    {
        public List<string> TournamentUids;
    }
}
