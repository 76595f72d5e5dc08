/* errata-synth-types.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-types.h"

G_DEFINE_QUARK (errata-synth-error-quark, errata_synth_error)

static const char * const origin_names[] = { "all", "sampled", "llm", "typed" };
static const char * const state_names[] = { "draft", "accepted", "rejected" };

ErrataSynthValue *
errata_synth_value_new (const char *value,
                        const char *description)
{
  ErrataSynthValue *self = g_new0 (ErrataSynthValue, 1);

  self->value = g_strdup (value);
  self->description = g_strdup (description != NULL ? description : "");
  return self;
}

void
errata_synth_value_free (ErrataSynthValue *self)
{
  if (self == NULL)
    return;
  g_free (self->value);
  g_free (self->description);
  g_free (self);
}

ErrataSynthDimension *
errata_synth_dimension_new (const char *name,
                            const char *description)
{
  ErrataSynthDimension *self = g_new0 (ErrataSynthDimension, 1);

  self->name = g_strdup (name);
  self->description = g_strdup (description != NULL ? description : "");
  self->values = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_synth_value_free);
  return self;
}

void
errata_synth_dimension_free (ErrataSynthDimension *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->description);
  g_ptr_array_unref (self->values);
  g_free (self);
}

void
errata_synth_tuple_free (ErrataSynthTuple *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->dimensions, json_object_unref);
  g_free (self);
}

void
errata_synth_query_free (ErrataSynthQuery *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->error);
  g_clear_pointer (&self->dimensions, json_object_unref);
  g_free (self);
}

const char *
errata_synth_origin_to_string (ErrataSynthOrigin origin)
{
  g_return_val_if_fail (origin < G_N_ELEMENTS (origin_names), NULL);

  return origin_names[origin];
}

gboolean
errata_synth_origin_from_string (const char        *text,
                                 ErrataSynthOrigin *origin)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (origin_names); i++)
    if (g_str_equal (text, origin_names[i]))
      {
        *origin = (ErrataSynthOrigin)i;
        return TRUE;
      }
  return FALSE;
}

const char *
errata_synth_state_to_string (ErrataSynthQueryState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

gboolean
errata_synth_state_from_string (const char            *text,
                                ErrataSynthQueryState *state)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (text, state_names[i]))
      {
        *state = (ErrataSynthQueryState)i;
        return TRUE;
      }
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* Sorted by dimension name, so that the key does not depend on the order
 * the members were added in; \x1f and \x1e cannot be typed into a value. */
char *
errata_synth_tuple_key (JsonObject *dimensions)
{
  g_autoptr(GList) names = json_object_get_members (dimensions);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GString) key = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    g_ptr_array_add (sorted, l->data);
  g_ptr_array_sort (sorted, compare_names);
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *name = g_ptr_array_index (sorted, i);

      g_string_append_printf (key, "%s%s\x1f%s", i > 0 ? "\x1e" : "", name,
                              json_object_get_string_member_with_default (dimensions, name, ""));
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}
