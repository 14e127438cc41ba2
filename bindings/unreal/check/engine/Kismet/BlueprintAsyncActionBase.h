#pragma once
#include "UnrealStandIn.h"
