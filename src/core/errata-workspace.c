/* errata-workspace.c: what the pages of one window share.
 *
 * One per window, made by the window once its project is open and given
 * to every page as their "workspace" property. It owns what no single page
 * may create for itself: the project, the taxonomy (and so its one undo
 * stack: an edit on the canvas is undone from any page), the LLM client
 * built from the user's settings, and a GCancellable that every
 * long-running call of the window's pages uses, cancelled in dispose so
 * that nothing outlives the window.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-workspace.h"
#include "errata-llm-settings.h"

struct _ErrataWorkspace
{
  GObject          parent_instance;

  ErrataProject   *project;
  ErrataTaxonomy  *taxonomy;
  GSettings       *settings;     /* NULL: no LLM client can be built */
  GCancellable    *cancellable;
  ErrataLlmClient *llm_client;   /* built on first use; NULL after a settings change */
  guint            llm_generation;
};

G_DEFINE_FINAL_TYPE (ErrataWorkspace, errata_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_SETTINGS,
  PROP_TAXONOMY,
  PROP_CANCELLABLE,
  PROP_LLM_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "My" reviews in the project's queries are those made under the name
 * reviews are saved with here; pages that show them reload on the same
 * settings change. */
static void
update_reviewer (ErrataWorkspace *self)
{
  g_autofree char *annotator = errata_workspace_dup_annotator (self);

  errata_project_set_reviewer (self->project, annotator);
}

/* A client is built from the llm-* settings as they were: when one of
 * them changes, the next caller gets a new client. A load still under way
 * then finishes with the client it was building, but does not keep it. */
static void
on_settings_changed (ErrataWorkspace *self,
                     const char      *key)
{
  g_assert (ERRATA_IS_WORKSPACE (self));

  if (g_strcmp0 (key, "annotator-name") == 0)
    {
      update_reviewer (self);
      return;
    }
  if (!g_str_has_prefix (key, "llm-"))
    return;
  self->llm_generation++;
  if (self->llm_client == NULL)
    return;
  g_clear_object (&self->llm_client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LLM_CLIENT]);
}

static void
errata_workspace_constructed (GObject *object)
{
  ErrataWorkspace *self = ERRATA_WORKSPACE (object);

  G_OBJECT_CLASS (errata_workspace_parent_class)->constructed (object);

  g_assert (ERRATA_IS_PROJECT (self->project));
  self->taxonomy = errata_taxonomy_new (self->project);
  update_reviewer (self);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self,
                             G_CONNECT_SWAPPED);
}

static void
errata_workspace_dispose (GObject *object)
{
  ErrataWorkspace *self = ERRATA_WORKSPACE (object);

  /* First, so that a call still under way finishes (cancelled) before
   * what it works on goes away. */
  g_cancellable_cancel (self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->llm_client);
  g_clear_object (&self->taxonomy);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (errata_workspace_parent_class)->dispose (object);
}

static void
errata_workspace_finalize (GObject *object)
{
  ErrataWorkspace *self = ERRATA_WORKSPACE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (errata_workspace_parent_class)->finalize (object);
}

static void
errata_workspace_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ErrataWorkspace *self = ERRATA_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_TAXONOMY:
      g_value_set_object (value, self->taxonomy);
      break;
    case PROP_CANCELLABLE:
      g_value_set_object (value, self->cancellable);
      break;
    case PROP_LLM_CLIENT:
      g_value_set_object (value, self->llm_client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_workspace_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ErrataWorkspace *self = ERRATA_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      self->project = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_workspace_class_init (ErrataWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = errata_workspace_constructed;
  object_class->dispose = errata_workspace_dispose;
  object_class->finalize = errata_workspace_finalize;
  object_class->get_property = errata_workspace_get_property;
  object_class->set_property = errata_workspace_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, ERRATA_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAXONOMY] =
    g_param_spec_object ("taxonomy", NULL, NULL, ERRATA_TYPE_TAXONOMY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CANCELLABLE] =
    g_param_spec_object ("cancellable", NULL, NULL, G_TYPE_CANCELLABLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LLM_CLIENT] =
    g_param_spec_object ("llm-client", NULL, NULL, ERRATA_TYPE_LLM_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
errata_workspace_init (ErrataWorkspace *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * errata_workspace_new:
 * @project: the window's open project
 * @settings: (nullable): the application's settings, from which the LLM
 *   client is built; %NULL for a workspace without one
 *
 * Returns: (transfer full): a workspace owning @project and a taxonomy
 *   (with its undo stack) over it
 */
ErrataWorkspace *
errata_workspace_new (ErrataProject *project,
                      GSettings     *settings)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (ERRATA_TYPE_WORKSPACE, "project", project, "settings", settings, NULL);
}

ErrataProject *
errata_workspace_get_project (ErrataWorkspace *self)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (self), NULL);
  return self->project;
}

/* The one taxonomy of the window: every page edits and undoes through it. */
ErrataTaxonomy *
errata_workspace_get_taxonomy (ErrataWorkspace *self)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (self), NULL);
  return self->taxonomy;
}

GSettings *
errata_workspace_get_settings (ErrataWorkspace *self)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (self), NULL);
  return self->settings;
}

/* Cancelled when the workspace is disposed (its window closes): pass it
 * to every call that may outlive the page that started it. */
GCancellable *
errata_workspace_get_cancellable (ErrataWorkspace *self)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (self), NULL);
  return self->cancellable;
}

/* The client built by the last load, or %NULL before one (or after the
 * llm-* settings changed). */
ErrataLlmClient *
errata_workspace_get_llm_client (ErrataWorkspace *self)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (self), NULL);
  return self->llm_client;
}

/* A load holds the workspace weakly: it never keeps a closed window's
 * workspace alive, and the dispose that cancels it ends it. */
typedef struct
{
  GWeakRef workspace;
  guint    generation;
} Load;

static void
load_free (Load *load)
{
  g_weak_ref_clear (&load->workspace);
  g_free (load);
}

static Load *
load_new (ErrataWorkspace *self)
{
  Load *load = g_new0 (Load, 1);

  g_weak_ref_init (&load->workspace, self);
  load->generation = self->llm_generation;
  return load;
}

/* Two loads at once: the first to finish is the one everybody shares. A
 * load from before a settings change returns its client but does not
 * keep it. */
static void
keep_client (ErrataWorkspace  *self,
             guint             generation,
             ErrataLlmClient **client)
{
  if (self == NULL || generation != self->llm_generation)
    return;
  if (self->llm_client != NULL)
    {
      g_set_object (client, self->llm_client);
      return;
    }
  self->llm_client = g_object_ref (*client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LLM_CLIENT]);
}

static void
on_client_built (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(ErrataWorkspace) self = g_weak_ref_get (&load->workspace);
  g_autoptr(ErrataLlmClient) client = NULL;
  GError *error = NULL;

  client = errata_llm_settings_new_client_finish (result, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  keep_client (self, load->generation, &client);
  g_task_return_pointer (task, g_steal_pointer (&client), g_object_unref);
}

/**
 * errata_workspace_load_llm_client_async:
 *
 * Gets the LLM client for the configured provider: the one already built,
 * or a new one from the llm-* settings and the key in the keyring. The
 * workspace's cancellable cancels it.
 */
void
errata_workspace_load_llm_client_async (ErrataWorkspace     *self,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ERRATA_IS_WORKSPACE (self));

  task = g_task_new (NULL, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_workspace_load_llm_client_async);
  g_task_set_task_data (task, load_new (self), (GDestroyNotify) load_free);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (self->llm_client != NULL)
    g_task_return_pointer (task, g_object_ref (self->llm_client), g_object_unref);
  else if (self->settings == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("No LLM provider is configured for this window"));
  else
    errata_llm_settings_new_client_async (self->settings, self->cancellable, on_client_built,
                                          g_steal_pointer (&task));
}

/**
 * errata_workspace_load_llm_client_finish:
 *
 * Takes no workspace: the one that started the load may be gone (its
 * window closed), and then the load ends cancelled.
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
ErrataLlmClient *
errata_workspace_load_llm_client_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        errata_workspace_load_llm_client_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The name stored with each annotation and label made here: the
 * preference (@settings may be %NULL), or the account's real name, or (when the system knows
 * none) the login name. */
char *
errata_annotator_name_from_settings (GSettings *settings)
{
  g_autofree char *name = NULL;
  const char *real_name = g_get_real_name ();

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  /* Without settings (a workspace in a test), the account names it. */
  name = settings != NULL ? g_settings_get_string (settings, "annotator-name") : g_strdup ("");
  g_strstrip (name);
  if (*name != '\0')
    return g_steal_pointer (&name);
  if (real_name != NULL && *real_name != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);
  return g_strdup (g_get_user_name ());
}

char *
errata_workspace_dup_annotator (ErrataWorkspace *self)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (self), NULL);

  return errata_annotator_name_from_settings (errata_workspace_get_settings (self));
}
