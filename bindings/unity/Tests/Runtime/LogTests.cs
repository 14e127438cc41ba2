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
    }
}
