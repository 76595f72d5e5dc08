/* errata-stats.h: the statistics of Errata, in one include.
 *
 * Pure functions over plain structs: no GObject, no I/O, no SQLite. Every
 * function that estimates something takes counts or arrays the caller
 * gathered, and returns what it counted beside what it computed.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-agreement.h"
#include "errata-alignment.h"
#include "errata-alt-test.h"
#include "errata-binomial.h"
#include "errata-bootstrap.h"
#include "errata-corrected-rate.h"
#include "errata-flakiness.h"
#include "errata-hypothesis.h"
#include "errata-ppi.h"
#include "errata-quantile.h"
#include "errata-random.h"
#include "errata-stats-error.h"
