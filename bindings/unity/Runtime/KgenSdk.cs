using System;
using Kgen.Native;

namespace Kgen
{
    /// <summary>Process-wide entry points: versions, polling every client, shutting everything down.</summary>
    public static class KgenSdk
    {
        /// <summary>
        /// The version of this C# package. The native library must have the same
        /// major version and at least its minor version (the same one before 1.0).
        /// </summary>
        public const string BindingVersion = "0.2.0";

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

        /// <summary>
        /// Checks the native library once and arranges shutdown when the domain goes away;
        /// connects the SDK's log every time, since <see cref="Shutdown"/> disconnects it
        /// (every play-mode exit with domain reload off) and the next client needs it again.
        /// </summary>
        internal static void EnsureLoaded()
        {
            string unsupported = UnsupportedPlatform(Platform(), Architecture());
            if (unsupported != null)
            {
                throw new PlatformNotSupportedException("kgen: the SDK has no native library for " + unsupported +
                    "; it supports Windows x64, macOS, Linux x64, Android arm64-v8a and armeabi-v7a, and iOS");
            }
            CheckOnce();
            KgenLog.EnsureInstalled();
        }

        static void CheckOnce()
        {
            lock (gate)
            {
                if (loaded)
                {
                    return;
                }
                string native = NativeVersion;
                if (!Compatible(native, BindingVersion))
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
        }

        /// <summary>
        /// The platform a player runs on, named for <see cref="UnsupportedPlatform"/>
        /// (the editor counts as the desktop it runs on).
        /// </summary>
        static string Platform()
        {
#if UNITY_WEBGL && !UNITY_EDITOR
            return "WebGL";
#elif UNITY_TVOS && !UNITY_EDITOR
            return "tvOS";
#elif UNITY_VISIONOS && !UNITY_EDITOR
            return "visionOS";
#elif UNITY_WSA && !UNITY_EDITOR
            return "UWP";
#elif UNITY_ANDROID && !UNITY_EDITOR
            return "Android";
#elif UNITY_STANDALONE_WIN || UNITY_EDITOR_WIN
            return "Windows";
#else
            return "other";
#endif
        }

        static string Architecture()
        {
            return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        }

        /// <summary>
        /// The name of a platform the package ships no native library for, or null:
        /// such a player fails at once with a <see cref="PlatformNotSupportedException"/>
        /// naming it, instead of a DllNotFoundException on its first call.
        /// </summary>
        internal static string UnsupportedPlatform(string platform, string architecture)
        {
            switch (platform)
            {
                case "WebGL":
                    return "WebGL (a browser cannot load native libraries)";
                case "tvOS":
                case "visionOS":
                case "UWP":
                    return platform;
                case "Windows":
                    return architecture == "Arm64" ? "Windows ARM64" : null;
                case "Android":
                    return architecture == "X64" || architecture == "X86" ? "Android " + architecture.ToLowerInvariant() : null;
                default:
                    return null;
            }
        }

        /// <summary>Within a major version the C ABI only grows; before 1.0 every minor version may break it.</summary>
        internal static bool Compatible(string native, string binding)
        {
            Version n, b;
            if (!Version.TryParse(native, out n) || !Version.TryParse(binding, out b) || n.Major != b.Major)
            {
                return false;
            }
            return n.Major == 0 ? n.Minor == b.Minor : n.Minor >= b.Minor;
        }
    }
}
