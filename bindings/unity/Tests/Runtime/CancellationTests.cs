using System;
using System.Threading;
using System.Threading.Tasks;
using Kgen.Native;
using NUnit.Framework;

namespace Kgen.Tests
{
    /// <summary>A CancellationToken cancels the native request, which still ends exactly once.</summary>
    [TestFixture]
    public class CancellationTests : KgenTestBase
    {
        [Test]
        public void Cancelling_a_request_in_flight_ends_its_task_as_cancelled()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);
            HoldBalanceRequests();

            var cts = new CancellationTokenSource();
            DateTime started = DateTime.UtcNow;
            Task<KgenBalance> task = client.GetBalanceAsync(s, cts.Token);
            ulong id = client.LastRequestId;
            Thread.Sleep(100);
            client.Poll();
            Assert.IsFalse(task.IsCompleted, "the sandbox holds the request");

            cts.Cancel();
            PollUntil(client, () => task.IsCompleted, 5);
            Assert.IsTrue(task.IsCanceled);
            Assert.Less((DateTime.UtcNow - started).TotalSeconds, 5, "cancelled, not waited out");
            var e = Assert.Throws<TaskCanceledException>(() => task.GetAwaiter().GetResult());
            Assert.AreEqual(cts.Token, e.CancellationToken);
            Assert.AreEqual((int)kgen_status.KGEN_ERR_UNKNOWN_REQUEST, (int)client.CancelNative(id), "the SDK forgot the request");
            Assert.AreEqual(0, client.PendingRequests);
        }

        [Test]
        public void An_already_cancelled_token_starts_nothing()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);
            ulong before = client.LastRequestId;

            var cancelled = new CancellationToken(true);
            Task<KgenBalance> task = client.GetBalanceAsync(s, cancelled);
            Assert.IsTrue(task.IsCanceled);
            Assert.AreEqual(before, client.LastRequestId);
            var e = Assert.Throws<TaskCanceledException>(() => task.GetAwaiter().GetResult());
            Assert.AreEqual(cancelled, e.CancellationToken, "like a request cancelled in flight");
        }

        [Test]
        public void Cancelling_after_completion_keeps_the_result()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);
            var cts = new CancellationTokenSource();

            Task<KgenBalance> task = client.GetBalanceAsync(s, cts.Token);
            KgenBalance balance = Wait(client, task);
            cts.Cancel();
            client.Poll();
            Assert.IsTrue(task.Status == TaskStatus.RanToCompletion);
            Assert.AreEqual(50, balance.BonusBalance);
        }
    }
}
