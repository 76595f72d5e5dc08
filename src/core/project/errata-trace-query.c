/* errata-trace-query.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-trace-query.h"

#include <string.h>

struct _ErrataTraceQuery
{
  GObject             parent_instance;

  ErrataReviewFilter  review_filter;
  char               *text;
  char               *metadata_field;
  char               *metadata_value;
  gboolean            has_note;
  gint64              failure_mode;
  gint64              disputed_target;  /* -1: no such filter */
  ErrataTraceSort     sort;
  char               *sort_key;   /* for ERRATA_TRACE_SORT_METADATA */
  gboolean            descending;
  guint32             seed;
};

G_DEFINE_FINAL_TYPE (ErrataTraceQuery, errata_trace_query, G_TYPE_OBJECT)

static void
errata_trace_query_finalize (GObject *object)
{
  ErrataTraceQuery *self = (ErrataTraceQuery *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->metadata_field, g_free);
  g_clear_pointer (&self->metadata_value, g_free);
  g_clear_pointer (&self->sort_key, g_free);

  G_OBJECT_CLASS (errata_trace_query_parent_class)->finalize (object);
}

static void
errata_trace_query_class_init (ErrataTraceQueryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = errata_trace_query_finalize;
}

static void
errata_trace_query_init (ErrataTraceQuery *self)
{
  self->disputed_target = -1;
}

ErrataTraceQuery *
errata_trace_query_new (void)
{
  return g_object_new (ERRATA_TYPE_TRACE_QUERY, NULL);
}

ErrataTraceQuery *
errata_trace_query_copy (ErrataTraceQuery *self)
{
  ErrataTraceQuery *copy;

  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), NULL);

  copy = errata_trace_query_new ();
  copy->review_filter = self->review_filter;
  copy->text = g_strdup (self->text);
  copy->metadata_field = g_strdup (self->metadata_field);
  copy->metadata_value = g_strdup (self->metadata_value);
  copy->has_note = self->has_note;
  copy->failure_mode = self->failure_mode;
  copy->disputed_target = self->disputed_target;
  copy->sort = self->sort;
  copy->sort_key = g_strdup (self->sort_key);
  copy->descending = self->descending;
  copy->seed = self->seed;
  return copy;
}

ErrataReviewFilter
errata_trace_query_get_review_filter (ErrataTraceQuery *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), ERRATA_REVIEW_FILTER_ANY);
  return self->review_filter;
}

void
errata_trace_query_set_review_filter (ErrataTraceQuery   *self,
                                      ErrataReviewFilter  filter)
{
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (self));
  self->review_filter = filter;
}

const char *
errata_trace_query_get_text (ErrataTraceQuery *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), NULL);
  return self->text;
}

void
errata_trace_query_set_text (ErrataTraceQuery *self,
                             const char       *text)
{
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (self));
  g_free (self->text);
  self->text = (text && *text) ? g_strdup (text) : NULL;
}

const char *
errata_trace_query_get_metadata_field (ErrataTraceQuery *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), NULL);
  return self->metadata_field;
}

const char *
errata_trace_query_get_metadata_value (ErrataTraceQuery *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), NULL);
  return self->metadata_value;
}

void
errata_trace_query_set_metadata_filter (ErrataTraceQuery *self,
                                        const char       *field,
                                        const char       *value)
{
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (self));
  g_free (self->metadata_field);
  g_free (self->metadata_value);
  self->metadata_field = (field && *field) ? g_strdup (field) : NULL;
  self->metadata_value = self->metadata_field ? g_strdup (value ? value : "") : NULL;
}

gboolean
errata_trace_query_get_has_note (ErrataTraceQuery *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), FALSE);
  return self->has_note;
}

void
errata_trace_query_set_has_note (ErrataTraceQuery *self,
                                 gboolean          has_note)
{
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (self));
  self->has_note = !!has_note;
}

gint64
errata_trace_query_get_failure_mode (ErrataTraceQuery *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), 0);
  return self->failure_mode;
}

void
errata_trace_query_set_failure_mode (ErrataTraceQuery *self,
                                     gint64            mode_id)
{
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (self));
  self->failure_mode = MAX (mode_id, 0);
}

ErrataTraceSort
errata_trace_query_get_sort (ErrataTraceQuery *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), ERRATA_TRACE_SORT_IMPORT_ORDER);
  return self->sort;
}

gboolean
errata_trace_query_get_descending (ErrataTraceQuery *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), FALSE);
  return self->descending;
}

void
errata_trace_query_set_sort (ErrataTraceQuery *self,
                             ErrataTraceSort   sort,
                             gboolean          descending)
{
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (self));
  g_return_if_fail (sort != ERRATA_TRACE_SORT_METADATA || self->sort_key != NULL);
  self->sort = sort;
  self->descending = !!descending;
}

const char *
errata_trace_query_get_sort_key (ErrataTraceQuery *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), NULL);
  return self->sort_key;
}

/**
 * errata_trace_query_set_sort_key:
 * @key: a metadata field, named as the metadata filter names it ("customer",
 *   "usage.total_tokens")
 *
 * Sorts by the value of @key: numbers by number, then text; the traces
 * without the key come last, in import order, whichever the direction.
 */
void
errata_trace_query_set_sort_key (ErrataTraceQuery *self,
                                 const char       *key,
                                 gboolean          descending)
{
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (self));
  g_return_if_fail (key != NULL && *key != '\0');
  g_free (self->sort_key);
  self->sort_key = g_strdup (key);
  self->sort = ERRATA_TRACE_SORT_METADATA;
  self->descending = !!descending;
}

guint32
errata_trace_query_get_seed (ErrataTraceQuery *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), 0);
  return self->seed;
}

void
errata_trace_query_set_seed (ErrataTraceQuery *self,
                             guint32           seed)
{
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (self));
  self->seed = seed;
}

static void
append_fts_token (GString    *expr,
                  const char *token)
{
  gsize len = strlen (token);
  gboolean prefix = len > 1 && token[len - 1] == '*';

  if (expr->len > 0)
    g_string_append_c (expr, ' ');
  g_string_append_c (expr, '"');
  for (gsize i = 0; i < len - (prefix ? 1 : 0); i++)
    {
      /* A double quote inside an FTS5 string is written twice. */
      if (token[i] == '"')
        g_string_append_c (expr, '"');
      g_string_append_c (expr, token[i]);
    }
  g_string_append_c (expr, '"');
  if (prefix)
    g_string_append_c (expr, '*');
}

static gboolean
has_word_characters (const char *token)
{
  for (const char *p = token; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Turns what a user typed into an FTS5 expression that cannot be a syntax
 * error: every word is a quoted string, all must match, and a trailing `*`
 * makes a word a prefix. Returns NULL when there is nothing to search. */
char *
errata_trace_query_dup_fts_expression (ErrataTraceQuery *self)
{
  g_auto (GStrv) tokens = NULL;
  GString *expr;

  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), NULL);

  if (self->text == NULL)
    return NULL;
  tokens = g_strsplit_set (self->text, " \t\r\n", -1);
  expr = g_string_new (NULL);
  for (guint i = 0; tokens[i]; i++)
    if (g_utf8_validate (tokens[i], -1, NULL) && has_word_characters (tokens[i]))
      append_fts_token (expr, tokens[i]);
  if (expr->len == 0)
    {
      g_string_free (expr, TRUE);
      return NULL;
    }
  return g_string_free (expr, FALSE);
}

gint64
errata_trace_query_get_disputed_target (ErrataTraceQuery *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_QUERY (self), -1);

  return self->disputed_target;
}

/**
 * errata_trace_query_set_disputed_target:
 * @target: ERRATA_TARGET_OVERALL (0), a failure mode's id, or -1 for no filter
 *
 * Only the traces whose label for @target is disputed and not settled by
 * an explicit label: the adjudication queue (errata-adjudication.h).
 */
void
errata_trace_query_set_disputed_target (ErrataTraceQuery *self,
                                        gint64            target)
{
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (self));

  self->disputed_target = MAX (target, -1);
}
