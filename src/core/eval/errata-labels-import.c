/* errata-labels-import.c
 *
 * A labels file: `id,label` rows, a header row optional, RFC 4180 quoting.
 * The file is read whole before anything is written, so that an id given
 * two different labels on lines far apart is caught and neither is used;
 * then every good row goes in, in one transaction. Reading is streamed in
 * fixed chunks and a field longer than MAX_FIELD is a bad row, so that a
 * broken file cannot take all memory.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-labels.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "errata-ground-truth.h"
#include "errata-labels-private.h"
#include "errata-project-private.h"
#include "errata-record-reader.h"

/* An id and a word: anything near this long is not a labels file. */
#define MAX_FIELD (64 * 1024)
#define CHUNK 65536

typedef enum
{
  FIELD_START,
  UNQUOTED,
  QUOTED,
  QUOTE_IN_QUOTED,
} CsvState;

typedef struct
{
  GInputStream *stream;
  guint8        buf[CHUNK];
  gsize         len, pos;
  gboolean      eof;
  gboolean      started;
  guint         line;         /* the line the next byte is on */

  /* The row being read: its first two fields are kept. */
  guint         row_line;
  guint         n_fields;
  GString      *fields[2];
  gboolean      oversize;
  gboolean      unterminated;
  gboolean      blank;
} CsvReader;

static void
csv_reader_clear (CsvReader *reader)
{
  g_clear_object (&reader->stream);
  for (guint i = 0; i < 2; i++)
    if (reader->fields[i] != NULL)
      g_string_free (reader->fields[i], TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsvReader, csv_reader_clear)

static gboolean
csv_fill (CsvReader     *reader,
          GCancellable  *cancellable,
          GError       **error)
{
  gssize n = g_input_stream_read (reader->stream, reader->buf, CHUNK, cancellable, error);

  if (n < 0)
    return FALSE;
  reader->len = n;
  reader->pos = 0;
  reader->eof = n == 0;
  /* A byte-order mark is no part of the first id. */
  if (!reader->started && reader->len >= 3 && memcmp (reader->buf, "\xef\xbb\xbf", 3) == 0)
    reader->pos = 3;
  reader->started = TRUE;
  return TRUE;
}

static void
csv_append (CsvReader *reader,
            guint8     c)
{
  GString *field = reader->n_fields < 2 ? reader->fields[reader->n_fields] : NULL;

  if (c != ' ' && c != '\t')
    reader->blank = FALSE;
  if (field == NULL)
    return;
  if (field->len >= MAX_FIELD)
    reader->oversize = TRUE;
  else
    g_string_append_c (field, c);
}

/* One step of the RFC 4180 state machine; TRUE at the end of the row. */
static gboolean
csv_byte (CsvReader *reader,
          CsvState  *state,
          guint8     c)
{
  if (*state == QUOTED)
    {
      if (c == '"')
        *state = QUOTE_IN_QUOTED;
      else
        {
          reader->line += c == '\n';
          csv_append (reader, c);
        }
      return FALSE;
    }
  if (c == '"' && *state == FIELD_START)
    {
      *state = QUOTED;
      reader->blank = FALSE;
    }
  else if (c == '"' && *state == QUOTE_IN_QUOTED)
    {
      csv_append (reader, '"');
      *state = QUOTED;
    }
  else if (c == ',' || c == '\n')
    {
      reader->n_fields++;
      *state = FIELD_START;
      reader->line += c == '\n';
      return c == '\n';
    }
  else if (c != '\r')
    {
      /* Lenient, as the trace importer: text after a closing quote or a
       * quote inside an unquoted field is kept as it is. */
      csv_append (reader, c);
      *state = UNQUOTED;
    }
  return FALSE;
}

/* Reads the next row; FALSE at the end of the input or on an error. */
static gboolean
csv_next_row (CsvReader     *reader,
              GCancellable  *cancellable,
              GError       **error)
{
  CsvState state = FIELD_START;
  gboolean any = FALSE;

  for (guint i = 0; i < 2; i++)
    g_string_truncate (reader->fields[i], 0);
  reader->n_fields = 0;
  reader->oversize = reader->unterminated = FALSE;
  reader->blank = TRUE;
  reader->row_line = reader->line;

  for (;;)
    {
      if (reader->pos == reader->len)
        {
          if (!reader->eof && !csv_fill (reader, cancellable, error))
            return FALSE;
          if (reader->eof)
            break;
          continue;
        }
      any = TRUE;
      if (csv_byte (reader, &state, reader->buf[reader->pos++]))
        return TRUE;
    }
  /* The last row of a file without a final line end. */
  if (!any)
    return FALSE;
  reader->n_fields++;
  reader->unterminated = state == QUOTED;
  return TRUE;
}

/* ---- rows --------------------------------------------------------------- */

typedef struct
{
  gint64        trace_id;
  ErrataVerdict value;
  guint         line;
  gboolean      conflict;
} Entry;

typedef struct
{
  ErrataProject      *project;
  ErrataLabelsReport *report;
  GArray             *entries;   /* of Entry, in file order */
  GHashTable         *by_trace;  /* trace id -> index into entries + 1 */
  GArray             *pending;   /* of Pending: rows whose id is still to look up */
  gboolean            header_checked;
} Import;

/* A good row before its id is looked up: all ids are looked up at once,
 * because external ids have no index of their own (traces are unique per
 * source and external id), so one query per row would scan the table per
 * row. */
typedef struct
{
  guint          line;
  char          *id;
  ErrataVerdict  value;
} Pending;

/* How often an external id occurs, and the trace that has it. */
typedef struct
{
  gint64 trace_id;
  guint  n;
} Found;

static void
pending_clear (Pending *pending)
{
  g_free (pending->id);
}

static void
add_problem (ErrataLabelsReport *report,
             guint               line,
             char               *reason)
{
  ErrataLabelsProblem *problem = g_new0 (ErrataLabelsProblem, 1);

  problem->line = line;
  problem->reason = reason;
  g_ptr_array_add (report->problems, problem);
}

/* Why a row cannot be read at all, or NULL. */
static char *
row_error (CsvReader *reader)
{
  if (reader->oversize)
    return g_strdup_printf (_("a field is longer than %u bytes: this is not an id and a label"),
                            MAX_FIELD);
  if (reader->unterminated)
    /* Translators: a field of a CSV file that opens with a " and has no closing ". */
    return g_strdup (_("a quoted field is not closed; the file may be truncated"));
  if (!g_utf8_validate_len (reader->fields[0]->str, reader->fields[0]->len, NULL) ||
      !g_utf8_validate_len (reader->fields[1]->str, reader->fields[1]->len, NULL))
    return g_strdup (_("the row is not UTF-8 text"));
  if (reader->n_fields < 2)
    return g_strdup (_("the row needs a trace id and a label, separated by a comma"));
  return NULL;
}

/* The first row is a header when it is no label of any trace: a typo in
 * the label of a real first row is reported, not taken for a header. */
static gboolean
is_header (Import     *import,
           const char *id,
           const char *label)
{
  ErrataVerdict value;
  gint64 trace_id;

  return !errata_labels_parse_value (label, &value) &&
         !errata_labels_find_trace (import->project, id, &trace_id, NULL);
}

static void
add_entry (Import        *import,
           gint64         trace_id,
           ErrataVerdict  value,
           guint          line)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (import->by_trace, &trace_id));
  Entry entry = { trace_id, value, line, FALSE };
  Entry *first;

  if (index == 0)
    {
      g_array_append_val (import->entries, entry);
      g_hash_table_insert (import->by_trace, g_memdup2 (&trace_id, sizeof trace_id),
                           GUINT_TO_POINTER (import->entries->len));
      return;
    }
  first = &g_array_index (import->entries, Entry, index - 1);
  if (first->value == value)
    {
      /* The same label twice changes nothing the second time. */
      import->report->n_unchanged++;
      return;
    }
  if (!first->conflict)
    add_problem (import->report, first->line,
                 g_strdup_printf (_("the trace has another label on line %u; neither is used"),
                                  line));
  first->conflict = TRUE;
  add_problem (import->report, line,
               g_strdup_printf (_("the trace has another label on line %u; neither is used"),
                                first->line));
}

static void
read_row (Import    *import,
          CsvReader *reader)
{
  g_autofree char *reason = row_error (reader);
  g_autofree char *id = NULL;
  gboolean first = !import->header_checked;
  ErrataVerdict value;

  import->header_checked = TRUE;
  if (first && reason == NULL &&
      is_header (import, g_strstrip (reader->fields[0]->str), reader->fields[1]->str))
    return;
  import->report->n_rows++;
  if (reason != NULL)
    {
      add_problem (import->report, reader->row_line, g_steal_pointer (&reason));
      return;
    }
  id = g_strstrip (g_strdup (reader->fields[0]->str));
  if (!errata_labels_parse_value (reader->fields[1]->str, &value))
    {
      g_autofree char *label = g_strstrip (g_strdup (reader->fields[1]->str));

      add_problem (import->report, reader->row_line,
                   g_strdup_printf (_("“%s” is not a label: write pass or fail (or 1 and 0, "
                                      "true and false)"), label));
      return;
    }
  if (*id == '\0')
    add_problem (import->report, reader->row_line, g_strdup (_("the trace id is empty")));
  else
    {
      Pending pending = { reader->row_line, g_steal_pointer (&id), value };

      g_array_append_val (import->pending, pending);
    }
}

/* One scan of the traces counts every wanted external id. */
static gboolean
find_external_ids (Import      *import,
                   GHashTable  *found,
                   GError     **error)
{
  sqlite3_stmt *stmt = _errata_project_prepare (import->project,
                                                "SELECT id, external_id FROM traces", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Found *hit = g_hash_table_lookup (found, sqlite3_column_text (stmt, 1));

      if (hit != NULL && hit->n++ == 0)
        hit->trace_id = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (import->project, error, _("read the traces"));
  return TRUE;
}

static void
resolve_row (Import     *import,
             Pending    *row,
             GHashTable *found)
{
  Found *hit = g_hash_table_lookup (found, row->id);
  g_autoptr(GError) local_error = NULL;
  gint64 trace_id;

  if (hit == NULL)
    {
      /* "#12": a look-up by primary key. */
      if (errata_labels_find_trace (import->project, row->id, &trace_id, &local_error))
        add_entry (import, trace_id, row->value, row->line);
      else
        add_problem (import->report, row->line, g_strdup (local_error->message));
    }
  else if (hit->n == 0)
    add_problem (import->report, row->line,
                 g_strdup_printf (_("no trace has the id “%s”"), row->id));
  else if (hit->n > 1)
    add_problem (import->report, row->line,
                 g_strdup_printf (_("traces from several sources have the id “%s”: name one "
                                    "by its internal id, like #%" PRId64), row->id,
                                  hit->trace_id));
  else
    add_entry (import, hit->trace_id, row->value, row->line);
}

static gboolean
resolve_pending (Import  *import,
                 GError **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gint64 internal;

  for (guint i = 0; i < import->pending->len; i++)
    {
      Pending *row = &g_array_index (import->pending, Pending, i);

      if (!_errata_labels_parse_internal (row->id, &internal))
        g_hash_table_insert (found, row->id, g_new0 (Found, 1));
    }
  if (g_hash_table_size (found) > 0 && !find_external_ids (import, found, error))
    return FALSE;
  for (guint i = 0; i < import->pending->len; i++)
    resolve_row (import, &g_array_index (import->pending, Pending, i), found);
  return TRUE;
}

static gboolean
read_rows (Import        *import,
           GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_auto(CsvReader) reader = { NULL };
  GError *local_error = NULL;

  reader.stream = G_INPUT_STREAM (errata_record_file_read (file, cancellable, error));
  if (reader.stream == NULL)
    return FALSE;
  reader.line = 1;
  reader.fields[0] = g_string_new (NULL);
  reader.fields[1] = g_string_new (NULL);
  while (csv_next_row (&reader, cancellable, &local_error))
    {
      if (!reader.blank)
        read_row (import, &reader);
      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;
    }
  if (local_error != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_propagate_prefixed_error (error, local_error, _("Could not read “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_entries (Import      *import,
               gint64       target,
               const char  *who,
               const char  *reason,
               GError     **error)
{
  if (!errata_project_begin (import->project, error))
    return FALSE;
  for (guint i = 0; i < import->entries->len; i++)
    {
      Entry *entry = &g_array_index (import->entries, Entry, i);
      gboolean changed;

      if (entry->conflict)
        continue;
      if (!_errata_labels_write (import->project, target, entry->trace_id, entry->value, who,
                                 reason, &changed, error))
        {
          errata_project_rollback (import->project);
          return FALSE;
        }
      if (changed)
        import->report->n_set++;
      else
        import->report->n_unchanged++;
    }
  return errata_project_commit (import->project, error);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const ErrataLabelsProblem *pa = *(ErrataLabelsProblem **)a;
  const ErrataLabelsProblem *pb = *(ErrataLabelsProblem **)b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

static void
labels_problem_free (ErrataLabelsProblem *problem)
{
  g_free (problem->reason);
  g_free (problem);
}

static ErrataLabelsReport *
labels_report_new (void)
{
  ErrataLabelsReport *report = g_new0 (ErrataLabelsReport, 1);

  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)labels_problem_free);
  return report;
}

gboolean
errata_labels_import_file (ErrataProject        *project,
                           gint64                target,
                           GFile                *csv,
                           const char           *who,
                           const char           *reason,
                           ErrataLabelsReport  **report,
                           GCancellable         *cancellable,
                           GError              **error)
{
  g_autoptr(ErrataLabelsReport) result = labels_report_new ();
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GHashTable) by_trace = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  Import import = { project, result, entries, by_trace, pending, FALSE };

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (csv), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  g_array_set_clear_func (pending, (GDestroyNotify)pending_clear);
  *report = NULL;
  if (who == NULL || *who == '\0')
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                           _("A label needs the name of who sets it."));
      return FALSE;
    }
  /* Writable and a real target before the file is read, not after. */
  if (!errata_target_check (project, target, error) ||
      !errata_project_begin (project, error))
    return FALSE;
  errata_project_rollback (project);

  if (!read_rows (&import, csv, cancellable, error) ||
      !resolve_pending (&import, error) ||
      !write_entries (&import, target, who, reason, error))
    return FALSE;
  g_ptr_array_sort (result->problems, compare_problems);
  *report = g_steal_pointer (&result);
  return TRUE;
}

void
errata_labels_report_free (ErrataLabelsReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_free (report);
}
