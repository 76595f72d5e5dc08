/* errata-llm-error.h: the error domain of LLM access.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ERRATA_LLM_ERROR (errata_llm_error_quark ())

/* Messages in this domain are meant for the user and never contain the
 * API key. */
typedef enum
{
  ERRATA_LLM_ERROR_FAILED,
  ERRATA_LLM_ERROR_AUTH,          /* 401/403: the key is wrong or lacks rights */
  ERRATA_LLM_ERROR_QUOTA,         /* no credit or quota left: retrying cannot help */
  ERRATA_LLM_ERROR_RATE_LIMITED,  /* 429 after every attempt */
  ERRATA_LLM_ERROR_SERVER,        /* 5xx / 529 after every attempt */
  ERRATA_LLM_ERROR_TIMEOUT,
  ERRATA_LLM_ERROR_NETWORK,
  ERRATA_LLM_ERROR_BAD_REPLY,     /* the reply could not be understood */
  ERRATA_LLM_ERROR_CANCELLED,
} ErrataLlmError;

GQuark errata_llm_error_quark (void);

G_END_DECLS
