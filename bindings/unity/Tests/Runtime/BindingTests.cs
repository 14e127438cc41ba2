using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Kgen.Native;
using NUnit.Framework;

namespace Kgen.Tests
{
    /// <summary>The hand-written layer agrees with the generated one and is safe for IL2CPP.</summary>
    [TestFixture]
    public class BindingTests
    {
        [Test]
        public void Public_enums_mirror_the_C_enums_value_for_value()
        {
            AssertMirrors(typeof(kgen_status), "KGEN_ERR_", typeof(KgenStatus));
            AssertMirrors(typeof(kgen_api_error), "KGEN_API_ERROR_", typeof(KgenApiError));
            AssertMirrors(typeof(kgen_tournament_status), "KGEN_TOURNAMENT_", typeof(KgenTournamentStatus));
            AssertMirrors(typeof(kgen_session_flow), "KGEN_SESSION_FLOW_", typeof(KgenSessionFlow));
            AssertMirrors(typeof(kgen_outbox_outcome), "KGEN_OUTBOX_", typeof(KgenOutboxOutcome));
        }

        static void AssertMirrors(Type native, string prefix, Type managed)
        {
            var expected = Enum.GetNames(native).ToDictionary(
                n => Normalize(n.StartsWith(prefix) ? n.Substring(prefix.Length) : n.Substring("KGEN_".Length)),
                n => Convert.ToInt32(Enum.Parse(native, n)));
            var actual = Enum.GetNames(managed).ToDictionary(Normalize, n => Convert.ToInt32(Enum.Parse(managed, n)));
            CollectionAssert.AreEquivalent(expected, actual, managed.Name);
        }

        static string Normalize(string name)
        {
            return name.Replace("_", "").ToLowerInvariant();
        }

        [Test]
        public void The_native_library_matches_the_package_version()
        {
            Assert.AreEqual(KgenSdk.BindingVersion, KgenSdk.NativeVersion);
        }

        [Test]
        public void Players_without_a_native_library_are_refused_by_name()
        {
            Assert.AreEqual("tvOS", KgenSdk.UnsupportedPlatform("tvOS", "Arm64"));
            Assert.AreEqual("visionOS", KgenSdk.UnsupportedPlatform("visionOS", "Arm64"));
            Assert.AreEqual("UWP", KgenSdk.UnsupportedPlatform("UWP", "X64"));
            Assert.AreEqual("Windows ARM64", KgenSdk.UnsupportedPlatform("Windows", "Arm64"));
            Assert.AreEqual("Android x64", KgenSdk.UnsupportedPlatform("Android", "X64"));
            StringAssert.StartsWith("WebGL", KgenSdk.UnsupportedPlatform("WebGL", "Wasm"));
            Assert.IsNull(KgenSdk.UnsupportedPlatform("Windows", "X64"));
            Assert.IsNull(KgenSdk.UnsupportedPlatform("Android", "Arm64"));
            Assert.IsNull(KgenSdk.UnsupportedPlatform("Android", "Arm"));
            Assert.IsNull(KgenSdk.UnsupportedPlatform("other", "X64"));
        }

        [Test]
        public void A_native_library_is_accepted_when_its_ABI_contains_the_packages()
        {
            Assert.IsTrue(KgenSdk.Compatible("1.4.2", "1.3.0"), "newer minor: the ABI only grew");
            Assert.IsTrue(KgenSdk.Compatible("0.1.7", "0.1.0"), "patch");
            Assert.IsFalse(KgenSdk.Compatible("1.2.0", "1.3.0"), "older minor lacks functions");
            Assert.IsFalse(KgenSdk.Compatible("0.2.0", "0.1.0"), "before 1.0 a minor version may break");
            Assert.IsFalse(KgenSdk.Compatible("2.0.0", "1.0.0"), "another major version");
            Assert.IsFalse(KgenSdk.Compatible("garbage", "1.0.0"));
        }

        [Test]
        public void Every_callback_is_a_static_method_marked_for_IL2CPP_and_held_in_a_static_field()
        {
            FieldInfo[] delegates = typeof(Callbacks).GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(f => typeof(Delegate).IsAssignableFrom(f.FieldType) && !f.Name.StartsWith("<")) // not compiler caches
                .ToArray();
            Assert.AreEqual(2, delegates.Length);
            foreach (FieldInfo field in delegates)
            {
                Assert.IsTrue(field.IsInitOnly, field.Name + " is never replaced while native code holds it");
                var callback = (Delegate)field.GetValue(null);
                Assert.IsTrue(callback.Method.IsStatic, field.Name);
                CustomAttributeData marker = callback.Method.GetCustomAttributesData()
                    .SingleOrDefault(a => a.Constructor.DeclaringType.Name == "MonoPInvokeCallbackAttribute");
                Assert.IsNotNull(marker, field.Name + " is marked [MonoPInvokeCallback]");
                Assert.AreEqual(field.FieldType, marker.ConstructorArguments[0].Value, field.Name);
            }
        }

        [Test]
        public unsafe void Result_arrays_are_read_by_the_element_size_the_library_reports()
        {
            // A newer library whose leaderboard entries grew by 24 bytes each: the reader
            // must step by entry_size, not by the size of the struct it was built with.
            int stride = sizeof(kgen_leaderboard_entry) + 24;
            IntPtr first = Marshal.StringToHGlobalAnsi("first");
            IntPtr second = Marshal.StringToHGlobalAnsi("second");
            IntPtr entries = Marshal.AllocHGlobal(stride * 2);
            try
            {
                var a = (kgen_leaderboard_entry*)entries;
                var b = (kgen_leaderboard_entry*)((byte*)entries + stride);
                *a = new kgen_leaderboard_entry { user_id = (byte*)first, score = 20, rank = 1 };
                *b = new kgen_leaderboard_entry { user_id = (byte*)second, score = 10, rank = 2 };
                var board = new kgen_leaderboard
                {
                    entries = a,
                    entry_count = (UIntPtr)2,
                    entry_size = (UIntPtr)stride,
                    winner_size = (UIntPtr)sizeof(kgen_winner),
                };
                var e = new kgen_event();
                e.data.leaderboard = &board;
                KgenLeaderboard read = EventReaders.Leaderboard(&e);
                Assert.AreEqual(2, read.Entries.Count);
                Assert.AreEqual("second", read.Entries[1].UserId);
                Assert.AreEqual(10, read.Entries[1].Score);
                Assert.AreEqual(2, read.Entries[1].Rank);
            }
            finally
            {
                Marshal.FreeHGlobal(entries);
                Marshal.FreeHGlobal(second);
                Marshal.FreeHGlobal(first);
            }
        }

        [Test]
        public void Every_struct_has_the_C_compilers_layout()
        {
            // The C compiler measures the header's structs; they must agree with
            // the generated C# structs field by field.
            string include = Environment.GetEnvironmentVariable("KGEN_INCLUDE_DIR");
            if (string.IsNullOrEmpty(include))
            {
                Assert.Ignore("set KGEN_INCLUDE_DIR to the directory of kgen.h (and have cc on PATH)");
            }
            var probe = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include \"kgen.h\"\nint main(void) {\n");
            var expected = new StringBuilder();
            Type[] structs = typeof(NativeMethods).Assembly.GetTypes()
                .Where(t => t.Namespace == "Kgen.Native" && t.IsValueType && !t.IsEnum && t.Name.StartsWith("kgen_"))
                .Where(t => t.GetFields().Length > 0) // opaque handles have none
                .OrderBy(t => t.Name).ToArray();
            Assert.Greater(structs.Length, 20);
            foreach (Type t in structs)
            {
                probe.AppendFormat("printf(\"{0} %zu\\n\", sizeof({0}));\n", t.Name);
                expected.AppendFormat("{0} {1}\n", t.Name, Marshal.SizeOf(t));
                foreach (FieldInfo f in t.GetFields())
                {
                    probe.AppendFormat("printf(\"{0}.{1} %zu\\n\", offsetof({0}, {1}));\n", t.Name, f.Name);
                    expected.AppendFormat("{0}.{1} {2}\n", t.Name, f.Name, Marshal.OffsetOf(t, f.Name));
                }
            }
            probe.Append("return 0;\n}\n");

            string dir = Path.Combine(Path.GetTempPath(), "kgen-layout-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                File.WriteAllText(Path.Combine(dir, "probe.c"), probe.ToString());
                Run("cc", "-std=c11 -I\"" + include + "\" -o probe probe.c", dir);
                Assert.AreEqual(expected.ToString(), Run(Path.Combine(dir, "probe"), "", dir));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        static string Run(string program, string arguments, string directory)
        {
            var start = new ProcessStartInfo(program, arguments)
            {
                WorkingDirectory = directory,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using (Process p = Process.Start(start))
            {
                string output = p.StandardOutput.ReadToEnd();
                string errors = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.AreEqual(0, p.ExitCode, program + " failed: " + errors);
                return output;
            }
        }
    }
}
