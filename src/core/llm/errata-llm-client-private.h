/* errata-llm-client-private.h: what the files of ErrataLlmClient share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "errata-llm-client.h"

G_BEGIN_DECLS

SoupSession *_errata_llm_client_get_session  (ErrataLlmClient *self);
/* Takes the API key out of a message that may quote the request. */
void         _errata_llm_client_redact_error (ErrataLlmClient *self,
                                              GError          *error);
GError      *_errata_llm_cancelled_error     (void);

G_END_DECLS
