using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Kgen.Native
{
    /// <summary>
    /// The managed state of one request until its completion is resolved. Native
    /// code only ever holds its integer key (as <c>user_data</c>), never a managed
    /// pointer, so nothing has to be pinned and a stale key finds nothing.
    /// </summary>
    internal abstract unsafe class PendingRequest
    {
        protected PendingRequest(KgenClient client)
        {
            Client = client;
        }

        public readonly KgenClient Client;

        /// <summary>Copies the borrowed event; runs inside the native callback.</summary>
        public abstract void Capture(kgen_event* e);

        /// <summary>Records a failure to read the event, so the task still ends.</summary>
        public abstract void Fail(Exception error);

        /// <summary>Ends the task; runs on the pumping thread after the native call returned.</summary>
        public abstract void Resolve();
    }

    internal sealed unsafe class PendingRequest<T> : PendingRequest where T : class
    {
        // Not RunContinuationsAsynchronously: without a synchronization context
        // (a console game loop) that would move continuations to the thread pool.
        // They run inline in Resolve, on the polling thread, after the native
        // call returned.
        readonly TaskCompletionSource<T> completion = new TaskCompletionSource<T>();
        readonly Reader<T> read;
        readonly CancellationToken token;
        readonly object gate = new object();
        CancellationTokenRegistration registration;
        ulong nativeId;
        bool resolved;
        T result;
        Exception error;
        bool cancelled;

        public PendingRequest(KgenClient client, Reader<T> read, CancellationToken token) : base(client)
        {
            this.read = read;
            this.token = token;
        }

        public Task<T> Task
        {
            get { return completion.Task; }
        }

        /// <summary>Called once the SDK accepted the request: from now on the token cancels it.</summary>
        public void Accepted(ulong id)
        {
            lock (gate)
            {
                nativeId = id;
                if (resolved || !token.CanBeCanceled)
                {
                    return;
                }
            }
            // Outside the lock: an already cancelled token runs the callback right here.
            var r = token.Register(state => ((PendingRequest<T>)state).CancelNative(), this);
            lock (gate)
            {
                if (!resolved)
                {
                    registration = r;
                    return;
                }
            }
            r.Dispose();
        }

        void CancelNative()
        {
            ulong id;
            lock (gate)
            {
                id = nativeId;
            }
            // Unknown-request (already completed) is fine: its completion stands.
            Client.CancelNative(id);
        }

        public override void Capture(kgen_event* e)
        {
            kgen_status status = e->result.status;
            if (status == kgen_status.KGEN_OK)
            {
                result = read(e);
            }
            else if (status == kgen_status.KGEN_ERR_CANCELLED)
            {
                cancelled = true;
            }
            else
            {
                error = KgenException.FromResult(&e->result);
            }
        }

        public override void Fail(Exception e)
        {
            error = e;
        }

        public override void Resolve()
        {
            CancellationTokenRegistration r;
            lock (gate)
            {
                resolved = true;
                r = registration;
            }
            r.Dispose();
            Client.RequestEnded();
            if (error != null)
            {
                completion.TrySetException(error);
            }
            else if (cancelled)
            {
                if (token.IsCancellationRequested)
                {
                    completion.TrySetCanceled(token);
                }
                else
                {
                    completion.TrySetCanceled();
                }
            }
            else
            {
                completion.TrySetResult(result);
            }
        }
    }
}
