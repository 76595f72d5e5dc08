/* errata-recent.c: the recent-projects list kept in GSettings.
 *
 * The list holds URIs, most recent first, without duplicates.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-recent.h"

static GPtrArray *
recent_without (GSettings *settings,
                GFile     *file)
{
  g_auto(GStrv) uris = g_settings_get_strv (settings, "recent-projects");
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr(GFile) other = g_file_new_for_uri (uris[i]);

      if (!g_file_equal (other, file))
        g_ptr_array_add (kept, g_strdup (uris[i]));
    }
  return kept;
}

static void
store (GSettings *settings,
       GPtrArray *uris)
{
  if (uris->len > ERRATA_RECENT_MAX)
    g_ptr_array_set_size (uris, ERRATA_RECENT_MAX);
  g_ptr_array_add (uris, NULL);
  g_settings_set_strv (settings, "recent-projects",
                       (const char * const *) uris->pdata);
}

void
errata_recent_add (GSettings *settings,
                   GFile     *file)
{
  g_autoptr(GPtrArray) uris = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_FILE (file));

  uris = recent_without (settings, file);
  g_ptr_array_insert (uris, 0, g_file_get_uri (file));
  store (settings, uris);
}

void
errata_recent_remove (GSettings *settings,
                      GFile     *file)
{
  g_autoptr(GPtrArray) uris = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_FILE (file));

  uris = recent_without (settings, file);
  store (settings, uris);
}
