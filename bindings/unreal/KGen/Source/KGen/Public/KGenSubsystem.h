#pragma once

#include "CoreMinimal.h"
#include "Containers/Ticker.h"
#include "KGenSdk.h"
#include "KGenTypes.h"
#include "Subsystems/GameInstanceSubsystem.h"
#include "KGenSubsystem.generated.h"

class UKGenSession;

DECLARE_DYNAMIC_MULTICAST_DELEGATE_OneParam(FOnKGenSessionExpired, UKGenSession*, Session);
DECLARE_DYNAMIC_MULTICAST_DELEGATE_OneParam(FOnKGenOutboxEvent, const FKGenOutboxEvent&, Event);

// Owns the game instance's kgen client in manual dispatch and delivers its
// completions on the game thread, from a ticker, never while the garbage
// collector runs or objects load. Blueprint nodes: KGenAsyncActions.h.
UCLASS()
class KGEN_API UKGenSubsystem : public UGameInstanceSubsystem
{
	GENERATED_BODY()

public:
	virtual bool ShouldCreateSubsystem(UObject* Outer) const override;
	virtual void Initialize(FSubsystemCollectionBase& Collection) override;
	virtual void Deinitialize() override;

	static UKGenSubsystem* Get(const UObject* WorldContextObject);

	// The client; nullptr when the library is missing, the options were refused,
	// or after shutdown.
	kgen::Client* GetClient() { return Client ? &Client : nullptr; }

	// Client flow: the session of the access token the game's server handed out
	// (no network traffic, no client secret). nullptr and Error on failure.
	UFUNCTION(BlueprintCallable, Category = "KGen|Session", meta = (AutoCreateRefTerm = "RefreshToken"))
	UKGenSession* RestoreSession(const FString& AccessToken, const FString& RefreshToken, FKGenError& Error);

	// The session restored from -KGenAccessToken=... (see UKGenSettings), if any.
	UPROPERTY(BlueprintReadOnly, Category = "KGen|Session")
	TObjectPtr<UKGenSession> LaunchSession;

	// Client flow: a session's token nears expiry or was refused; get a new token
	// from the game's server and call UpdateTokens on the session.
	UPROPERTY(BlueprintAssignable, Category = "KGen|Session")
	FOnKGenSessionExpired OnSessionExpired;

	// The outbox (Project Settings: Use Outbox): how each queued write ended,
	// once each, on the game thread.
	UPROPERTY(BlueprintAssignable, Category = "KGen|Outbox")
	FOnKGenOutboxEvent OnOutboxEvent;

	// Queues a write for Session's player on disk; its entry id (0 and Error on
	// failure: Outbox Full, no outbox). Delivered in order per player, across restarts.
	UFUNCTION(BlueprintCallable, Category = "KGen|Outbox", meta = (AutoCreateRefTerm = "TournamentUid"))
	int64 EnqueueOutbox(UKGenSession* Session, EKGenOutboxCall Call, const FString& TournamentUid, int64 Value, FKGenError& Error);

	// Entries waiting to be delivered (-1 without an outbox).
	UFUNCTION(BlueprintCallable, Category = "KGen|Outbox")
	int32 GetOutboxPending();

	// Destroys the client now: requests in flight complete on this thread (as
	// cancelled) before it returns. Inside a KGen callback it happens on the next tick.
	UFUNCTION(BlueprintCallable, Category = "KGen")
	void ShutdownClient();

	UKGenSession* AdoptSession(kgen::Session&& Session);

	// The game instance is ending (Deinitialize): its Blueprint graphs are being
	// torn down, so nodes complete silently instead of firing into them.
	bool IsTearingDown() const { return bTearingDown; }

private:
	bool Tick(float DeltaTime);
	void HandleSessionExpired(const kgen::SessionExpired& Notice);

	kgen::Client Client;
	bool bShutdownPending = false;
	bool bTearingDown = false;
	FTSTicker::FDelegateHandle TickHandle;
	TMap<kgen_session*, TWeakObjectPtr<UKGenSession>> Sessions;
};
