#pragma once
#include "../high/y.h"
