/* errata-judge-editor-preview.c: what the judge editor shows of the
 * judge it is editing: the provider and model, the prompt rendered for a
 * trace, and the cost of a run on dev.
 *
 * Both use the very judge a run would build (errata_evaluator_method_new
 * on the edited, unsaved version), on a client made from Preferences
 * without a key: it renders and prices, and is never asked to send
 * anything. So the preview is what the model will read, examples and
 * definition included, and no keyring prompt appears because a form was
 * opened.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "errata-evaluator-method.h"
#include "errata-judge-editor-private.h"
#include "errata-judge.h"
#include "errata-llm-prices.h"
#include "errata-llm-settings.h"

/* Pricing reads and renders every dev trace: 160 agent traces of 18
 * messages take about 100 ms here, which would stall typing, so it goes a
 * few traces per idle call. */
#define ESTIMATE_CHUNK 8

/* The judge a run of the edited form would use. */
static ErrataEvalMethod *
build_method (ErrataJudgeEditor  *self,
              GError            **error)
{
  g_autoptr(JsonObject) definition = _errata_judge_editor_build_definition (self);
  g_autoptr(GArray) few_shot = errata_few_shot_picker_dup_picked (self->few_shot_picker);
  ErrataEvaluatorVersion edited = *self->version;

  edited.definition = definition;
  edited.few_shot = few_shot;
  return errata_evaluator_method_new (_errata_judge_editor_get_project (self), self->evaluator,
                                      &edited, self->client, error);
}

/* ---- model settings --------------------------------------------------- */

static const char *
provider_display_name (const char *provider)
{
  static const struct { const char *id; const char *name; } names[] = {
    { "ollama", N_("Ollama") },
    { "openai", N_("OpenAI") },
    { "anthropic", N_("Anthropic") },
    { "custom", N_("Custom (OpenAI API)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (provider, names[i].id) == 0)
      return _(names[i].name);
  return _(names[0].name);
}

/* A client that is only asked to render prompts and price them: no key. */
void
_errata_judge_editor_rebuild_client (ErrataJudgeEditor *self)
{
  GSettings *settings = errata_workspace_get_settings (self->workspace);
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmPrices) prices = NULL;
  g_autoptr(GError) error = NULL;

  if (settings != NULL)
    provider = errata_llm_settings_build_provider (settings, NULL, &error);
  if (provider == NULL)
    {
      if (error != NULL)
        g_debug ("Judge editor: %s; showing the default provider", error->message);
      provider = errata_llm_provider_new_for_name ("ollama", "", "", NULL);
    }
  prices = settings != NULL ? errata_llm_settings_load_prices (settings)
                            : errata_llm_prices_new_builtin ();
  g_clear_object (&self->client);
  self->client = errata_llm_client_new (provider);
  errata_llm_client_set_prices (self->client, prices);
}

/* The model the judge asks: its own, else the one of Preferences. */
static const char *
effective_model (ErrataJudgeEditor *self)
{
  const char *own = NULL;

  if (self->version != NULL && json_object_has_member (self->version->definition, "model"))
    own = json_object_get_string_member_with_default (self->version->definition, "model", "");
  if (own != NULL && *own != '\0')
    return own;
  return errata_llm_client_get_provider (self->client)->model;
}

void
_errata_judge_editor_update_model_row (ErrataJudgeEditor *self)
{
  GSettings *settings = errata_workspace_get_settings (self->workspace);
  g_autofree char *provider = settings != NULL ? g_settings_get_string (settings, "llm-provider")
                                               : NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  /* Translators: a provider and a model, as in "OpenAI · gpt-4o-mini". */
  subtitle = g_strdup_printf (_("%s · %s"), provider_display_name (provider),
                              effective_model (self));
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (self->model_row, escaped);
}

/* ---- preview and estimate --------------------------------------------- */

static void
set_preview_text (ErrataJudgeEditor *self,
                  const char        *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view), text, -1);
}

/* Offers the metadata keys of previewed traces to the completion (one
 * level into objects, as "customer.plan"): the trace is loaded for the
 * preview anyway, so they cost nothing. */
static void
collect_metadata_keys (ErrataJudgeEditor *self,
                       ErrataTrace       *trace)
{
  JsonObject *metadata = errata_trace_get_metadata (trace);
  g_autofree const char **keys = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (metadata == NULL)
    return;
  json_object_iter_init (&iter, metadata);
  while (json_object_iter_next (&iter, &name, &node))
    {
      JsonObjectIter inner;
      const char *inner_name;
      JsonNode *inner_node;

      g_hash_table_add (self->metadata_keys, g_strdup (name));
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      json_object_iter_init (&inner, json_node_get_object (node));
      while (json_object_iter_next (&inner, &inner_name, &inner_node))
        g_hash_table_add (self->metadata_keys, g_strconcat (name, ".", inner_name, NULL));
    }
  keys = (const char **)g_hash_table_get_keys_as_array (self->metadata_keys, NULL);
  errata_placeholder_completion_set_metadata_keys (self->completion, keys);
}

static ErrataTrace *
selected_preview_trace (ErrataJudgeEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->preview_dropdown);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->preview_ids->len)
    return NULL;
  id = g_array_index (self->preview_ids, gint64, selected);
  if (self->preview_trace != NULL && errata_trace_get_id (self->preview_trace) == id)
    return self->preview_trace;
  g_clear_object (&self->preview_trace);
  self->preview_trace = errata_project_get_trace (_errata_judge_editor_get_project (self), id,
                                                  &error);
  if (self->preview_trace == NULL)
    g_debug ("Judge editor: trace %" PRId64 ": %s", id, error->message);
  else
    collect_metadata_keys (self, self->preview_trace);
  return self->preview_trace;
}

static void
refresh_preview (ErrataJudgeEditor *self,
                 ErrataEvalMethod  *method,
                 const GError      *error)
{
  ErrataTrace *trace;
  g_autofree char *rendered = NULL;

  if (method == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The prompt cannot be rendered: %s"),
                                               error->message);

      set_preview_text (self, text);
      return;
    }
  trace = selected_preview_trace (self);
  if (trace == NULL)
    {
      set_preview_text (self, _("No train or dev trace to preview yet: label traces for this target first."));
      return;
    }
  rendered = errata_judge_render (ERRATA_JUDGE (method), trace);
  set_preview_text (self, rendered);
}

/* "850", "61k", "1.2M": an estimate, not an invoice. */
static char *
format_tokens (gint64 tokens)
{
  if (tokens < 1000)
    return g_strdup_printf ("%" PRId64, tokens);
  if (tokens < 10000)
    return g_strdup_printf ("%.1fk", tokens / 1000.0);
  if (tokens < 1000000)
    return g_strdup_printf ("%.0fk", tokens / 1000.0);
  return g_strdup_printf ("%.1fM", tokens / 1000000.0);
}

static char *
format_cost (ErrataJudgeEditor *self,
             ErrataEvalMethod  *method,
             double             cost)
{
  double in, out;

  if (!errata_llm_prices_lookup (errata_llm_client_get_prices (self->client),
                                 errata_judge_get_model (ERRATA_JUDGE (method)), &in, &out))
    return g_strdup (_("price unknown"));
  if (cost > 0 && cost < 0.01)
    return g_strdup (_("under $0.01"));
  /* Translators: an estimated cost in US dollars. */
  return g_strdup_printf (_("~$%.2f"), cost);
}

/* What the run would cost through the Batch API (the page's Batch
 * option), when it has a price and the provider has batches: Ollama,
 * free and local, has none. */
static char *
format_batch_cost (ErrataJudgeEditor *self,
                   ErrataEvalMethod  *method,
                   double             cost)
{
  GSettings *settings = errata_workspace_get_settings (self->workspace);
  g_autofree char *provider = settings != NULL ? g_settings_get_string (settings, "llm-provider")
                                               : NULL;
  double in, out;
  g_autofree char *batch = NULL;

  if (cost <= 0 || provider == NULL || g_str_equal (provider, "ollama")
      || !errata_llm_prices_lookup (errata_llm_client_get_prices (self->client),
                                    errata_judge_get_model (ERRATA_JUDGE (method)), &in, &out))
    return g_strdup ("");
  batch = format_cost (self, method, cost * ERRATA_LLM_BATCH_DISCOUNT);
  /* Translators: appended to the estimate of a run; %s is a cost such as "~$0.05". */
  return g_strdup_printf (_(" (as a batch %s)"), batch);
}

static void
show_estimate (ErrataJudgeEditor *self)
{
  g_autofree char *tokens_in = format_tokens (self->estimate.tokens_in);
  g_autofree char *tokens_out = format_tokens (self->estimate.tokens_out);
  g_autofree char *cost = format_cost (self, self->estimate_method, self->estimate.cost);
  g_autofree char *batch = format_batch_cost (self, self->estimate_method, self->estimate.cost);
  g_autofree char *line = NULL;
  guint n = self->dev_ids->len;

  /* Translators: the estimate of a run, as in "Run on dev: 48 traces ·
   * ~61k tokens in · ~12k out · ~$0.09"; the last %s is a cost or "price unknown". */
  line = g_strdup_printf (ngettext ("Run on dev: %u trace · ~%s tokens in · ~%s out · %s",
                                    "Run on dev: %u traces · ~%s tokens in · ~%s out · %s", n),
                          n, tokens_in, tokens_out, cost);
  if (*batch != '\0')
    {
      char *with_batch = g_strconcat (line, batch, NULL);

      g_free (line);
      line = with_batch;
    }
  gtk_label_set_label (self->estimate_label, line);
  self->estimate_shown = TRUE;
  gtk_widget_remove_css_class (GTK_WIDGET (self->estimate_label), "dim-label");
}

/* What errata_eval_run_estimate() sums, a chunk of dev traces at a time. */
static gboolean
estimate_step (gpointer data)
{
  ErrataJudgeEditor *self = data;
  guint end = MIN (self->estimate_next + ESTIMATE_CHUNK, self->dev_ids->len);

  for (; self->estimate_next < end; self->estimate_next++)
    {
      gint64 id = g_array_index (self->dev_ids, gint64, self->estimate_next);
      g_autoptr(ErrataTrace) trace =
        errata_project_get_trace (_errata_judge_editor_get_project (self), id, NULL);
      ErrataEvalEstimate one;

      if (trace == NULL)
        continue;
      errata_eval_method_estimate (self->estimate_method, trace, &one);
      self->estimate.tokens_in += one.tokens_in;
      self->estimate.tokens_out += one.tokens_out;
      self->estimate.cost += one.cost;
    }
  if (self->estimate_next < self->dev_ids->len)
    return G_SOURCE_CONTINUE;
  self->estimate_id = 0;
  show_estimate (self);
  return G_SOURCE_REMOVE;
}

void
_errata_judge_editor_stop_estimate (ErrataJudgeEditor *self)
{
  g_clear_handle_id (&self->estimate_id, g_source_remove);
  g_clear_object (&self->estimate_method);
}

/* The last line stays (dimmed) until the new one is known. */
static void
refresh_estimate (ErrataJudgeEditor *self,
                  ErrataEvalMethod  *method)
{
  _errata_judge_editor_stop_estimate (self);
  if (method == NULL || self->dev_ids->len == 0)
    {
      self->estimate_shown = FALSE;
      gtk_widget_remove_css_class (GTK_WIDGET (self->estimate_label), "dim-label");
      gtk_label_set_label (self->estimate_label,
                           method == NULL
                           ? _("Run on dev: fix the prompt to see its cost.")
                           : _("Run on dev: no dev traces yet. Label traces for this target: a share of them goes to dev."));
      return;
    }
  if (!self->estimate_shown)
    gtk_label_set_label (self->estimate_label, _("Run on dev: estimating the cost…"));
  self->estimate_method = g_object_ref (method);
  self->estimate = (ErrataEvalEstimate) { 0, };
  self->estimate_next = 0;
  gtk_widget_add_css_class (GTK_WIDGET (self->estimate_label), "dim-label");
  self->estimate_id = g_idle_add_full (G_PRIORITY_LOW, estimate_step, self, NULL);
}

void
_errata_judge_editor_refresh_now (ErrataJudgeEditor *self)
{
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->evaluator == NULL)
    return;
  method = build_method (self, &error);
  refresh_preview (self, method, error);
  refresh_estimate (self, method);
}

static void
append_preview_traces (ErrataJudgeEditor *self,
                       GtkStringList     *names,
                       GArray            *ids,
                       const char        *split)
{
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GError) error = NULL;

  if (ids == NULL || ids->len == 0)
    return;
  traces = errata_project_get_trace_summaries (_errata_judge_editor_get_project (self),
                                               (const gint64 *)(gpointer)ids->data, ids->len,
                                               &error);
  for (guint i = 0; traces != NULL && i < traces->len; i++)
    {
      ErrataTrace *trace = traces->pdata[i];
      gint64 id = errata_trace_get_id (trace);
      /* Translators: a split and a trace id in the preview's list, as in "dev · trace-17". */
      g_autofree char *name = g_strdup_printf (_("%s · %s"), split,
                                               errata_trace_get_external_id (trace));

      gtk_string_list_append (names, name);
      g_array_append_val (self->preview_ids, id);
    }
  if (traces == NULL)
    g_debug ("Judge editor: %s", error->message);
}

/* Train and dev: test traces are never shown to the one writing the
 * prompt either. Dev comes first selected, as the run is on dev. */
void
_errata_judge_editor_fill_preview_list (ErrataJudgeEditor *self,
                   GArray            *train)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint first_dev;

  g_array_set_size (self->preview_ids, 0);
  g_clear_object (&self->preview_trace);
  append_preview_traces (self, names, train, C_("split", "train"));
  first_dev = self->preview_ids->len;
  append_preview_traces (self, names, self->dev_ids, C_("split", "dev"));
  gtk_drop_down_set_model (self->preview_dropdown, G_LIST_MODEL (names));
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_dropdown), self->preview_ids->len > 0);
  if (self->preview_ids->len > 0)
    gtk_drop_down_set_selected (self->preview_dropdown,
                                first_dev < self->preview_ids->len ? first_dev : 0);
}

