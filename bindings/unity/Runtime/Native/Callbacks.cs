using System;
using System.Runtime.InteropServices;
using AOT;

namespace Kgen.Native
{
    /// <summary>
    /// The only managed code native code calls. Each entry point is a static
    /// method marked for IL2CPP, its delegate kept in a static field for the life
    /// of the domain (the GC would otherwise free what native code still calls),
    /// and its body never lets an exception unwind into native frames.
    /// </summary>
    internal static unsafe class Callbacks
    {
        public static readonly NativeMethods.kgen_callback OnEvent = HandleEvent;
        public static readonly IntPtr OnEventPointer = Marshal.GetFunctionPointerForDelegate(OnEvent);

        public static readonly NativeMethods.kgen_log_fn OnLog = HandleLog;

        /// <summary>
        /// A completion or a session-expired notification. It only copies the
        /// borrowed event and queues the result: tasks end, and user code runs,
        /// after <c>kgen_client_poll</c> returned, so continuations may dispose
        /// or poll the client.
        /// </summary>
        [MonoPInvokeCallback(typeof(NativeMethods.kgen_callback))]
        static void HandleEvent(kgen_event* e, void* userData)
        {
            try
            {
                int key = (int)(long)userData;
                if (e->kind == kgen_event_kind.KGEN_EVENT_SESSION_EXPIRED)
                {
                    KgenClient.QueueSessionExpired(key, (IntPtr)e->session);
                    return;
                }
                if (e->kind == kgen_event_kind.KGEN_EVENT_OUTBOX)
                {
                    KgenClient.QueueOutboxEvent(key, KgenOutboxEventArgs.Read(e));
                    return;
                }
                PendingRequest request = RequestMap.Take(key);
                if (request == null)
                {
                    KgenLog.Write(KgenLogLevel.Error, "kgen: a completion arrived for an unknown request " + key);
                    return;
                }
                try
                {
                    request.Capture(e);
                }
                catch (Exception error)
                {
                    request.Fail(error);
                }
                request.Client.Queue(request.Resolve);
            }
            catch (Exception error)
            {
                KgenLog.Exception("kgen: event callback failed", error);
            }
        }

        /// <summary>A log line, from any SDK thread, possibly several at once.</summary>
        [MonoPInvokeCallback(typeof(NativeMethods.kgen_log_fn))]
        static void HandleLog(int level, byte* message, void* userData)
        {
            try
            {
                KgenLog.FromNative((KgenLogLevel)level, Utf8.Read(message));
            }
            catch (Exception)
            {
                // A failing log handler must not take the SDK's thread down, and
                // reporting it would log again.
            }
        }
    }
}
