using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NUnit.Framework;

namespace Kgen.Tests
{
    /// <summary>
    /// What games do with results besides reading them: serialize them with
    /// Unity's JsonUtility, build them in their own tests, and fake the client
    /// behind IKgenClient.
    /// </summary>
    [TestFixture]
    public class ResultTypeTests
    {
        static readonly Type[] ResultTypes = typeof(KgenResponse).Assembly.GetExportedTypes()
            .Where(t => typeof(KgenResponse).IsAssignableFrom(t)
                || t == typeof(KgenLeaderboardEntry) || t == typeof(KgenWinner) || t == typeof(KgenTransaction)
                || t == typeof(KgenReward) || t == typeof(KgenHistoricStat))
            .ToArray();

        // JsonUtility serializes public fields of these types, and nothing else.
        static bool UnitySerializable(Type t)
        {
            if (t.IsPrimitive || t.IsEnum || t == typeof(string))
            {
                return true;
            }
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
            {
                return UnitySerializable(t.GetGenericArguments()[0]);
            }
            return t.IsClass && t.IsDefined(typeof(SerializableAttribute), false);
        }

        [Test]
        public void Every_result_type_keeps_its_data_in_fields_that_JsonUtility_reads()
        {
            Assert.That(ResultTypes.Length, Is.GreaterThanOrEqualTo(18));
            var problems = new List<string>();
            foreach (Type type in ResultTypes)
            {
                if (!type.IsDefined(typeof(SerializableAttribute), false))
                {
                    problems.Add(type.Name + " is not [Serializable]");
                }
                foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    if (!UnitySerializable(field.FieldType) || field.IsInitOnly)
                    {
                        problems.Add(type.Name + "." + field.Name + ": JsonUtility cannot write a " + field.FieldType.Name);
                    }
                }
                // Properties are skipped by JsonUtility: only the response's own
                // header (not data) and times (DateTimeOffset is not serializable
                // by Unity; the text is in RawBody) may be properties.
                foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    bool header = type == typeof(KgenResponse);
                    bool time = property.PropertyType == typeof(DateTimeOffset?);
                    if (!header && !time)
                    {
                        problems.Add(type.Name + "." + property.Name + " is a property: JsonUtility would skip it");
                    }
                }
            }
            Assert.That(problems, Is.Empty);
        }

        [Test]
        public void A_game_builds_results_for_its_own_tests()
        {
            var list = new KgenTournamentList
            {
                Tournaments = new List<KgenTournament>
                {
                    new KgenTournament { TournamentUid = "t-1", Status = KgenTournamentStatus.Started, BuyInPrice = 10,
                        StartsAt = DateTimeOffset.FromUnixTimeSeconds(1700000000) },
                },
            };
            var board = new KgenLeaderboard { Entries = new List<KgenLeaderboardEntry> { new KgenLeaderboardEntry { UserId = "p", Score = 5, Rank = 1 } } };
            Assert.That(list.Tournaments[0].Status, Is.EqualTo(KgenTournamentStatus.Started));
            Assert.That(list.Tournaments[0].StartsAt.Value.ToUnixTimeSeconds(), Is.EqualTo(1700000000));
            Assert.That(board.Entries.Count, Is.EqualTo(1));
        }

        [Test]
        public void IKgenClient_offers_everything_a_game_calls_on_the_client()
        {
            Assert.That(typeof(IKgenClient).IsAssignableFrom(typeof(KgenClient)));
            var offered = new HashSet<string>(typeof(IKgenClient).GetMethods().Concat(typeof(IDisposable).GetMethods()).Select(m => m.ToString()));
            var missing = typeof(KgenClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !offered.Contains(m.ToString()))
                .Select(m => m.ToString())
                .ToList();
            Assert.That(missing, Is.Empty, "public KgenClient members missing from IKgenClient");
        }
    }
}
