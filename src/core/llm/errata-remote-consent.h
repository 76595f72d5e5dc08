/* errata-remote-consent.h: whether a project's traces may leave this machine.
 *
 * Sending trace text to an LLM provider that is not on this machine is the
 * project's owner's decision, taken once per provider host and kept IN the
 * project (meta key `remote_consent`), unlike the trust in commands, which is
 * kept outside (errata-trust.h): trust protects this machine from a project,
 * consent protects the project's data from leaving. A copy of the project
 * carries the decision with its data.
 *
 * Remote is decided from the provider's base URL alone, before any
 * connection and without resolving a name (a lookup could itself go out and
 * its answer can change): loopback is "localhost", 127.0.0.0/8 and ::1;
 * everything else is remote, a LAN address included, since it is another
 * machine that the traces would travel to.
 *
 * Consent is per host: allowing api.openai.com does not allow
 * openrouter.ai, which asks again. The port does not matter (same machine).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_REMOTE_CONSENT_ERROR (errata_remote_consent_error_quark ())

typedef enum
{
  /* A remote host this project has not allowed: nothing was sent. */
  ERRATA_REMOTE_CONSENT_ERROR_NEEDED,
} ErrataRemoteConsentError;

/* One host a project allowed. */
typedef struct
{
  char *host;       /* lower case, IPv6 without brackets */
  char *provider;   /* what the user was shown: "OpenAI", "Anthropic" or the host */
  char *by;         /* who allowed it */
  char *at;         /* when, ISO 8601 in UTC */
} ErrataRemoteConsent;

GQuark     errata_remote_consent_error_quark    (void);

char      *errata_remote_consent_dup_host       (const char     *base_url);
gboolean   errata_remote_consent_is_loopback    (const char     *host);
gboolean   errata_remote_consent_is_remote      (const char     *base_url);
char      *errata_remote_consent_provider_name  (const char     *base_url);

GPtrArray *errata_remote_consent_list           (ErrataProject  *project);
gboolean   errata_remote_consent_is_given       (ErrataProject  *project,
                                                 const char     *base_url);
gboolean   errata_remote_consent_check          (ErrataProject  *project,
                                                 const char     *base_url,
                                                 GError        **error);
gboolean   errata_remote_consent_record         (ErrataProject  *project,
                                                 const char     *base_url,
                                                 const char     *by,
                                                 GError        **error);
gboolean   errata_remote_consent_revoke         (ErrataProject  *project,
                                                 const char     *host,
                                                 GError        **error);

void       errata_remote_consent_free           (ErrataRemoteConsent *consent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataRemoteConsent, errata_remote_consent_free)

G_END_DECLS
