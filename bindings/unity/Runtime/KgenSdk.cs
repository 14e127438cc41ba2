using System;
using Kgen.Native;

namespace Kgen
{
    /// <summary>Process-wide entry points: versions, polling every client, shutting everything down.</summary>
    public static class KgenSdk
    {
        /// <summary>The version of this C# package; the native library must have the same major and minor version.</summary>
        public const string BindingVersion = "0.1.0";

        static readonly object gate = new object();
        static bool loaded;

        /// <summary>The version of the loaded native library, "MAJOR.MINOR.PATCH".</summary>
        public static unsafe string NativeVersion
        {
            get { return Utf8.Read(NativeMethods.kgen_version()); }
        }

        /// <summary>Polls every live client on the calling thread (what Unity's dispatcher does each frame).</summary>
        public static void PollAll()
        {
            KgenClient.PollAll();
        }

        /// <summary>
        /// Disposes every client (ending all their tasks) and disconnects the
        /// SDK's log, so that no native thread calls into managed code any more.
        /// Unity calls it on quit, when play mode ends and before scripts reload;
        /// clients created afterwards work normally.
        /// </summary>
        public static void Shutdown()
        {
            KgenClient.DisposeAll();
            KgenLog.Detach();
        }

        /// <summary>Checks the native library once and arranges shutdown when the domain goes away.</summary>
        internal static void EnsureLoaded()
        {
#if UNITY_WEBGL && !UNITY_EDITOR
            NotOnWebGL();
#endif
            lock (gate)
            {
                if (loaded)
                {
                    return;
                }
                string native = NativeVersion;
                if (MajorMinor(native) != MajorMinor(BindingVersion))
                {
                    throw new InvalidOperationException("kgen: the native library is version " + native +
                        " but the C# package is " + BindingVersion + "; rebuild the native library for this package");
                }
                // A domain unload (Unity's script reload, a test runner's domain)
                // must not leave native threads that call into the unloaded code.
                AppDomain.CurrentDomain.DomainUnload += (s, e) => Shutdown();
                AppDomain.CurrentDomain.ProcessExit += (s, e) => Shutdown();
                loaded = true;
            }
            KgenLog.EnsureInstalled();
        }

#if UNITY_WEBGL && !UNITY_EDITOR
        static void NotOnWebGL()
        {
            throw new PlatformNotSupportedException(
                "kgen: WebGL cannot load native libraries; the SDK supports desktop, Android and iOS players");
        }
#endif

        static string MajorMinor(string version)
        {
            string[] parts = version.Split('.');
            return parts.Length < 2 ? version : parts[0] + "." + parts[1];
        }
    }
}
