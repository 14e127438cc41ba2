using System;
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
                // SDK cannot destroy: do it on a thread of its own instead.
                IntPtr client = handle;
                new Thread(() =>
                {
                    NativeMethods.kgen_client_destroy((kgen_client*)client);
                    destroyed();
                }) { Name = "kgen-dispose" }.Start();
                return true;
            }
            destroyed();
            return status == kgen_status.KGEN_OK;
        }
    }
}
