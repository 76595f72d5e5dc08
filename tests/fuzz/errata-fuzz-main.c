/* errata-fuzz-main.c: one libFuzzer target; ERRATA_FUZZ_ENTRY names the
 * entry point (errata-fuzz.h), set per target by meson.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "errata-fuzz.h"

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* As G_DEBUG=fatal-criticals does in the tests: a critical is a bug the
 * fuzzer should stop at, not a message to scroll past. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return ERRATA_FUZZ_ENTRY (data, size);
}
