/* errata-fuzz-main.c: one libFuzzer target; ERRATA_FUZZ_ENTRY names the
 * entry point (errata-fuzz.h), set per target by meson.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "errata-fuzz.h"

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* As G_DEBUG=fatal-criticals does in the tests: a critical is a bug the
 * fuzzer should stop at, not a message to scroll past. GLib stops on a
 * fatal message with SIGTRAP, which libFuzzer does not catch (no crash
 * input is written); abort() it catches. */
static GLogWriterOutput
abort_on_critical (GLogLevelFlags   level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    abort ();
  return output;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (abort_on_critical, NULL, NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return ERRATA_FUZZ_ENTRY (data, size);
}
