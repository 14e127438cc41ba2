// What a test of the plugin controls or reads in the stand-in engine.
#pragma once

#include "UnrealStandIn.h"

namespace StandIn
{
struct LogLine
{
	const char* Category;
	ELogVerbosity::Type Verbosity;
	std::string Text;
};

// UE_LOG lines since the last call (from any thread).
std::vector<LogLine> TakeLog();
void SetCommandLine(const TCHAR* Line);
const TCHAR* GetCommandLine();
inline bool bGarbageCollecting = false;
inline bool bDedicatedServer = false;
}
