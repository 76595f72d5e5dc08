/* test-taxonomy-export.c: the failure modes as Markdown and JSON.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-taxonomy-export.h"
#include "errata-test-utils.h"

typedef struct
{
  char           *dir;
  ErrataProject  *project;
  ErrataTaxonomy *taxonomy;
  gint64          traces[8];
  gint64          notes[6];    /* annotation ids of traces 0..5 */
} Fixture;

/* The cards come in review order, which is trace order here. */
static void
fill_note_ids (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (fixture->taxonomy, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 6);
  for (guint i = 0; i < cards->len; i++)
    {
      ErrataNoteCard *card = cards->pdata[i];

      g_assert_cmpint (card->trace_id, ==, fixture->traces[i]);
      fixture->notes[i] = card->annotation_id;
    }
}

/* Eight traces; 0..5 reviewed with notes, 6 reviewed pass without a note,
 * 7 not reviewed. Reviews happen in trace order. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->taxonomy = errata_taxonomy_new (fixture->project);
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%d", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "question", "answer");

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      fixture->traces[i] = errata_trace_get_id (trace);
      if (i == 7)
        continue;

      g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (fixture->traces[i], "Ada");
      annotation->verdict = i < 6 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS;
      g_free (annotation->note);
      annotation->note = g_strdup_printf (i < 6 ? "problem number %d" : "", i);
      g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
      g_usleep (1000);
    }
  fill_note_ids (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->taxonomy);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *modes;

  errata_taxonomy_create_mode (fixture->taxonomy, "Over budget", "Above the stated budget",
                               fixture->notes, 4, 0, &error);
  markdown = errata_taxonomy_export_markdown (fixture->taxonomy, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (markdown, "## Over budget"));
  g_assert_nonnull (strstr (markdown, "Above the stated budget"));
  g_assert_nonnull (strstr (markdown, "4 traces (57% of reviewed traces)"));
  g_assert_nonnull (strstr (markdown, "- `t1`: problem number 1"));
  g_assert_null (strstr (markdown, "problem number 2"));

  json = errata_taxonomy_export_json (fixture->taxonomy, 3, &error);
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  modes = json_object_get_array_member (json_node_get_object (root), "failure_modes");
  g_assert_cmpuint (json_array_get_length (modes), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (modes, 0), "count"),
                   ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (modes, 0), "examples")), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/taxonomy-export/markdown-and-json", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);
  return g_test_run ();
}
