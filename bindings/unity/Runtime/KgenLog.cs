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
        static KgenLogLevel level = KgenLogLevel.Warn;
        static bool installed;

        /// <summary>
        /// Raised for each line up to <see cref="Level"/>, on whichever thread the
        /// SDK logs from, possibly on several at once. Handlers run inside the
        /// SDK's call: they must be quick and must not change <see cref="Level"/>.
        /// </summary>
        public static event Action<KgenLogLevel, string> MessageLogged;

        /// <summary>The most detailed level passed on; default <see cref="KgenLogLevel.Warn"/>.</summary>
        public static KgenLogLevel Level
        {
            get
            {
                lock (gate)
                {
                    return level;
                }
            }
            set
            {
                if (value < KgenLogLevel.Off || value > KgenLogLevel.Trace)
                {
                    throw new ArgumentOutOfRangeException("value");
                }
                lock (gate)
                {
                    level = value;
                    Install();
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
                    Install();
                }
            }
        }

        /// <summary>
        /// Disconnects the SDK's log. When this returns no SDK thread is inside
        /// the log callback, so the domain may unload.
        /// </summary>
        internal static unsafe void Detach()
        {
            lock (gate)
            {
                // Refused (and still connected) only when called from a log handler.
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

        static unsafe void Install()
        {
            kgen_status status = level == KgenLogLevel.Off
                ? NativeMethods.kgen_set_log_callback(NativeMethods.KGEN_LOG_OFF, null, null)
                : NativeMethods.kgen_set_log_callback((int)level, Callbacks.OnLog, null);
            if (status != kgen_status.KGEN_OK)
            {
                throw new InvalidOperationException("kgen: the log cannot be changed from inside a log handler");
            }
            installed = true;
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
