// The KGen runtime module: the game-thread subsystem, Blueprint nodes and
// settings, built on kgen.hpp (from the KGenLibrary module).
using UnrealBuildTool;

public class KGen : ModuleRules
{
	public KGen(ReadOnlyTargetRules Target) : base(Target)
	{
		PCHUsage = PCHUsageMode.UseExplicitOrSharedPCHs;
		PublicDependencyModuleNames.AddRange(new string[] { "Core", "CoreUObject", "Engine", "DeveloperSettings", "KGenLibrary" });
		// IPluginManager: where the plugin, and so its library, lives.
		PrivateDependencyModuleNames.AddRange(new string[] { "Projects" });
	}
}
