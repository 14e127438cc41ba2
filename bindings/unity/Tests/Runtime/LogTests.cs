using System;
using System.Collections.Generic;
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
                PollUntil(client, () => task.IsCompleted, 10);
                Assert.IsTrue(client.IsDisposed);
            }
            finally
            {
                KgenLog.MessageLogged -= dispose;
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
