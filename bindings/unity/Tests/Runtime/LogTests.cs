using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Kgen.Tests
{
    /// <summary>The SDK's log reaches managed code, without secrets.</summary>
    [TestFixture]
    public class LogTests : KgenTestBase
    {
        [Test]
        public void Debug_lines_describe_each_request_and_never_contain_secrets()
        {
            var lines = new List<string>();
            Action<KgenLogLevel, string> collect = (level, line) =>
            {
                lock (lines)
                {
                    lines.Add(level + " " + line);
                }
            };
            KgenLog.MessageLogged += collect;
            try
            {
                KgenLog.Level = KgenLogLevel.Debug;
                KgenClient client = NewClient();
                KgenSession s = NewPlayer(client);
                Wait(client, client.GetBalanceAsync(s));
                KgenLog.Level = KgenLogLevel.Warn;

                string all;
                lock (lines)
                {
                    all = string.Join("\n", lines.ToArray());
                }
                StringAssert.Contains("Debug", all);
                StringAssert.Contains("/fe/wallet/balance", all);
                StringAssert.DoesNotContain(Sandbox.ClientSecret, all);
                StringAssert.DoesNotContain(s.AccessToken, all);
            }
            finally
            {
                KgenLog.MessageLogged -= collect;
                KgenLog.Level = KgenLogLevel.Warn;
            }
        }

        [Test]
        public void The_log_reaches_handlers_again_after_a_shutdown()
        {
            // What every play-mode exit with domain reload off does: Shutdown, then new clients.
            var lines = new List<string>();
            Action<KgenLogLevel, string> collect = (level, line) =>
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            };
            KgenLog.MessageLogged += collect;
            try
            {
                KgenLog.Level = KgenLogLevel.Debug;
                NewClient();
                KgenSdk.Shutdown();
                KgenClient client = NewClient();
                KgenSession s = NewPlayer(client);
                Wait(client, client.GetBalanceAsync(s));
                lock (lines)
                {
                    Assert.IsTrue(lines.Exists(l => l.Contains("/fe/wallet/balance")),
                        "a line of the request after the shutdown: " + string.Join(" | ", lines.ToArray()));
                }
            }
            finally
            {
                KgenLog.MessageLogged -= collect;
                KgenLog.Level = KgenLogLevel.Warn;
            }
        }

        [Test]
        public void A_log_handler_may_dispose_a_client_without_hanging_its_requests()
        {
            KgenClient client = NewClient();
            KgenSession s = NewPlayer(client);
            // Log handlers run inside the SDK's call, where it cannot destroy a client.
            Action<KgenLogLevel, string> dispose = (level, line) => client.Dispose();
            KgenLog.MessageLogged += dispose;
            try
            {
                KgenLog.Level = KgenLogLevel.Debug;
                var task = client.GetBalanceAsync(s);
                int continuedOn = 0;
                task.ContinueWith(t => continuedOn = Thread.CurrentThread.ManagedThreadId,
                    TaskContinuationOptions.ExecuteSynchronously);
                PollUntil(client, () => task.IsCompleted, 10);
                Assert.IsTrue(client.IsDisposed);
                Assert.AreEqual(Thread.CurrentThread.ManagedThreadId, continuedOn,
                    "the deferred destroy ended the task on the pumping thread");
            }
            finally
            {
                KgenLog.MessageLogged -= dispose;
                KgenLog.Level = KgenLogLevel.Warn;
            }
        }

        [Test]
        public void A_handler_reads_the_level_while_another_thread_changes_it_without_deadlock()
        {
            // Setting the level waits until running handlers return; a handler
            // reading it (or trying to set it) meanwhile must not wait in turn.
            int testThread = Thread.CurrentThread.ManagedThreadId;
            var entered = new ManualResetEventSlim();
            int first = 0;
            KgenLogLevel seen = KgenLogLevel.Off;
            Exception refused = null;
            Action<KgenLogLevel, string> slow = (level, line) =>
            {
                if (Thread.CurrentThread.ManagedThreadId == testThread || Interlocked.Exchange(ref first, 1) != 0)
                {
                    return;
                }
                entered.Set();
                Thread.Sleep(300); // long enough for the setter below to be waiting for this handler
                seen = KgenLog.Level;
                try
                {
                    KgenLog.Level = KgenLogLevel.Trace;
                }
                catch (InvalidOperationException e)
                {
                    refused = e;
                }
            };
            KgenLog.MessageLogged += slow;
            try
            {
                KgenLog.Level = KgenLogLevel.Debug;
                KgenClient client = NewClient();
                Task<KgenSession> session = client.CreateSessionAsync(UniqueUser("log"));
                Assert.IsTrue(entered.Wait(10000), "an SDK thread logged a debug line");

                var setter = new Thread(() => KgenLog.Level = KgenLogLevel.Info);
                setter.Start();
                Assert.IsTrue(setter.Join(10000), "the setter returned");
                Assert.AreEqual(KgenLogLevel.Debug, seen, "the level in force while the handler ran");
                Assert.IsNotNull(refused, "setting the level inside a handler is refused at once");
                Assert.AreEqual(KgenLogLevel.Info, KgenLog.Level);
                Wait(client, session);
            }
            finally
            {
                KgenLog.MessageLogged -= slow;
                KgenLog.Level = KgenLogLevel.Warn;
            }
        }

        [Test]
        public void A_new_play_session_starts_with_the_default_level_and_no_handlers()
        {
            // What Unity does at SubsystemRegistration when play mode starts
            // without a domain reload: handlers of destroyed objects must go.
            int calls = 0;
            KgenLog.MessageLogged += (level, line) => calls++;
            KgenLog.Level = KgenLogLevel.Trace;
            KgenLog.Reset();
            Assert.AreEqual(KgenLogLevel.Warn, KgenLog.Level);

            KgenLog.Level = KgenLogLevel.Debug;
            KgenClient client = NewClient();
            Wait(client, client.GetBalanceAsync(NewPlayer(client)));
            KgenLog.Level = KgenLogLevel.Warn;
            Assert.AreEqual(0, calls);
        }
    }
}
