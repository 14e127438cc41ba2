// The SDK's results as Blueprint types. Times are UTC; an absent time is FDateTime's zero.
#pragma once

#include "CoreMinimal.h"
#include "KGenTypes.generated.h"

// kgen::Status for Blueprints (a switch node); FKGenError::StatusCode keeps the number.
UENUM(BlueprintType)
enum class EKGenStatus : uint8
{
	Ok,
	NullArgument,
	InvalidArgument,
	InvalidHandle UMETA(ToolTip = "A destroyed or foreign handle, or no KGen client in this game instance"),
	WrongClient,
	BufferTooSmall,
	Reentrant,
	ShuttingDown,
	IncompatibleVersion,
	UnknownRequest,
	Transport UMETA(ToolTip = "No answer: the network, TLS or the connection failed"),
	Timeout,
	Cancelled,
	OutcomeUnknown UMETA(ToolTip = "A write whose answer was lost, and that neither a repeat under its Idempotency-Key nor a read of the state it changes could settle: it may or may not have been applied"),
	Http UMETA(ToolTip = "The service answered with an error: see HttpStatus and ApiErrorCode"),
	Decode,
	SessionExpired,
	OutboxFull UMETA(ToolTip = "The outbox is full: nothing was queued"),
	OutboxLocked UMETA(ToolTip = "Another client or process owns the outbox directory"),
	OutboxStorage UMETA(ToolTip = "The outbox could not be written or read back whole"),
	OutboxExpired UMETA(ToolTip = "An outbox entry outlived its maximum age undelivered"),
	Internal,
	Other UMETA(ToolTip = "A status this plugin version does not name: see StatusCode"),
};

// kgen::TournamentStatus for Blueprints; FKGenTournament::StatusText keeps the text as sent.
UENUM(BlueprintType)
enum class EKGenTournamentStatus : uint8
{
	Other UMETA(ToolTip = "A state this plugin version does not name: see StatusText"),
	Scheduled,
	Lobby,
	Started,
	Locked,
	Completed,
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenError
{
	GENERATED_BODY()

	UPROPERTY(BlueprintReadOnly, Category = "KGen")
	EKGenStatus Status = EKGenStatus::Ok;

	// The kgen_status value (see kgen.h): 300 HTTP error, 201 timeout, 202 cancelled, ...
	UPROPERTY(BlueprintReadOnly, Category = "KGen")
	int32 StatusCode = 0;

	UPROPERTY(BlueprintReadOnly, Category = "KGen")
	int32 HttpStatus = 0;

	// The API's error code as sent, e.g. "TOURNAMENT_IS_FULL"; empty when none.
	// Codes kgen.h's kgen_api_error marks sandbox-defined (INSUFFICIENT_FUNDS,
	// INVALID_OTP, IDEMPOTENCY_KEY_IN_USE, ...) are the sandbox's answers where the
	// platform's published docs name no code: production may never send them, so
	// treat them as failures like any other and build no game logic that needs them.
	UPROPERTY(BlueprintReadOnly, Category = "KGen")
	FString ApiErrorCode;

	UPROPERTY(BlueprintReadOnly, Category = "KGen")
	FString Message;

	// The call's x-request-id. The sandbox echoes and logs it; the platform's docs do
	// not mention the header (sandbox-defined).
	UPROPERTY(BlueprintReadOnly, Category = "KGen")
	FString RequestId;

	UPROPERTY(BlueprintReadOnly, Category = "KGen")
	float RetryAfterSeconds = 0.f;

	// All of the above in one line, for a log or a support ticket.
	UPROPERTY(BlueprintReadOnly, Category = "KGen")
	FString Summary;
};

// How an outbox entry ended, or why it waits.
UENUM(BlueprintType)
enum class EKGenOutboxOutcome : uint8
{
	Delivered,
	Rejected UMETA(ToolTip = "The platform refused it for good: see Error"),
	Expired UMETA(ToolTip = "It outlived the outbox's maximum age undelivered"),
	WaitingForSession UMETA(ToolTip = "Client flow: restore a session of UserId to deliver"),
	Damaged UMETA(ToolTip = "The outbox's journal did not read back whole: entries were lost (see Error)"),
};

// The calls an outbox can deliver later.
UENUM(BlueprintType)
enum class EKGenOutboxCall : uint8
{
	SubmitScore UMETA(ToolTip = "Value: the score"),
	JoinTournament UMETA(ToolTip = "Value: the joining stake"),
	LeaveTournament,
	Withdraw,
	ClaimRewards,
};

// An outbox event (UKGenSubsystem::OnOutboxEvent), raised once each on the game thread.
USTRUCT(BlueprintType)
struct KGEN_API FKGenOutboxEvent
{
	GENERATED_BODY()

	// As Enqueue Outbox returned it; 0 when not about one entry.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") int64 EntryId = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") EKGenOutboxOutcome Outcome = EKGenOutboxOutcome::Delivered;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") EKGenOutboxCall Call = EKGenOutboxCall::SubmitScore;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString UserId;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString TournamentUid;
	// The score or the joining stake.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") int64 Value = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FDateTime CreatedAt;
	// The platform's confirmation when delivered.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Message;
	// Why, unless delivered (Status Ok when delivered).
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FKGenError Error;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenSessionInfo
{
	GENERATED_BODY()

	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString UserId;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString SessionId;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString NamespacedUserId;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString WalletAddress;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString LinkedPhone;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") bool bIsNewUser = false;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FDateTime ExpiresAt;
	// The player profile as the server echoed it ("" when not echoed).
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Name;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Username;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Email;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString DeviceId;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString PhoneNumber;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString DateJoined;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString PlayerTag;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Location;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString LocationName;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString DeviceModel;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString ScreenHeight;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString ScreenWidth;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString OsName;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString OsVersion;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString BrowserName;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString FbLogin;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString GoogleLogin;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString AppVersion;
	// Level and rank as echoed; read them only when bHasLevel / bHasRank (0 is a real value).
	UPROPERTY(BlueprintReadOnly, Category = "KGen") int64 Level = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") bool bHasLevel = false;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") int64 Rank = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") bool bHasRank = false;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenTournament
{
	GENERATED_BODY()

	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString TournamentUid;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString GameUid;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") EKGenTournamentStatus Status = EKGenTournamentStatus::Other;
	// As sent: SCHEDULED, LOBBY, STARTED, LOCKED, COMPLETED, or a state this version does not name.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString StatusText;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Title;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Description;
	// Pass it as the stake to Join Tournament.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") int64 BuyInPrice = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") int64 TournamentSize = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") int64 ParticipantsCount = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FDateTime StartsAt;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FDateTime LocksAt;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FDateTime EndsAt;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenLeaderboardEntry
{
	GENERATED_BODY()

	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString UserId;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") int64 Score = 0;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenWinner
{
	GENERATED_BODY()

	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString UserId;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") double Reward = 0;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenLeaderboard
{
	GENERATED_BODY()

	// Best score first.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") TArray<FKGenLeaderboardEntry> Entries;
	// Once the tournament completed.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") TArray<FKGenWinner> Winners;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") double PrizePool = 0;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenBalance
{
	GENERATED_BODY()

	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString WalletAddress;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") double EarnedBalance = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") double BoughtBalance = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") double BonusBalance = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") double OnChainBalance = 0;
	// The smallest earned balance that can be withdrawn.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") double MinWithdrawal = 0;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenTransaction
{
	GENERATED_BODY()

	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Uid;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") double Amount = 0;
	// "CREDIT" or "DEBIT".
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Direction;
	// e.g. "JOIN".
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Kind;
	// e.g. "Tournament fee deduct".
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Description;
	// "COMPLETED", "PENDING", ...
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString SyncStatus;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FDateTime CreatedAt;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenTransactionPage
{
	GENERATED_BODY()

	UPROPERTY(BlueprintReadOnly, Category = "KGen") TArray<FKGenTransaction> Transactions;
	// Pass to Wallet Transactions for the next page; empty on the last page.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString NextPageKey;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenOtpRegistration
{
	GENERATED_BODY()

	// Pass it to Verify OTP with the code the player received.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString AuthCode;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") bool bIsNewUser = false;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenReward
{
	GENERATED_BODY()

	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString TournamentId;
	// "UNCLAIMED" or "CLAIMED_SUCCESSFULLY".
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString ClaimStatus;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") double Reward = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FDateTime CreatedAt;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenClaimableRewards
{
	GENERATED_BODY()

	UPROPERTY(BlueprintReadOnly, Category = "KGen") double Total = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") TArray<FKGenReward> Rewards;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenHistoricStat
{
	GENERATED_BODY()

	// "Won" or "You Lost".
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Result;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString OccurredAt;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Mode;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") double BuyInStake = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") double AmountWon = 0;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenLoginResult
{
	GENERATED_BODY()

	// Finish with Account Login OTP.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") bool bRequiresOtp = false;
	// When the two-factor window closes; unset (zero) without 2FA. Not the session's lifetime.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FDateTime ExpiresAt;
};

USTRUCT(BlueprintType)
struct KGEN_API FKGenAccountUser
{
	GENERATED_BODY()

	UPROPERTY(BlueprintReadOnly, Category = "KGen") int64 UserId = 0;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString UserName;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString Email;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString FirstName;
	UPROPERTY(BlueprintReadOnly, Category = "KGen") FString LastName;
	// 0 guest, 10 regular user, 20 game-hosting management.
	UPROPERTY(BlueprintReadOnly, Category = "KGen") int64 AccessLevel = 0;
};
