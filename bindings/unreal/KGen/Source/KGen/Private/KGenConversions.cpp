#include "KGenConversions.h"

namespace KGen
{
namespace
{
FDateTime ToDateTime(const kgen::Timestamp& Time)
{
	if (!Time.unix_ms)
	{
		return FDateTime();
	}
	return FDateTime::FromUnixTimestamp(*Time.unix_ms / 1000) + FTimespan::FromMilliseconds(static_cast<double>(*Time.unix_ms % 1000));
}

EKGenStatus ToUnreal(kgen::Status Status)
{
	switch (Status)
	{
	case kgen::Status::Ok: return EKGenStatus::Ok;
	case kgen::Status::NullArgument: return EKGenStatus::NullArgument;
	case kgen::Status::InvalidArgument: return EKGenStatus::InvalidArgument;
	case kgen::Status::InvalidHandle: return EKGenStatus::InvalidHandle;
	case kgen::Status::WrongClient: return EKGenStatus::WrongClient;
	case kgen::Status::BufferTooSmall: return EKGenStatus::BufferTooSmall;
	case kgen::Status::Reentrant: return EKGenStatus::Reentrant;
	case kgen::Status::ShuttingDown: return EKGenStatus::ShuttingDown;
	case kgen::Status::IncompatibleVersion: return EKGenStatus::IncompatibleVersion;
	case kgen::Status::UnknownRequest: return EKGenStatus::UnknownRequest;
	case kgen::Status::Transport: return EKGenStatus::Transport;
	case kgen::Status::Timeout: return EKGenStatus::Timeout;
	case kgen::Status::Cancelled: return EKGenStatus::Cancelled;
	case kgen::Status::OutcomeUnknown: return EKGenStatus::OutcomeUnknown;
	case kgen::Status::Http: return EKGenStatus::Http;
	case kgen::Status::Decode: return EKGenStatus::Decode;
	case kgen::Status::SessionExpired: return EKGenStatus::SessionExpired;
	case kgen::Status::OutboxFull: return EKGenStatus::OutboxFull;
	case kgen::Status::OutboxLocked: return EKGenStatus::OutboxLocked;
	case kgen::Status::OutboxStorage: return EKGenStatus::OutboxStorage;
	case kgen::Status::OutboxExpired: return EKGenStatus::OutboxExpired;
	case kgen::Status::Internal: return EKGenStatus::Internal;
	case kgen::Status::NoEvent: break;
	}
	return EKGenStatus::Other;
}

EKGenTournamentStatus ToUnreal(kgen::TournamentStatus Status)
{
	switch (Status)
	{
	case kgen::TournamentStatus::Scheduled: return EKGenTournamentStatus::Scheduled;
	case kgen::TournamentStatus::Lobby: return EKGenTournamentStatus::Lobby;
	case kgen::TournamentStatus::Started: return EKGenTournamentStatus::Started;
	case kgen::TournamentStatus::Locked: return EKGenTournamentStatus::Locked;
	case kgen::TournamentStatus::Completed: return EKGenTournamentStatus::Completed;
	case kgen::TournamentStatus::Other: break;
	}
	return EKGenTournamentStatus::Other;
}

FDateTime FromUnixSeconds(const std::optional<int64_t>& Seconds)
{
	return Seconds ? FDateTime::FromUnixTimestamp(*Seconds) : FDateTime();
}
}

FString ToUnreal(const std::string& Text)
{
	return ToFString(Text);
}

FKGenError ToUnreal(const kgen::Error& Error)
{
	FKGenError Out;
	Out.Status = ToUnreal(Error.status);
	Out.StatusCode = static_cast<int32>(Error.status);
	Out.HttpStatus = Error.http_status;
	Out.ApiErrorCode = ToFString(Error.api_code);
	Out.Message = ToFString(Error.message);
	Out.RequestId = ToFString(Error.request_id);
	Out.RetryAfterSeconds = Error.retry_after ? static_cast<float>(Error.retry_after->count()) / 1000.f : 0.f;
	Out.Summary = ToFString(Error.describe());
	return Out;
}

FKGenSessionInfo ToUnreal(const kgen::SessionInfo& Info)
{
	FKGenSessionInfo Out;
	Out.UserId = ToFString(Info.user_id);
	Out.SessionId = ToFString(Info.session_id);
	Out.NamespacedUserId = ToFString(Info.namespaced_user_id);
	Out.WalletAddress = ToFString(Info.wallet_address);
	Out.LinkedPhone = ToFString(Info.linked_phone);
	Out.bIsNewUser = Info.is_new_user;
	Out.ExpiresAt = FromUnixSeconds(Info.expires_at);
	Out.Name = ToFString(Info.profile.name);
	Out.Username = ToFString(Info.profile.username);
	Out.Email = ToFString(Info.profile.email);
	Out.DeviceId = ToFString(Info.profile.device_id);
	Out.PhoneNumber = ToFString(Info.profile.phonenumber);
	Out.DateJoined = ToFString(Info.profile.date_joined);
	Out.PlayerTag = ToFString(Info.profile.playertag);
	Out.Location = ToFString(Info.profile.location);
	Out.LocationName = ToFString(Info.profile.location_name);
	Out.DeviceModel = ToFString(Info.profile.device_model);
	Out.ScreenHeight = ToFString(Info.profile.screen_height);
	Out.ScreenWidth = ToFString(Info.profile.screen_width);
	Out.OsName = ToFString(Info.profile.os_name);
	Out.OsVersion = ToFString(Info.profile.os_version);
	Out.BrowserName = ToFString(Info.profile.browser_name);
	Out.FbLogin = ToFString(Info.profile.fb_login);
	Out.GoogleLogin = ToFString(Info.profile.google_login);
	Out.AppVersion = ToFString(Info.profile.app_version);
	Out.bHasLevel = Info.profile.level.has_value();
	Out.Level = Info.profile.level.value_or(0);
	Out.bHasRank = Info.profile.rank.has_value();
	Out.Rank = Info.profile.rank.value_or(0);
	return Out;
}

FKGenOutboxEvent ToUnreal(const kgen::OutboxEvent& Event)
{
	FKGenOutboxEvent Out;
	Out.EntryId = static_cast<int64>(Event.entry_id);
	switch (Event.outcome)
	{
	case kgen::OutboxOutcome::Delivered: Out.Outcome = EKGenOutboxOutcome::Delivered; break;
	case kgen::OutboxOutcome::Rejected: Out.Outcome = EKGenOutboxOutcome::Rejected; break;
	case kgen::OutboxOutcome::Expired: Out.Outcome = EKGenOutboxOutcome::Expired; break;
	case kgen::OutboxOutcome::WaitingForSession: Out.Outcome = EKGenOutboxOutcome::WaitingForSession; break;
	case kgen::OutboxOutcome::Damaged: Out.Outcome = EKGenOutboxOutcome::Damaged; break;
	}
	switch (Event.call)
	{
	case kgen::OutboxCall::SubmitScore: Out.Call = EKGenOutboxCall::SubmitScore; break;
	case kgen::OutboxCall::JoinTournament: Out.Call = EKGenOutboxCall::JoinTournament; break;
	case kgen::OutboxCall::LeaveTournament: Out.Call = EKGenOutboxCall::LeaveTournament; break;
	case kgen::OutboxCall::Withdraw: Out.Call = EKGenOutboxCall::Withdraw; break;
	case kgen::OutboxCall::ClaimRewards: Out.Call = EKGenOutboxCall::ClaimRewards; break;
	}
	Out.UserId = ToFString(Event.user_id);
	Out.TournamentUid = ToFString(Event.tournament_uid);
	Out.Value = Event.value;
	Out.CreatedAt = Event.created_at_ms != 0
		? FDateTime::FromUnixTimestamp(Event.created_at_ms / 1000) + FTimespan::FromMilliseconds(static_cast<double>(Event.created_at_ms % 1000))
		: FDateTime();
	Out.Message = ToFString(Event.message);
	if (Event.error)
	{
		Out.Error = ToUnreal(*Event.error);
	}
	return Out;
}

kgen::OutboxCall ToKgen(EKGenOutboxCall Call)
{
	switch (Call)
	{
	case EKGenOutboxCall::SubmitScore: return kgen::OutboxCall::SubmitScore;
	case EKGenOutboxCall::JoinTournament: return kgen::OutboxCall::JoinTournament;
	case EKGenOutboxCall::LeaveTournament: return kgen::OutboxCall::LeaveTournament;
	case EKGenOutboxCall::Withdraw: return kgen::OutboxCall::Withdraw;
	case EKGenOutboxCall::ClaimRewards: return kgen::OutboxCall::ClaimRewards;
	}
	return kgen::OutboxCall::SubmitScore;
}

FString ToUnreal(const kgen::Message& Message)
{
	return ToFString(Message.text);
}

FKGenTournament ToUnreal(const kgen::Tournament& Tournament)
{
	FKGenTournament Out;
	Out.TournamentUid = ToFString(Tournament.uid);
	Out.GameUid = ToFString(Tournament.game_uid);
	Out.Status = ToUnreal(Tournament.status);
	Out.StatusText = ToFString(Tournament.status_text);
	Out.Title = ToFString(Tournament.title);
	Out.Description = ToFString(Tournament.description);
	Out.BuyInPrice = Tournament.buy_in_price;
	Out.TournamentSize = Tournament.tournament_size;
	Out.ParticipantsCount = Tournament.participants_count;
	Out.StartsAt = ToDateTime(Tournament.starts_at);
	Out.LocksAt = ToDateTime(Tournament.locks_at);
	Out.EndsAt = ToDateTime(Tournament.ends_at);
	return Out;
}

FKGenLeaderboard ToUnreal(const kgen::Leaderboard& Leaderboard)
{
	FKGenLeaderboard Out;
	for (const kgen::LeaderboardEntry& Entry : Leaderboard.entries)
	{
		FKGenLeaderboardEntry& Row = Out.Entries.AddDefaulted_GetRef();
		Row.UserId = ToFString(Entry.user_id);
		Row.Score = Entry.score;
	}
	for (const kgen::Winner& Winner : Leaderboard.winners)
	{
		FKGenWinner& Row = Out.Winners.AddDefaulted_GetRef();
		Row.UserId = ToFString(Winner.user_id);
		Row.Reward = Winner.reward;
	}
	Out.PrizePool = Leaderboard.price_pool;
	return Out;
}

FKGenBalance ToUnreal(const kgen::Balance& Balance)
{
	FKGenBalance Out;
	Out.WalletAddress = ToFString(Balance.wallet_address);
	Out.EarnedBalance = Balance.earned_balance;
	Out.BoughtBalance = Balance.bought_balance;
	Out.BonusBalance = Balance.bonus_balance;
	Out.OnChainBalance = Balance.on_chain_balance;
	Out.MinWithdrawal = Balance.min_wallet_bal_to_withdraw;
	return Out;
}

FKGenTransactionPage ToUnreal(const kgen::TransactionPage& Page)
{
	FKGenTransactionPage Out;
	for (const kgen::Transaction& T : Page.transactions)
	{
		FKGenTransaction& Row = Out.Transactions.AddDefaulted_GetRef();
		Row.Uid = ToFString(T.uid);
		Row.Amount = T.amount;
		Row.Direction = ToFString(T.description_direction);
		Row.Kind = ToFString(T.description_kind);
		Row.Description = ToFString(T.description_text);
		Row.SyncStatus = ToFString(T.sync_status);
		Row.CreatedAt = ToDateTime(T.created_at);
	}
	Out.NextPageKey = ToFString(Page.next_key.value_or(std::string()));
	return Out;
}

FKGenOtpRegistration ToUnreal(const kgen::OtpRegistration& Registration)
{
	FKGenOtpRegistration Out;
	Out.AuthCode = ToFString(Registration.auth_code);
	Out.bIsNewUser = Registration.is_new_user;
	return Out;
}

FKGenClaimableRewards ToUnreal(const kgen::ClaimableRewards& Rewards)
{
	FKGenClaimableRewards Out;
	Out.Total = Rewards.total;
	for (const kgen::Reward& R : Rewards.items)
	{
		FKGenReward& Row = Out.Rewards.AddDefaulted_GetRef();
		Row.TournamentId = ToFString(R.tournament_id);
		Row.ClaimStatus = ToFString(R.claim_status);
		Row.Reward = R.reward;
		Row.CreatedAt = ToDateTime(R.created_at);
	}
	return Out;
}

FKGenHistoricStat ToUnreal(const kgen::HistoricStat& Stat)
{
	FKGenHistoricStat Out;
	Out.Result = ToFString(Stat.result);
	Out.OccurredAt = ToFString(Stat.occurred_at_text);
	Out.Mode = ToFString(Stat.mode);
	Out.BuyInStake = Stat.buy_in_stake;
	Out.AmountWon = Stat.amount_won;
	return Out;
}

FKGenLoginResult ToUnreal(const kgen::LoginResult& Login)
{
	FKGenLoginResult Out;
	Out.bRequiresOtp = Login.requires_otp;
	Out.ExpiresAt = FromUnixSeconds(Login.expires_at);
	return Out;
}

FKGenAccountUser ToUnreal(const kgen::AccountUser& User)
{
	FKGenAccountUser Out;
	Out.UserId = User.user_id;
	Out.UserName = ToFString(User.user_name);
	Out.Email = ToFString(User.email);
	Out.FirstName = ToFString(User.first_name);
	Out.LastName = ToFString(User.last_name);
	Out.AccessLevel = User.access_level;
	return Out;
}

kgen::Error Unavailable(const char* Why)
{
	kgen::Error Error;
	Error.status = kgen::Status::InvalidHandle;
	Error.message = Why;
	return Error;
}
}
