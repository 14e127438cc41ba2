// Runs the plugin's Build.cs rules for every platform (against UbtStandIn.cs)
// and checks them against the staged plugin and the module's C++:
// - every file the rules name for a staged platform exists;
// - the path FKGenModule loads at startup (KGenModule.cpp) is the file the rules stage;
// - the Android APL is well-formed XML and copies the libkgen.so the rules link;
// - the KGen module depends on KGenLibrary.
//   mono rules.exe PLUGIN_DIR STAGED_PLATFORM...
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using UnrealBuildTool;

static class CheckBuildRules
{
	static int Failures;

	static void Expect(bool ok, string what)
	{
		Console.WriteLine((ok ? "  ok    " : "  FAIL  ") + what);
		if (!ok) Failures++;
	}

	static string Full(string path) { return Path.GetFullPath(path); }

	static T Rules<T>(string plugin, string moduleDir, UnrealTargetPlatform platform) where T : ModuleRules
	{
		ModuleRules.NextModuleDirectory = Path.Combine(plugin, moduleDir);
		ModuleRules.NextPluginDirectory = plugin;
		var target = new ReadOnlyTargetRules { Platform = platform };
		return (T)Activator.CreateInstance(typeof(T), target);
	}

	// PLATFORM_X -> the path after `#if/#elif PLATFORM_X` in KGenModule.cpp.
	static Dictionary<string, string> LoadPaths(string moduleCpp)
	{
		var paths = new Dictionary<string, string>();
		var pattern = new Regex("#(?:el)?if PLATFORM_(\\w+)\\s+return TEXT\\(\"([^\"]+)\"\\)");
		foreach (Match m in pattern.Matches(File.ReadAllText(moduleCpp)))
			paths[m.Groups[1].Value] = m.Groups[2].Value;
		return paths;
	}

	static int Main(string[] args)
	{
		string plugin = Full(args[0]);
		var staged = new HashSet<string>(args.Skip(1));
		var loads = LoadPaths(Path.Combine(plugin, "Source/KGen/Private/KGenModule.cpp"));
		var cppPlatform = new Dictionary<string, string> { { "Win64", "WINDOWS" }, { "Mac", "MAC" }, { "Linux", "LINUX" } };

		foreach (var platform in UnrealTargetPlatform.All)
		{
			string name = platform.ToString();
			var lib = Rules<KGenLibrary>(plugin, "Source/ThirdParty/KGenLibrary", platform);
			Console.WriteLine(name + (staged.Contains(name) ? " (staged here)" : " (not built here: paths only)"));
			foreach (var l in lib.PublicAdditionalLibraries) Console.WriteLine("        links   " + l.Substring(plugin.Length + 1));
			foreach (var r in lib.RuntimeDependencies.Paths) Console.WriteLine("        stages  " + r.Substring(plugin.Length + 1));

			Expect(lib.Type == ModuleType.External, name + ": KGenLibrary is an external module");
			Expect(lib.PublicAdditionalLibraries.Count > 0 || lib.PublicDelayLoadDLLs.Count > 0, name + ": a library is named");
			Expect(lib.PublicSystemIncludePaths.All(p => File.Exists(Path.Combine(p, "kgen.h")) && File.Exists(Path.Combine(p, "kgen.hpp"))),
				name + ": the include path holds kgen.h and kgen.hpp");
			if (staged.Contains(name))
			{
				foreach (var f in lib.PublicAdditionalLibraries.Concat(lib.RuntimeDependencies.Paths).Concat(lib.PublicDelayLoadDLLs.Where(Path.IsPathRooted)).Distinct())
					Expect(File.Exists(f), name + ": exists " + f.Substring(plugin.Length + 1));
			}

			string cppName;
			if (cppPlatform.TryGetValue(name, out cppName))
			{
				string loaded;
				bool known = loads.TryGetValue(cppName, out loaded);
				Expect(known && lib.RuntimeDependencies.Paths.Any(r => Full(r) == Full(Path.Combine(plugin, loaded))),
					name + ": FKGenModule loads the staged library " + (known ? loaded : "(no path in KGenModule.cpp)"));
			}
			if (platform == UnrealTargetPlatform.Android)
			{
				var apl = lib.AdditionalPropertiesForReceipt.Items.Where(i => i.Key == "AndroidPlugin").Select(i => i.Value).FirstOrDefault();
				Expect(apl != null && File.Exists(apl), "Android: the APL file exists");
				if (apl != null && File.Exists(apl))
				{
					var xml = new XmlDocument();
					xml.Load(apl); // throws on malformed XML
					var copy = ((XmlElement)xml.GetElementsByTagName("copyFile")[0]).GetAttribute("src");
					string source = copy.Replace("$S(PluginDir)", Path.GetDirectoryName(apl)).Replace("$S(Architecture)", "arm64-v8a");
					Expect(lib.PublicAdditionalLibraries.Any(l => Full(l) == Full(source)), "Android: the APL packs the library the rules link");
				}
			}
			var kgen = Rules<KGen>(plugin, "Source/KGen", platform);
			Expect(kgen.PublicDependencyModuleNames.Contains("KGenLibrary"), name + ": KGen depends on KGenLibrary");
		}
		Console.WriteLine(Failures == 0 ? "build rules: all checks passed" : "build rules: " + Failures + " failed");
		return Failures == 0 ? 0 : 1;
	}
}
