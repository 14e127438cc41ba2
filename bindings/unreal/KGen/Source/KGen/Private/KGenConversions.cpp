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
	Out.Status = static_cast<int32>(Error.status);
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

FString ToUnreal(const kgen::Message& Message)
{
	return ToFString(Message.text);
}

FKGenTournament ToUnreal(const kgen::Tournament& Tournament)
{
	FKGenTournament Out;
	Out.TournamentUid = ToFString(Tournament.uid);
	Out.GameUid = ToFString(Tournament.game_uid);
	Out.Status = ToFString(Tournament.status_text);
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
