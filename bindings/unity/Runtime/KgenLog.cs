using System;
using Kgen.Native;

namespace Kgen
{
    /// <summary>
    /// The SDK's log. In Unity, lines go to the Console (Debug.Log, LogWarning,
    /// LogError); everywhere they are raised as <see cref="MessageLogged"/>.
    /// Lines never contain secrets.
    /// </summary>
    public static class KgenLog
    {
        static readonly object gate = new object();
        static volatile KgenLogLevel level = KgenLogLevel.Warn;
        static bool installed;
        [ThreadStatic] static bool insideHandler;

        /// <summary>
        /// Raised for each line up to <see cref="Level"/>, on whichever thread the
        /// SDK logs from, possibly on several at once. Handlers run inside the
        /// SDK's call: they must be quick; they may read <see cref="Level"/> but
        /// not set it (that throws <see cref="InvalidOperationException"/>).
        /// </summary>
        public static event Action<KgenLogLevel, string> MessageLogged;

        /// <summary>The most detailed level passed on; default <see cref="KgenLogLevel.Warn"/>.</summary>
        /// <remarks>
        /// Setting it waits until every handler running on another thread has
        /// returned, so that the old setting is no longer in use.
        /// </remarks>
        public static KgenLogLevel Level
        {
            // Without the lock: a handler may read it while a setter holds the
            // lock, waiting for that very handler to return.
            get { return level; }
            set
            {
                if (value < KgenLogLevel.Off || value > KgenLogLevel.Trace)
                {
                    throw new ArgumentOutOfRangeException("value");
                }
                RefuseInsideHandler();
                lock (gate)
                {
                    Install(value);
                    level = value;
                }
            }
        }

        /// <summary>Connects the SDK's log to this class once a client exists (or the level was set).</summary>
        internal static void EnsureInstalled()
        {
            lock (gate)
            {
                if (!installed)
                {
                    Install(level);
                }
            }
        }

        /// <summary>
        /// Disconnects the SDK's log. When this returns no SDK thread is inside
        /// the log callback, so the domain may unload. From inside a log handler
        /// it does nothing (the SDK cannot change its log there).
        /// </summary>
        internal static unsafe void Detach()
        {
            if (insideHandler)
            {
                return;
            }
            lock (gate)
            {
                if (installed && NativeMethods.kgen_set_log_callback(NativeMethods.KGEN_LOG_OFF, null, null) == kgen_status.KGEN_OK)
                {
                    installed = false;
                }
            }
        }

        /// <summary>Back to a fresh domain's state: disconnected, default level, no handlers.</summary>
        internal static void Reset()
        {
            lock (gate)
            {
                Detach();
                level = KgenLogLevel.Warn;
                MessageLogged = null;
            }
        }

        static unsafe void Install(KgenLogLevel to)
        {
            kgen_status status = to == KgenLogLevel.Off
                ? NativeMethods.kgen_set_log_callback(NativeMethods.KGEN_LOG_OFF, null, null)
                : NativeMethods.kgen_set_log_callback((int)to, Callbacks.OnLog, null);
            if (status != kgen_status.KGEN_OK)
            {
                throw new InvalidOperationException("kgen: the log cannot be changed inside a kgen callback");
            }
            installed = true;
        }

        static void RefuseInsideHandler()
        {
            if (insideHandler)
            {
                throw new InvalidOperationException("kgen: the log level cannot be changed from inside a log handler");
            }
        }

        /// <summary>A line from the SDK, inside its log call on one of its threads.</summary>
        internal static void FromNative(KgenLogLevel severity, string message)
        {
            insideHandler = true;
            try
            {
                Write(severity, message);
            }
            finally
            {
                insideHandler = false;
            }
        }

        internal static void Write(KgenLogLevel severity, string message)
        {
#if UNITY_5_3_OR_NEWER
            switch (severity)
            {
                case KgenLogLevel.Error:
                    UnityEngine.Debug.LogError("[kgen] " + message);
                    break;
                case KgenLogLevel.Warn:
                    UnityEngine.Debug.LogWarning("[kgen] " + message);
                    break;
                default:
                    UnityEngine.Debug.Log("[kgen] " + message);
                    break;
            }
#endif
            Action<KgenLogLevel, string> handler = MessageLogged;
            if (handler != null)
            {
                handler(severity, message);
            }
        }

        /// <summary>Reports an exception from user code that the SDK caught to keep going.</summary>
        internal static void Exception(string what, Exception error)
        {
            try
            {
#if UNITY_5_3_OR_NEWER
                UnityEngine.Debug.LogException(error);
#endif
                Action<KgenLogLevel, string> handler = MessageLogged;
                if (handler != null)
                {
                    handler(KgenLogLevel.Error, what + ": " + error);
                }
            }
            catch (Exception)
            {
                // Reporting must never throw into the SDK's callers.
            }
        }
    }
}
