/* errata-remote-consent-dialog.h: "Send traces to OpenAI?", asked once per
 * project and provider host before trace text leaves this machine.
 *
 * Every page that sends a project's text to an LLM provider asks through
 * errata_remote_consent_ask_async() first; it answers at once, without a
 * dialog, when the provider is on this machine (local Ollama) or the
 * project allowed its host before. The core refuses the send anyway
 * without consent (errata-remote-consent.h): this is how the app asks.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_REMOTE_CONSENT_RESPONSE_ALLOW  "allow"
#define ERRATA_REMOTE_CONSENT_RESPONSE_CANCEL "cancel"

/* An AdwMessageDialog, typed as a window so that includers on newer
 * libadwaita (where it is deprecated) need no guard. */
GtkWindow        *errata_remote_consent_dialog_new   (GtkWindow            *parent,
                                                      const char           *base_url,
                                                      guint                 n_traces);

void              errata_remote_consent_ask_async    (GtkWidget            *parent,
                                                      ErrataProject        *project,
                                                      const char           *base_url,
                                                      guint                 n_traces,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          errata_remote_consent_ask_finish   (GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
