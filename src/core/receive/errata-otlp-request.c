/* errata-otlp-request.c: one OTLP/HTTP request body, decoded into spans.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever the encoding, a body's spans are flattened as the file import
 * flattens the OTLP JSON of its request (_errata_import_otel_flatten), so
 * that a span received live and the same span read from an export file are
 * the same row: a JSON trace request is read in one pass
 * (errata-import-otel-fast.c), a protobuf request of either signal
 * flattened as it is decoded (errata-otlp-proto.c), anything else through
 * the request's JSON tree.
 */

#include "config.h"

#include "errata-otlp-request.h"
#include "errata-otlp-proto.h"

#include "errata-import-private.h"
#include "errata-json-fast.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (errata-otlp-error-quark, errata_otlp_error)

void
errata_live_span_free (ErrataLiveSpan *span)
{
  if (span == NULL)
    return;
  g_free (span->trace_id);
  g_free (span->body);
  g_clear_pointer (&span->flat, json_object_unref);
  g_free (span);
}

gboolean
errata_otlp_parse_content_type (const char          *content_type,
                                ErrataOtlpEncoding  *encoding,
                                GError             **error)
{
  g_autofree char *media = g_strstrip (g_strdup (content_type ? content_type : ""));
  char *semicolon = strchr (media, ';');

  if (semicolon != NULL)
    *semicolon = '\0';
  g_strstrip (media);
  if (g_ascii_strcasecmp (media, "application/json") == 0)
    *encoding = ERRATA_OTLP_JSON;
  else if (g_ascii_strcasecmp (media, "application/x-protobuf") == 0)
    *encoding = ERRATA_OTLP_PROTOBUF;
  else
    {
      g_set_error (error, ERRATA_OTLP_ERROR, ERRATA_OTLP_ERROR_UNSUPPORTED_TYPE,
                   /* Translators: %s is the content type the sender gave,
                    * e.g. “text/plain”; keep the two type names as they are. */
                   _("content type “%s” is not supported: send application/json or "
                     "application/x-protobuf"), media);
      return FALSE;
    }
  return TRUE;
}

static void
set_too_large (GError **error,
               gsize    max_size)
{
  g_autofree char *size = g_format_size (max_size);

  g_set_error (error, ERRATA_OTLP_ERROR, ERRATA_OTLP_ERROR_TOO_LARGE,
               /* Translators: %s is a size, e.g. “32.0 MB”. */
               _("the request is larger than the receiver’s limit of %s"), size);
}

/* Inflates at most max_size bytes: a small gzip bomb must not fill memory. */
static GBytes *
gunzip (GBytes  *body,
        gsize    max_size,
        GError **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const guint8 *in = g_bytes_get_data (body, NULL);
  gsize in_left = g_bytes_get_size (body);
  guint8 buffer[65536];

  for (;;)
    {
      gsize read = 0;
      gsize written = 0;
      g_autoptr(GError) local_error = NULL;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (decompressor), in, in_left, buffer, sizeof buffer,
                                    G_CONVERTER_INPUT_AT_END, &read, &written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          g_set_error (error, ERRATA_OTLP_ERROR, ERRATA_OTLP_ERROR_MALFORMED,
                       /* Translators: %s says what is wrong, from zlib. */
                       _("the body is not valid gzip: %s"), local_error->message);
          return NULL;
        }
      in += read;
      in_left -= read;
      if (out->len + written > max_size)
        {
          set_too_large (error, max_size);
          return NULL;
        }
      g_byte_array_append (out, buffer, written);
      if (result == G_CONVERTER_FINISHED)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static JsonNode *
parse_json (GBytes  *body,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *text = g_bytes_get_data (body, &size);
  JsonNode *root;

  /* Several times faster than json-glib on what exporters send; whatever
   * it does not vouch for is parsed again by json-glib, which has the
   * error message. */
  if ((root = errata_json_parse_fast (text, size)) != NULL)
    return root;
  if (size == 0 || !errata_json_parser_load (parser, text, size, &local_error))
    {
      g_set_error (error, ERRATA_OTLP_ERROR, ERRATA_OTLP_ERROR_MALFORMED,
                   /* Translators: %s says what is wrong, from the JSON parser. */
                   _("the body is not valid JSON: %s"),
                   local_error ? local_error->message : _("it is empty"));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* What tells a span sent again from a new one: the first 16 bytes of the
 * body's SHA-256. Made only for a span that goes through the journal (a
 * trace complete in its request is stored at once), on the builder
 * threads, not on the one writer thread, the receiver's ceiling. */
static void
digest_of (const char *body,
           guint8      digest[ERRATA_LIVE_DIGEST_SIZE])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 full[32];
  gsize length = sizeof full;

  g_checksum_update (checksum, (const guchar *)body, -1);
  g_checksum_get_digest (checksum, full, &length);
  memcpy (digest, full, ERRATA_LIVE_DIGEST_SIZE);
}

void
errata_live_span_prepare_body (ErrataLiveSpan *span)
{
  g_autoptr(JsonNode) node = NULL;

  if (span->body != NULL)
    return;
  node = json_node_init_object (json_node_alloc (), span->flat);
  span->body = errata_json_to_string_fast (node);
  digest_of (span->body, span->digest);
}

static guint
digest_hash (gconstpointer digest)
{
  guint hash;

  memcpy (&hash, digest, sizeof hash);
  return hash;
}

static gboolean
digest_equal (gconstpointer a,
              gconstpointer b)
{
  return memcmp (a, b, ERRATA_LIVE_DIGEST_SIZE) == 0;
}

/* What names a span within its trace; a span sent twice has the same. */
static char *
span_key (ErrataLiveSpan *span)
{
  JsonNode *id = json_object_get_member (span->flat, "spanId");
  const char *text = id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING
                     ? json_node_get_string (id) : "";

  return g_strconcat (span->trace_id, "/", text, NULL);
}

void
errata_live_spans_mark_repeats (GPtrArray *spans)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_full (spans->len, g_free);
  g_autoptr(GHashTable) id_counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (digest_hash, digest_equal);

  for (guint i = 0; i < spans->len; i++)
    {
      char *key = span_key (spans->pdata[i]);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (id_counts, key));

      g_ptr_array_add (keys, key);
      g_hash_table_insert (id_counts, key, GUINT_TO_POINTER (count + 1));
    }
  for (guint i = 0; i < spans->len; i++)
    {
      ErrataLiveSpan *span = spans->pdata[i];

      span->journaled = TRUE;
      /* Only a span whose id is not alone can be one sent again. */
      if (GPOINTER_TO_UINT (g_hash_table_lookup (id_counts, keys->pdata[i])) > 1)
        {
          errata_live_span_prepare_body (span);
          span->journaled = g_hash_table_add (seen, span->digest);
        }
    }
}

/* The flattening gives the spans of one resource and scope the same
 * `resource` object and `scope` node; spans of different traces are built
 * on different threads, and json-glib's references are not atomic, so
 * each span gets copies of its own. */
static void
unshare_member (JsonObject *span,
         const char *member)
{
  JsonNode *node = json_object_get_member (span, member);

  if (node != NULL)
    json_object_set_member (span, member, _errata_import_otel_copy_tree (node, FALSE));
}

static gboolean
add_span (gpointer     user_data,
          const char  *trace_id,
          gint64       start,
          JsonNode    *flat,
          GError     **error)
{
  GPtrArray *spans = user_data;
  ErrataLiveSpan *span = g_new0 (ErrataLiveSpan, 1);
  JsonObject *object = json_node_get_object (flat);
  /* Not a string (a broken exporter's number): no parent, as the
   * import's find_root() reads it. */
  const char *parent = errata_json_get_string (object, "parentSpanId");

  span->trace_id = g_strdup (trace_id);
  span->start = start;
  span->bin = errata_live_bin_of_this_thread ();
  unshare_member (object, "resource");
  unshare_member (object, "scope");
  span->flat = json_object_ref (object);
  /* A log record is never a root; OTLP exports a span once it has ended. */
  span->root = !json_object_has_member (object, "errata.log_record") && (parent == NULL || *parent == '\0');
  g_ptr_array_add (spans, span);
  return TRUE;
}

/* A JSON trace request flattened as it is read, without the request's
 * tree: most requests. FALSE leaves `spans` empty for the tree's way. */
static gboolean
flatten_json_traces (GBytes    *body,
                     GPtrArray *spans,
                     guint     *n_rejected)
{
  gsize size;
  const char *text = g_bytes_get_data (body, &size);
  guint n_items = 0;

  if (_errata_import_otel_flatten_text (text, size, add_span, spans, &n_items, n_rejected))
    return TRUE;
  g_ptr_array_set_size (spans, 0);
  *n_rejected = 0;
  return FALSE;
}

/* A request with the proto's field names (`resource_spans`), as Python's
 * json_format writes them when asked to keep them, read as the same
 * request in OTLP/JSON's names (errata-import-otel-stage.c says why). */
static void
accept_proto_names (JsonNode **root)
{
  JsonNode *renamed = _errata_import_otel_json_names (json_node_get_object (*root));

  if (renamed == NULL)
    return;
  json_node_unref (*root);
  *root = renamed;
}

GPtrArray *
errata_otlp_decode_request (ErrataOtlpSignal     signal,
                            ErrataOtlpEncoding   encoding,
                            gboolean             gzip,
                            GBytes              *body,
                            gsize                max_size,
                            guint               *n_rejected,
                            gsize               *plain_size,
                            GError             **error)
{
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_live_span_free);
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  guint n_items = 0;
  const char *expected = signal == ERRATA_OTLP_LOGS ? "resourceLogs" : "resourceSpans";

  *n_rejected = 0;
  if (plain_size != NULL)
    *plain_size = 0;
  if (g_bytes_get_size (body) > max_size)
    {
      set_too_large (error, max_size);
      return NULL;
    }
  plain = gzip ? gunzip (body, max_size, error) : g_bytes_ref (body);
  if (plain == NULL)
    return NULL;
  if (plain_size != NULL)
    *plain_size = g_bytes_get_size (plain);

  if (encoding == ERRATA_OTLP_PROTOBUF)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (plain, &size);

      /* Spans and log records straight from the decoded request. */
      if (signal == ERRATA_OTLP_TRACES
          ? errata_otlp_proto_flatten_traces (data, size, add_span, spans, &n_items, n_rejected, &local_error)
          : errata_otlp_proto_flatten_logs (data, size, add_span, spans, &n_items, n_rejected, &local_error))
        return g_steal_pointer (&spans);
      g_set_error_literal (error, ERRATA_OTLP_ERROR, ERRATA_OTLP_ERROR_MALFORMED, local_error->message);
      return NULL;
    }
  else if (signal == ERRATA_OTLP_TRACES && flatten_json_traces (plain, spans, n_rejected))
    return g_steal_pointer (&spans);
  else if ((root = parse_json (plain, error)) == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ERRATA_OTLP_ERROR, ERRATA_OTLP_ERROR_MALFORMED,
                   /* Translators: %s is a JSON type, e.g. “an array”. */
                   _("the body must be a JSON object, found %s"), errata_json_node_describe (root));
      return NULL;
    }
  accept_proto_names (&root);
  object = json_node_get_object (root);
  /* An empty request is valid OTLP: nothing to store. */
  if (!json_object_has_member (object, expected))
    return g_steal_pointer (&spans);
  if (json_object_has_member (object, signal == ERRATA_OTLP_LOGS ? "resourceSpans" : "resourceLogs"))
    json_object_remove_member (object, signal == ERRATA_OTLP_LOGS ? "resourceSpans" : "resourceLogs");
  if (!_errata_import_otel_flatten (object, add_span, spans, &n_items, n_rejected, &local_error))
    {
      g_set_error_literal (error, ERRATA_OTLP_ERROR, ERRATA_OTLP_ERROR_MALFORMED, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&spans);
}
