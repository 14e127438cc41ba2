using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kgen.Native;
using NUnit.Framework;

namespace Kgen.Tests
{
    /// <summary>
    /// Where completions run, how a client ends, and that nothing of a request
    /// outlives its completion.
    /// </summary>
    [TestFixture]
    public class LifecycleTests : KgenTestBase
    {
        [Test]
        public void Disposing_with_100_requests_in_flight_ends_every_task()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);
            HoldBalanceRequests();

            var tasks = Enumerable.Range(0, 100).Select(_ => client.GetBalanceAsync(s)).ToList();
            Thread.Sleep(200);
            client.Poll();
            Assert.AreEqual(100, client.PendingRequests);
            Assert.IsFalse(tasks.Any(t => t.IsCompleted), "the sandbox holds them");

            var watch = Stopwatch.StartNew();
            client.Dispose();
            Assert.Less(watch.Elapsed.TotalSeconds, 5, "Dispose cancels instead of waiting");
            Assert.IsTrue(tasks.All(t => t.IsCanceled), "every task ended, on the disposing thread, without a poll");
            Assert.AreEqual(0, client.PendingRequests);
            Assert.AreEqual(0, RequestMap.Count);
        }

        [Test]
        public void Twenty_create_dispose_cycles_leave_nothing_behind()
        {
#if !UNITY_5_3_OR_NEWER
            int threadsBefore = Process.GetCurrentProcess().Threads.Count;
#endif
            for (int i = 0; i < 20; i++)
            {
                KgenClient client = NewClient();
                KgenSession s = NewPlayer(client);
                Assert.AreEqual(50, Wait(client, client.GetBalanceAsync(s)).BonusBalance);
                Task<KgenTournamentList> open = client.GetActiveTournamentsAsync(s);
                client.Dispose();
                Assert.IsTrue(open.IsCompleted, "cycle " + i);
                Assert.AreEqual(0, RequestMap.Count, "cycle " + i);
            }
#if !UNITY_5_3_OR_NEWER // the editor starts and stops threads of its own meanwhile
            int threadsAfter = Process.GetCurrentProcess().Threads.Count;
            Assert.LessOrEqual(threadsAfter, threadsBefore + 4, "each client's threads stop with it");
#endif
        }

        [Test]
        public void Shutdown_ends_every_client_and_new_clients_work_afterwards()
        {
            // What Unity does on quit, when play mode ends and before scripts reload.
            KgenClient first = NewClient();
            KgenClient second = NewClient();
            KgenSession s = NewPlayer(first);
            Task<KgenBalance> open = first.GetBalanceAsync(s);

            KgenSdk.Shutdown();
            Assert.IsTrue(first.IsDisposed && second.IsDisposed);
            Assert.IsTrue(open.IsCompleted);

            KgenClient next = NewClient();
            KgenSession player = NewPlayer(next);
            Assert.AreEqual(50, Wait(next, next.GetBalanceAsync(player)).BonusBalance);
        }

        [Test]
        public void Tasks_end_only_inside_Poll_on_the_polling_thread()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);
            Task<KgenBalance> task = client.GetBalanceAsync(s);
            Thread.Sleep(300);
            Assert.IsFalse(task.IsCompleted, "the answer waits for a poll");

            int pollingThread = Thread.CurrentThread.ManagedThreadId;
            int continuationThread = 0;
            Task observed = task.ContinueWith(t => continuationThread = Thread.CurrentThread.ManagedThreadId,
                TaskContinuationOptions.ExecuteSynchronously);
            PollUntil(client, () => observed.IsCompleted);
            Assert.AreEqual(pollingThread, continuationThread);
        }

        [Test]
        public void Await_continues_on_the_game_loop_thread_that_polls()
        {
            // A game loop on its own thread, like Unity's main thread: it starts
            // requests, awaits them, and polls every "frame".
            KgenClient client = NewClient();
            var seen = new List<int>();
            int loopThread = 0;
            Exception failure = null;
            var loop = new Thread(() =>
            {
                try
                {
                    loopThread = Thread.CurrentThread.ManagedThreadId;
                    Task journey = PlayAsync(client, seen);
                    DateTime deadline = DateTime.UtcNow.AddSeconds(20);
                    while (!journey.IsCompleted && DateTime.UtcNow < deadline)
                    {
                        client.Poll();
                        Thread.Sleep(1);
                    }
                    journey.GetAwaiter().GetResult();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            });
            loop.Start();
            Assert.IsTrue(loop.Join(30000));
            Assert.IsNull(failure, failure == null ? "" : failure.ToString());
            Assert.AreEqual(3, seen.Count);
            Assert.IsTrue(seen.All(t => t == loopThread), "every continuation ran on the polling thread");
        }

        static async Task PlayAsync(KgenClient client, List<int> seen)
        {
            KgenSession s = await client.CreateSessionAsync(UniqueUser("loop"));
            seen.Add(Thread.CurrentThread.ManagedThreadId);
            await client.GetBalanceAsync(s);
            seen.Add(Thread.CurrentThread.ManagedThreadId);
            try
            {
                await client.GetTournamentAsync(s, "00000000-0000-4000-8000-00000000dead");
            }
            catch (KgenException)
            {
                seen.Add(Thread.CurrentThread.ManagedThreadId);
            }
        }

        [Test]
        public void A_continuation_may_dispose_the_client_it_continues_from()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);
            Task<KgenTournamentList> other = client.GetActiveTournamentsAsync(s);
            Task<KgenBalance> first = client.GetBalanceAsync(s);
            Task disposed = first.ContinueWith(_ => client.Dispose(), TaskContinuationOptions.ExecuteSynchronously);

            PollUntil(client, () => disposed.IsCompleted);
            Assert.IsNull(disposed.Exception);
            Assert.IsTrue(client.IsDisposed);
            Assert.IsTrue(other.IsCompleted, "the other request ended too");
        }

        [Test]
        public void No_request_state_is_left_after_completions_of_every_kind()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);
            var cts = new CancellationTokenSource();
            var tasks = new List<Task>();
            for (int i = 0; i < 20; i++)
            {
                tasks.Add(client.GetBalanceAsync(s));
                tasks.Add(client.GetTournamentAsync(s, "00000000-0000-4000-8000-00000000dead"));
                tasks.Add(client.GetLeaderboardAsync(s, "", cts.Token));
                tasks.Add(client.GetActiveTournamentsAsync(s, cts.Token));
            }
            cts.Cancel();
            PollUntil(client, () => tasks.All(t => t.IsCompleted));

            Assert.IsTrue(tasks.Any(t => t.Status == TaskStatus.RanToCompletion));
            Assert.IsTrue(tasks.Any(t => t.IsFaulted));
            Assert.AreEqual(0, client.PendingRequests);
            Assert.AreEqual(0, RequestMap.Count, "managed: no request key left");
            for (ulong id = 1; id <= client.LastRequestId; id++)
            {
                Assert.AreEqual((int)kgen_status.KGEN_ERR_UNKNOWN_REQUEST, (int)client.CancelNative(id),
                    "native: request " + id + " is no longer in flight");
            }
        }
    }
}
