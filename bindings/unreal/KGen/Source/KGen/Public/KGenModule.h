#pragma once

#include "CoreMinimal.h"
#include "Modules/ModuleInterface.h"

KGEN_API DECLARE_LOG_CATEGORY_EXTERN(LogKGen, Log, All);

enum class EKGenLogLevel : uint8;

// Loads the kgen library when the module starts and unloads it when it shuts
// down; sends the SDK's log to LogKGen. The module stays loaded across PIE
// sessions: clients are shut down by UKGenSubsystem, not here.
class KGEN_API FKGenModule : public IModuleInterface
{
public:
	virtual void StartupModule() override;
	virtual void ShutdownModule() override;

	// Whether kgen functions may be called (the library was found and loaded).
	static bool IsLibraryLoaded() { return bLibraryLoaded; }

	// Sends the SDK's log lines up to Level to LogKGen; they may come from any thread.
	static void SetLogLevel(EKGenLogLevel Level);

private:
	void* LibraryHandle = nullptr;
	static bool bLibraryLoaded;
};
