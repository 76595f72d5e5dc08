/* errata-placeholder-completion.c: the placeholders of a judge prompt,
 * offered after "{{".
 *
 * The proposals are a tiny private class (ErrataPlaceholderProposal): a
 * GtkSourceCompletionProposal is an interface, and nothing outside this
 * file needs to name its type.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-placeholder-completion.h"

#include <glib/gi18n.h>
#include <string.h>

/* ---- proposals -------------------------------------------------------- */

#define ERRATA_TYPE_PLACEHOLDER_PROPOSAL (errata_placeholder_proposal_get_type ())

G_DECLARE_FINAL_TYPE (ErrataPlaceholderProposal, errata_placeholder_proposal,
                      ERRATA, PLACEHOLDER_PROPOSAL, GObject)

struct _ErrataPlaceholderProposal
{
  GObject  parent_instance;
  char    *text;          /* "{{output}}" */
  char    *description;
};

enum {
  PROPOSAL_PROP_0,
  PROPOSAL_PROP_TEXT,
  PROPOSAL_N_PROPS
};

static GParamSpec *proposal_properties[PROPOSAL_N_PROPS];

static void
errata_placeholder_proposal_iface_init (GtkSourceCompletionProposalInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (ErrataPlaceholderProposal, errata_placeholder_proposal,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_SOURCE_TYPE_COMPLETION_PROPOSAL,
                                                      errata_placeholder_proposal_iface_init))

static void
errata_placeholder_proposal_finalize (GObject *object)
{
  ErrataPlaceholderProposal *self = ERRATA_PLACEHOLDER_PROPOSAL (object);

  g_free (self->text);
  g_free (self->description);
  G_OBJECT_CLASS (errata_placeholder_proposal_parent_class)->finalize (object);
}

static void
errata_placeholder_proposal_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  ErrataPlaceholderProposal *self = ERRATA_PLACEHOLDER_PROPOSAL (object);

  if (prop_id == PROPOSAL_PROP_TEXT)
    g_value_set_string (value, self->text);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
errata_placeholder_proposal_class_init (ErrataPlaceholderProposalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = errata_placeholder_proposal_finalize;
  object_class->get_property = errata_placeholder_proposal_get_property;

  proposal_properties[PROPOSAL_PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PROPOSAL_N_PROPS, proposal_properties);
}

static void
errata_placeholder_proposal_init (ErrataPlaceholderProposal *self)
{
}

static ErrataPlaceholderProposal *
proposal_new (const char *name,
              const char *description)
{
  ErrataPlaceholderProposal *self = g_object_new (ERRATA_TYPE_PLACEHOLDER_PROPOSAL, NULL);

  self->text = g_strdup_printf ("{{%s}}", name);
  self->description = g_strdup (description);
  return self;
}

/* ---- the provider ----------------------------------------------------- */

struct _ErrataPlaceholderCompletion
{
  GObject  parent_instance;
  GStrv    metadata_keys;
};

static void errata_placeholder_completion_provider_init (GtkSourceCompletionProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ErrataPlaceholderCompletion, errata_placeholder_completion,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_SOURCE_TYPE_COMPLETION_PROVIDER,
                                                      errata_placeholder_completion_provider_init))

static const struct
{
  const char *name;
  const char *description;
} placeholders[] = {
  { "input", N_("The trace’s first user message") },
  { "output", N_("The trace’s final assistant message") },
  { "conversation", N_("Every message, with roles and tool calls") },
  { "definition", N_("The failure mode’s definition") },
  { "examples", N_("The few-shot examples, with labels and notes") },
};

/* The open "{{" before @iter on its line, and what is typed after it;
 * FALSE when the braces are closed or there are none. */
static gboolean
find_open_braces (const GtkTextIter  *iter,
                  GtkTextIter        *open,
                  char              **typed)
{
  GtkTextIter line_start = *iter;
  GtkTextIter match_end;
  g_autofree char *text = NULL;

  gtk_text_iter_set_line_offset (&line_start, 0);
  if (!gtk_text_iter_backward_search (iter, "{{", GTK_TEXT_SEARCH_TEXT_ONLY, open, &match_end,
                                      &line_start))
    return FALSE;
  text = gtk_text_iter_get_text (&match_end, iter);
  if (strstr (text, "}") != NULL || strstr (text, "{") != NULL)
    return FALSE;
  *typed = g_strdup (g_strchug (text));
  return TRUE;
}

static void
add_if_matching (GListStore *store,
                 const char *typed,
                 const char *name,
                 const char *description)
{
  g_autofree char *folded_name = g_utf8_casefold (name, -1);
  g_autofree char *folded_typed = g_utf8_casefold (typed, -1);
  g_autoptr(ErrataPlaceholderProposal) proposal = NULL;

  if (!g_str_has_prefix (folded_name, folded_typed))
    return;
  proposal = proposal_new (name, description);
  g_list_store_append (store, proposal);
}

static void
fill (ErrataPlaceholderCompletion *self,
      GListStore                  *store,
      const char                  *typed)
{
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    add_if_matching (store, typed, placeholders[i].name, _(placeholders[i].description));
  for (guint i = 0; self->metadata_keys != NULL && self->metadata_keys[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("metadata.", self->metadata_keys[i], NULL);

      add_if_matching (store, typed, name, _("A metadata value of the trace"));
    }
}

GListModel *
errata_placeholder_completion_propose (ErrataPlaceholderCompletion *self,
                                       const GtkTextIter           *iter)
{
  g_autofree char *typed = NULL;
  GtkTextIter open;
  GListStore *store;

  g_return_val_if_fail (ERRATA_IS_PLACEHOLDER_COMPLETION (self), NULL);
  g_return_val_if_fail (iter != NULL, NULL);

  if (!find_open_braces (iter, &open, &typed))
    return NULL;
  store = g_list_store_new (ERRATA_TYPE_PLACEHOLDER_PROPOSAL);
  fill (self, store, typed);
  return G_LIST_MODEL (store);
}

void
errata_placeholder_completion_apply (ErrataPlaceholderCompletion *self,
                                     GtkTextBuffer               *buffer,
                                     GtkSourceCompletionProposal *proposal)
{
  ErrataPlaceholderProposal *placeholder;
  g_autofree char *typed = NULL;
  g_autofree char *after = NULL;
  GtkTextIter iter, open, end;

  g_return_if_fail (ERRATA_IS_PLACEHOLDER_COMPLETION (self));
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (ERRATA_IS_PLACEHOLDER_PROPOSAL (proposal));

  placeholder = ERRATA_PLACEHOLDER_PROPOSAL (proposal);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  if (!find_open_braces (&iter, &open, &typed))
    return;
  /* Closing braces typed ahead of time are part of what is replaced. */
  end = iter;
  gtk_text_iter_forward_chars (&end, 2);
  after = gtk_text_iter_get_text (&iter, &end);
  if (!g_str_equal (after, "}}"))
    end = iter;
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &open, &end);
  gtk_text_buffer_insert (buffer, &open, placeholder->text, -1);
  gtk_text_buffer_end_user_action (buffer);
}

void
errata_placeholder_completion_set_metadata_keys (ErrataPlaceholderCompletion *self,
                                                 const char * const          *keys)
{
  g_return_if_fail (ERRATA_IS_PLACEHOLDER_COMPLETION (self));

  g_strfreev (self->metadata_keys);
  self->metadata_keys = g_strdupv ((char **)keys);
}

/* GtkSourceCompletionProvider ----------------------------------------- */

static char *
provider_get_title (GtkSourceCompletionProvider *provider)
{
  return g_strdup (_("Placeholders"));
}

/* Typing the second brace of "{{" opens the list (the iter may be just
 * before or just after the brace typed, so both neighbours are looked at). */
static gboolean
provider_is_trigger (GtkSourceCompletionProvider *provider,
                     const GtkTextIter           *iter,
                     gunichar                     ch)
{
  GtkTextIter start = *iter, end = *iter;
  g_autofree char *around = NULL;

  if (ch != '{')
    return FALSE;
  gtk_text_iter_backward_chars (&start, 2);
  gtk_text_iter_forward_char (&end);
  around = gtk_text_iter_get_text (&start, &end);
  return strstr (around, "{{") != NULL;
}

static GListModel *
provider_populate (GtkSourceCompletionProvider  *provider,
                   GtkSourceCompletionContext   *context,
                   GError                      **error)
{
  ErrataPlaceholderCompletion *self = ERRATA_PLACEHOLDER_COMPLETION (provider);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (gtk_source_completion_context_get_buffer (context));
  GListModel *model;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  model = errata_placeholder_completion_propose (self, &iter);
  if (model == NULL)
    model = G_LIST_MODEL (g_list_store_new (ERRATA_TYPE_PLACEHOLDER_PROPOSAL));
  return model;
}

static void
provider_populate_async (GtkSourceCompletionProvider *provider,
                         GtkSourceCompletionContext  *context,
                         GCancellable                *cancellable,
                         GAsyncReadyCallback          callback,
                         gpointer                     user_data)
{
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);
  GError *error = NULL;
  GListModel *model;

  g_task_set_source_tag (task, provider_populate_async);
  model = provider_populate (provider, context, &error);
  g_task_return_pointer (task, model, g_object_unref);
}

static GListModel *
provider_populate_finish (GtkSourceCompletionProvider  *provider,
                          GAsyncResult                 *result,
                          GError                      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* More typing narrows the list in place. */
static void
provider_refilter (GtkSourceCompletionProvider *provider,
                   GtkSourceCompletionContext  *context,
                   GListModel                  *model)
{
  ErrataPlaceholderCompletion *self = ERRATA_PLACEHOLDER_COMPLETION (provider);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (gtk_source_completion_context_get_buffer (context));
  g_autoptr(GListModel) fresh = NULL;
  GtkTextIter iter;
  guint n;

  if (!G_IS_LIST_STORE (model))
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  fresh = errata_placeholder_completion_propose (self, &iter);
  n = fresh != NULL ? g_list_model_get_n_items (fresh) : 0;
  g_list_store_remove_all (G_LIST_STORE (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (fresh, i);

      g_list_store_append (G_LIST_STORE (model), item);
    }
}

static void
provider_display (GtkSourceCompletionProvider *provider,
                  GtkSourceCompletionContext  *context,
                  GtkSourceCompletionProposal *proposal,
                  GtkSourceCompletionCell     *cell)
{
  ErrataPlaceholderProposal *placeholder = ERRATA_PLACEHOLDER_PROPOSAL (proposal);

  switch (gtk_source_completion_cell_get_column (cell))
    {
    case GTK_SOURCE_COMPLETION_COLUMN_TYPED_TEXT:
      gtk_source_completion_cell_set_text (cell, placeholder->text);
      break;
    case GTK_SOURCE_COMPLETION_COLUMN_COMMENT:
      gtk_source_completion_cell_set_text (cell, placeholder->description);
      break;
    default:
      gtk_source_completion_cell_set_text (cell, NULL);
      break;
    }
}

static void
provider_activate (GtkSourceCompletionProvider *provider,
                   GtkSourceCompletionContext  *context,
                   GtkSourceCompletionProposal *proposal)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (gtk_source_completion_context_get_buffer (context));

  errata_placeholder_completion_apply (ERRATA_PLACEHOLDER_COMPLETION (provider), buffer,
                                       proposal);
}

static void
errata_placeholder_completion_provider_init (GtkSourceCompletionProviderInterface *iface)
{
  iface->get_title = provider_get_title;
  iface->is_trigger = provider_is_trigger;
  iface->populate_async = provider_populate_async;
  iface->populate_finish = provider_populate_finish;
  iface->refilter = provider_refilter;
  iface->display = provider_display;
  iface->activate = provider_activate;
}

/* GObject ------------------------------------------------------------- */

static void
errata_placeholder_completion_finalize (GObject *object)
{
  ErrataPlaceholderCompletion *self = ERRATA_PLACEHOLDER_COMPLETION (object);

  g_strfreev (self->metadata_keys);
  G_OBJECT_CLASS (errata_placeholder_completion_parent_class)->finalize (object);
}

static void
errata_placeholder_completion_class_init (ErrataPlaceholderCompletionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = errata_placeholder_completion_finalize;
}

static void
errata_placeholder_completion_init (ErrataPlaceholderCompletion *self)
{
}

ErrataPlaceholderCompletion *
errata_placeholder_completion_new (void)
{
  return g_object_new (ERRATA_TYPE_PLACEHOLDER_COMPLETION, NULL);
}
