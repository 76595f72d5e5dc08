/* errata-llm-error.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-llm-error.h"

G_DEFINE_QUARK (errata-llm-error-quark, errata_llm_error)
