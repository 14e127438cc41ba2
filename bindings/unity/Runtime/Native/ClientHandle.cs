using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace Kgen.Native
{
    /// <summary>
    /// Owns a <c>kgen_client*</c>. Calls hold a reference (DangerousAddRef) while
    /// they use the pointer, so a Dispose on another thread destroys the client
    /// only after they return; a finalizer (e.g. at domain unload) destroys a
    /// client nobody disposed.
    /// </summary>
    internal sealed unsafe class ClientHandle : SafeHandle
    {
        readonly Action destroyed;

        /// <summary>A destroy the SDK refused where it was asked (inside one of its callbacks).</summary>
        struct Deferred
        {
            public IntPtr Client;
            public Action Destroyed;
        }

        static readonly object deferredGate = new object();
        static List<Deferred> deferred = new List<Deferred>();
        static int deferredCount;

        /// <param name="destroyed">Runs after <c>kgen_client_destroy</c> returned, on the destroying thread.</param>
        public ClientHandle(Action destroyed) : base(IntPtr.Zero, true)
        {
            this.destroyed = destroyed;
        }

        public override bool IsInvalid
        {
            get { return handle == IntPtr.Zero; }
        }

        public void Attach(kgen_client* client)
        {
            SetHandle((IntPtr)client);
        }

        /// <summary>
        /// Holds the handle for one native call. Throws ObjectDisposedException
        /// once the client is disposed.
        /// </summary>
        public Lease Use()
        {
            return new Lease(this);
        }

        internal struct Lease : IDisposable
        {
            readonly ClientHandle owner;
            readonly bool added;

            public Lease(ClientHandle owner)
            {
                bool ok = false;
                owner.DangerousAddRef(ref ok);
                this.owner = owner;
                added = ok;
            }

            public kgen_client* Client
            {
                get { return (kgen_client*)owner.DangerousGetHandle(); }
            }

            public void Dispose()
            {
                if (added)
                {
                    owner.DangerousRelease();
                }
            }
        }

        protected override bool ReleaseHandle()
        {
            // Delivers every outstanding completion to the callback on this thread.
            kgen_status status = NativeMethods.kgen_client_destroy((kgen_client*)handle);
            if (status == kgen_status.KGEN_ERR_REENTRANT)
            {
                // Disposed by a log handler, inside a native callback, where the
                // SDK cannot destroy. The next poll does it, on the thread that
                // pumps, so the tasks still end (and continue) there.
                lock (deferredGate)
                {
                    deferred.Add(new Deferred { Client = handle, Destroyed = destroyed });
                    Volatile.Write(ref deferredCount, deferred.Count);
                }
                return true;
            }
            destroyed();
            return status == kgen_status.KGEN_OK;
        }

        /// <summary>
        /// Destroys the clients whose Dispose had to wait; every poll and
        /// <see cref="KgenSdk.Shutdown"/> call it, on the calling thread.
        /// </summary>
        internal static void DestroyDeferred()
        {
            if (Volatile.Read(ref deferredCount) == 0)
            {
                return; // every frame's poll: no lock, no allocation
            }
            List<Deferred> due;
            lock (deferredGate)
            {
                due = deferred;
                deferred = new List<Deferred>();
                Volatile.Write(ref deferredCount, 0);
            }
            foreach (Deferred d in due)
            {
                if (NativeMethods.kgen_client_destroy((kgen_client*)d.Client) == kgen_status.KGEN_ERR_REENTRANT)
                {
                    lock (deferredGate)
                    {
                        deferred.Add(d); // polled from inside a callback: the next poll
                        Volatile.Write(ref deferredCount, deferred.Count);
                    }
                    continue;
                }
                d.Destroyed();
            }
        }
    }
}
