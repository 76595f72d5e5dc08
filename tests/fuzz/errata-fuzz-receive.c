/* errata-fuzz-receive.c: one OTLP/HTTP request body, as the live receiver
 * takes it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-fuzz-private.h"
#include "errata-fuzz.h"
#include "errata-live-journal.h"
#include "errata-otlp-request.h"

/* Byte 0: bit 0 logs (else traces), bit 1 protobuf (else JSON), bit 2
 * gzip; the rest is the body. What decodes is journaled in a fresh project
 * and every trace built from it, as the receiver's writer does. */
int
errata_fuzz_otlp_request (const guint8 *data,
                          gsize         size)
{
  g_autofree char *project_path = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  /* The traces go into an import, as the receiver records them. */
  ErrataLiveImport import = { "fuzz", 0 };
  guint rejected = 0;

  if (size == 0)
    return 0;
  body = g_bytes_new (data + 1, size - 1);
  spans = errata_otlp_decode_request (data[0] & 1 ? ERRATA_OTLP_LOGS : ERRATA_OTLP_TRACES,
                                      data[0] & 2 ? ERRATA_OTLP_PROTOBUF : ERRATA_OTLP_JSON,
                                      (data[0] & 4) != 0, body, 4 * 1024 * 1024, &rejected, NULL);
  if (spans == NULL || spans->len == 0)
    return 0;

  project_path = g_build_filename (errata_fuzz_tmpdir (), "receive.errata", NULL);
  project = _errata_fuzz_new_project ("receive.errata");
  if (errata_live_journal_append (project, spans, NULL))
    pending = errata_live_journal_pending (project, NULL);
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      ErrataLiveOutcome outcome;
      g_autofree char *problem = NULL;

      errata_live_journal_convert (project, pending->pdata[i], &import, &outcome, &problem, NULL);
    }
  _errata_fuzz_read_project (project);
  errata_project_close (project);
  g_clear_object (&project);
  _errata_fuzz_remove_project (project_path);
  return 0;
}
