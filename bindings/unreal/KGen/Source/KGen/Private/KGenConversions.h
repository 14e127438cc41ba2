// kgen.hpp's values (already copied out of the SDK's borrowed results) as the
// plugin's Blueprint types.
#pragma once

#include "CoreMinimal.h"
#include "KGenSdk.h"
#include "KGenTypes.h"

namespace KGen
{
FString ToUnreal(const std::string& Text);
FKGenError ToUnreal(const kgen::Error& Error);
FKGenSessionInfo ToUnreal(const kgen::SessionInfo& Info);
FString ToUnreal(const kgen::Message& Message);
FKGenTournament ToUnreal(const kgen::Tournament& Tournament);
FKGenLeaderboard ToUnreal(const kgen::Leaderboard& Leaderboard);
FKGenBalance ToUnreal(const kgen::Balance& Balance);
FKGenTransactionPage ToUnreal(const kgen::TransactionPage& Page);
FKGenOtpRegistration ToUnreal(const kgen::OtpRegistration& Registration);
FKGenClaimableRewards ToUnreal(const kgen::ClaimableRewards& Rewards);
FKGenHistoricStat ToUnreal(const kgen::HistoricStat& Stat);
FKGenLoginResult ToUnreal(const kgen::LoginResult& Login);
FKGenAccountUser ToUnreal(const kgen::AccountUser& User);
FKGenOutboxEvent ToUnreal(const kgen::OutboxEvent& Event);
kgen::OutboxCall ToKgen(EKGenOutboxCall Call);

template <class T>
auto ToUnreal(const std::vector<T>& Items)
{
	TArray<decltype(ToUnreal(Items.front()))> Out;
	Out.Reserve(static_cast<int32>(Items.size()));
	for (const T& Item : Items)
	{
		Out.Add(ToUnreal(Item));
	}
	return Out;
}

// Why a Blueprint node could not even start: no client in this game instance.
kgen::Error Unavailable(const char* Why);
}
