#pragma once
// A low part that includes a higher one: check_layers must refuse it.
#include "high/y.h"
