/* errata-cli-llm.h: `errata-cli llm ping|complete`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-llm-client.h"

G_BEGIN_DECLS

/* argv[0] is "llm"; returns the exit status: 0 ok, 1 LLM error, 2 usage. */
int              errata_cli_llm            (int          argc,
                                            char       **argv);
ErrataLlmClient *errata_cli_llm_client_new (const char  *provider,
                                            const char  *base_url,
                                            const char  *model,
                                            GError     **error);

G_END_DECLS
