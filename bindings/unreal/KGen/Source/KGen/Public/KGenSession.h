#pragma once

#include "CoreMinimal.h"
#include "KGenSdk.h"
#include "KGenTypes.h"
#include "UObject/Object.h"
#include "KGenSession.generated.h"

// One player's session, for Blueprints: owns a kgen::Session. Created by the
// Create Session node (server flow) or UKGenSubsystem::RestoreSession (client flow).
UCLASS(BlueprintType)
class KGEN_API UKGenSession : public UObject
{
	GENERATED_BODY()

public:
	UPROPERTY(BlueprintReadOnly, Category = "KGen")
	FKGenSessionInfo Info;

	// Client flow, after OnSessionExpired: the new token the game's server handed out.
	UFUNCTION(BlueprintCallable, Category = "KGen|Session", meta = (AutoCreateRefTerm = "RefreshToken"))
	bool UpdateTokens(const FString& AccessToken, const FString& RefreshToken, FKGenError& Error);

	const kgen::Session& Get() const { return Session; }
	void Adopt(kgen::Session&& InSession);

	// The client that owned the handle was destroyed, and the handle with it.
	void Forget() { (void)Session.release(); }

private:
	kgen::Session Session;
};
