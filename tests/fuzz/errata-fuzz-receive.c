/* errata-fuzz-receive.c: one OTLP/HTTP request body, as the live receiver
 * takes it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-fuzz-private.h"
#include "errata-fuzz.h"
#include "errata-import-private.h"
#include "errata-json-fast.h"
#include "errata-json-guard.h"
#include "errata-live-journal.h"
#include "errata-otlp-proto.h"
#include "errata-otlp-request.h"

/* Byte 0: bit 0 logs (else traces), bit 1 protobuf (else JSON), bit 2
 * gzip; the rest is the body. What decodes is journaled in a fresh project
 * and every trace built from it, as the receiver's writer does. */
int
errata_fuzz_otlp_request (const guint8 *data,
                          gsize         size)
{
  g_autofree char *project_path = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  /* The traces go into an import, as the receiver records them. */
  ErrataLiveImport import = { "fuzz", 0 };
  guint rejected = 0;

  if (size == 0)
    return 0;
  body = g_bytes_new (data + 1, size - 1);
  spans = errata_otlp_decode_request (data[0] & 1 ? ERRATA_OTLP_LOGS : ERRATA_OTLP_TRACES,
                                      data[0] & 2 ? ERRATA_OTLP_PROTOBUF : ERRATA_OTLP_JSON,
                                      (data[0] & 4) != 0, body, 4 * 1024 * 1024, &rejected, NULL, NULL);
  if (spans == NULL || spans->len == 0)
    return 0;

  project_path = g_build_filename (errata_fuzz_tmpdir (), "receive.errata", NULL);
  project = _errata_fuzz_new_project ("receive.errata");
  if (errata_live_journal_append (project, spans, NULL))
    pending = errata_live_journal_pending (project, NULL);
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      ErrataLiveOutcome outcome;
      g_autofree char *problem = NULL;

      errata_live_journal_convert (project, pending->pdata[i], &import, &outcome, &problem, NULL);
    }
  _errata_fuzz_read_project (project);
  errata_project_close (project);
  g_clear_object (&project);
  _errata_fuzz_remove_project (project_path);
  return 0;
}

static gboolean
write_span (gpointer     user_data,
            const char  *trace_id,
            gint64       start,
            JsonNode    *flat,
            GError     **error)
{
  g_autofree char *text = json_to_string (flat, FALSE);

  g_string_append_printf (user_data, "%s %" G_GINT64_FORMAT " %s\n", trace_id, start, text);
  return TRUE;
}

/* The request's tree flattened, as the receiver did before reading in one
 * pass; NULL when it does not parse or flatten. */
static GString *
flatten_tree (const char *text,
              gsize       size,
              guint      *n_rejected)
{
  g_autoptr(JsonNode) root = errata_json_parse_fast (text, size);
  JsonNode *renamed;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) spans = g_string_new (NULL);
  guint n_items;

  *n_rejected = 0;
  if (root == NULL && errata_json_parser_load (parser, text, size, NULL))
    root = json_parser_steal_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  /* The proto's field names, renamed as the receiver renames them. */
  renamed = _errata_import_otel_json_names (json_node_get_object (root));
  if (renamed != NULL)
    {
      json_node_unref (root);
      root = renamed;
    }
  json_object_remove_member (json_node_get_object (root), "resourceLogs");
  if (json_object_has_member (json_node_get_object (root), "resourceSpans")
      && !_errata_import_otel_flatten (json_node_get_object (root), write_span, spans, &n_items,
                                       n_rejected, NULL))
    return NULL;
  return g_steal_pointer (&spans);
}

int
errata_fuzz_otlp_flatten (const guint8 *data,
                          gsize         size)
{
  g_autoptr(GString) fast = g_string_new (NULL);
  g_autoptr(GString) tree = NULL;
  guint n_items, fast_rejected, tree_rejected;

  if (!_errata_import_otel_flatten_text ((const char *)data, size, write_span, fast, &n_items, &fast_rejected))
    return 0;
  tree = flatten_tree ((const char *)data, size, &tree_rejected);
  if (tree == NULL)
    g_error ("the request was flattened in one pass, but its tree does not flatten");
  if (!g_str_equal (fast->str, tree->str) || fast_rejected != tree_rejected)
    g_error ("flattened in one pass:\n%s(%u rejected)\nthrough the tree:\n%s(%u rejected)",
             fast->str, fast_rejected, tree->str, tree_rejected);
  return 0;
}

/* The request's JSON (errata_otlp_proto_traces_to_json or _logs_to_json)
 * flattened by the file import's code, as the receiver read protobuf
 * before; NULL when it does not decode. */
static GString *
flatten_proto_json (const guint8 *data,
                    gsize         size,
                    gboolean      logs,
                    guint        *n_rejected)
{
  g_autoptr(JsonNode) root = logs ? errata_otlp_proto_logs_to_json (data, size, NULL)
                                  : errata_otlp_proto_traces_to_json (data, size, NULL);
  g_autoptr(GString) spans = g_string_new (NULL);
  guint n_items;

  *n_rejected = 0;
  if (root == NULL
      || !_errata_import_otel_flatten (json_node_get_object (root), write_span, spans, &n_items, n_rejected, NULL))
    return NULL;
  return g_steal_pointer (&spans);
}

static void
compare_proto_flattenings (const guint8 *data,
                           gsize         size,
                           gboolean      logs)
{
  g_autoptr(GString) direct = g_string_new (NULL);
  g_autoptr(GString) tree = NULL;
  guint n_items, direct_rejected, tree_rejected;
  gboolean decoded = logs ? errata_otlp_proto_flatten_logs (data, size, write_span, direct, &n_items,
                                                            &direct_rejected, NULL)
                          : errata_otlp_proto_flatten_traces (data, size, write_span, direct, &n_items,
                                                              &direct_rejected, NULL);
  const char *what = logs ? "logs" : "traces";

  tree = flatten_proto_json (data, size, logs, &tree_rejected);
  if (decoded != (tree != NULL))
    g_error ("%s flattened as decoded: %s; through the JSON: %s", what, decoded ? "yes" : "no",
             tree != NULL ? "yes" : "no");
  if (decoded && (!g_str_equal (direct->str, tree->str) || direct_rejected != tree_rejected))
    g_error ("%s flattened as decoded:\n%s(%u rejected)\nthrough the JSON:\n%s(%u rejected)",
             what, direct->str, direct_rejected, tree->str, tree_rejected);
}

/* The same bytes read as either request: protobuf's wire format lets
 * both decode most inputs. */
int
errata_fuzz_otlp_proto_flatten (const guint8 *data,
                                gsize         size)
{
  compare_proto_flattenings (data, size, FALSE);
  compare_proto_flattenings (data, size, TRUE);
  return 0;
}
