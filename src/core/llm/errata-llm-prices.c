/* errata-llm-prices.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-llm-prices.h"
#include "errata-llm-error.h"
#include "errata-json-guard.h"

#include <json-glib/json-glib.h>
#include <string.h>

struct _ErrataLlmPrices
{
  GHashTable *models;   /* name → Price */
};

typedef struct
{
  double input;
  double output;
} Price;

/* USD per million tokens, list prices when this was written. They are
 * only an estimate: the llm-prices setting overrides them. */
static const struct
{
  const char *model;
  double      input;
  double      output;
} builtin_prices[] = {
  { "gpt-4o",            2.50, 10.00 },
  { "gpt-4o-mini",       0.15,  0.60 },
  { "gpt-4.1",           2.00,  8.00 },
  { "gpt-4.1-mini",      0.40,  1.60 },
  { "gpt-4.1-nano",      0.10,  0.40 },
  { "o3-mini",           1.10,  4.40 },
  { "o4-mini",           1.10,  4.40 },
  { "claude-3-haiku",    0.25,  1.25 },
  { "claude-3-5-haiku",  0.80,  4.00 },
  { "claude-3-5-sonnet", 3.00, 15.00 },
  { "claude-3-7-sonnet", 3.00, 15.00 },
  { "claude-sonnet-4",   3.00, 15.00 },
  { "claude-opus-4",    15.00, 75.00 },
};

ErrataLlmPrices *
errata_llm_prices_new (void)
{
  ErrataLlmPrices *self = g_atomic_rc_box_new0 (ErrataLlmPrices);

  self->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

ErrataLlmPrices *
errata_llm_prices_new_builtin (void)
{
  ErrataLlmPrices *self = errata_llm_prices_new ();

  for (guint i = 0; i < G_N_ELEMENTS (builtin_prices); i++)
    errata_llm_prices_set (self, builtin_prices[i].model,
                           builtin_prices[i].input, builtin_prices[i].output);

  return self;
}

ErrataLlmPrices *
errata_llm_prices_ref (ErrataLlmPrices *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
prices_clear (gpointer data)
{
  ErrataLlmPrices *self = data;

  g_hash_table_unref (self->models);
}

void
errata_llm_prices_unref (ErrataLlmPrices *self)
{
  g_atomic_rc_box_release_full (self, prices_clear);
}

void
errata_llm_prices_set (ErrataLlmPrices *self,
                       const char      *model,
                       double           input_per_million,
                       double           output_per_million)
{
  Price *price;

  g_return_if_fail (self != NULL);
  g_return_if_fail (model != NULL);

  price = g_new (Price, 1);
  price->input = input_per_million;
  price->output = output_per_million;
  g_hash_table_replace (self->models, g_strdup (model), price);
}

static gboolean
read_price (JsonNode *node,
            double   *input,
            double   *output)
{
  JsonObject *object;
  JsonNode *in_node, *out_node;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  in_node = json_object_get_member (object, "input");
  out_node = json_object_get_member (object, "output");
  if (in_node == NULL || out_node == NULL ||
      json_node_get_value_type (in_node) == G_TYPE_STRING ||
      json_node_get_value_type (out_node) == G_TYPE_STRING ||
      !JSON_NODE_HOLDS_VALUE (in_node) || !JSON_NODE_HOLDS_VALUE (out_node))
    return FALSE;

  *input = json_node_get_double (in_node);
  *output = json_node_get_double (out_node);
  return *input >= 0 && *output >= 0;
}

/**
 * errata_llm_prices_load_json:
 * @json: `{"model": {"input": USD per 1M tokens, "output": USD per 1M}}`;
 *   an empty string adds nothing
 *
 * Adds (or replaces) the prices in @json. Nothing is changed when the
 * text is invalid.
 */
gboolean
errata_llm_prices_load_json (ErrataLlmPrices  *self,
                             const char       *json,
                             GError          **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (Price));
  JsonObject *object;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (*json == '\0')
    return TRUE;

  root = errata_json_from_string (json, &local_error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED,
                   _("The LLM prices are not a JSON object such as "
                   "{\"gpt-4o-mini\": {\"input\": 0.15, \"output\": 0.6}}%s%s"),
                   local_error != NULL ? ": " : "",
                   local_error != NULL ? local_error->message : "");
      return FALSE;
    }

  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      Price price;

      if (!read_price (json_object_get_member (object, l->data), &price.input, &price.output))
        {
          g_set_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED,
                       _("The price of “%s” needs numeric “input” and “output” "
                       "(US dollars per million tokens)"),
                       (const char *) l->data);
          return FALSE;
        }
      g_array_append_val (values, price);
    }

  for (guint i = 0; i < values->len; i++)
    errata_llm_prices_set (self, g_list_nth_data (members, i),
                           g_array_index (values, Price, i).input,
                           g_array_index (values, Price, i).output);
  return TRUE;
}

/* Providers answer with dated snapshots ("gpt-4o-mini-2024-07-18"), so
 * the longest known name that prefixes the model wins. */
static const Price *
find_price (ErrataLlmPrices *self,
            const char      *model)
{
  GHashTableIter iter;
  gpointer key, value;
  const Price *best = NULL;
  gsize best_len = 0;

  best = g_hash_table_lookup (self->models, model);
  if (best != NULL)
    return best;

  g_hash_table_iter_init (&iter, self->models);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize len = strlen (key);

      if (len > best_len && g_str_has_prefix (model, key) &&
          (model[len] == '-' || model[len] == ':' || model[len] == '@'))
        {
          best = value;
          best_len = len;
        }
    }

  return best;
}

gboolean
errata_llm_prices_lookup (ErrataLlmPrices *self,
                          const char      *model,
                          double          *input_per_million,
                          double          *output_per_million)
{
  const Price *price;

  g_return_val_if_fail (self != NULL, FALSE);

  if (model == NULL || (price = find_price (self, model)) == NULL)
    return FALSE;

  if (input_per_million != NULL)
    *input_per_million = price->input;
  if (output_per_million != NULL)
    *output_per_million = price->output;
  return TRUE;
}

/* 0 for unknown models (local ones are free) and unknown token counts. */
double
errata_llm_prices_cost (ErrataLlmPrices *self,
                        const char      *model,
                        gint64           tokens_in,
                        gint64           tokens_out)
{
  double input, output;

  g_return_val_if_fail (self != NULL, 0);

  if (!errata_llm_prices_lookup (self, model, &input, &output))
    return 0;

  return (MAX (tokens_in, 0) * input + MAX (tokens_out, 0) * output) / 1e6;
}

/* The same tokens through a Batch API (ERRATA_LLM_BATCH_DISCOUNT). */
double
errata_llm_prices_batch_cost (ErrataLlmPrices *self,
                              const char      *model,
                              gint64           tokens_in,
                              gint64           tokens_out)
{
  return errata_llm_prices_cost (self, model, tokens_in, tokens_out) * ERRATA_LLM_BATCH_DISCOUNT;
}
