// The prebuilt kgen library (Rust core + C ABI) and its headers, per platform.
// bindings/unreal/stage.sh puts the files where this module expects them:
//   Source/ThirdParty/KGenLibrary/include/     kgen.h, kgen.hpp
//   Binaries/ThirdParty/KGenLibrary/<platform>/ the library
// Desktop libraries are staged with RuntimeDependencies and loaded explicitly by
// the KGen module at startup (FKGenModule), so the game finds them wherever the
// plugin lives; Android loads libkgen.so through the APL file; iOS links statically.
using System.IO;
using UnrealBuildTool;

public class KGenLibrary : ModuleRules
{
	public KGenLibrary(ReadOnlyTargetRules Target) : base(Target)
	{
		Type = ModuleType.External;
		PublicSystemIncludePaths.Add(Path.Combine(ModuleDirectory, "include"));

		string Binaries = Path.Combine(PluginDirectory, "Binaries", "ThirdParty", "KGenLibrary");
		if (Target.Platform == UnrealTargetPlatform.Win64)
		{
			// cargo names the import library of kgen.dll "kgen.dll.lib".
			string Dir = Path.Combine(Binaries, "Win64");
			PublicAdditionalLibraries.Add(Path.Combine(Dir, "kgen.dll.lib"));
			PublicDelayLoadDLLs.Add("kgen.dll");
			RuntimeDependencies.Add(Path.Combine(Dir, "kgen.dll"));
		}
		else if (Target.Platform == UnrealTargetPlatform.Mac)
		{
			string Dylib = Path.Combine(Binaries, "Mac", "libkgen.dylib");
			PublicDelayLoadDLLs.Add(Dylib);
			RuntimeDependencies.Add(Dylib);
		}
		else if (Target.Platform == UnrealTargetPlatform.Linux)
		{
			string So = Path.Combine(Binaries, "Linux", "x86_64-unknown-linux-gnu", "libkgen.so");
			PublicAdditionalLibraries.Add(So);
			PublicDelayLoadDLLs.Add(So);
			RuntimeDependencies.Add(So);
		}
		else if (Target.Platform == UnrealTargetPlatform.Android)
		{
			// One library per ABI, in a folder named for it: UBT links each
			// architecture's build with the library of its own folder. arm64-v8a
			// ships; x86_64 (emulators, Chromebooks) only when it was built and staged.
			PublicAdditionalLibraries.Add(Path.Combine(Binaries, "Android", "arm64-v8a", "libkgen.so"));
			string Emulator = Path.Combine(Binaries, "Android", "x86_64", "libkgen.so");
			if (File.Exists(Emulator))
			{
				PublicAdditionalLibraries.Add(Emulator);
			}
			AdditionalPropertiesForReceipt.Add("AndroidPlugin", Path.Combine(ModuleDirectory, "KGenLibrary_APL.xml"));
		}
		else if (Target.Platform == UnrealTargetPlatform.IOS)
		{
			PublicAdditionalLibraries.Add(Path.Combine(Binaries, "IOS", "libkgen.a"));
			// What the Rust standard library and rustls need on Apple platforms.
			PublicFrameworks.AddRange(new string[] { "CoreFoundation", "Security", "SystemConfiguration" });
			PublicSystemLibraries.Add("iconv");
		}
	}
}
