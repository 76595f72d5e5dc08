/* main.c: sets up translations and runs the application.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ErrataApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = errata_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
