/* errata-json-extract.c
 *
 * Models asked for JSON without structured output tend to wrap it: a
 * sentence before, a ```json fence, a remark after. This finds the first
 * JSON object or array that parses as it stands. It is deliberately
 * conservative: it never repairs JSON (no trailing-comma or quote fixes),
 * because a repaired verdict is a guessed verdict.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-json-extract.h"
#include "errata-llm-error.h"
#include "errata-json-guard.h"

#include <string.h>

/* JSON-GLib accepts 'single-quoted' strings, which JSON does not have;
 * a Python dict is not the JSON the model was asked for. */
static gboolean
has_bare_single_quote (const char *text,
                       gsize       len)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (in_string && text[i] == '\\')
        i++;
      else if (text[i] == '"')
        in_string = !in_string;
      else if (!in_string && text[i] == '\'')
        return TRUE;
    }
  return FALSE;
}

static JsonNode *
parse_container (const char *text,
                 gssize      len)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (len < 0)
    len = strlen (text);
  if (has_bare_single_quote (text, len))
    return NULL;

  if (!errata_json_parser_load (parser, text, len, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !(JSON_NODE_HOLDS_OBJECT (root) || JSON_NODE_HOLDS_ARRAY (root)))
    return NULL;

  return json_node_ref (root);
}

/* Returns the end (one past the closing bracket) of the bracketed value
 * starting at @start, skipping brackets inside strings, or NULL. */
static const char *
find_balanced_end (const char *start)
{
  g_autoptr(GString) stack = g_string_new (NULL);
  gboolean in_string = FALSE;

  for (const char *p = start; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }

      if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        {
          /* Too deep to parse anyway; stopping here also keeps the scan
           * over every start linear: "[[[[…" would be quadratic. */
          if (stack->len == ERRATA_JSON_MAX_DEPTH)
            return NULL;
          g_string_append_c (stack, *p == '{' ? '}' : ']');
        }
      else if (*p == '}' || *p == ']')
        {
          if (stack->len == 0 || stack->str[stack->len - 1] != *p)
            return NULL;
          g_string_truncate (stack, stack->len - 1);
          if (stack->len == 0)
            return p + 1;
        }
    }

  return NULL;
}

static JsonNode *
scan_for_container (const char *text,
                    const char *end)
{
  for (const char *p = text; p < end && *p != '\0'; p++)
    {
      const char *close;
      JsonNode *node;

      if (*p != '{' && *p != '[')
        continue;

      close = find_balanced_end (p);
      if (close == NULL || close > end)
        continue;

      node = parse_container (p, close - p);
      if (node != NULL)
        return node;
    }

  return NULL;
}

/* The contents of ``` fences, "json"-tagged ones first. */
static JsonNode *
scan_fences (const char *text)
{
  for (int pass = 0; pass < 2; pass++)
    {
      const char *p = text;

      while ((p = strstr (p, "```")) != NULL)
        {
          const char *body = p + 3;
          const char *close;
          gboolean tagged = g_ascii_strncasecmp (body, "json", 4) == 0;
          JsonNode *node = NULL;

          body = strchr (body, '\n');
          if (body == NULL || (close = strstr (body, "```")) == NULL)
            break;

          if (tagged || pass == 1)
            node = scan_for_container (body, close);
          if (node != NULL)
            return node;

          p = close + 3;
        }
    }

  return NULL;
}

/**
 * errata_json_extract:
 * @text: a model's reply
 *
 * Returns: (transfer full): the first JSON object or array in @text, in
 *   this order: the whole text, a fenced block, the first balanced
 *   bracketed span that parses.
 */
JsonNode *
errata_json_extract (const char  *text,
                     GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (text != NULL, NULL);

  if ((node = parse_container (text, -1)) != NULL)
    return node;
  if ((node = scan_fences (text)) != NULL)
    return node;
  if ((node = scan_for_container (text, text + strlen (text))) != NULL)
    return node;

  g_set_error_literal (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                       _("The reply contains no valid JSON object"));
  return NULL;
}
