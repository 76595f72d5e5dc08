/* test-workspace.c: what one window's pages share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-test-utils.h"
#include "errata-workspace.h"

typedef struct
{
  char          *dir;
  ErrataProject *project;
  GSettings     *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->settings = g_settings_new (APP_ID);
  /* A custom server nobody listens on: building a client sends nothing. */
  g_settings_set_string (fixture->settings, "llm-provider", "custom");
  g_settings_set_string (fixture->settings, "llm-base-url", "http://127.0.0.1:9/v1");
  g_settings_set_string (fixture->settings, "llm-model", "first-model");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_settings_reset (fixture->settings, "llm-provider");
  g_settings_reset (fixture->settings, "llm-base-url");
  g_settings_reset (fixture->settings, "llm-model");
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_owns (Fixture       *fixture,
           gconstpointer  data)
{
  ErrataWorkspace *workspace = errata_workspace_new (fixture->project, NULL);
  ErrataTaxonomy *taxonomy = errata_workspace_get_taxonomy (workspace);
  ErrataProject *project = fixture->project;

  g_assert_true (errata_workspace_get_project (workspace) == project);
  g_assert_true (ERRATA_IS_TAXONOMY (taxonomy));
  g_assert_true (errata_taxonomy_get_project (taxonomy) == project);
  g_assert_null (errata_workspace_get_settings (workspace));

  /* The workspace alone keeps the project alive; with it go the taxonomy
   * (and its undo stack) and the project. */
  g_object_add_weak_pointer (G_OBJECT (taxonomy), (gpointer *) &taxonomy);
  g_object_add_weak_pointer (G_OBJECT (project), (gpointer *) &project);
  g_clear_object (&fixture->project);
  g_assert_nonnull (project);
  g_assert_true (errata_workspace_get_project (workspace) == project);
  g_assert_finalize_object (workspace);
  g_assert_null (taxonomy);
  g_assert_null (project);
}

/* Every page of the window edits through the same taxonomy, so one undo
 * stack undoes an edit whoever made it. */
static void
test_one_undo_stack (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ErrataWorkspace) workspace = errata_workspace_new (fixture->project, NULL);
  ErrataTaxonomy *taxonomy = errata_workspace_get_taxonomy (workspace);
  ErrataTaxonomy *again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modes = NULL;
  gint64 id;

  g_object_get (workspace, "taxonomy", &again, NULL);
  g_assert_true (again == taxonomy);
  g_object_unref (again);

  id = errata_taxonomy_create_mode (taxonomy, "Wrong city", "", NULL, 0, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (errata_taxonomy_can_undo (errata_workspace_get_taxonomy (workspace)));
  g_assert_true (errata_taxonomy_undo (errata_workspace_get_taxonomy (workspace), &error));
  g_assert_no_error (error);
  modes = errata_taxonomy_list_modes (taxonomy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (modes->len, ==, 0);
}

static void
test_cancels_on_dispose (Fixture       *fixture,
                         gconstpointer  data)
{
  ErrataWorkspace *workspace = errata_workspace_new (fixture->project, NULL);
  g_autoptr(GCancellable) cancellable = g_object_ref (errata_workspace_get_cancellable (workspace));
  GCancellable *property = NULL;

  g_object_get (workspace, "cancellable", &property, NULL);
  g_assert_true (property == cancellable);
  g_object_unref (property);
  g_assert_false (g_cancellable_is_cancelled (cancellable));
  g_assert_finalize_object (workspace);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

static ErrataLlmClient *
load_client (ErrataWorkspace  *workspace,
             GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  errata_workspace_load_llm_client_async (workspace, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return errata_workspace_load_llm_client_finish (result, error);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    data)
{
  (*(guint *) data)++;
}

/* One client, from the llm-* settings; a change to them drops it and the
 * next load builds one from the new values. */
static void
test_llm_client (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ErrataWorkspace) workspace = errata_workspace_new (fixture->project,
                                                               fixture->settings);
  g_autoptr(ErrataLlmClient) first = NULL;
  g_autoptr(ErrataLlmClient) same = NULL;
  g_autoptr(ErrataLlmClient) second = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_signal_connect (workspace, "notify::llm-client", G_CALLBACK (count_notify), &notified);
  g_assert_null (errata_workspace_get_llm_client (workspace));
  first = load_client (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_llm_client_get_provider (first)->base_url, ==, "http://127.0.0.1:9/v1");
  g_assert_cmpstr (errata_llm_client_get_provider (first)->model, ==, "first-model");
  g_assert_true (errata_workspace_get_llm_client (workspace) == first);
  g_assert_cmpuint (notified, ==, 1);

  same = load_client (workspace, &error);
  g_assert_no_error (error);
  g_assert_true (same == first);

  /* Not an LLM setting: the client stays. */
  g_settings_set_string (fixture->settings, "annotator-name", "Someone");
  g_settings_reset (fixture->settings, "annotator-name");
  g_assert_true (errata_workspace_get_llm_client (workspace) == first);

  g_settings_set_string (fixture->settings, "llm-model", "second-model");
  g_assert_null (errata_workspace_get_llm_client (workspace));
  g_assert_cmpuint (notified, ==, 2);
  second = load_client (workspace, &error);
  g_assert_no_error (error);
  g_assert_true (second != first);
  g_assert_cmpstr (errata_llm_client_get_provider (second)->model, ==, "second-model");
}

/* A custom provider without a URL is refused with the settings' message. */
static void
test_llm_client_error (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ErrataWorkspace) workspace = errata_workspace_new (fixture->project,
                                                               fixture->settings);
  g_autoptr(ErrataWorkspace) without = errata_workspace_new (fixture->project, NULL);
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_set_string (fixture->settings, "llm-base-url", "");
  client = load_client (workspace, &error);
  g_assert_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED);
  g_assert_null (client);
  g_assert_null (errata_workspace_get_llm_client (workspace));
  g_clear_error (&error);

  client = load_client (without, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_null (client);
}

/* A load under way when the window closes ends cancelled, and does not
 * keep the workspace alive. */
static void
test_dispose_cancels_load (Fixture       *fixture,
                           gconstpointer  data)
{
  ErrataWorkspace *workspace = errata_workspace_new (fixture->project, fixture->settings);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(GError) error = NULL;

  errata_workspace_load_llm_client_async (workspace, on_loaded, &result);
  g_assert_finalize_object (workspace);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  client = errata_workspace_load_llm_client_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (client);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/workspace/owns", test_owns);
  ADD ("/workspace/one-undo-stack", test_one_undo_stack);
  ADD ("/workspace/cancels-on-dispose", test_cancels_on_dispose);
  ADD ("/workspace/llm-client", test_llm_client);
  ADD ("/workspace/llm-client-error", test_llm_client_error);
  ADD ("/workspace/dispose-cancels-load", test_dispose_cancels_load);
#undef ADD

  return g_test_run ();
}
