// The stand-in engine's out-of-line parts: object liveness, the core ticker,
// the log, and the few platform calls the plugin makes (see UnrealStandIn.h).
#include "UnrealStandIn.h"
#include "StandInTest.h"

#include <cstdlib>
#include <dlfcn.h>
#include <mutex>
#include <unordered_map>

namespace StandIn
{
namespace
{
std::unordered_map<const UObject*, uint64_t>& Live()
{
	static std::unordered_map<const UObject*, uint64_t> Objects;
	return Objects;
}
uint64_t NextSerial = 1;

std::mutex LogMutex;
std::vector<LogLine> LogLines;
FString CommandLine;
}

std::u16string Utf8ToUtf16(const char* Text, size_t Size)
{
	std::u16string Out;
	for (size_t I = 0; I < Size;)
	{
		const unsigned char Lead = static_cast<unsigned char>(Text[I]);
		const size_t Extra = Lead < 0x80 ? 0 : Lead < 0xE0 ? 1 : Lead < 0xF0 ? 2 : 3;
		uint32_t Code = Extra == 0 ? Lead : Lead & (0x3Fu >> Extra);
		for (size_t K = 1; K <= Extra && I + K < Size; ++K)
		{
			Code = (Code << 6) | (static_cast<unsigned char>(Text[I + K]) & 0x3Fu);
		}
		I += Extra + 1;
		if (Code >= 0x10000)
		{
			Code -= 0x10000;
			Out.push_back(static_cast<char16_t>(0xD800 + (Code >> 10)));
			Out.push_back(static_cast<char16_t>(0xDC00 + (Code & 0x3FF)));
		}
		else
		{
			Out.push_back(static_cast<char16_t>(Code));
		}
	}
	return Out;
}

std::string Utf16ToUtf8(const TCHAR* Text)
{
	std::string Out;
	for (; Text != nullptr && *Text != 0; ++Text)
	{
		uint32_t Code = *Text;
		if (Code >= 0xD800 && Code < 0xDC00 && Text[1] >= 0xDC00 && Text[1] < 0xE000)
		{
			Code = 0x10000 + ((Code - 0xD800) << 10) + (static_cast<uint32_t>(*++Text) - 0xDC00);
		}
		if (Code < 0x80)
		{
			Out.push_back(static_cast<char>(Code));
		}
		else if (Code < 0x800)
		{
			Out.push_back(static_cast<char>(0xC0 | (Code >> 6)));
			Out.push_back(static_cast<char>(0x80 | (Code & 0x3F)));
		}
		else if (Code < 0x10000)
		{
			Out.push_back(static_cast<char>(0xE0 | (Code >> 12)));
			Out.push_back(static_cast<char>(0x80 | ((Code >> 6) & 0x3F)));
			Out.push_back(static_cast<char>(0x80 | (Code & 0x3F)));
		}
		else
		{
			Out.push_back(static_cast<char>(0xF0 | (Code >> 18)));
			Out.push_back(static_cast<char>(0x80 | ((Code >> 12) & 0x3F)));
			Out.push_back(static_cast<char>(0x80 | ((Code >> 6) & 0x3F)));
			Out.push_back(static_cast<char>(0x80 | (Code & 0x3F)));
		}
	}
	return Out;
}

bool IsLive(const UObject* Object, uint64_t Serial)
{
	const auto Found = Live().find(Object);
	return Found != Live().end() && Found->second == Serial;
}

void Collect(UObject* Object)
{
	delete Object;
}

void WriteLog(const FLogCategoryBase& Category, ELogVerbosity::Type Verbosity, const TCHAR* Format, const std::vector<std::string>& Arguments)
{
	std::string Text = Utf16ToUtf8(Format);
	for (const std::string& Argument : Arguments)
	{
		Text += " | " + Argument;
	}
	std::lock_guard<std::mutex> Lock(LogMutex);
	LogLines.push_back({Category.Name, Verbosity, Text});
	if (std::getenv("STANDIN_VERBOSE") != nullptr)
	{
		std::fprintf(stderr, "%s: %s\n", Category.Name, Text.c_str());
	}
}

std::vector<LogLine> TakeLog()
{
	std::lock_guard<std::mutex> Lock(LogMutex);
	return std::exchange(LogLines, {});
}

void SetCommandLine(const TCHAR* Line)
{
	CommandLine = FString(Line);
}

const TCHAR* GetCommandLine()
{
	return *CommandLine;
}
}

UObject::UObject() : Serial(StandIn::NextSerial++)
{
	StandIn::Live()[this] = Serial;
}

UObject::~UObject()
{
	StandIn::Live().erase(this);
}

bool IsGarbageCollecting()
{
	return StandIn::bGarbageCollecting;
}

FUObjectThreadContext& FUObjectThreadContext::Get()
{
	static thread_local FUObjectThreadContext Context;
	return Context;
}

FTSTicker& FTSTicker::GetCoreTicker()
{
	static FTSTicker Ticker;
	return Ticker;
}

FTSTicker::FDelegateHandle FTSTicker::AddTicker(const FTickerDelegate& Delegate, float Delay)
{
	(void)Delay;
	FDelegateHandle Handle;
	Handle.Id = NextId++;
	Delegates.emplace(Handle.Id, Delegate);
	return Handle;
}

void FTSTicker::RemoveTicker(FDelegateHandle Handle)
{
	GetCoreTicker().Delegates.erase(Handle.Id);
}

void FTSTicker::Tick(float DeltaTime)
{
	// Delegates added during this tick run from the next one, as in the engine.
	std::vector<uint64_t> Ids;
	for (const auto& Entry : Delegates)
	{
		Ids.push_back(Entry.first);
	}
	for (const uint64_t Id : Ids)
	{
		const auto Found = Delegates.find(Id);
		if (Found == Delegates.end())
		{
			continue; // removed by an earlier delegate of this tick
		}
		const FTickerDelegate Delegate = Found->second;
		if (!Delegate.Execute(DeltaTime))
		{
			Delegates.erase(Id);
		}
	}
}

UWorld* UEngine::GetWorldFromContextObject(const UObject* Object, EGetWorldErrorMode ErrorMode) const
{
	(void)ErrorMode;
	return Object != nullptr && StandIn::IsLive(Object, Object->StandInSerial()) ? World : nullptr;
}

UEngine* GEngine = nullptr;
bool GIsEditor = false;

bool IsRunningDedicatedServer()
{
	return StandIn::bDedicatedServer;
}

FString FPlatformMisc::GetEnvironmentVariable(const TCHAR* Name)
{
	const char* Value = std::getenv(StandIn::Utf16ToUtf8(Name).c_str());
	return Value != nullptr ? FString(FUTF8ToTCHAR(Value).Get()) : FString();
}

void* FPlatformProcess::GetDllHandle(const TCHAR* Path)
{
	return dlopen(StandIn::Utf16ToUtf8(Path).c_str(), RTLD_NOW | RTLD_GLOBAL);
}

void FPlatformProcess::FreeDllHandle(void* Handle)
{
	dlclose(Handle);
}

FString FPaths::ProjectSavedDir()
{
	const char* Dir = std::getenv("STANDIN_SAVED_DIR");
	return FString(FUTF8ToTCHAR(Dir != nullptr ? Dir : "/tmp/kgen-standin-saved").Get());
}

const TCHAR* FApp::GetProjectName()
{
	return TEXT("StandInGame");
}

const TCHAR* FApp::GetBuildVersion()
{
	return TEXT("1.0");
}

const TCHAR* FCommandLine::Get()
{
	return StandIn::GetCommandLine();
}

bool FParse::Value(const TCHAR* Stream, const TCHAR* Match, FString& Value)
{
	const std::u16string Line(Stream);
	const size_t At = Line.find(Match);
	if (At == std::u16string::npos)
	{
		return false;
	}
	const size_t Start = At + std::char_traits<char16_t>::length(Match);
	const size_t End = Line.find(u' ', Start);
	const std::u16string Found = Line.substr(Start, End == std::u16string::npos ? std::u16string::npos : End - Start);
	Value = FString(static_cast<int32>(Found.size()), Found.c_str());
	return true;
}

namespace
{
class FStandInPlugin : public IPlugin
{
public:
	explicit FStandInPlugin(FString InBaseDir) : BaseDir(std::move(InBaseDir)) {}
	const FString& GetBaseDir() const override { return BaseDir; }

private:
	FString BaseDir;
};
}

IPluginManager& IPluginManager::Get()
{
	static IPluginManager Manager;
	return Manager;
}

TSharedPtr<IPlugin> IPluginManager::FindPlugin(const TCHAR* Name)
{
	if (std::u16string(Name) != u"KGen" || StandInBaseDir.IsEmpty())
	{
		return nullptr;
	}
	return TSharedPtr<IPlugin>(new FStandInPlugin(StandInBaseDir));
}
