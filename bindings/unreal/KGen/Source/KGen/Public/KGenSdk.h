// kgen.hpp (the C++ wrapper, from the KGenLibrary module) for Unreal code,
// and the two string conversions every file needs.
#pragma once

#include "CoreMinimal.h"

THIRD_PARTY_INCLUDES_START
#include "kgen.hpp"
THIRD_PARTY_INCLUDES_END

namespace KGen
{
inline FString ToFString(std::string_view Text)
{
	const FUTF8ToTCHAR Converted(Text.data(), static_cast<int32>(Text.size()));
	return FString(Converted.Length(), Converted.Get());
}

inline std::string ToStd(const FString& Text)
{
	const FTCHARToUTF8 Converted(*Text);
	return std::string(Converted.Get(), static_cast<size_t>(Converted.Length()));
}
}
