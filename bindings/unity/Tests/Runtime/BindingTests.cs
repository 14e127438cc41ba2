using System;
using System.Linq;
using System.Reflection;
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
    }
}
