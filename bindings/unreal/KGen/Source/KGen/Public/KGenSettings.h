#pragma once

#include "CoreMinimal.h"
#include "Engine/DeveloperSettings.h"
#include "KGenSettings.generated.h"

UENUM()
enum class EKGenLogLevel : uint8
{
	Off = 0,
	Error = 1,
	Warning = 2,
	Info = 3,
	Debug = 4 UMETA(ToolTip = "One line per HTTP attempt"),
	Trace = 5,
};

// Project Settings > Plugins > KGeN ESports (saved in DefaultGame.ini, which ships with the game).
UCLASS(Config = Game, DefaultConfig, meta = (DisplayName = "KGeN ESports"))
class KGEN_API UKGenSettings : public UDeveloperSettings
{
	GENERATED_BODY()

public:
	UKGenSettings();

#if WITH_EDITOR
	// A new log level applies at once; the other settings apply to the next game instance (next PIE session).
	virtual void PostEditChangeProperty(FPropertyChangedEvent& PropertyChangedEvent) override;
#endif

	// KGeN ESports Protocol API; empty: production.
	UPROPERTY(Config, EditAnywhere, Category = "Connection")
	FString BaseUrl;

	// The /v3 account-session API; empty: https://api.i3d.net (never BaseUrl, so the
	// API key and account passwords do not go to a KGeN host). Set it for a local sandbox.
	UPROPERTY(Config, EditAnywhere, Category = "Connection")
	FString AccountBaseUrl;

	// 0: the SDK's default (10 s).
	UPROPERTY(Config, EditAnywhere, Category = "Connection", meta = (ClampMin = "0", Units = "ms"))
	int32 ConnectTimeoutMs = 0;

	// Deadline of one call including retries; 0: the SDK's default (30 s).
	UPROPERTY(Config, EditAnywhere, Category = "Connection", meta = (ClampMin = "0", Units = "ms"))
	int32 RequestTimeoutMs = 0;

	// Limit of one attempt; a stalled read is retried within the deadline. 0: the SDK's default (15 s).
	UPROPERTY(Config, EditAnywhere, Category = "Connection", meta = (ClampMin = "0", Units = "ms"))
	int32 AttemptTimeoutMs = 0;

	// Attempts per call including the first; 0: the SDK's default (4).
	UPROPERTY(Config, EditAnywhere, Category = "Connection", meta = (ClampMin = "0"))
	int32 RetryMaxAttempts = 0;

	// Plain http:// to hosts other than this machine. Development only.
	UPROPERTY(Config, EditAnywhere, Category = "Connection")
	bool bAllowInsecureHttp = false;

	// Completions delivered per game-thread tick at most.
	UPROPERTY(Config, EditAnywhere, Category = "Dispatch", meta = (ClampMin = "1"))
	int32 MaxEventsPerTick = 64;

	UPROPERTY(Config, EditAnywhere, Category = "Logging")
	EKGenLogLevel LogLevel = EKGenLogLevel::Warning;

	// Client flow (game clients): the game's server hands the player's access
	// token to the game. With this on, a token passed as -KGenAccessToken=...
	// on the command line (by a launcher) is restored at startup.
	UPROPERTY(Config, EditAnywhere, Category = "Client Flow")
	bool bRestoreSessionFromCommandLine = false;

	// Client flow: OnSessionExpired fires this long before the token expires,
	// so the game can fetch a new one in time; 0: the SDK's default (300 s).
	UPROPERTY(Config, EditAnywhere, Category = "Client Flow", meta = (ClampMin = "0", Units = "s"))
	int32 ExpiryNoticeSecs = 0;

	// Keep scores (and writes queued with Enqueue Outbox) on disk until delivered,
	// across offline periods, crashes and restarts: in Saved/KGenOutbox. With it,
	// Submit Score always goes through the outbox; OnOutboxEvent reports each end.
	UPROPERTY(Config, EditAnywhere, Category = "Outbox")
	bool bUseOutbox = false;

	// Entries kept at most; 0: the SDK's default (10,000).
	UPROPERTY(Config, EditAnywhere, Category = "Outbox", meta = (ClampMin = "0", EditCondition = "bUseOutbox"))
	int32 OutboxMaxEntries = 0;

	// An entry undelivered this long after it was made ends as expired; 0: the SDK's default (24 h).
	UPROPERTY(Config, EditAnywhere, Category = "Outbox", meta = (ClampMin = "0", Units = "s", EditCondition = "bUseOutbox"))
	int32 OutboxMaxAgeSecs = 0;

	// Server flow (dedicated servers and the editor only): the client id KGeN issued.
	UPROPERTY(Config, EditAnywhere, Category = "Server Flow")
	FString ClientId;

	// NEVER put a client secret in a shipped game client, nor in this file (it
	// ships with the game). Dedicated servers read the secret from this
	// environment variable at startup; game clients never read it.
	UPROPERTY(Config, EditAnywhere, Category = "Server Flow")
	FString ClientSecretEnvironmentVariable = TEXT("KGEN_CLIENT_SECRET");
};
