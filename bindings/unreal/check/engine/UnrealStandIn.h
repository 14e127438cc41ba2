// A stand-in for the parts of Unreal Engine 5 that the KGen plugin's C++ uses,
// declared from the engine's public API so that the plugin's sources compile
// with g++ and clang (C++17 and C++20, -Wshadow, warnings as errors) and run
// against the real libkgen.so (see ../check-compile.sh and PluginRun.cpp).
//
// It is small and honest about it: types behave like the engine's where the
// plugin depends on the behaviour (weak object pointers, the core ticker,
// multicast delegates, TCHAR being UTF-16 as on Linux and Android), and
// UE_LOG refuses arguments that are not numbers or TCHAR pointers, as a
// format string needs. It proves that the plugin is well-formed C++ against
// these declarations and behaves as designed on top of them; only an engine
// build proves that the real headers, UHT and the linker agree.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

using int32 = std::int32_t;
using int64 = std::int64_t;
using uint8 = std::uint8_t;
using uint32 = std::uint32_t;
using TCHAR = char16_t;
using UTF8CHAR = char;

#define TEXT(x) u##x
#define KGEN_API
#define THIRD_PARTY_INCLUDES_START
#define THIRD_PARTY_INCLUDES_END
#ifndef WITH_EDITOR
#define WITH_EDITOR 0
#endif
#define PLATFORM_WINDOWS 0
#define PLATFORM_MAC 0
#define PLATFORM_LINUX 1

// UHT's markers: nothing at compile time. GENERATED_BODY expands to the body
// that uht_standin.py wrote into the header's .generated.h for that line.
#define UCLASS(...)
#define USTRUCT(...)
#define UENUM(...)
#define UPROPERTY(...)
#define UFUNCTION(...)
#define UMETA(...)
#define KGEN_STANDIN_JOIN2(A, B, C, D) A##B##C##D
#define KGEN_STANDIN_JOIN(A, B, C, D) KGEN_STANDIN_JOIN2(A, B, C, D)
#define GENERATED_BODY(...) KGEN_STANDIN_JOIN(CURRENT_FILE_ID, _, __LINE__, _GENERATED_BODY)

class UClass;
class UScriptStruct;

// ---- strings ---------------------------------------------------------------

class FString
{
public:
	FString() = default;
	FString(const TCHAR* Text) : Chars(Text != nullptr ? Text : u"") {}
	FString(int32 Length, const TCHAR* Text) : Chars(Text, static_cast<size_t>(Length)) {}
	const TCHAR* operator*() const { return Chars.c_str(); }
	bool IsEmpty() const { return Chars.empty(); }
	int32 Len() const { return static_cast<int32>(Chars.size()); }
	bool operator==(const FString& Other) const { return Chars == Other.Chars; }
	bool operator!=(const FString& Other) const { return Chars != Other.Chars; }
	FString operator+(const FString& Other) const { return FString(Chars + Other.Chars); }
	FString operator+(const TCHAR* Other) const { return FString(Chars + Other); }
	FString& operator/=(const FString& Other)
	{
		if (!Chars.empty() && Chars.back() != u'/')
		{
			Chars += u'/';
		}
		Chars += Other.Chars;
		return *this;
	}

private:
	explicit FString(std::u16string Text) : Chars(std::move(Text)) {}
	std::u16string Chars;
};

namespace StandIn
{
std::u16string Utf8ToUtf16(const char* Text, size_t Size);
std::string Utf16ToUtf8(const TCHAR* Text);
}

class FUTF8ToTCHAR
{
public:
	FUTF8ToTCHAR(const UTF8CHAR* Text, int32 Size) : Converted(StandIn::Utf8ToUtf16(Text, static_cast<size_t>(Size))) {}
	explicit FUTF8ToTCHAR(const UTF8CHAR* Text) : FUTF8ToTCHAR(Text, static_cast<int32>(std::char_traits<char>::length(Text))) {}
	const TCHAR* Get() const { return Converted.c_str(); }
	int32 Length() const { return static_cast<int32>(Converted.size()); }

private:
	std::u16string Converted;
};

class FTCHARToUTF8
{
public:
	explicit FTCHARToUTF8(const TCHAR* Text) : Converted(StandIn::Utf16ToUtf8(Text)) {}
	const UTF8CHAR* Get() const { return Converted.c_str(); }
	int32 Length() const { return static_cast<int32>(Converted.size()); }

private:
	std::string Converted;
};

#define UTF8_TO_TCHAR(Text) (FUTF8ToTCHAR(Text).Get())

class FName
{
public:
	FName() = default;
	FName(const TCHAR* Text) : Name(Text) {}
	bool operator==(const FName& Other) const { return Name == Other.Name; }

private:
	FString Name;
};

#define GET_MEMBER_NAME_CHECKED(Class, Member) ((void)sizeof(&Class::Member), FName(TEXT(#Member)))

// ---- containers and functions ----------------------------------------------

template <class T>
class TArray
{
public:
	void Reserve(int32 Count) { Items.reserve(static_cast<size_t>(Count)); }
	void Add(const T& Item) { Items.push_back(Item); }
	void Add(T&& Item) { Items.push_back(std::move(Item)); }
	T& AddDefaulted_GetRef() { return Items.emplace_back(); }
	int32 Num() const { return static_cast<int32>(Items.size()); }
	T& operator[](int32 Index) { return Items.at(static_cast<size_t>(Index)); }
	const T& operator[](int32 Index) const { return Items.at(static_cast<size_t>(Index)); }
	auto begin() { return Items.begin(); }
	auto end() { return Items.end(); }
	auto begin() const { return Items.begin(); }
	auto end() const { return Items.end(); }

private:
	std::vector<T> Items;
};

template <class K, class V>
struct TPair
{
	K Key;
	V Value;
};

template <class K, class V>
class TMap
{
public:
	void Add(const K& Key, const V& Value)
	{
		if (V* Existing = Find(Key))
		{
			*Existing = Value;
			return;
		}
		Pairs.push_back({Key, Value});
	}
	V* Find(const K& Key)
	{
		for (TPair<K, V>& Pair : Pairs)
		{
			if (Pair.Key == Key)
			{
				return &Pair.Value;
			}
		}
		return nullptr;
	}
	void Empty() { Pairs.clear(); }
	int32 Num() const { return static_cast<int32>(Pairs.size()); }
	auto begin() const { return Pairs.begin(); }
	auto end() const { return Pairs.end(); }

	class TIterator
	{
	public:
		explicit TIterator(std::vector<TPair<K, V>>& InPairs) : Pairs(InPairs) {}
		explicit operator bool() const { return Index < Pairs.size(); }
		TIterator& operator++()
		{
			if (!bRemoved)
			{
				++Index;
			}
			bRemoved = false;
			return *this;
		}
		V& Value() { return Pairs[Index].Value; }
		const K& Key() const { return Pairs[Index].Key; }
		void RemoveCurrent()
		{
			Pairs.erase(Pairs.begin() + static_cast<std::ptrdiff_t>(Index));
			bRemoved = true;
		}

	private:
		std::vector<TPair<K, V>>& Pairs;
		size_t Index = 0;
		bool bRemoved = false;
	};
	TIterator CreateIterator() { return TIterator(Pairs); }

private:
	std::vector<TPair<K, V>> Pairs;
};

template <class Signature>
class TFunction : public std::function<Signature>
{
public:
	using std::function<Signature>::function;
	using std::function<Signature>::operator=;
	void Reset() { *this = nullptr; }
};

template <class T>
class TSharedPtr : public std::shared_ptr<T>
{
public:
	using std::shared_ptr<T>::shared_ptr;
	bool IsValid() const { return static_cast<bool>(*this); }
};

// ---- time and math ---------------------------------------------------------

class FTimespan
{
public:
	static FTimespan FromMilliseconds(double Milliseconds) { return FTimespan(static_cast<int64>(Milliseconds * 10000.0)); }
	int64 GetTicks() const { return Ticks; }

private:
	explicit FTimespan(int64 InTicks) : Ticks(InTicks) {}
	int64 Ticks;
};

// Ticks of 100 ns since 0001-01-01, as the engine counts them.
class FDateTime
{
public:
	FDateTime() = default;
	static FDateTime FromUnixTimestamp(int64 Seconds) { return FDateTime(UnixEpochTicks + Seconds * 10000000); }
	int64 ToUnixTimestamp() const { return (Ticks - UnixEpochTicks) / 10000000; }
	int64 GetTicks() const { return Ticks; }
	FDateTime operator+(const FTimespan& Span) const { return FDateTime(Ticks + Span.GetTicks()); }
	bool operator==(const FDateTime& Other) const { return Ticks == Other.Ticks; }

private:
	static constexpr int64 UnixEpochTicks = 621355968000000000;
	explicit FDateTime(int64 InTicks) : Ticks(InTicks) {}
	int64 Ticks = 0;
};

struct FMath
{
	template <class T>
	static T Max(T A, T B) { return A < B ? B : A; }
};

// ---- logging ---------------------------------------------------------------

namespace ELogVerbosity
{
enum Type : uint8
{
	NoLogging,
	Fatal,
	Error,
	Warning,
	Display,
	Log,
	Verbose,
	VeryVerbose,
	All = VeryVerbose,
};
}

struct FLogCategoryBase
{
	const char* Name;
};

namespace StandIn
{
void WriteLog(const FLogCategoryBase& Category, ELogVerbosity::Type Verbosity, const TCHAR* Format, const std::vector<std::string>& Arguments);

// A format string takes numbers and TCHAR strings; an FString, std::string or
// char* passed to %s is a bug the engine's compiler checks catch too.
template <class T>
std::string FormatArgument(T Value)
{
	static_assert(std::is_arithmetic_v<T> || std::is_same_v<T, const TCHAR*> || std::is_same_v<T, TCHAR*>,
		"UE_LOG arguments are numbers or TCHAR strings (pass *SomeFString)");
	if constexpr (std::is_arithmetic_v<T>)
	{
		return std::to_string(Value);
	}
	else
	{
		return Utf16ToUtf8(Value);
	}
}

template <class... Args>
void Log(const FLogCategoryBase& Category, ELogVerbosity::Type Verbosity, const TCHAR* Format, Args... Arguments)
{
	WriteLog(Category, Verbosity, Format, {FormatArgument(Arguments)...});
}
}

#define DECLARE_LOG_CATEGORY_EXTERN(Name, DefaultVerbosity, CompileTimeVerbosity) extern FLogCategoryBase Name
#define DEFINE_LOG_CATEGORY(Name) FLogCategoryBase Name{#Name}
#define UE_LOG(Category, Verbosity, ...) StandIn::Log(Category, ELogVerbosity::Verbosity, __VA_ARGS__)

#define QUICK_SCOPE_CYCLE_COUNTER(Stat) \
	do \
	{ \
	} while (false)

// ---- UObjects --------------------------------------------------------------

struct FPropertyChangedEvent;

// Objects are alive from NewObject until StandIn::Collect; weak pointers see that.
class UObject
{
public:
	UObject();
	virtual ~UObject();
	UObject(const UObject&) = delete;
	UObject& operator=(const UObject&) = delete;
#if WITH_EDITOR
	virtual void PostEditChangeProperty(FPropertyChangedEvent& PropertyChangedEvent) { (void)PropertyChangedEvent; }
#endif
	uint64_t StandInSerial() const { return Serial; }
	UObject* StandInOuter = nullptr;

private:
	uint64_t Serial;
};

namespace StandIn
{
bool IsLive(const UObject* Object, uint64_t Serial);
void Collect(UObject* Object);
}

template <class T>
class TWeakObjectPtr
{
public:
	TWeakObjectPtr() = default;
	TWeakObjectPtr(T* InObject) { Set(InObject); }
	template <class U, class = std::enable_if_t<std::is_convertible_v<U*, T*>>>
	TWeakObjectPtr(const TWeakObjectPtr<U>& Other) { Set(Other.Get()); }
	TWeakObjectPtr& operator=(T* InObject)
	{
		Set(InObject);
		return *this;
	}
	T* Get() const { return Object != nullptr && StandIn::IsLive(Object, Serial) ? Object : nullptr; }
	bool IsValid() const { return Get() != nullptr; }
	T* operator->() const { return Get(); }

private:
	void Set(T* InObject)
	{
		Object = InObject;
		Serial = InObject != nullptr ? InObject->StandInSerial() : 0;
	}
	T* Object = nullptr;
	uint64_t Serial = 0;
};

template <class T>
class TObjectPtr
{
public:
	TObjectPtr() = default;
	TObjectPtr(T* InObject) : Object(InObject) {}
	operator T*() const { return Object; }
	T* operator->() const { return Object; }
	T* Get() const { return Object; }

private:
	T* Object = nullptr;
};

template <class T>
T* NewObject(UObject* Outer = nullptr)
{
	T* Object = new T();
	Object->StandInOuter = Outer;
	return Object;
}

template <class T>
T* GetMutableDefault()
{
	static T* Default = new T();
	return Default;
}

template <class T>
const T* GetDefault()
{
	return GetMutableDefault<T>();
}

bool IsGarbageCollecting();

class FUObjectThreadContext
{
public:
	static FUObjectThreadContext& Get();
	bool IsRoutingPostLoad = false;
};

// ---- delegates and the ticker ----------------------------------------------

template <class... Params>
class TStandInMulticastDelegate
{
public:
	void AddLambda(std::function<void(Params...)> Function) { Bound.push_back(std::move(Function)); }
	bool IsBound() const { return !Bound.empty(); }
	void Broadcast(Params... Args) const
	{
		for (const std::function<void(Params...)>& Function : Bound)
		{
			Function(Args...);
		}
	}

private:
	std::vector<std::function<void(Params...)>> Bound;
};

#define DECLARE_DYNAMIC_MULTICAST_DELEGATE_OneParam(Name, T1, N1) \
	class Name : public TStandInMulticastDelegate<T1> \
	{ \
	}
#define DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(Name, T1, N1, T2, N2) \
	class Name : public TStandInMulticastDelegate<T1, T2> \
	{ \
	}

class FTickerDelegate
{
public:
	template <class F>
	static FTickerDelegate CreateLambda(F&& Function)
	{
		FTickerDelegate Delegate;
		Delegate.Function = std::forward<F>(Function);
		return Delegate;
	}
	template <class T>
	static FTickerDelegate CreateUObject(T* Object, bool (T::*Method)(float))
	{
		return CreateLambda([Weak = TWeakObjectPtr<T>(Object), Method](float DeltaTime)
		{
			T* Live = Weak.Get();
			return Live != nullptr && (Live->*Method)(DeltaTime);
		});
	}
	bool Execute(float DeltaTime) const { return Function(DeltaTime); }

private:
	std::function<bool(float)> Function;
};

// FTSTicker's core ticker: a delegate runs each tick until it returns false or is removed.
class FTSTicker
{
public:
	class FDelegateHandle
	{
	public:
		bool IsValid() const { return Id != 0; }
		void Reset() { Id = 0; }

	private:
		friend class FTSTicker;
		uint64_t Id = 0;
	};

	static FTSTicker& GetCoreTicker();
	FDelegateHandle AddTicker(const FTickerDelegate& Delegate, float Delay = 0.f);
	static void RemoveTicker(FDelegateHandle Handle);
	// The engine's loop; here the test's.
	void Tick(float DeltaTime);
	int32 StandInCount() const { return static_cast<int32>(Delegates.size()); }

private:
	std::map<uint64_t, FTickerDelegate> Delegates;
	uint64_t NextId = 1;
};

// ---- engine, game instance, subsystems --------------------------------------

class FSubsystemCollectionBase
{
};

class USubsystem : public UObject
{
public:
	virtual bool ShouldCreateSubsystem(UObject* Outer) const
	{
		(void)Outer;
		return true;
	}
	virtual void Initialize(FSubsystemCollectionBase& Collection) { (void)Collection; }
	virtual void Deinitialize() {}
};

class UGameInstanceSubsystem : public USubsystem
{
};

class UGameInstance : public UObject
{
public:
	template <class T>
	T* GetSubsystem() const
	{
		for (USubsystem* Subsystem : Subsystems)
		{
			if (T* Found = dynamic_cast<T*>(Subsystem))
			{
				return Found;
			}
		}
		return nullptr;
	}
	std::vector<USubsystem*> Subsystems;
};

class UWorld : public UObject
{
public:
	UGameInstance* GetGameInstance() const { return GameInstance; }
	UGameInstance* GameInstance = nullptr;
};

enum class EGetWorldErrorMode
{
	ReturnNull,
	LogAndReturnNull,
	Assert,
};

class UEngine
{
public:
	// The stand-in has one world: every live object is in it.
	UWorld* GetWorldFromContextObject(const UObject* Object, EGetWorldErrorMode ErrorMode) const;
	UWorld* World = nullptr;
};

extern UEngine* GEngine;
extern bool GIsEditor;
bool IsRunningDedicatedServer();

class UBlueprintAsyncActionBase : public UObject
{
public:
	virtual void Activate() {}
	void RegisterWithGameInstance(const UObject* WorldContextObject) { bRegistered = WorldContextObject != nullptr; }
	virtual void SetReadyToDestroy() { bReadyToDestroy = true; }
	bool bRegistered = false;
	bool bReadyToDestroy = false;
};

class UDeveloperSettings : public UObject
{
public:
	FName CategoryName;
	FName SectionName;
};

struct FPropertyChangedEvent
{
	FName MemberPropertyName;
	FName GetMemberPropertyName() const { return MemberPropertyName; }
};

// ---- platform, application, modules ----------------------------------------

struct FPlatformMisc
{
	static FString GetEnvironmentVariable(const TCHAR* Name);
};

struct FPlatformProcess
{
	static void* GetDllHandle(const TCHAR* Path);
	static void FreeDllHandle(void* Handle);
};

struct FApp
{
	static const TCHAR* GetProjectName();
	static const TCHAR* GetBuildVersion();
};

struct FCommandLine
{
	static const TCHAR* Get();
};

struct FParse
{
	static bool Value(const TCHAR* Stream, const TCHAR* Match, FString& Value);
};

struct FPaths
{
	// The stand-in's Saved/: STANDIN_SAVED_DIR, else a folder under /tmp.
	static FString ProjectSavedDir();
	template <class... Parts>
	static FString Combine(const FString& First, const Parts&... Rest)
	{
		FString Path = First;
		((Path /= FString(Rest)), ...);
		return Path;
	}
};

class IPlugin
{
public:
	virtual ~IPlugin() = default;
	virtual const FString& GetBaseDir() const = 0;
};

class IPluginManager
{
public:
	static IPluginManager& Get();
	TSharedPtr<IPlugin> FindPlugin(const TCHAR* Name);
	FString StandInBaseDir;
};

class IModuleInterface
{
public:
	virtual ~IModuleInterface() = default;
	virtual void StartupModule() {}
	virtual void ShutdownModule() {}
};

#define IMPLEMENT_MODULE(ModuleClass, ModuleName) \
	IModuleInterface* InitializeModule##ModuleName() { return new ModuleClass(); }
