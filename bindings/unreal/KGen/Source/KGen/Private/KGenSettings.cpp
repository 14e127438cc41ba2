#include "KGenSettings.h"

UKGenSettings::UKGenSettings()
{
	CategoryName = TEXT("Plugins");
	SectionName = TEXT("KGeN ESports");
}
