/* errata-cli-common.h: what every errata-cli command shares: exit
 * statuses, error messages, option parsing, opening a project, waiting for
 * an async result.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "errata-project.h"

G_BEGIN_DECLS

/* 0 all went well, 1 the command ran but what it reports is not all good
 * (skipped records, a failed provider, a gate not met), 2 usage errors or
 * unreadable input. */
enum {
  ERRATA_CLI_EXIT_OK = 0,
  ERRATA_CLI_EXIT_FAILED = 1,
  ERRATA_CLI_EXIT_USAGE = 2,
};

int             errata_cli_fail          (int                     status,
                                          const char             *format,
                                          ...) G_GNUC_PRINTF (2, 3);
GOptionContext *errata_cli_context_new   (const char             *parameter,
                                          const char             *summary);
gboolean        errata_cli_parse_options (GOptionContext         *context,
                                          int                    *argc,
                                          char                 ***argv);
gboolean        errata_cli_parse_entries (GOptionContext         *context,
                                          const GOptionEntry     *entries,
                                          int                    *argc,
                                          char                 ***argv);
ErrataProject  *errata_cli_open_project  (const char             *path,
                                          ErrataProjectOpenFlags  flags,
                                          GError                **error);
GAsyncResult   *errata_cli_wait          (GAsyncResult          **slot);
void            errata_cli_on_result     (GObject                *source,
                                          GAsyncResult           *result,
                                          gpointer                slot);

/* JSON members of the commands' --json output. A number that could not
 * be computed (NaN) is written as null. */
void            errata_cli_json_add_int      (JsonBuilder         *builder,
                                              const char          *name,
                                              gint64               value);
void            errata_cli_json_add_double   (JsonBuilder         *builder,
                                              const char          *name,
                                              double               value);
void            errata_cli_json_add_interval (JsonBuilder         *builder,
                                              const char          *name,
                                              double               lower,
                                              double               upper);

/* Who a label or a consent given here is recorded under (as the app would). */
char           *errata_cli_dup_user_name     (void);
gboolean        errata_cli_check_remote      (ErrataProject       *project,
                                              const char          *base_url,
                                              gboolean             allow,
                                              GError             **error);

G_END_DECLS
