// Runs the Unity package's NUnit tests without NUnit's runner, so that they can run under
// Mono's full AOT (--full-aot: no JIT at all, as under IL2CPP), where the console runner's
// own machinery cannot. It does what that runner does for these tests: each [TestFixture]
// class, a new instance per [Test], [SetUp] before and [TearDown] after (inherited ones
// too), Assert.Ignore counted as skipped. Prints "N passed, N failed, N skipped".
using System;
using System.Linq;
using System.Reflection;
using NUnit.Framework;

static class AotRunner
{
    static int Main(string[] args)
    {
        Assembly tests = typeof(Kgen.Tests.BindingTests).Assembly;
        int passed = 0, failed = 0, skipped = 0;
        foreach (Type fixture in tests.GetTypes().Where(t => t.IsDefined(typeof(TestFixtureAttribute), true)).OrderBy(t => t.FullName))
        {
            MethodInfo[] methods = fixture.GetMethods(BindingFlags.Public | BindingFlags.Instance);
            MethodInfo[] setUp = methods.Where(m => m.IsDefined(typeof(SetUpAttribute), true)).ToArray();
            MethodInfo[] tearDown = methods.Where(m => m.IsDefined(typeof(TearDownAttribute), true)).ToArray();
            foreach (MethodInfo test in methods.Where(m => m.IsDefined(typeof(TestAttribute), true)).OrderBy(m => m.Name))
            {
                string name = fixture.Name + "." + test.Name;
                object instance = Activator.CreateInstance(fixture);
                Exception error = null;
                try
                {
                    foreach (MethodInfo m in setUp) m.Invoke(instance, null);
                    test.Invoke(instance, null);
                }
                catch (TargetInvocationException e)
                {
                    error = e.InnerException;
                }
                finally
                {
                    foreach (MethodInfo m in tearDown)
                    {
                        try { m.Invoke(instance, null); }
                        catch (TargetInvocationException e) { error = error ?? e.InnerException; }
                    }
                }
                if (error == null)
                {
                    passed++;
                    Console.WriteLine("  ok      " + name);
                }
                else if (error is IgnoreException)
                {
                    skipped++;
                    Console.WriteLine("  skipped " + name + ": " + error.Message);
                }
                else
                {
                    failed++;
                    Console.WriteLine("  FAILED  " + name + ": " + error);
                }
            }
        }
        Console.WriteLine("full AOT: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
        return failed == 0 && passed > 0 ? 0 : 1;
    }
}
