/* make-project-seed.c: adds a failure mode to a project made by errata-cli,
 * for the project-open seed (README.md says how the seed is made).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * errata-cli imports traces and notes but has no command for failure
 * modes, so this puts every note card in one new mode, as a user would
 * on the canvas.
 */

#include "config.h"

#include "errata-project.h"
#include "errata-taxonomy.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataTaxonomy) taxonomy = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s PROJECT\n", argv[0]);
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  if (project != NULL)
    {
      taxonomy = errata_taxonomy_new (project);
      cards = errata_taxonomy_list_cards (taxonomy, -1, &error);
    }
  for (guint i = 0; cards != NULL && i < cards->len; i++)
    {
      ErrataNoteCard *card = g_ptr_array_index (cards, i);

      g_array_append_val (ids, card->annotation_id);
    }
  if (cards != NULL &&
      errata_taxonomy_create_mode (taxonomy, "Terse answers", "The reply is too short to help.",
                                   (const gint64 *) ids->data, ids->len,
                                   ERRATA_UNSORTED, &error) > 0)
    {
      errata_project_close (project);
      return 0;
    }
  g_printerr ("%s: %s\n", argv[1], error ? error->message : "no failure mode made");
  return 1;
}
