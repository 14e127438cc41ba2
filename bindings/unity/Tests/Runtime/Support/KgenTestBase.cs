using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Kgen.Native;
using Kgen.Sandbox;
using NUnit.Framework;

namespace Kgen.Tests
{
    /// <summary>
    /// What every test fixture shares: the sandbox, clients that are disposed
    /// after each test, and waiting for a task by polling on the test's thread.
    /// Tests are skipped when no sandbox is configured (KGEN_BASE_URL).
    /// </summary>
    public abstract class KgenTestBase
    {
        readonly List<KgenClient> clients = new List<KgenClient>();
        readonly List<string> faults = new List<string>();
        readonly List<string> directories = new List<string>();

        internal SandboxAdmin Sandbox { get; private set; }

        [SetUp]
        public void StartWithASandbox()
        {
            Sandbox = SandboxAdmin.FromEnvironment();
            if (Sandbox == null)
            {
                Assert.Ignore("set KGEN_BASE_URL (and the other KGEN_* variables) to a running kgen-sandbox");
            }
        }

        [TearDown]
        public void DisposeEverything()
        {
            string[] injected = faults.ToArray();
            faults.Clear();
            foreach (string fault in injected)
            {
                Sandbox.RemoveFault(fault);
            }
            foreach (KgenClient client in clients)
            {
                client.Dispose();
                Assert.AreEqual(0, client.PendingRequests, "a disposed client has no request left");
            }
            clients.Clear();
            foreach (string directory in directories)
            {
                Directory.Delete(directory, true);
            }
            directories.Clear();
            Assert.AreEqual(0, RequestMap.Count, "no per-request managed state survives its client");
        }

        /// <summary>A client of the sandbox with server credentials, disposed after the test.</summary>
        protected KgenClient NewClient(Action<KgenClientOptions> configure = null)
        {
            var options = new KgenClientOptions
            {
                BaseUrl = Sandbox.BaseUrl,
                AccountBaseUrl = Sandbox.BaseUrl,
                PrivateToken = "demo2fa-api-key", // every /v3 call needs one; its owner is demo2fa
                ClientId = Sandbox.ClientId,
                ClientSecret = Sandbox.ClientSecret,
            };
            if (configure != null)
            {
                configure(options);
            }
            var client = new KgenClient(options);
            clients.Add(client);
            return client;
        }

        /// <summary>A new empty directory, deleted with its contents after the test (once its clients are disposed).</summary>
        protected string NewDirectory(string prefix)
        {
            string path = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            directories.Add(path);
            return path;
        }

        /// <summary>A new player's server-flow session.</summary>
        protected KgenSession NewPlayer(KgenClient client, string prefix = "cs")
        {
            return Wait(client, client.CreateSessionAsync(UniqueUser(prefix)));
        }

        protected static string UniqueUser(string prefix)
        {
            return prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        }

        /// <summary>Makes the sandbox sit on every balance request for 10 s, until the test ends.</summary>
        protected void HoldBalanceRequests()
        {
            Fault("{\"method\":\"GET\",\"path\":\"/fe/wallet/balance\",\"latency_ms\":10000}");
        }

        /// <summary>Injects a sandbox fault that is removed after the test.</summary>
        protected void Fault(string json)
        {
            faults.Add(Sandbox.AddFault(json));
        }

        /// <summary>Polls on this thread until the task ends; returns its result or throws its exception.</summary>
        protected static T Wait<T>(KgenClient client, Task<T> task, double seconds = 20)
        {
            PollUntil(client, () => task.IsCompleted, seconds);
            return task.GetAwaiter().GetResult();
        }

        /// <summary>Polls on this thread until <paramref name="done"/> holds.</summary>
        protected static void PollUntil(KgenClient client, Func<bool> done, double seconds = 20)
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(seconds);
            while (!done())
            {
                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail("not done after " + seconds + " s");
                }
                client.Poll();
                Thread.Sleep(1);
            }
        }

        /// <summary>The exception a failed task ends with.</summary>
        protected static KgenException Failure<T>(KgenClient client, Task<T> task)
        {
            return Assert.Throws<KgenException>(() => Wait(client, task));
        }
    }
}
