/* errata-import-otel-fast.c: an OTLP JSON trace request flattened as it
 * is read.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The live receiver parsed each request into a json-glib tree and then
 * flattened it (errata-import-otel-stage.c): every attribute of a span
 * became two objects, each a hash table, a member list and nodes, only to
 * be turned into one member of the flat attributes and freed. With the
 * OpenInference instrumentation's spans (a few KB of attributes each) that
 * tree was a third of the receiver's CPU, its building and freeing mostly
 * malloc. This reads the request once with the fast parser's reader and
 * makes the flattened attribute lists as it goes; everything else of a
 * span is built as the fast parser builds it, and each member goes into
 * the flattened span as the tree's flattening puts it there
 * (_errata_import_otel_set_flat_member), so the result is the same object,
 * member for member and in the same order.
 *
 * It reads in one pass, so a layout that would need to look ahead (a
 * resource after its spans, a member given twice whose second value would
 * undo what the first gave) is not read here: it returns FALSE and the
 * caller parses the text into a tree as before. tests/fuzz's otlp-flatten
 * target and test-otel-fast compare the two on every input.
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-json-fast-private.h"
#include "errata-json-guard.h"

#include <string.h>

typedef gboolean (*MemberFunc)  (ErrataJsonReader *reader,
                                 const char       *name,
                                 gpointer          data);
typedef gboolean (*ElementFunc) (ErrataJsonReader *reader,
                                 gpointer          data);

typedef struct
{
  ErrataOtelSinkFunc sink;
  gpointer           user_data;
  guint              n_items;
  guint              n_rejected;
  gboolean           seen_resource_spans;
} Request;

typedef struct
{
  Request    *request;
  JsonObject *resource;     /* the flattened resource attributes */
  gboolean    seen_scopes;
} ResourceSpans;

typedef struct
{
  ResourceSpans *resource_spans;
  JsonNode      *scope;
  gboolean       seen_spans;
} ScopeSpans;

typedef struct
{
  char     *key;            /* NULL unless the last `key` was a string */
  JsonNode *value;
  gboolean  has_value;
} KeyValue;

static char
peek (ErrataJsonReader *reader)
{
  _errata_json_reader_skip_space (reader);
  return reader->p < reader->end ? *reader->p : '\0';
}

static gboolean
skip_value (ErrataJsonReader *reader)
{
  JsonNode *node = NULL;

  if (!_errata_json_reader_value (reader, &node))
    return FALSE;
  json_node_unref (node);
  return TRUE;
}

/* Opens a container at `open`, counting it as the fast parser does. */
static gboolean
enter (ErrataJsonReader *reader,
       char              open)
{
  if (peek (reader) != open || ++reader->depth > ERRATA_JSON_MAX_DEPTH)
    return FALSE;
  reader->p++;
  return TRUE;
}

/* The members of the object at the reader, each handed to `member` with
 * the reader at its value. */
static gboolean
read_members (ErrataJsonReader *reader,
              MemberFunc        member,
              gpointer          data)
{
  if (!enter (reader, '{'))
    return FALSE;
  if (peek (reader) == '}')
    {
      reader->p++;
      reader->depth--;
      return TRUE;
    }
  for (;;)
    {
      const char *scratch_name;
      char short_name[64];
      g_autofree char *long_name = NULL;
      const char *name;
      char next;

      if (peek (reader) != '"')
        return FALSE;
      reader->p++;
      if ((scratch_name = _errata_json_reader_string (reader)) == NULL)
        return FALSE;
      /* The value's strings reuse the scratch buffer. */
      if (reader->scratch->len < sizeof short_name)
        name = memcpy (short_name, scratch_name, reader->scratch->len + 1);
      else
        name = long_name = g_strdup (scratch_name);
      if (peek (reader) != ':')
        return FALSE;
      reader->p++;
      if (!member (reader, name, data))
        return FALSE;
      next = peek (reader);
      if (next == '\0')
        return FALSE;
      reader->p++;
      if (next == '}')
        break;
      if (next != ',')
        return FALSE;
    }
  reader->depth--;
  return TRUE;
}

static gboolean
read_elements (ErrataJsonReader *reader,
               ElementFunc       element,
               gpointer          data)
{
  if (!enter (reader, '['))
    return FALSE;
  if (peek (reader) == ']')
    {
      reader->p++;
      reader->depth--;
      return TRUE;
    }
  for (;;)
    {
      char next;

      if (!element (reader, data))
        return FALSE;
      next = peek (reader);
      if (next == '\0')
        return FALSE;
      reader->p++;
      if (next == ']')
        break;
      if (next != ',')
        return FALSE;
    }
  reader->depth--;
  return TRUE;
}

/* An AnyValue object's members: the one member of the usual kinds taken
 * as it is, anything else put into an object for the import's own
 * _errata_import_otel_any_value(), which gives the same. */
typedef struct
{
  JsonObject *object;       /* from the second member on */
  const char *first_name;   /* one of any_value_kinds, or first_name_owned */
  char       *first_name_owned;
  JsonNode   *first;
} AnyValue;

/* The names an AnyValue's one member usually has: not copied per value. */
static const char *const any_value_kinds[] = {
  "stringValue", "intValue", "doubleValue", "boolValue", "bytesValue", "arrayValue", "kvlistValue",
};

static void
any_value_name_first (AnyValue   *any,
                      const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (any_value_kinds); i++)
    if (g_str_equal (name, any_value_kinds[i]))
      {
        any->first_name = any_value_kinds[i];
        return;
      }
  any->first_name = any->first_name_owned = g_strdup (name);
}

static gboolean
any_value_member (ErrataJsonReader *reader,
                  const char       *name,
                  gpointer          data)
{
  AnyValue *any = data;
  JsonNode *node = NULL;

  if (!_errata_json_reader_value (reader, &node))
    return FALSE;
  if (any->first == NULL && any->object == NULL)
    {
      any_value_name_first (any, name);
      any->first = node;
      return TRUE;
    }
  if (any->object == NULL)
    {
      any->object = json_object_new ();
      json_object_set_member (any->object, any->first_name, g_steal_pointer (&any->first));
    }
  json_object_set_member (any->object, name, node);
  return TRUE;
}

static JsonNode *
any_value_of_one (const char *name,
                  JsonNode   *value)
{
  if (g_str_equal (name, "stringValue") || g_str_equal (name, "boolValue") || g_str_equal (name, "bytesValue"))
    return json_node_ref (value);
  if (g_str_equal (name, "doubleValue"))
    return _errata_import_otel_double (value);
  if (g_str_equal (name, "intValue"))
    return json_node_init_int (json_node_alloc (), _errata_import_otel_int64 (value));
  return NULL;
}

/* OTLP's AnyValue at the reader, as _errata_import_otel_any_value() of
 * its tree. */
static gboolean
read_any_value (ErrataJsonReader  *reader,
                JsonNode         **result)
{
  AnyValue any = { NULL, NULL, NULL, NULL };
  g_autoptr(JsonNode) wrapped = NULL;
  gboolean ok;

  if (peek (reader) != '{')
    /* Not an object: the value itself. */
    return _errata_json_reader_value (reader, result);
  ok = read_members (reader, any_value_member, &any);
  if (ok && any.first != NULL)
    *result = any_value_of_one (any.first_name, any.first);
  if (ok && *result == NULL)
    {
      if (any.object == NULL)
        any.object = json_object_new ();
      if (any.first != NULL)
        json_object_set_member (any.object, any.first_name, g_steal_pointer (&any.first));
      wrapped = json_node_init_object (json_node_alloc (), any.object);
      *result = _errata_import_otel_any_value (wrapped);
    }
  g_clear_pointer (&any.object, json_object_unref);
  g_clear_pointer (&any.first, json_node_unref);
  g_free (any.first_name_owned);
  return ok;
}

static gboolean
key_value_member (ErrataJsonReader *reader,
                  const char       *name,
                  gpointer          data)
{
  KeyValue *pair = data;
  JsonNode *node = NULL;

  if (g_str_equal (name, "key"))
    {
      const char *key;

      g_clear_pointer (&pair->key, g_free);
      /* A key that is not a string names nothing. */
      if (peek (reader) != '"')
        return skip_value (reader);
      reader->p++;
      if ((key = _errata_json_reader_string (reader)) == NULL)
        return FALSE;
      pair->key = g_strdup (key);
      return TRUE;
    }
  if (g_str_equal (name, "value"))
    {
      if (!read_any_value (reader, &node))
        return FALSE;
      g_clear_pointer (&pair->value, json_node_unref);
      pair->value = node;
      pair->has_value = TRUE;
      return TRUE;
    }
  return skip_value (reader);
}

/* One KeyValue of an attribute list into `attributes`. */
static gboolean
key_value_element (ErrataJsonReader *reader,
                   gpointer          data)
{
  JsonObject *attributes = data;
  KeyValue pair = { NULL, NULL, FALSE };
  gboolean ok;

  /* _errata_import_otel_flatten_attributes() passes over what is not an
   * object. */
  if (peek (reader) != '{')
    return skip_value (reader);
  ok = read_members (reader, key_value_member, &pair);
  if (ok && pair.key != NULL)
    json_object_set_member (attributes, pair.key,
                            pair.has_value ? g_steal_pointer (&pair.value) : json_node_new (JSON_NODE_NULL));
  g_clear_pointer (&pair.value, json_node_unref);
  g_free (pair.key);
  return ok;
}

/* An attribute list (or anything else, as the import takes it: what is
 * not an array gives no attributes) into a new flat object. */
static gboolean
read_attributes (ErrataJsonReader  *reader,
                 JsonObject       **attributes)
{
  g_autoptr(JsonObject) flat = json_object_new ();

  if (peek (reader) == '[')
    {
      if (!read_elements (reader, key_value_element, flat))
        return FALSE;
    }
  else if (!skip_value (reader))
    return FALSE;
  *attributes = g_steal_pointer (&flat);
  return TRUE;
}

/* A member of a span, straight into its flattened object. */
static gboolean
span_member (ErrataJsonReader *reader,
             const char       *name,
             gpointer          data)
{
  JsonObject *flat = data;
  JsonNode *node = NULL;

  if (g_str_equal (name, "attributes"))
    {
      JsonObject *attributes = NULL;

      if (!read_attributes (reader, &attributes))
        return FALSE;
      node = json_node_init_object (json_node_alloc (), attributes);
      json_object_unref (attributes);
    }
  else if (!_errata_json_reader_value (reader, &node))
    return FALSE;
  _errata_import_otel_set_flat_member (flat, name, node);
  return TRUE;
}

static gboolean
span_element (ErrataJsonReader *reader,
              gpointer          data)
{
  ScopeSpans *scope_spans = data;
  Request *request = scope_spans->resource_spans->request;
  g_autoptr(JsonObject) members = NULL;  /* the span, flattened as it is read */
  g_autoptr(JsonNode) flat = NULL;
  const char *trace_id;

  if (peek (reader) != '{')
    {
      request->n_rejected++;
      return skip_value (reader);
    }
  members = json_object_new ();
  if (!read_members (reader, span_member, members))
    return FALSE;
  trace_id = errata_json_get_string (members, "traceId");
  if (!_errata_import_otel_is_trace_id (trace_id))
    {
      request->n_rejected++;
      return TRUE;
    }
  flat = _errata_import_otel_finish_flat_span (members, scope_spans->resource_spans->resource,
                                               scope_spans->scope);
  if (!request->sink (request->user_data, trace_id, _errata_import_otel_nanos (members, "startTimeUnixNano"),
                      flat, NULL))
    return FALSE;
  request->n_items++;
  return TRUE;
}

static gboolean
scope_spans_member (ErrataJsonReader *reader,
                    const char       *name,
                    gpointer          data)
{
  ScopeSpans *scope_spans = data;

  /* The scope joins each span: it must come first, and the spans once. */
  if (g_str_equal (name, "scope"))
    {
      if (scope_spans->seen_spans)
        return FALSE;
      g_clear_pointer (&scope_spans->scope, json_node_unref);
      return _errata_json_reader_value (reader, &scope_spans->scope);
    }
  if (g_str_equal (name, "spans"))
    {
      if (scope_spans->seen_spans || peek (reader) != '[')
        return FALSE;
      scope_spans->seen_spans = TRUE;
      return read_elements (reader, span_element, scope_spans);
    }
  /* The scope's name before OTLP 1.0: the tree maps it. */
  if (g_str_equal (name, "instrumentationLibrary"))
    return FALSE;
  return skip_value (reader);
}

static gboolean
scope_spans_element (ErrataJsonReader *reader,
                     gpointer          data)
{
  ScopeSpans scope_spans = { data, NULL, FALSE };
  gboolean ok;

  if (peek (reader) != '{')
    return skip_value (reader);
  ok = read_members (reader, scope_spans_member, &scope_spans);
  g_clear_pointer (&scope_spans.scope, json_node_unref);
  return ok;
}

static gboolean
resource_member (ErrataJsonReader *reader,
                 const char       *name,
                 gpointer          data)
{
  JsonObject **resource = data;

  if (g_str_equal (name, "attributes"))
    {
      g_clear_pointer (resource, json_object_unref);
      return read_attributes (reader, resource);
    }
  return skip_value (reader);
}

static gboolean
resource_spans_member (ErrataJsonReader *reader,
                       const char       *name,
                       gpointer          data)
{
  ResourceSpans *resource_spans = data;

  /* The resource joins each span: it must come first, and the spans once.
   * The old name of `scopeSpans` counts only without it: left to the tree. */
  if (g_str_equal (name, "resource"))
    {
      g_autoptr(JsonObject) resource = NULL;

      if (resource_spans->seen_scopes)
        return FALSE;
      if (peek (reader) == '{')
        {
          if (!read_members (reader, resource_member, &resource))
            return FALSE;
        }
      else if (!skip_value (reader))
        return FALSE;
      g_clear_pointer (&resource_spans->resource, json_object_unref);
      resource_spans->resource = resource ? g_steal_pointer (&resource) : json_object_new ();
      return TRUE;
    }
  if (g_str_equal (name, "scopeSpans"))
    {
      if (resource_spans->seen_scopes || peek (reader) != '[')
        return FALSE;
      resource_spans->seen_scopes = TRUE;
      if (resource_spans->resource == NULL)
        resource_spans->resource = json_object_new ();
      return read_elements (reader, scope_spans_element, resource_spans);
    }
  if (g_str_equal (name, "instrumentationLibrarySpans"))
    return FALSE;
  return skip_value (reader);
}

static gboolean
resource_spans_element (ErrataJsonReader *reader,
                        gpointer          data)
{
  ResourceSpans resource_spans = { data, NULL, FALSE };
  gboolean ok;

  if (peek (reader) != '{')
    return skip_value (reader);
  ok = read_members (reader, resource_spans_member, &resource_spans);
  g_clear_pointer (&resource_spans.resource, json_object_unref);
  return ok;
}

static gboolean
request_member (ErrataJsonReader *reader,
                const char       *name,
                gpointer          data)
{
  Request *request = data;

  if (g_str_equal (name, "resourceSpans"))
    {
      if (request->seen_resource_spans || peek (reader) != '[')
        return FALSE;
      request->seen_resource_spans = TRUE;
      return read_elements (reader, resource_spans_element, request);
    }
  /* The proto's own names, not OTLP/JSON's: the tree's reader renames
   * every member then (_errata_import_otel_json_names). */
  if (g_str_equal (name, "resource_spans") || g_str_equal (name, "resource_logs"))
    return FALSE;
  return skip_value (reader);
}

gboolean
_errata_import_otel_flatten_text (const char         *text,
                                  gsize               length,
                                  ErrataOtelSinkFunc  sink,
                                  gpointer            user_data,
                                  guint              *n_items,
                                  guint              *n_rejected)
{
  Request request = { sink, user_data, 0, 0, FALSE };
  ErrataJsonReader reader;
  gboolean ok;

  *n_items = 0;
  *n_rejected = 0;
  if (!_errata_json_reader_init (&reader, text, length))
    return FALSE;
  ok = read_members (&reader, request_member, &request);
  if (!_errata_json_reader_finish (&reader) || !ok)
    return FALSE;
  *n_items = request.n_items;
  *n_rejected = request.n_rejected;
  return TRUE;
}
