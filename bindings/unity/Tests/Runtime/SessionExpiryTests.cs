using System;
using System.Collections.Generic;
using System.Threading;
using NUnit.Framework;

namespace Kgen.Tests
{
    /// <summary>A restored session asks for a new token through SessionExpired.</summary>
    [TestFixture]
    public class SessionExpiryTests : KgenTestBase
    {
        [Test]
        public void A_restored_session_near_expiry_raises_SessionExpired_on_the_polling_thread()
        {
            KgenClient server = NewClient();
            KgenSession issued = NewPlayer(server);
            // Every token is "near expiry" when the margin exceeds its lifetime.
            KgenClient game = NewClient(o => o.RenewBefore = TimeSpan.FromDays(30));
            KgenSession restored = game.RestoreSession(issued.AccessToken);
            var raised = new List<KgenSessionExpiredEventArgs>();
            int thread = 0;
            game.SessionExpired += (sender, e) =>
            {
                raised.Add(e);
                thread = Thread.CurrentThread.ManagedThreadId;
            };

            Wait(game, game.GetBalanceAsync(restored));
            PollUntil(game, () => raised.Count > 0, 5);
            Assert.AreSame(restored, raised[0].Session);
            Assert.AreEqual(Thread.CurrentThread.ManagedThreadId, thread);

            Wait(game, game.GetBalanceAsync(restored));
            game.Poll();
            Assert.AreEqual(1, raised.Count, "once per token");
            restored.UpdateTokens(Wait(server, server.CreateSessionAsync(issued.UserId)).AccessToken);
        }
    }
}
