// Blueprint async nodes, one class per kind of result; each factory is one node
// with On Success / On Failure pins. Completions arrive on the game thread
// (UKGenSubsystem's ticker). A node holds its world context and session weakly:
// when they are gone, it fails instead of touching them. A node never fires inside
// Activate (a refusal arrives on the next tick, after the node's Then pin), and
// never into a game instance that is ending.
#pragma once

#include "CoreMinimal.h"
#include "Kismet/BlueprintAsyncActionBase.h"
#include "KGenSdk.h"
#include "KGenTypes.h"
#include "KGenAsyncActions.generated.h"

class UKGenSession;
class UKGenSubsystem;

UCLASS(Abstract)
class KGEN_API UKGenAsyncAction : public UBlueprintAsyncActionBase
{
	GENERATED_BODY()

public:
	virtual void Activate() override;

	// Whether the node's pins may fire: not once its game instance is ending.
	bool MayFire() const;

	// Set by the factory: starts the request on the client, or reports why not.
	TFunction<kgen::Result<kgen::RequestId>(kgen::Client&)> Start;
	TFunction<void(const FKGenError&)> Fail;
	TWeakObjectPtr<UObject> WorldContext;
	// The game instance's subsystem that started the request (set by Activate):
	// it outlives a map change, the world context may not.
	TWeakObjectPtr<UKGenSubsystem> Subsystem;

private:
	void FailOnNextTick(const kgen::Error& Error);
	bool bHadSubsystem = false;
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenSession, UKGenSession*, Session, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenCreateSessionAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenSession OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenSession OnFailure;

	// Server flow: creates or retrieves the session of player UserId (needs the client id and secret: dedicated servers).
	UFUNCTION(BlueprintCallable, Category = "KGen|Session", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenCreateSessionAction* CreateSession(UObject* WorldContextObject, const FString& UserId);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenMessage, const FString&, Message, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenMessageAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenMessage OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenMessage OnFailure;

	// Joins a tournament paying JoiningStake (its BuyInPrice); the sandbox takes the
	// bonus balance first, then bought, then earned (sandbox-defined).
	UFUNCTION(BlueprintCallable, Category = "KGen|Tournaments", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenMessageAction* JoinTournament(UObject* WorldContextObject, UKGenSession* Session, const FString& TournamentUid, int64 JoiningStake);

	// Leaves a tournament; the sandbox refunds the fee (sandbox-defined).
	UFUNCTION(BlueprintCallable, Category = "KGen|Tournaments", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenMessageAction* LeaveTournament(UObject* WorldContextObject, UKGenSession* Session, const FString& TournamentUid);

	// Submits a score (an integer >= 0; the best one counts: both sandbox-defined).
	UFUNCTION(BlueprintCallable, Category = "KGen|Tournaments", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenMessageAction* SubmitScore(UObject* WorldContextObject, UKGenSession* Session, const FString& TournamentUid, int64 Score);

	// Moves the earned balance to the player's KGeN wallet (needs a linked phone).
	UFUNCTION(BlueprintCallable, Category = "KGen|Wallet", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenMessageAction* Withdraw(UObject* WorldContextObject, UKGenSession* Session);

	// Links the phone with the code the player received.
	UFUNCTION(BlueprintCallable, Category = "KGen|Phone", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenMessageAction* VerifyOtp(UObject* WorldContextObject, UKGenSession* Session, const FString& PhoneNumber, const FString& CountryCode, const FString& AuthCode, const FString& Otp);

	// Claims every unclaimed reward into the earned balance.
	UFUNCTION(BlueprintCallable, Category = "KGen|Rewards", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenMessageAction* ClaimRewards(UObject* WorldContextObject, UKGenSession* Session);

	// Completes a two-factor account login.
	UFUNCTION(BlueprintCallable, Category = "KGen|Account", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenMessageAction* AccountLoginOtp(UObject* WorldContextObject, const FString& Otp);

	UFUNCTION(BlueprintCallable, Category = "KGen|Account", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenMessageAction* AccountLogout(UObject* WorldContextObject);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenTournaments, const TArray<FKGenTournament>&, Tournaments, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenTournamentListAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenTournaments OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenTournaments OnFailure;

	// Lists the live tournaments.
	UFUNCTION(BlueprintCallable, Category = "KGen|Tournaments", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenTournamentListAction* ActiveTournaments(UObject* WorldContextObject, UKGenSession* Session);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenTournament, const FKGenTournament&, Tournament, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenTournamentAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenTournament OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenTournament OnFailure;

	UFUNCTION(BlueprintCallable, Category = "KGen|Tournaments", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenTournamentAction* GetTournament(UObject* WorldContextObject, UKGenSession* Session, const FString& TournamentUid);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenTournamentUids, const TArray<FString>&, TournamentUids, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenParticipatedAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenTournamentUids OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenTournamentUids OnFailure;

	// The uids of the tournaments the player joined.
	UFUNCTION(BlueprintCallable, Category = "KGen|Tournaments", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenParticipatedAction* ParticipatedTournaments(UObject* WorldContextObject, UKGenSession* Session);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenLeaderboard, const FKGenLeaderboard&, Leaderboard, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenLeaderboardAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenLeaderboard OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenLeaderboard OnFailure;

	UFUNCTION(BlueprintCallable, Category = "KGen|Tournaments", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenLeaderboardAction* GetLeaderboard(UObject* WorldContextObject, UKGenSession* Session, const FString& TournamentUid);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenBalance, const FKGenBalance&, Balance, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenBalanceAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenBalance OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenBalance OnFailure;

	UFUNCTION(BlueprintCallable, Category = "KGen|Wallet", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenBalanceAction* WalletBalance(UObject* WorldContextObject, UKGenSession* Session);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenTransactions, const FKGenTransactionPage&, Page, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenTransactionsAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenTransactions OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenTransactions OnFailure;

	// One page of transactions: PageKey empty for the first, then the previous page's NextPageKey.
	UFUNCTION(BlueprintCallable, Category = "KGen|Wallet", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject", AutoCreateRefTerm = "PageKey"))
	static UKGenTransactionsAction* WalletTransactions(UObject* WorldContextObject, UKGenSession* Session, const FString& PageKey);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenOtpRegistration, const FKGenOtpRegistration&, Registration, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenOtpRegistrationAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenOtpRegistration OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenOtpRegistration OnFailure;

	// Sends a one-time password to the phone (CountryCode like +91).
	UFUNCTION(BlueprintCallable, Category = "KGen|Phone", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenOtpRegistrationAction* RegisterOtp(UObject* WorldContextObject, UKGenSession* Session, const FString& PhoneNumber, const FString& CountryCode);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenRewards, const FKGenClaimableRewards&, Rewards, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenRewardsAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenRewards OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenRewards OnFailure;

	UFUNCTION(BlueprintCallable, Category = "KGen|Rewards", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenRewardsAction* ClaimableRewards(UObject* WorldContextObject, UKGenSession* Session);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenStats, const TArray<FKGenHistoricStat>&, Stats, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenStatsAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenStats OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenStats OnFailure;

	// The player's past tournaments.
	UFUNCTION(BlueprintCallable, Category = "KGen|Stats", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenStatsAction* HistoricStats(UObject* WorldContextObject, UKGenSession* Session);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenLogin, const FKGenLoginResult&, Login, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenLoginAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenLogin OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenLogin OnFailure;

	// Logs in to the /v3 account API.
	UFUNCTION(BlueprintCallable, Category = "KGen|Account", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenLoginAction* AccountLogin(UObject* WorldContextObject, const FString& UserName, const FString& Password, bool bRememberMe);
};

DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FOnKGenAccountUser, const FKGenAccountUser&, User, const FKGenError&, Error);

UCLASS()
class KGEN_API UKGenAccountUserAction : public UKGenAsyncAction
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintAssignable)
	FOnKGenAccountUser OnSuccess;

	UPROPERTY(BlueprintAssignable)
	FOnKGenAccountUser OnFailure;

	// The logged-in account.
	UFUNCTION(BlueprintCallable, Category = "KGen|Account", meta = (BlueprintInternalUseOnly = "true", WorldContext = "WorldContextObject"))
	static UKGenAccountUserAction* CurrentUser(UObject* WorldContextObject);
};
