// A stand-in for the few Unreal Build Tool types that the plugin's Build.cs
// files use, declared from UBT's public API, so that Mono can compile the rules
// and run them for every platform (see CheckBuildRules.cs). It checks the
// rules' own logic - which files each platform links, stages and loads - not
// that a real UBT accepts them; only an engine build shows that.
using System.Collections.Generic;

namespace UnrealBuildTool
{
	public sealed class UnrealTargetPlatform
	{
		public static readonly UnrealTargetPlatform Win64 = new UnrealTargetPlatform("Win64");
		public static readonly UnrealTargetPlatform Mac = new UnrealTargetPlatform("Mac");
		public static readonly UnrealTargetPlatform Linux = new UnrealTargetPlatform("Linux");
		public static readonly UnrealTargetPlatform Android = new UnrealTargetPlatform("Android");
		public static readonly UnrealTargetPlatform IOS = new UnrealTargetPlatform("IOS");
		public static readonly UnrealTargetPlatform[] All = { Win64, Mac, Linux, Android, IOS };

		readonly string Name;
		UnrealTargetPlatform(string name) { Name = name; }
		public override string ToString() { return Name; }
	}

	public enum ModuleType { CPlusPlus, External }

	public class ReadOnlyTargetRules
	{
		public UnrealTargetPlatform Platform;
		public bool bBuildEditor;
	}

	public class RuntimeDependencyList
	{
		public readonly List<string> Paths = new List<string>();
		public void Add(string InPath) { Paths.Add(InPath); }
	}

	public class ReceiptPropertyList
	{
		public readonly List<KeyValuePair<string, string>> Items = new List<KeyValuePair<string, string>>();
		public void Add(string Name, string Value) { Items.Add(new KeyValuePair<string, string>(Name, Value)); }
	}

	public class ModuleRules
	{
		public enum PCHUsageMode { Default, NoPCHs, NoSharedPCHs, UseSharedPCHs, UseExplicitOrSharedPCHs }

		// UBT derives these from where the Build.cs file lives; the harness sets them.
		public static string NextModuleDirectory;
		public static string NextPluginDirectory;

		public readonly ReadOnlyTargetRules Target;
		public ModuleType Type = ModuleType.CPlusPlus;
		public PCHUsageMode PCHUsage = PCHUsageMode.Default;
		public readonly string ModuleDirectory = NextModuleDirectory;
		public readonly string PluginDirectory = NextPluginDirectory;
		public readonly List<string> PublicIncludePaths = new List<string>();
		public readonly List<string> PublicSystemIncludePaths = new List<string>();
		public readonly List<string> PublicAdditionalLibraries = new List<string>();
		public readonly List<string> PublicDelayLoadDLLs = new List<string>();
		public readonly List<string> PublicFrameworks = new List<string>();
		public readonly List<string> PublicSystemLibraries = new List<string>();
		public readonly List<string> PublicDefinitions = new List<string>();
		public readonly List<string> PublicDependencyModuleNames = new List<string>();
		public readonly List<string> PrivateDependencyModuleNames = new List<string>();
		public readonly RuntimeDependencyList RuntimeDependencies = new RuntimeDependencyList();
		public readonly ReceiptPropertyList AdditionalPropertiesForReceipt = new ReceiptPropertyList();

		public ModuleRules(ReadOnlyTargetRules Target) { this.Target = Target; }
	}
}
