#include "KGenSettings.h"

#include "KGenModule.h"

UKGenSettings::UKGenSettings()
{
	CategoryName = TEXT("Plugins");
	SectionName = TEXT("KGeN ESports");
}

#if WITH_EDITOR
void UKGenSettings::PostEditChangeProperty(FPropertyChangedEvent& PropertyChangedEvent)
{
	Super::PostEditChangeProperty(PropertyChangedEvent);
	if (PropertyChangedEvent.GetMemberPropertyName() == GET_MEMBER_NAME_CHECKED(UKGenSettings, LogLevel))
	{
		FKGenModule::SetLogLevel(LogLevel);
	}
}
#endif
