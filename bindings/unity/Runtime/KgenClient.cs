using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Kgen.Native;

namespace Kgen
{
    /// <summary>
    /// A connection to the KGeN platform for any number of player sessions.
    /// </summary>
    /// <remarks>
    /// <para>Every operation returns a task that ends exactly once: with its
    /// result, a <see cref="KgenException"/>, or cancelled (by its
    /// <see cref="CancellationToken"/> or by <see cref="Dispose"/>).</para>
    /// <para>Tasks end, and <see cref="SessionExpired"/> is raised, only on the
    /// thread that calls <see cref="Poll"/>. In Unity a dispatcher calls it every
    /// frame on the main thread (and the editor's update loop outside play
    /// mode); elsewhere call <see cref="Poll"/> or <see cref="KgenSdk.PollAll"/>
    /// from your loop. Continuations that run synchronously, and <c>await</c>
    /// without a synchronization context, therefore run on that thread too.</para>
    /// <para>All members may be called from any thread.</para>
    /// </remarks>
    public sealed unsafe partial class KgenClient : IKgenClient
    {
        static readonly Dictionary<int, KgenClient> live = new Dictionary<int, KgenClient>();
        static int lastKey;

        readonly ClientHandle handle;
        readonly int key;
        readonly Queue<Action> ready = new Queue<Action>();
        readonly Dictionary<IntPtr, KgenSession> sessions = new Dictionary<IntPtr, KgenSession>();
        int inFlight;
        int disposed;
        long lastRequestId;

        /// <summary>
        /// Raised on the polling thread when a restored session's token nears
        /// expiry or was refused (once per token).
        /// </summary>
        public event EventHandler<KgenSessionExpiredEventArgs> SessionExpired;

        /// <summary>Creates a client; no network traffic happens here.</summary>
        /// <exception cref="KgenException">The options are unusable (see its message).</exception>
        public KgenClient(KgenClientOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }
            KgenSdk.EnsureLoaded();
            handle = new ClientHandle(AfterDestroy);
            lock (live)
            {
                do
                {
                    lastKey = lastKey == int.MaxValue ? 1 : lastKey + 1;
                }
                while (live.ContainsKey(lastKey));
                key = lastKey;
                // Reserved, not yet polled: the native client does not exist yet.
                live.Add(key, null);
            }
            try
            {
                Create(options);
            }
            catch
            {
                Unregister();
                throw;
            }
            lock (live)
            {
                live[key] = this;
            }
        }

        void Create(KgenClientOptions options)
        {
            var o = new kgen_client_options();
            o.struct_size = (uint)sizeof(kgen_client_options);
            o.header_version = NativeMethods.KGEN_VERSION_NUMBER;
            using (var a = new Utf8Args())
            {
                o.base_url = a.Add(options.BaseUrl, "BaseUrl");
                o.account_base_url = a.Add(options.AccountBaseUrl, "AccountBaseUrl");
                o.client_id = a.Add(options.ClientId, "ClientId");
                o.client_secret = a.Add(options.ClientSecret, "ClientSecret");
                o.private_token = a.Add(options.PrivateToken, "PrivateToken");
                o.user_agent_suffix = a.Add(options.UserAgentSuffix, "UserAgentSuffix");
                o.proxy = a.Add(options.Proxy, "Proxy");
                o.connect_timeout_ms = Whole(options.ConnectTimeout, Millisecond, "ConnectTimeout");
                o.request_timeout_ms = Whole(options.RequestTimeout, Millisecond, "RequestTimeout");
                o.attempt_timeout_ms = Whole(options.AttemptTimeout, Millisecond, "AttemptTimeout");
                o.max_response_bytes = Count(options.MaxResponseBytes, "MaxResponseBytes");
                o.retry_max_attempts = Count(options.RetryMaxAttempts, "RetryMaxAttempts");
                o.retry_base_delay_ms = Whole(options.RetryBaseDelay, Millisecond, "RetryBaseDelay");
                o.retry_max_delay_ms = Whole(options.RetryMaxDelay, Millisecond, "RetryMaxDelay");
                o.renew_before_secs = Whole(options.RenewBefore, Second, "RenewBefore");
                o.allow_insecure_http = options.AllowInsecureHttp ? 1 : 0;
                o.dispatch = NativeMethods.KGEN_DISPATCH_MANUAL;
                o.worker_threads = Count(options.WorkerThreads, "WorkerThreads");
                o.session_expired = (void*)Callbacks.OnEventPointer;
                o.session_expired_user_data = (void*)key;
                if (options.UseOutbox)
                {
                    o.outbox_path = a.Add(options.OutboxPath ?? DefaultOutboxPath(), "OutboxPath");
                    o.outbox_max_entries = Count(options.OutboxMaxEntries, "OutboxMaxEntries");
                    o.outbox_max_age_secs = Whole(options.OutboxMaxAge, Second, "OutboxMaxAge");
                    o.outbox_event = (void*)Callbacks.OnEventPointer;
                    o.outbox_event_user_data = (void*)key;
                }
                kgen_client* client;
                Check(NativeMethods.kgen_client_new(&o, &client));
                handle.Attach(client);
            }
        }

        /// <summary>
        /// Ends the tasks whose requests completed, on the calling thread, and
        /// raises <see cref="SessionExpired"/>. Returns how many events arrived.
        /// A disposed client polls nothing.
        /// </summary>
        /// <param name="maxEvents">At most this many events; 0 for all that are waiting.</param>
        public int Poll(int maxEvents = 0)
        {
            if (maxEvents < 0)
            {
                throw new ArgumentOutOfRangeException("maxEvents");
            }
            uint delivered = 0;
            ClientHandle.DestroyDeferred();
            try
            {
                if (!IsDisposed)
                {
                    using (var lease = handle.Use())
                    {
                        Check(NativeMethods.kgen_client_poll(lease.Client, (uint)maxEvents, &delivered));
                    }
                }
            }
            catch (ObjectDisposedException)
            {
                // Disposed on another thread meanwhile: its Dispose delivered everything.
            }
            DrainReady();
            return (int)delivered;
        }

        /// <summary>
        /// Cancels every request in flight, ends all their tasks (cancelled, or
        /// with the result that arrived first) on the calling thread, destroys the
        /// client's sessions and stops its threads. Safe to call more than once.
        /// </summary>
        /// <remarks>
        /// Should another thread be inside a call on this client at that moment,
        /// the client is destroyed, and the tasks end, on that thread as soon as
        /// its call returns.
        /// </remarks>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0)
            {
                return;
            }
            Unregister();
            // Destroys now, or when the last call using the handle on another
            // thread returns; AfterDestroy then ends the tasks.
            handle.Dispose();
        }

        /// <summary>True once <see cref="Dispose"/> was called.</summary>
        public bool IsDisposed
        {
            get { return Volatile.Read(ref disposed) != 0; }
        }

        /// <summary>Requests started by this client whose tasks have not ended yet.</summary>
        public int PendingRequests
        {
            get { return Volatile.Read(ref inFlight); }
        }

        /// <summary>The native id of the last request this client started (for tests of the ABI's bookkeeping).</summary>
        internal ulong LastRequestId
        {
            get { return (ulong)Interlocked.Read(ref lastRequestId); }
        }

        void AfterDestroy()
        {
            lock (sessions)
            {
                sessions.Clear();
            }
            DrainReady();
        }

        void Unregister()
        {
            lock (live)
            {
                live.Remove(key);
            }
        }

        /// <summary>Starts one operation; the returned task ends when a poll delivers its completion.</summary>
        Task<T> Start<T>(CancellationToken token, Reader<T> read, StartCall call) where T : class
        {
            if (token.IsCancellationRequested)
            {
                var cancelled = new TaskCompletionSource<T>();
                cancelled.TrySetCanceled(token);
                return cancelled.Task;
            }
            var request = new PendingRequest<T>(this, read, token);
            int requestKey = RequestMap.Add(request);
            // Counted before the call: a poll on another thread may end it at once.
            Interlocked.Increment(ref inFlight);
            ulong id = 0;
            kgen_status status;
            try
            {
                using (var lease = handle.Use())
                using (var args = new Utf8Args())
                {
                    status = call(lease.Client, args, Callbacks.OnEvent, (void*)requestKey, &id);
                }
            }
            catch
            {
                Abandon(requestKey);
                throw;
            }
            if (status != kgen_status.KGEN_OK)
            {
                // Nothing started and no completion will come.
                Abandon(requestKey);
                var failed = new TaskCompletionSource<T>();
                failed.SetException(KgenException.FromLastError(status));
                return failed.Task;
            }
            Interlocked.Exchange(ref lastRequestId, (long)id);
            request.Accepted(id);
            return request.Task;
        }

        void Abandon(int requestKey)
        {
            RequestMap.Take(requestKey);
            RequestEnded();
        }

        internal delegate kgen_status StartCall(kgen_client* client, Utf8Args args,
            NativeMethods.kgen_callback callback, void* userData, ulong* requestId);

        /// <summary>Asks the SDK to cancel a request; its completion then reports cancellation.</summary>
        internal kgen_status CancelNative(ulong id)
        {
            try
            {
                using (var lease = handle.Use())
                {
                    return NativeMethods.kgen_request_cancel(lease.Client, id);
                }
            }
            catch (ObjectDisposedException)
            {
                return kgen_status.KGEN_ERR_INVALID_HANDLE;
            }
        }

        /// <summary>Queues work for the next drain; called inside the native callback.</summary>
        internal void Queue(Action resolve)
        {
            lock (ready)
            {
                ready.Enqueue(resolve);
            }
        }

        void DrainReady()
        {
            while (true)
            {
                Action next;
                lock (ready)
                {
                    if (ready.Count == 0)
                    {
                        return;
                    }
                    next = ready.Dequeue();
                }
                next();
            }
        }

        internal void RequestEnded()
        {
            Interlocked.Decrement(ref inFlight);
        }

        /// <summary>The live client of a key; null when disposed meanwhile, or still being created.</summary>
        static KgenClient Live(int clientKey)
        {
            KgenClient client;
            lock (live)
            {
                live.TryGetValue(clientKey, out client);
            }
            return client;
        }

        internal static void QueueSessionExpired(int clientKey, IntPtr sessionHandle)
        {
            KgenClient client = Live(clientKey);
            if (client == null)
            {
                return;
            }
            KgenSession session;
            lock (client.sessions)
            {
                client.sessions.TryGetValue(sessionHandle, out session);
            }
            if (session != null)
            {
                client.Queue(() => client.Raise(client.SessionExpired, new KgenSessionExpiredEventArgs(session), "SessionExpired"));
            }
        }

        void Raise<T>(EventHandler<T> handler, T args, string name) where T : EventArgs
        {
            if (handler == null || IsDisposed)
            {
                return;
            }
            try
            {
                handler(this, args);
            }
            catch (Exception error)
            {
                // One failing handler must not stop the other completions of this poll.
                KgenLog.Exception("kgen: a " + name + " handler threw", error);
            }
        }

        internal void Track(KgenSession session)
        {
            lock (sessions)
            {
                sessions[session.Handle] = session;
            }
        }

        internal void Forget(KgenSession session)
        {
            lock (sessions)
            {
                sessions.Remove(session.Handle);
            }
        }

        // Reused so that pumping every frame allocates nothing.
        [ThreadStatic] static List<KgenClient> pollList;

        internal static void PollAll()
        {
            ClientHandle.DestroyDeferred();
            // A continuation that polls all again gets a list of its own.
            List<KgenClient> all = pollList != null && pollList.Count == 0 ? pollList : new List<KgenClient>();
            pollList = all;
            lock (live)
            {
                foreach (KgenClient client in live.Values)
                {
                    if (client != null)
                    {
                        all.Add(client);
                    }
                }
            }
            try
            {
                foreach (KgenClient client in all)
                {
                    client.Poll();
                }
            }
            finally
            {
                all.Clear();
            }
        }

        internal static void DisposeAll()
        {
            var all = new List<KgenClient>();
            lock (live)
            {
                all.AddRange(live.Values);
            }
            foreach (KgenClient client in all)
            {
                if (client != null)
                {
                    client.Dispose();
                }
            }
            ClientHandle.DestroyDeferred();
        }

        static void Check(kgen_status status)
        {
            if (status != kgen_status.KGEN_OK)
            {
                throw KgenException.FromLastError(status);
            }
        }

        static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);
        static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

        /// <summary>A duration in whole <paramref name="unit"/>s for the C options; 0 (the default) for null.</summary>
        static uint Whole(TimeSpan? value, TimeSpan unit, string name)
        {
            if (value == null)
            {
                return 0;
            }
            double units = (double)value.Value.Ticks / unit.Ticks;
            if (units < 1 || units > uint.MaxValue)
            {
                throw new ArgumentOutOfRangeException(name, "must be at least " + unit + ", or null for the default");
            }
            return (uint)units;
        }

        static uint Count(int value, string name)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(name, "must be positive, or 0 for the default");
            }
            return (uint)value;
        }
    }
}
