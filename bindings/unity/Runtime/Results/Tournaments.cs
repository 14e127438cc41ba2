using System;
using System.Collections.Generic;

namespace Kgen
{
    /// <summary>One tournament.</summary>
    public sealed class KgenTournament : KgenResponse
    {
        public string TournamentUid { get; internal set; }
        public string GameUid { get; internal set; }
        public KgenTournamentStatus Status { get; internal set; }

        /// <summary>The state as sent, e.g. "STARTED".</summary>
        public string StatusText { get; internal set; }

        public string Title { get; internal set; }
        public string Description { get; internal set; }

        /// <summary>The entry fee; pass it as the joining stake of <see cref="KgenClient.JoinTournamentAsync"/>.</summary>
        public long BuyInPrice { get; internal set; }

        /// <summary>Seats in total.</summary>
        public long TournamentSize { get; internal set; }

        public long ParticipantsCount { get; internal set; }

        // Times are null when the server sent none (or sent one that does not
        // parse: the text is still in RawBody).
        public DateTimeOffset? SchedulesAt { get; internal set; }
        public DateTimeOffset? MovesToLobbyAt { get; internal set; }
        public DateTimeOffset? StartsAt { get; internal set; }
        public DateTimeOffset? LocksAt { get; internal set; }
        public DateTimeOffset? EndsAt { get; internal set; }
        public DateTimeOffset? CreatedAt { get; internal set; }
        public DateTimeOffset? UpdatedAt { get; internal set; }
    }

    /// <summary>The live tournaments.</summary>
    public sealed class KgenTournamentList : KgenResponse
    {
        public IReadOnlyList<KgenTournament> Tournaments { get; internal set; }
    }

    /// <summary>The tournaments a player joined.</summary>
    public sealed class KgenParticipation : KgenResponse
    {
        public IReadOnlyList<string> TournamentUids { get; internal set; }
    }
}
