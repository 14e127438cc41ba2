using System;
using System.IO;
using Kgen.Native;

namespace Kgen
{
    /// <summary>The calls an outbox can deliver later (<see cref="KgenClient.EnqueueOutbox"/>).</summary>
    public enum KgenOutboxCall
    {
        /// <summary>The value is the score.</summary>
        SubmitScore = (int)kgen_operation.KGEN_OP_TOURNAMENTS_SUBMIT_SCORE,
        /// <summary>The value is the joining stake.</summary>
        JoinTournament = (int)kgen_operation.KGEN_OP_TOURNAMENTS_JOIN,
        LeaveTournament = (int)kgen_operation.KGEN_OP_TOURNAMENTS_LEAVE,
        Withdraw = (int)kgen_operation.KGEN_OP_WALLET_WITHDRAW,
        ClaimRewards = (int)kgen_operation.KGEN_OP_REWARDS_CLAIM,
    }

    /// <summary>How an outbox entry ended, or why it waits (<c>kgen_outbox_outcome</c>).</summary>
    public enum KgenOutboxOutcome
    {
        Delivered = 1,
        /// <summary>The platform refused it for good: see <see cref="KgenOutboxEventArgs.Error"/>.</summary>
        Rejected = 2,
        /// <summary>It outlived <see cref="KgenClientOptions.OutboxMaxAge"/> undelivered.</summary>
        Expired = 3,
        /// <summary>Client flow: the player's entries wait until a session of that player is restored.</summary>
        WaitingForSession = 4,
        /// <summary>The journal did not read back whole: entries were lost (see the error's message).</summary>
        Damaged = 5,
    }

    /// <summary>An outbox event, raised once each by <see cref="KgenClient.Poll"/>.</summary>
    public sealed class KgenOutboxEventArgs : EventArgs
    {
        /// <summary>As <see cref="KgenClient.EnqueueOutbox"/> returned it; 0 when not about one entry.</summary>
        public long EntryId { get; private set; }
        public KgenOutboxOutcome Outcome { get; private set; }
        public KgenOutboxCall Call { get; private set; }
        public string UserId { get; private set; }
        public string TournamentUid { get; private set; }
        /// <summary>The score or the joining stake.</summary>
        public long Value { get; private set; }
        /// <summary>When the call was made (this device's clock); null when not about one entry.</summary>
        public DateTimeOffset? CreatedAt { get; private set; }
        /// <summary>The platform's confirmation when delivered.</summary>
        public string Message { get; private set; }
        /// <summary>Why, unless delivered; null when delivered.</summary>
        public KgenException Error { get; private set; }

        internal static unsafe KgenOutboxEventArgs Read(kgen_event* e)
        {
            kgen_outbox_entry* x = e->data.outbox;
            if (x == null)
            {
                throw new InvalidOperationException("an outbox event without its entry");
            }
            return new KgenOutboxEventArgs
            {
                EntryId = checked((long)x->entry_id),
                Outcome = (KgenOutboxOutcome)x->outcome,
                Call = (KgenOutboxCall)x->operation,
                UserId = Utf8.Read(x->user_id),
                TournamentUid = Utf8.Read(x->tournament_uid),
                Value = x->value,
                CreatedAt = x->created_at_ms == 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(x->created_at_ms),
                Message = Utf8.Read(x->message),
                Error = e->result.status == kgen_status.KGEN_OK ? null : KgenException.FromResult(&e->result),
            };
        }
    }

    /// <summary>Pending outbox entries.</summary>
    public struct KgenOutboxStatus
    {
        public int Pending;
        /// <summary>How long the oldest pending entry has waited.</summary>
        public TimeSpan OldestAge;
    }

    public sealed unsafe partial class KgenClient
    {
        /// <summary>
        /// How each outbox entry ends (<see cref="KgenClientOptions.UseOutbox"/>), raised
        /// by <see cref="Poll"/> on the pumping thread, once per entry.
        /// </summary>
        public event EventHandler<KgenOutboxEventArgs> OutboxEvent;

        /// <summary>
        /// Queues a call for <paramref name="session"/>'s player and returns its entry id
        /// once it is on stable storage (a few milliseconds); from then on the outbox
        /// delivers it, in order per player, across restarts, and reports how it ended
        /// through <see cref="OutboxEvent"/>.
        /// </summary>
        /// <exception cref="KgenException"><see cref="KgenStatus.OutboxFull"/> at the limit, <see cref="KgenStatus.InvalidArgument"/>
        /// without an outbox or for arguments the call would refuse: nothing is queued.</exception>
        public long EnqueueOutbox(KgenSession session, KgenOutboxCall call, string tournamentUid = null, long value = 0)
        {
            ulong id;
            using (var lease = handle.Use())
            using (var a = new Utf8Args())
            {
                var c = new kgen_outbox_call();
                c.struct_size = (uint)sizeof(kgen_outbox_call);
                c.operation = (kgen_operation)call;
                c.tournament_uid = a.Add(tournamentUid, "tournamentUid");
                c.value = value;
                Check(NativeMethods.kgen_outbox_enqueue(lease.Client, KgenSession.Pointer(session), &c, &id));
            }
            return checked((long)id);
        }

        /// <summary>Pending entries and the oldest one's age.</summary>
        public KgenOutboxStatus GetOutboxStatus()
        {
            uint pending;
            long ageMs;
            using (var lease = handle.Use())
            {
                Check(NativeMethods.kgen_outbox_status(lease.Client, &pending, &ageMs));
            }
            return new KgenOutboxStatus { Pending = checked((int)pending), OldestAge = TimeSpan.FromMilliseconds(ageMs) };
        }

        /// <summary>
        /// Blocks until the outbox is empty or <paramref name="timeout"/> passed; true when
        /// empty. For quitting, or a batch-mode script; the events of what ended arrive
        /// with the next <see cref="Poll"/>.
        /// </summary>
        public bool FlushOutbox(TimeSpan timeout)
        {
            int empty;
            using (var lease = handle.Use())
            {
                Check(NativeMethods.kgen_outbox_flush(lease.Client, Whole(timeout, Millisecond, "timeout"), &empty));
            }
            return empty != 0;
        }

        /// <summary>Drops a player's pending entries (the account was deleted); returns how many.</summary>
        public int DiscardOutboxPlayer(string userId)
        {
            uint discarded;
            using (var lease = handle.Use())
            using (var a = new Utf8Args())
            {
                Check(NativeMethods.kgen_outbox_discard_player(lease.Client, a.Required(userId, "userId"), &discarded));
            }
            return checked((int)discarded);
        }

        internal static void QueueOutboxEvent(int clientKey, KgenOutboxEventArgs args)
        {
            KgenClient client = Live(clientKey);
            if (client != null)
            {
                client.Queue(() => client.Raise(client.OutboxEvent, args, "OutboxEvent"));
            }
        }

        /// <summary>Where the outbox lives when <see cref="KgenClientOptions.OutboxPath"/> is not set.</summary>
        static string DefaultOutboxPath()
        {
#if UNITY_5_3_OR_NEWER
            return Path.Combine(UnityEngine.Application.persistentDataPath, "kgen-outbox");
#else
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "kgen-outbox");
#endif
        }
    }
}
