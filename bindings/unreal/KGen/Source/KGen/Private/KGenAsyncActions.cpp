#include "KGenAsyncActions.h"

#include <type_traits>

#include "Containers/Ticker.h"
#include "KGenConversions.h"
#include "KGenSession.h"
#include "KGenSubsystem.h"

void UKGenAsyncAction::Activate()
{
	Subsystem = UKGenSubsystem::Get(WorldContext.Get());
	bHadSubsystem = Subsystem.IsValid();
	kgen::Client* Client = Subsystem.IsValid() ? Subsystem->GetClient() : nullptr;
	if (Client == nullptr || !Start)
	{
		FailOnNextTick(KGen::Unavailable("no KGen client in this game instance"));
		return;
	}
	const kgen::Result<kgen::RequestId> Started = Start(*Client);
	Start.Reset();
	if (!Started)
	{
		FailOnNextTick(Started.error()); // nothing started: no completion will come
	}
}

bool UKGenAsyncAction::MayFire() const
{
	// A node of a game instance that is ending, or has ended, stays silent; one
	// that never had a subsystem reports that.
	const UKGenSubsystem* Owner = Subsystem.Get();
	return !bHadSubsystem || (Owner != nullptr && !Owner->IsTearingDown());
}

void UKGenAsyncAction::FailOnNextTick(const kgen::Error& Error)
{
	// Firing On Failure inside Activate would run it before the node's Then pin,
	// while the graph that placed the node is still executing it.
	FTSTicker::GetCoreTicker().AddTicker(FTickerDelegate::CreateLambda(
		[Weak = TWeakObjectPtr<UKGenAsyncAction>(this), Failure = KGen::ToUnreal(Error)](float)
		{
			if (UKGenAsyncAction* This = Weak.Get())
			{
				This->Fail(Failure);
			}
			return false; // once
		}));
}

namespace
{
// A node whose request is StartRequest(Client, Done) and whose success pin gets
// Succeed(Action, Value). The completion holds the node weakly: a node collected
// with its game instance is simply not told.
template <class TAction, class T, class TStart, class TSucceed>
TAction* MakeAction(UObject* WorldContextObject, TStart StartRequest, TSucceed Succeed)
{
	TAction* Action = NewObject<TAction>();
	Action->WorldContext = WorldContextObject;
	Action->RegisterWithGameInstance(WorldContextObject);
	const TWeakObjectPtr<TAction> Weak(Action);
	Action->Fail = [Weak](const FKGenError& Error)
	{
		if (TAction* This = Weak.Get())
		{
			if (This->MayFire())
			{
				This->OnFailure.Broadcast({}, Error);
			}
			This->SetReadyToDestroy();
		}
	};
	Action->Start = [Weak, StartRequest, Succeed](kgen::Client& Client)
	{
		return StartRequest(Client, [Weak, Succeed](kgen::Result<T> Result)
		{
			TAction* This = Weak.Get();
			if (This == nullptr)
			{
				return;
			}
			if (!This->MayFire())
			{
				This->SetReadyToDestroy();
				return;
			}
			if (!Result)
			{
				This->Fail(KGen::ToUnreal(Result.error()));
				return;
			}
			if constexpr (std::is_void_v<T>)
			{
				Succeed(*This);
			}
			else
			{
				Succeed(*This, Result.value());
			}
			This->SetReadyToDestroy();
		});
	};
	return Action;
}

// The usual success: the value as its Blueprint type.
const auto Broadcast = [](auto& Action, const auto& Value) { Action.OnSuccess.Broadcast(KGen::ToUnreal(Value), FKGenError()); };

// Wraps a call that needs the player's session, which the node holds weakly.
template <class T, class TCall>
auto WithSession(UKGenSession* Session, TCall Call)
{
	return [WeakSession = TWeakObjectPtr<UKGenSession>(Session), Call](kgen::Client& Client, kgen::Callback<T> Done) -> kgen::Result<kgen::RequestId>
	{
		const UKGenSession* Live = WeakSession.Get();
		if (Live == nullptr)
		{
			return KGen::Unavailable("no session (it was never created, or was collected)");
		}
		return Call(Client, Live->Get(), std::move(Done));
	};
}

template <class TAction, class T, class TCall>
TAction* SessionAction(UObject* WorldContextObject, UKGenSession* Session, TCall Call)
{
	return MakeAction<TAction, T>(WorldContextObject, WithSession<T>(Session, Call), Broadcast);
}
}

UKGenCreateSessionAction* UKGenCreateSessionAction::CreateSession(UObject* WorldContextObject, const FString& UserId)
{
	return MakeAction<UKGenCreateSessionAction, kgen::Session>(WorldContextObject,
		[User = KGen::ToStd(UserId)](kgen::Client& Client, kgen::Callback<kgen::Session> Done) { return Client.session_create(User, std::move(Done)); },
		[](UKGenCreateSessionAction& Action, kgen::Session& Session)
		{
			UKGenSubsystem* Owner = Action.Subsystem.Get();
			if (Owner == nullptr)
			{
				Action.OnFailure.Broadcast(nullptr, KGen::ToUnreal(KGen::Unavailable("the game instance ended")));
				return;
			}
			Action.OnSuccess.Broadcast(Owner->AdoptSession(std::move(Session)), FKGenError());
		});
}

UKGenMessageAction* UKGenMessageAction::JoinTournament(UObject* WorldContextObject, UKGenSession* Session, const FString& TournamentUid, int64 JoiningStake)
{
	return SessionAction<UKGenMessageAction, kgen::Message>(WorldContextObject, Session,
		[Uid = KGen::ToStd(TournamentUid), JoiningStake](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::Message> Done) { return Client.tournaments_join(S, Uid, JoiningStake, std::move(Done)); });
}

UKGenMessageAction* UKGenMessageAction::LeaveTournament(UObject* WorldContextObject, UKGenSession* Session, const FString& TournamentUid)
{
	return SessionAction<UKGenMessageAction, kgen::Message>(WorldContextObject, Session,
		[Uid = KGen::ToStd(TournamentUid)](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::Message> Done) { return Client.tournaments_leave(S, Uid, std::move(Done)); });
}

UKGenMessageAction* UKGenMessageAction::SubmitScore(UObject* WorldContextObject, UKGenSession* Session, const FString& TournamentUid, int64 Score)
{
	return SessionAction<UKGenMessageAction, kgen::Message>(WorldContextObject, Session,
		[Uid = KGen::ToStd(TournamentUid), Score](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::Message> Done) { return Client.tournaments_submit_score(S, Uid, Score, std::move(Done)); });
}

UKGenMessageAction* UKGenMessageAction::Withdraw(UObject* WorldContextObject, UKGenSession* Session)
{
	return SessionAction<UKGenMessageAction, kgen::Message>(WorldContextObject, Session,
		[](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::Message> Done) { return Client.wallet_withdraw(S, std::move(Done)); });
}

UKGenMessageAction* UKGenMessageAction::VerifyOtp(UObject* WorldContextObject, UKGenSession* Session, const FString& PhoneNumber, const FString& CountryCode, const FString& AuthCode, const FString& Otp)
{
	return SessionAction<UKGenMessageAction, kgen::Message>(WorldContextObject, Session,
		[Phone = KGen::ToStd(PhoneNumber), Country = KGen::ToStd(CountryCode), Auth = KGen::ToStd(AuthCode), Code = KGen::ToStd(Otp)](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::Message> Done)
		{ return Client.otp_verify(S, Phone, Country, Auth, Code, std::move(Done)); });
}

UKGenMessageAction* UKGenMessageAction::ClaimRewards(UObject* WorldContextObject, UKGenSession* Session)
{
	return SessionAction<UKGenMessageAction, kgen::Message>(WorldContextObject, Session,
		[](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::Message> Done) { return Client.rewards_claim(S, std::move(Done)); });
}

UKGenMessageAction* UKGenMessageAction::AccountLoginOtp(UObject* WorldContextObject, const FString& Otp)
{
	return MakeAction<UKGenMessageAction, void>(WorldContextObject,
		[Code = KGen::ToStd(Otp)](kgen::Client& Client, kgen::Callback<void> Done) { return Client.account_login_otp(Code, std::move(Done)); },
		[](UKGenMessageAction& Action) { Action.OnSuccess.Broadcast(FString(), FKGenError()); });
}

UKGenMessageAction* UKGenMessageAction::AccountLogout(UObject* WorldContextObject)
{
	return MakeAction<UKGenMessageAction, void>(WorldContextObject,
		[](kgen::Client& Client, kgen::Callback<void> Done) { return Client.account_logout(std::move(Done)); },
		[](UKGenMessageAction& Action) { Action.OnSuccess.Broadcast(FString(), FKGenError()); });
}

UKGenTournamentListAction* UKGenTournamentListAction::ActiveTournaments(UObject* WorldContextObject, UKGenSession* Session)
{
	return SessionAction<UKGenTournamentListAction, std::vector<kgen::Tournament>>(WorldContextObject, Session,
		[](kgen::Client& Client, const kgen::Session& S, kgen::Callback<std::vector<kgen::Tournament>> Done) { return Client.tournaments_active(S, std::move(Done)); });
}

UKGenTournamentAction* UKGenTournamentAction::GetTournament(UObject* WorldContextObject, UKGenSession* Session, const FString& TournamentUid)
{
	return SessionAction<UKGenTournamentAction, kgen::Tournament>(WorldContextObject, Session,
		[Uid = KGen::ToStd(TournamentUid)](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::Tournament> Done) { return Client.tournaments_get(S, Uid, std::move(Done)); });
}

UKGenParticipatedAction* UKGenParticipatedAction::ParticipatedTournaments(UObject* WorldContextObject, UKGenSession* Session)
{
	return SessionAction<UKGenParticipatedAction, std::vector<std::string>>(WorldContextObject, Session,
		[](kgen::Client& Client, const kgen::Session& S, kgen::Callback<std::vector<std::string>> Done) { return Client.tournaments_participated(S, std::move(Done)); });
}

UKGenLeaderboardAction* UKGenLeaderboardAction::GetLeaderboard(UObject* WorldContextObject, UKGenSession* Session, const FString& TournamentUid)
{
	return SessionAction<UKGenLeaderboardAction, kgen::Leaderboard>(WorldContextObject, Session,
		[Uid = KGen::ToStd(TournamentUid)](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::Leaderboard> Done) { return Client.leaderboard_get(S, Uid, std::move(Done)); });
}

UKGenBalanceAction* UKGenBalanceAction::WalletBalance(UObject* WorldContextObject, UKGenSession* Session)
{
	return SessionAction<UKGenBalanceAction, kgen::Balance>(WorldContextObject, Session,
		[](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::Balance> Done) { return Client.wallet_balance(S, std::move(Done)); });
}

UKGenTransactionsAction* UKGenTransactionsAction::WalletTransactions(UObject* WorldContextObject, UKGenSession* Session, const FString& PageKey)
{
	return SessionAction<UKGenTransactionsAction, kgen::TransactionPage>(WorldContextObject, Session,
		[Key = KGen::ToStd(PageKey)](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::TransactionPage> Done) { return Client.wallet_transactions(S, Key, 0, std::move(Done)); });
}

UKGenOtpRegistrationAction* UKGenOtpRegistrationAction::RegisterOtp(UObject* WorldContextObject, UKGenSession* Session, const FString& PhoneNumber, const FString& CountryCode)
{
	return SessionAction<UKGenOtpRegistrationAction, kgen::OtpRegistration>(WorldContextObject, Session,
		[Phone = KGen::ToStd(PhoneNumber), Country = KGen::ToStd(CountryCode)](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::OtpRegistration> Done)
		{ return Client.otp_register(S, Phone, Country, std::move(Done)); });
}

UKGenRewardsAction* UKGenRewardsAction::ClaimableRewards(UObject* WorldContextObject, UKGenSession* Session)
{
	return SessionAction<UKGenRewardsAction, kgen::ClaimableRewards>(WorldContextObject, Session,
		[](kgen::Client& Client, const kgen::Session& S, kgen::Callback<kgen::ClaimableRewards> Done) { return Client.rewards_claimable(S, std::move(Done)); });
}

UKGenStatsAction* UKGenStatsAction::HistoricStats(UObject* WorldContextObject, UKGenSession* Session)
{
	return SessionAction<UKGenStatsAction, std::vector<kgen::HistoricStat>>(WorldContextObject, Session,
		[](kgen::Client& Client, const kgen::Session& S, kgen::Callback<std::vector<kgen::HistoricStat>> Done) { return Client.stats_historic(S, std::move(Done)); });
}

UKGenLoginAction* UKGenLoginAction::AccountLogin(UObject* WorldContextObject, const FString& UserName, const FString& Password, bool bRememberMe)
{
	return MakeAction<UKGenLoginAction, kgen::LoginResult>(WorldContextObject,
		[User = KGen::ToStd(UserName), Secret = KGen::ToStd(Password), bRememberMe](kgen::Client& Client, kgen::Callback<kgen::LoginResult> Done)
		{ return Client.account_login(User, Secret, bRememberMe, std::move(Done)); },
		Broadcast);
}

UKGenAccountUserAction* UKGenAccountUserAction::CurrentUser(UObject* WorldContextObject)
{
	return MakeAction<UKGenAccountUserAction, kgen::AccountUser>(WorldContextObject,
		[](kgen::Client& Client, kgen::Callback<kgen::AccountUser> Done) { return Client.account_current_user(std::move(Done)); },
		Broadcast);
}
