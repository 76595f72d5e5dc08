/* errata-command-check-private.h: what the files of a command check
 * share: its fields, and the reading of its parameters
 * (errata-command-check-params.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-command-check.h"

G_BEGIN_DECLS

struct _ErrataCommandCheck
{
  GObject   parent_instance;

  GStrv     argv;
  char     *command_line;
  char     *project_id;
  char     *directory;
  double    timeout;       /* seconds */
  guint     concurrency;

  guint     running;
  GQueue    queue;         /* GTask *, waiting for a free slot */
};

gboolean _errata_command_check_check_known_params (JsonObject          *params,
                                                   GError             **error);
gboolean _errata_command_check_read_command       (ErrataCommandCheck  *self,
                                                   JsonObject          *params,
                                                   GError             **error);
gboolean _errata_command_check_read_timeout       (ErrataCommandCheck  *self,
                                                   JsonObject          *params,
                                                   GError             **error);
gboolean _errata_command_check_read_concurrency   (ErrataCommandCheck  *self,
                                                   JsonObject          *params,
                                                   GError             **error);
char    *_errata_command_check_make_command_line  (char               **argv);

G_END_DECLS
