#include "KGenModule.h"

#include "HAL/PlatformProcess.h"
#include "Interfaces/IPluginManager.h"
#include "KGenSdk.h"
#include "KGenSettings.h"
#include "Misc/Paths.h"
#include "Modules/ModuleManager.h"

DEFINE_LOG_CATEGORY(LogKGen);
IMPLEMENT_MODULE(FKGenModule, KGen)

bool FKGenModule::bLibraryLoaded = false;

namespace
{
// Where KGenLibrary.Build.cs stages the library, on platforms that load it here.
const TCHAR* LibraryPathInPlugin()
{
#if PLATFORM_WINDOWS
	return TEXT("Binaries/ThirdParty/KGenLibrary/Win64/kgen.dll");
#elif PLATFORM_MAC
	return TEXT("Binaries/ThirdParty/KGenLibrary/Mac/libkgen.dylib");
#elif PLATFORM_LINUX
	return TEXT("Binaries/ThirdParty/KGenLibrary/Linux/x86_64-unknown-linux-gnu/libkgen.so");
#else
	return nullptr; // Android: KGenLibrary_APL.xml loads it; iOS: linked statically
#endif
}

// Called from the SDK's worker threads as well as the game thread: UE_LOG is
// safe from any thread, and nothing else is touched here.
void LogLine(kgen::LogLevel Level, std::string_view Line)
{
	const FString Text = KGen::ToFString(Line);
	switch (Level)
	{
	case kgen::LogLevel::Error: UE_LOG(LogKGen, Error, TEXT("%s"), *Text); break;
	case kgen::LogLevel::Warn: UE_LOG(LogKGen, Warning, TEXT("%s"), *Text); break;
	case kgen::LogLevel::Info: UE_LOG(LogKGen, Log, TEXT("%s"), *Text); break;
	case kgen::LogLevel::Debug: UE_LOG(LogKGen, Verbose, TEXT("%s"), *Text); break;
	default: UE_LOG(LogKGen, VeryVerbose, TEXT("%s"), *Text); break;
	}
}
}

void FKGenModule::StartupModule()
{
	if (const TCHAR* Relative = LibraryPathInPlugin())
	{
		const TSharedPtr<IPlugin> Plugin = IPluginManager::Get().FindPlugin(TEXT("KGen"));
		if (!Plugin.IsValid())
		{
			UE_LOG(LogKGen, Error, TEXT("The KGen plugin descriptor was not found; KGen is disabled"));
			return;
		}
		const FString Path = FPaths::Combine(Plugin->GetBaseDir(), Relative);
		LibraryHandle = FPlatformProcess::GetDllHandle(*Path);
		if (LibraryHandle == nullptr)
		{
			UE_LOG(LogKGen, Error, TEXT("Could not load %s (stage it with bindings/unreal/stage.sh); KGen is disabled"), *Path);
			return;
		}
	}
	bLibraryLoaded = true;
	SetLogLevel(GetDefault<UKGenSettings>()->LogLevel);
	UE_LOG(LogKGen, Log, TEXT("kgen %s loaded"), UTF8_TO_TCHAR(kgen::version()));
}

void FKGenModule::ShutdownModule()
{
	if (bLibraryLoaded)
	{
		// The handler is code of this module: unhook it before anything unloads.
		kgen::set_log_handler(kgen::LogLevel::Off, nullptr);
	}
	bLibraryLoaded = false;
	if (LibraryHandle != nullptr)
	{
		FPlatformProcess::FreeDllHandle(LibraryHandle);
		LibraryHandle = nullptr;
	}
}

void FKGenModule::SetLogLevel(EKGenLogLevel Level)
{
	if (!bLibraryLoaded)
	{
		return;
	}
	const kgen::Result<void> Set = kgen::set_log_handler(static_cast<kgen::LogLevel>(Level), &LogLine);
	if (!Set)
	{
		UE_LOG(LogKGen, Warning, TEXT("Log level not changed: %s"), *KGen::ToFString(Set.error().describe()));
	}
}
