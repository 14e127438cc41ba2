#include "KGenSubsystem.h"

#include "Engine/Engine.h"
#include "Engine/GameInstance.h"
#include "Engine/World.h"
#include "GenericPlatform/GenericPlatformMisc.h"
#include "KGenConversions.h"
#include "KGenModule.h"
#include "KGenSession.h"
#include "KGenSettings.h"
#include "Misc/App.h"
#include "Misc/CommandLine.h"
#include "Misc/Paths.h"
#include "Misc/Parse.h"
#include "Stats/Stats.h"
#include "UObject/UObjectGlobals.h"
#include "UObject/UObjectThreadContext.h"

namespace
{
kgen::ClientOptions OptionsFromSettings(const UKGenSettings& Settings)
{
	kgen::ClientOptions Options;
	Options.base_url = KGen::ToStd(Settings.BaseUrl);
	Options.account_base_url = KGen::ToStd(Settings.AccountBaseUrl);
	Options.connect_timeout = std::chrono::milliseconds(FMath::Max(0, Settings.ConnectTimeoutMs));
	Options.request_timeout = std::chrono::milliseconds(FMath::Max(0, Settings.RequestTimeoutMs));
	Options.attempt_timeout = std::chrono::milliseconds(FMath::Max(0, Settings.AttemptTimeoutMs));
	Options.retry_max_attempts = static_cast<uint32>(FMath::Max(0, Settings.RetryMaxAttempts));
	Options.renew_before = std::chrono::seconds(FMath::Max(0, Settings.ExpiryNoticeSecs));
	Options.allow_insecure_http = Settings.bAllowInsecureHttp;
	Options.user_agent_suffix = KGen::ToStd(FString(FApp::GetProjectName()) + TEXT("/") + FApp::GetBuildVersion());
	Options.dispatch = kgen::Dispatch::Manual;
	if (Settings.bUseOutbox)
	{
		// Saved/ survives updates of the game and is per user on desktop platforms.
		Options.outbox_path = KGen::ToStd(FPaths::Combine(FPaths::ProjectSavedDir(), TEXT("KGenOutbox")));
		Options.outbox_max_entries = static_cast<uint32>(FMath::Max(0, Settings.OutboxMaxEntries));
		Options.outbox_max_age = std::chrono::seconds(FMath::Max(0, Settings.OutboxMaxAgeSecs));
	}
	// Server credentials only where a secret may live: dedicated servers and the
	// editor, never a game client. The secret comes from the environment, not an .ini.
	if ((IsRunningDedicatedServer() || GIsEditor) && !Settings.ClientId.IsEmpty())
	{
		Options.client_id = KGen::ToStd(Settings.ClientId);
		Options.client_secret = KGen::ToStd(FPlatformMisc::GetEnvironmentVariable(*Settings.ClientSecretEnvironmentVariable));
	}
	return Options;
}
}

bool UKGenSubsystem::ShouldCreateSubsystem(UObject* Outer) const
{
	return FKGenModule::IsLibraryLoaded() && Super::ShouldCreateSubsystem(Outer);
}

void UKGenSubsystem::Initialize(FSubsystemCollectionBase& Collection)
{
	Super::Initialize(Collection);
	bTearingDown = false;
	const UKGenSettings* Settings = GetDefault<UKGenSettings>();
	kgen::ClientOptions Options = OptionsFromSettings(*Settings);
	TWeakObjectPtr<UKGenSubsystem> WeakThis(this);
	Options.on_session_expired = [WeakThis](const kgen::SessionExpired& Notice)
	{
		if (UKGenSubsystem* This = WeakThis.Get())
		{
			This->HandleSessionExpired(Notice);
		}
	};
	Options.on_outbox_event = [WeakThis](const kgen::OutboxEvent& Event)
	{
		UKGenSubsystem* This = WeakThis.Get();
		if (This != nullptr && !This->bTearingDown)
		{
			This->OnOutboxEvent.Broadcast(KGen::ToUnreal(Event));
		}
	};
	kgen::Result<kgen::Client> Created = kgen::Client::create(Options);
	if (!Created)
	{
		UE_LOG(LogKGen, Error, TEXT("No KGen client: %s"), *KGen::ToFString(Created.error().describe()));
		return;
	}
	Client = std::move(Created).value();
	TickHandle = FTSTicker::GetCoreTicker().AddTicker(FTickerDelegate::CreateUObject(this, &UKGenSubsystem::Tick));

	FString Token;
	if (Settings->bRestoreSessionFromCommandLine && FParse::Value(FCommandLine::Get(), TEXT("KGenAccessToken="), Token))
	{
		FKGenError Error;
		LaunchSession = RestoreSession(Token, FString(), Error);
		if (LaunchSession == nullptr)
		{
			UE_LOG(LogKGen, Error, TEXT("The -KGenAccessToken session was not restored: %s"), *Error.Summary);
		}
	}
}

void UKGenSubsystem::Deinitialize()
{
	// The game instance ends (quitting, or ending PIE; a map change keeps it):
	// requests in flight complete now, as cancelled, on the game thread. The
	// module stays loaded for the next PIE session. Nodes still waiting are not
	// told: their graphs go with the game instance.
	bTearingDown = true;
	ShutdownClient();
	Super::Deinitialize();
}

UKGenSubsystem* UKGenSubsystem::Get(const UObject* WorldContextObject)
{
	const UWorld* World = GEngine != nullptr && WorldContextObject != nullptr
		? GEngine->GetWorldFromContextObject(WorldContextObject, EGetWorldErrorMode::LogAndReturnNull)
		: nullptr;
	const UGameInstance* GameInstance = World != nullptr ? World->GetGameInstance() : nullptr;
	return GameInstance != nullptr ? GameInstance->GetSubsystem<UKGenSubsystem>() : nullptr;
}

bool UKGenSubsystem::Tick(float /*DeltaTime*/)
{
	QUICK_SCOPE_CYCLE_COUNTER(STAT_KGenPoll);
	// Completions create and touch UObjects: never while the garbage collector
	// runs or objects are being loaded. They wait in the SDK's queue meanwhile.
	if (IsGarbageCollecting() || FUObjectThreadContext::Get().IsRoutingPostLoad)
	{
		return true;
	}
	if (bShutdownPending)
	{
		ShutdownClient();
		return true;
	}
	if (Client)
	{
		const int32 MaxEvents = FMath::Max(1, GetDefault<UKGenSettings>()->MaxEventsPerTick);
		Client.poll(static_cast<uint32>(MaxEvents));
	}
	return true;
}

void UKGenSubsystem::ShutdownClient()
{
	if (Client)
	{
		const kgen::Result<void> Shut = Client.shutdown();
		if (!Shut && Shut.error().is(kgen::Status::Reentrant))
		{
			bShutdownPending = true; // called from a KGen callback: finish on the next tick
			return;
		}
	}
	bShutdownPending = false;
	if (TickHandle.IsValid())
	{
		FTSTicker::GetCoreTicker().RemoveTicker(TickHandle);
		TickHandle.Reset();
	}
	// The session handles went with the client.
	for (const TPair<kgen_session*, TWeakObjectPtr<UKGenSession>>& Entry : Sessions)
	{
		if (UKGenSession* Session = Entry.Value.Get())
		{
			Session->Forget();
		}
	}
	Sessions.Empty();
}

UKGenSession* UKGenSubsystem::RestoreSession(const FString& AccessToken, const FString& RefreshToken, FKGenError& Error)
{
	if (!Client)
	{
		Error = KGen::ToUnreal(KGen::Unavailable("the KGen client is not available"));
		return nullptr;
	}
	kgen::Result<kgen::Session> Restored = Client.session_restore(KGen::ToStd(AccessToken), KGen::ToStd(RefreshToken));
	if (!Restored)
	{
		Error = KGen::ToUnreal(Restored.error());
		return nullptr;
	}
	Error = FKGenError();
	return AdoptSession(std::move(Restored).value());
}

int64 UKGenSubsystem::EnqueueOutbox(UKGenSession* Session, EKGenOutboxCall Call, const FString& TournamentUid, int64 Value, FKGenError& Error)
{
	if (!Client || Session == nullptr)
	{
		Error = KGen::ToUnreal(KGen::Unavailable(!Client ? "the KGen client is not available" : "no session"));
		return 0;
	}
	const kgen::Result<std::uint64_t> Queued = Client.outbox_enqueue(Session->Get(), KGen::ToKgen(Call), KGen::ToStd(TournamentUid), Value);
	Error = Queued ? FKGenError() : KGen::ToUnreal(Queued.error());
	return Queued ? static_cast<int64>(*Queued) : 0;
}

int32 UKGenSubsystem::GetOutboxPending()
{
	const kgen::Result<kgen::OutboxStatus> Status = Client ? Client.outbox_status() : kgen::Result<kgen::OutboxStatus>(KGen::Unavailable("no client"));
	return Status ? static_cast<int32>(Status->pending) : -1;
}

UKGenSession* UKGenSubsystem::AdoptSession(kgen::Session&& Session)
{
	// Sessions nobody referenced any more were collected (and their handles
	// destroyed): forget them, so a server creating one per player keeps a map
	// the size of its live sessions.
	for (auto It = Sessions.CreateIterator(); It; ++It)
	{
		if (!It.Value().IsValid())
		{
			It.RemoveCurrent();
		}
	}
	UKGenSession* Object = NewObject<UKGenSession>(this);
	Object->Adopt(std::move(Session));
	Sessions.Add(Object->Get().handle(), Object);
	return Object;
}

void UKGenSubsystem::HandleSessionExpired(const kgen::SessionExpired& Notice)
{
	UE_LOG(LogKGen, Warning, TEXT("Session of player %s expired: %s"), *KGen::ToFString(Notice.user_id), *KGen::ToFString(Notice.reason.describe()));
	if (const TWeakObjectPtr<UKGenSession>* Session = Sessions.Find(Notice.session))
	{
		if (Session->IsValid())
		{
			OnSessionExpired.Broadcast(Session->Get());
		}
	}
}
