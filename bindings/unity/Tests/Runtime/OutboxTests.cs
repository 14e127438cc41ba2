using System;
using System.Collections.Generic;
using System.Threading;
using NUnit.Framework;

namespace Kgen.Tests
{
    /// <summary>The outbox from C#: queued writes are delivered, and each end is raised once on the pumping thread.</summary>
    [TestFixture]
    public class OutboxTests : KgenTestBase
    {
        [Test]
        public void Queued_writes_are_delivered_in_order_and_each_end_is_raised_once_on_the_pumping_thread()
        {
            string path = NewDirectory("kgen-cs-outbox-");
            KgenClient client = NewClient(o => { o.UseOutbox = true; o.OutboxPath = path; });
            var events = new List<KgenOutboxEventArgs>();
            int pumpingThread = Thread.CurrentThread.ManagedThreadId;
            bool offThread = false;
            client.OutboxEvent += (sender, e) =>
            {
                offThread |= Thread.CurrentThread.ManagedThreadId != pumpingThread;
                events.Add(e);
            };
            KgenSession player = NewPlayer(client, "cs-outbox");
            string uid = Sandbox.CreateTournament("STARTED", 8, 0);

            long join = client.EnqueueOutbox(player, KgenOutboxCall.JoinTournament, uid, 0);
            // With an outbox a score is queued: the task ends at once, saying so.
            KgenActionResult accepted = Wait(client, client.SubmitScoreAsync(player, uid, 555));
            StringAssert.Contains("queued", accepted.Message);
            PollUntil(client, () => events.Count == 2);

            Assert.AreEqual(join, events[0].EntryId);
            Assert.AreEqual(KgenOutboxCall.JoinTournament, events[0].Call);
            Assert.AreEqual(KgenOutboxCall.SubmitScore, events[1].Call);
            Assert.AreEqual(KgenOutboxOutcome.Delivered, events[1].Outcome);
            Assert.AreEqual(555, events[1].Value);
            Assert.AreEqual(player.UserId, events[1].UserId);
            Assert.IsNull(events[1].Error);
            Assert.IsFalse(offThread);
            Assert.AreEqual(0, client.GetOutboxStatus().Pending);
            Assert.IsTrue(client.FlushOutbox(TimeSpan.FromMilliseconds(100)));
            client.Poll();
            Assert.AreEqual(2, events.Count, "once each");
        }

        [Test]
        public void A_second_client_on_the_same_outbox_is_refused_with_a_clear_error()
        {
            string path = NewDirectory("kgen-cs-outbox-");
            NewClient(o => { o.UseOutbox = true; o.OutboxPath = path; });
            var refused = Assert.Throws<KgenException>(() => NewClient(o => { o.UseOutbox = true; o.OutboxPath = path; }));
            Assert.AreEqual(KgenStatus.OutboxLocked, refused.Status);
            StringAssert.Contains("in use", refused.Message);
        }

        [Test]
        public void Without_an_outbox_its_calls_are_refused()
        {
            KgenClient client = NewClient();
            KgenSession player = NewPlayer(client);
            var refused = Assert.Throws<KgenException>(() => client.EnqueueOutbox(player, KgenOutboxCall.Withdraw));
            Assert.AreEqual(KgenStatus.InvalidArgument, refused.Status);
        }
    }
}
