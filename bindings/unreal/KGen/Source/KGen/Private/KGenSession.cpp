#include "KGenSession.h"

#include "KGenConversions.h"

void UKGenSession::Adopt(kgen::Session&& InSession)
{
	Session = std::move(InSession);
	Info = KGen::ToUnreal(Session.info());
}

bool UKGenSession::UpdateTokens(const FString& AccessToken, const FString& RefreshToken, FKGenError& Error)
{
	const kgen::Result<void> Updated = Session.update_tokens(KGen::ToStd(AccessToken), KGen::ToStd(RefreshToken));
	Error = Updated ? FKGenError() : KGen::ToUnreal(Updated.error());
	if (Updated)
	{
		if (const kgen::Result<int64_t> ExpiresAt = Session.expires_at())
		{
			Info.ExpiresAt = FDateTime::FromUnixTimestamp(*ExpiresAt);
		}
	}
	return Updated.ok();
}
