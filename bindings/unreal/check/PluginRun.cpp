// The KGen plugin's runtime behaviour, on the stand-in engine (UnrealStandIn.h)
// against the real libkgen.so staged in the plugin and a sandbox:
//
//   PluginRun STAGED_PLUGIN_DIR      (KGEN_BASE_URL, KGEN_CLIENT_ID, KGEN_CLIENT_SECRET set)
//
// Each case is a game instance the way the engine makes one per PIE session:
// the module loads the library from the plugin's directory, the subsystem owns
// a client in manual dispatch and pumps it from the core ticker, and Blueprint
// nodes are activated and observed through their pins.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>

#include "KGenAsyncActions.h"
#include "KGenModule.h"
#include "KGenSession.h"
#include "KGenSettings.h"
#include "KGenSubsystem.h"
#include "StandInTest.h"

IModuleInterface* InitializeModuleKGen();

namespace
{
int Failures = 0;
#define CHECK(Condition) \
	do \
	{ \
		if (!(Condition)) \
		{ \
			std::printf("  FAILED %s:%d: %s\n", __FILE__, __LINE__, #Condition); \
			++Failures; \
		} \
	} while (false)

bool bInTick = false;
const std::thread::id GameThread = std::this_thread::get_id();

// One engine frame: the core ticker, which pumps the subsystem's client.
void Tick()
{
	bInTick = true;
	FTSTicker::GetCoreTicker().Tick(1.f / 60.f);
	bInTick = false;
}

bool TickUntil(const std::function<bool()>& Done)
{
	const auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
	while (!Done())
	{
		if (std::chrono::steady_clock::now() > Deadline)
		{
			return false;
		}
		Tick();
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	}
	return true;
}

std::string Utf8(const FString& Text)
{
	return FTCHARToUTF8(*Text).Get();
}

// A game instance with its KGen subsystem, as the engine creates one when play starts.
struct FGame
{
	UGameInstance* Instance = NewObject<UGameInstance>();
	UWorld* World = NewObject<UWorld>();
	UKGenSubsystem* Subsystem = nullptr;

	FGame()
	{
		World->GameInstance = Instance;
		GEngine->World = World;
		UKGenSubsystem* Candidate = NewObject<UKGenSubsystem>(Instance);
		if (!Candidate->ShouldCreateSubsystem(Instance))
		{
			StandIn::Collect(Candidate);
			return;
		}
		FSubsystemCollectionBase Collection;
		Candidate->Initialize(Collection);
		Instance->Subsystems.push_back(Candidate);
		Subsystem = Candidate;
	}

	// Play stops: the engine deinitializes the subsystems, then collects the objects.
	void End()
	{
		if (Subsystem != nullptr)
		{
			Subsystem->Deinitialize();
			StandIn::Collect(Subsystem);
			Subsystem = nullptr;
		}
		Instance->Subsystems.clear();
	}
};

// What a node's pins did.
template <class TValue>
struct FPins
{
	int Successes = 0;
	int Failures = 0;
	bool bOnGameThreadInTick = true;
	TValue Value{};
	FKGenError Error;

	template <class TAction>
	TAction* Bind(TAction* Action)
	{
		Action->OnSuccess.AddLambda([this](TValue InValue, const FKGenError&) { Record(true); Value = InValue; });
		Action->OnFailure.AddLambda([this](TValue, const FKGenError& InError) { Record(false); Error = InError; });
		return Action;
	}
	void Record(bool bSuccess)
	{
		++(bSuccess ? Successes : Failures);
		bOnGameThreadInTick = bOnGameThreadInTick && bInTick && std::this_thread::get_id() == GameThread;
	}
	int Fired() const { return Successes + Failures; }
};

UKGenSession* CreateSession(FGame& Game, const TCHAR* UserId)
{
	FPins<UKGenSession*> Pins;
	Pins.Bind(UKGenCreateSessionAction::CreateSession(Game.World, FString(UserId)))->Activate();
	CHECK(TickUntil([&] { return Pins.Fired() > 0; }));
	CHECK(Pins.Successes == 1 && Pins.Value != nullptr);
	if (Pins.Failures > 0)
	{
		std::printf("  create session: %s\n", Utf8(Pins.Error.Summary).c_str());
	}
	return Pins.Value;
}

void NodesCompleteOnTheGameThreadInsideATick()
{
	FGame Game;
	CHECK(Game.Subsystem != nullptr && Game.Subsystem->GetClient() != nullptr);
	UKGenSession* Session = CreateSession(Game, TEXT("unreal-standin-player"));
	CHECK(Session != nullptr && Utf8(Session->Info.UserId) == "unreal-standin-player");

	FPins<TArray<FKGenTournament>> Pins;
	Pins.Bind(UKGenTournamentListAction::ActiveTournaments(Game.World, Session))->Activate();
	CHECK(Pins.Fired() == 0); // nothing completes inside Activate
	CHECK(TickUntil([&] { return Pins.Fired() > 0; }));
	CHECK(Pins.Successes == 1 && Pins.bOnGameThreadInTick);
	CHECK(Pins.Value.Num() > 0);
	bool bSawStarted = false;
	for (const FKGenTournament& Tournament : Pins.Value)
	{
		// The UENUM and the text as sent agree.
		const std::string Text = Utf8(Tournament.StatusText);
		const bool bStarted = Tournament.Status == EKGenTournamentStatus::Started;
		CHECK(bStarted == (Text == "STARTED"));
		CHECK((Tournament.Status == EKGenTournamentStatus::Other) == (Text != "SCHEDULED" && Text != "LOBBY" && Text != "STARTED" && Text != "LOCKED" && Text != "COMPLETED"));
		bSawStarted = bSawStarted || bStarted;
	}
	CHECK(bSawStarted);
	Game.End();
}

void ARefusedStartFailsOnTheNextTickNotInsideActivate()
{
	FGame Game;
	UKGenSession* Session = CreateSession(Game, TEXT("unreal-standin-refused"));

	FPins<FKGenTournament> BadUid;
	UKGenTournamentAction* Node = BadUid.Bind(UKGenTournamentAction::GetTournament(Game.World, Session, TEXT("..")));
	Node->Activate();
	CHECK(BadUid.Fired() == 0 && !Node->bReadyToDestroy);
	Tick();
	CHECK(BadUid.Failures == 1 && BadUid.Successes == 0 && BadUid.bOnGameThreadInTick);
	CHECK(BadUid.Error.Status == EKGenStatus::InvalidArgument);
	CHECK(BadUid.Error.StatusCode == KGEN_ERR_INVALID_ARGUMENT);
	CHECK(!BadUid.Error.Summary.IsEmpty());
	CHECK(Node->bReadyToDestroy);

	FPins<FString> NoSession;
	NoSession.Bind(UKGenMessageAction::JoinTournament(Game.World, nullptr, TEXT("t"), 0))->Activate();
	CHECK(NoSession.Fired() == 0);
	Tick();
	CHECK(NoSession.Failures == 1 && NoSession.Error.Status == EKGenStatus::InvalidHandle);
	Tick();
	CHECK(NoSession.Fired() == 1); // once
	Game.End();
}

void AnApiErrorReachesTheFailurePinWithItsCode()
{
	FGame Game;
	UKGenSession* Session = CreateSession(Game, TEXT("unreal-standin-api-error"));
	FPins<FKGenTournament> Pins;
	Pins.Bind(UKGenTournamentAction::GetTournament(Game.World, Session, TEXT("no-such-tournament")))->Activate();
	CHECK(TickUntil([&] { return Pins.Fired() > 0; }));
	CHECK(Pins.Failures == 1 && Pins.Error.Status == EKGenStatus::Http);
	CHECK(Pins.Error.HttpStatus >= 400 && !Pins.Error.ApiErrorCode.IsEmpty());
	Game.End();
}

void NodesOfAnEndingGameInstanceDoNotFire()
{
	FGame Game;
	UKGenSession* Session = CreateSession(Game, TEXT("unreal-standin-teardown"));
	FPins<FKGenLeaderboard> InFlight;
	UKGenLeaderboardAction* InFlightNode = InFlight.Bind(UKGenLeaderboardAction::GetLeaderboard(Game.World, Session, TEXT("any")));
	InFlightNode->Activate();
	FPins<FKGenTournament> Refused;
	UKGenTournamentAction* RefusedNode = Refused.Bind(UKGenTournamentAction::GetTournament(Game.World, Session, TEXT("..")));
	RefusedNode->Activate();

	Game.End(); // PIE stops with both nodes waiting
	Tick();
	Tick();
	CHECK(InFlight.Fired() == 0 && Refused.Fired() == 0);
	CHECK(InFlightNode->bReadyToDestroy && RefusedNode->bReadyToDestroy);
}

void AShutdownFromABlueprintCompletesWaitingNodesOnce()
{
	FGame Game;
	UKGenSession* Session = CreateSession(Game, TEXT("unreal-standin-shutdown"));
	FPins<FKGenBalance> Pins;
	Pins.Bind(UKGenBalanceAction::WalletBalance(Game.World, Session))->Activate();
	Game.Subsystem->ShutdownClient();
	CHECK(Pins.Fired() == 1); // delivered by the shutdown itself, on this thread
	CHECK(Pins.Successes == 1 || Pins.Error.Status == EKGenStatus::Cancelled);
	CHECK(Game.Subsystem->GetClient() == nullptr);
	Tick();
	CHECK(Pins.Fired() == 1);

	FPins<FKGenBalance> After;
	After.Bind(UKGenBalanceAction::WalletBalance(Game.World, Session))->Activate();
	Tick();
	CHECK(After.Failures == 1 && After.Error.Status == EKGenStatus::InvalidHandle);
	Game.End();
}

void ACollectedNodeIsNotTold()
{
	FGame Game;
	UKGenSession* Session = CreateSession(Game, TEXT("unreal-standin-collected"));
	FPins<FKGenBalance> Pins;
	UKGenBalanceAction* Node = Pins.Bind(UKGenBalanceAction::WalletBalance(Game.World, Session));
	Node->Activate();
	StandIn::Collect(Node);
	FPins<FKGenBalance> Witness; // a second request: when it is done, so is the first
	Witness.Bind(UKGenBalanceAction::WalletBalance(Game.World, Session))->Activate();
	CHECK(TickUntil([&] { return Witness.Fired() > 0; }));
	CHECK(Pins.Fired() == 0);
	Game.End();
}

void CompletionsWaitWhileTheGarbageCollectorRuns()
{
	FGame Game;
	UKGenSession* Session = CreateSession(Game, TEXT("unreal-standin-gc"));
	FPins<FKGenBalance> Pins;
	Pins.Bind(UKGenBalanceAction::WalletBalance(Game.World, Session))->Activate();
	StandIn::bGarbageCollecting = true;
	const auto Until = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
	while (std::chrono::steady_clock::now() < Until)
	{
		Tick();
		std::this_thread::sleep_for(std::chrono::milliseconds(5));
	}
	CHECK(Pins.Fired() == 0);
	StandIn::bGarbageCollecting = false;
	CHECK(TickUntil([&] { return Pins.Fired() > 0; }));
	CHECK(Pins.Successes == 1);
	Game.End();
}

void TheOutboxDeliversQueuedWritesAndTellsTheGameThread()
{
	GetMutableDefault<UKGenSettings>()->bUseOutbox = true;
	FGame Game;
	GetMutableDefault<UKGenSettings>()->bUseOutbox = false;
	TArray<FKGenOutboxEvent> Events;
	bool bOnGameThreadInTick = true;
	Game.Subsystem->OnOutboxEvent.AddLambda([&](const FKGenOutboxEvent& Event)
	{
		bOnGameThreadInTick = bOnGameThreadInTick && bInTick && std::this_thread::get_id() == GameThread;
		Events.Add(Event);
	});
	UKGenSession* Session = CreateSession(Game, TEXT("unreal-standin-outbox"));
	FPins<TArray<FKGenTournament>> Live;
	Live.Bind(UKGenTournamentListAction::ActiveTournaments(Game.World, Session))->Activate();
	CHECK(TickUntil([&] { return Live.Fired() > 0; }));
	FString Uid;
	int64 BuyIn = 0;
	for (const FKGenTournament& Tournament : Live.Value)
	{
		if (Tournament.Status == EKGenTournamentStatus::Started)
		{
			Uid = Tournament.TournamentUid;
			BuyIn = Tournament.BuyInPrice;
		}
	}
	CHECK(!Uid.IsEmpty());
	FKGenError Error;
	const int64 Joined = Game.Subsystem->EnqueueOutbox(Session, EKGenOutboxCall::JoinTournament, Uid, BuyIn, Error);
	CHECK(Joined > 0 && Error.Status == EKGenStatus::Ok);
	FPins<FString> Score; // with an outbox, the node's success means "queued"
	Score.Bind(UKGenMessageAction::SubmitScore(Game.World, Session, Uid, 4242))->Activate();
	CHECK(TickUntil([&] { return Score.Fired() > 0 && Events.Num() == 2; }));
	CHECK(Score.Successes == 1 && Utf8(Score.Value).find("queued") != std::string::npos);
	CHECK(Events[0].EntryId == Joined && Events[0].Call == EKGenOutboxCall::JoinTournament);
	CHECK(Events[1].Call == EKGenOutboxCall::SubmitScore && Events[1].Value == 4242);
	CHECK(Events[1].Outcome == EKGenOutboxOutcome::Delivered && Events[1].Error.Status == EKGenStatus::Ok);
	CHECK(bOnGameThreadInTick);
	CHECK(Game.Subsystem->GetOutboxPending() == 0);
	Game.End();
}

void TheSdkLogReachesLogKGen()
{
	StandIn::TakeLog();
	FKGenModule::SetLogLevel(EKGenLogLevel::Debug);
	FGame Game;
	CreateSession(Game, TEXT("unreal-standin-log"));
	Game.End();
	FKGenModule::SetLogLevel(EKGenLogLevel::Warning);
	int SdkLines = 0;
	const std::string Secret = std::getenv("KGEN_CLIENT_SECRET") != nullptr ? std::getenv("KGEN_CLIENT_SECRET") : "demo-secret";
	for (const StandIn::LogLine& Line : StandIn::TakeLog())
	{
		CHECK(std::string(Line.Category) == "LogKGen");
		CHECK(Line.Text.find(Secret) == std::string::npos);
		SdkLines += Line.Verbosity == ELogVerbosity::Verbose ? 1 : 0; // the SDK's Debug lines
	}
	CHECK(SdkLines > 0);
}

struct FCase
{
	const char* Name;
	void (*Run)();
};
}

int main(int Argc, char** Argv)
{
	if (Argc != 2 || std::getenv("KGEN_BASE_URL") == nullptr)
	{
		std::fprintf(stderr, "usage: KGEN_BASE_URL=... %s STAGED_PLUGIN_DIR\n", Argv[0]);
		return 2;
	}
	UEngine Engine;
	GEngine = &Engine;
	GIsEditor = true; // server credentials are read in the editor and on dedicated servers
	UKGenSettings* Settings = GetMutableDefault<UKGenSettings>();
	Settings->BaseUrl = FString(FUTF8ToTCHAR(std::getenv("KGEN_BASE_URL")).Get());
	Settings->AccountBaseUrl = Settings->BaseUrl;
	Settings->ClientId = FString(FUTF8ToTCHAR(std::getenv("KGEN_CLIENT_ID") != nullptr ? std::getenv("KGEN_CLIENT_ID") : "demo-client").Get());
	IPluginManager::Get().StandInBaseDir = FString(FUTF8ToTCHAR(Argv[1]).Get());

	IModuleInterface* Module = InitializeModuleKGen();
	Module->StartupModule();
	std::printf("-- the module loads the library from the staged plugin\n");
	CHECK(FKGenModule::IsLibraryLoaded());
	bool bAnnounced = false;
	for (const StandIn::LogLine& Line : StandIn::TakeLog())
	{
		bAnnounced = bAnnounced || Line.Text.find("loaded") != std::string::npos;
	}
	CHECK(bAnnounced);

	const FCase Cases[] = {
		{"nodes complete on the game thread inside a tick", NodesCompleteOnTheGameThreadInsideATick},
		{"a refused start fails on the next tick, not inside Activate", ARefusedStartFailsOnTheNextTickNotInsideActivate},
		{"an API error reaches the failure pin with its code", AnApiErrorReachesTheFailurePinWithItsCode},
		{"nodes of an ending game instance do not fire", NodesOfAnEndingGameInstanceDoNotFire},
		{"a shutdown from a Blueprint completes waiting nodes once", AShutdownFromABlueprintCompletesWaitingNodesOnce},
		{"a collected node is not told", ACollectedNodeIsNotTold},
		{"completions wait while the garbage collector runs", CompletionsWaitWhileTheGarbageCollectorRuns},
		{"the outbox delivers queued writes and tells the game thread", TheOutboxDeliversQueuedWritesAndTellsTheGameThread},
		{"the SDK log reaches LogKGen, without secrets", TheSdkLogReachesLogKGen},
	};
	for (const FCase& Case : Cases)
	{
		std::printf("-- %s\n", Case.Name);
		const int Before = Failures;
		Case.Run();
		std::printf("   %s\n", Failures == Before ? "ok" : "FAILED");
	}
	Module->ShutdownModule();
	CHECK(!FKGenModule::IsLibraryLoaded());
	delete Module;
	std::printf("%s: %d failed check(s)\n", Failures == 0 ? "ok" : "FAILED", Failures);
	return Failures == 0 ? 0 : 1;
}
