/* errata-bench.c: API-level timings of a project, for bench/run.sh.
 *
 *   errata-bench create P.errata           an empty project (for the floor)
 *   errata-bench open P.errata [--cold]    open + first page of 100, once
 *   errata-bench search P.errata [--runs N] [--deep ROW]
 *                                          query latencies, median and p95
 *
 * Every figure goes through the public core API (ErrataTraceQuery and
 * errata_project_query_traces), the way the GUI's trace list reads pages.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "errata-project.h"

#define PAGE 100

typedef void (*SetupFunc) (ErrataTraceQuery *query);

typedef struct
{
  const char *name;
  const char *what;
  SetupFunc   setup;
} QueryCase;

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Peak resident set of this process so far, in kB (0 when unknown). */
static gint64
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10) : 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted samples. */
static double
percentile (const double *sorted,
            guint         n,
            double        p)
{
  guint rank = (guint)(p * n + 0.999999);

  return sorted[CLAMP (rank, 1, n) - 1];
}

static ErrataProject *
open_project (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, error);
}

/* Asks the kernel to drop the file's cached pages (clean pages only, which
 * is all of them once SQLite has checkpointed), so that the next read goes
 * to the disk: the "first open after boot" case, without needing root. */
static void
evict_from_page_cache (const char *path)
{
  int fd = open (path, O_RDONLY);

  if (fd < 0)
    return;
  fdatasync (fd);
  posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
  close (fd);
}

static int
run_open (const char *path,
          gboolean    cold)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  ErrataTraceCursor cursor = { 0, };
  gint64 start;
  double open_ms;

  if (cold)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);

      evict_from_page_cache (path);
      evict_from_page_cache (wal);
    }

  start = g_get_monotonic_time ();
  project = open_project (path, &error);
  if (project == NULL)
    {
      g_printerr ("errata-bench: %s\n", error->message);
      return 1;
    }
  open_ms = ms_since (start);
  rows = errata_project_query_traces (project, query, &cursor, PAGE, &error);
  if (rows == NULL)
    {
      g_printerr ("errata-bench: %s\n", error->message);
      return 1;
    }
  /* One parseable line: open, open + first page, rows, peak RSS. */
  g_print ("open_ms=%.1f first_page_ms=%.1f rows=%u peak_rss_kb=%" G_GINT64_FORMAT "\n",
           open_ms, ms_since (start), rows->len, peak_rss_kb ());
  return 0;
}

static void
setup_common_word (ErrataTraceQuery *query)
{
  errata_trace_query_set_text (query, "order");
}

static void
setup_rare_word (ErrataTraceQuery *query)
{
  errata_trace_query_set_text (query, "kumquat");
}

static void
setup_two_words (ErrataTraceQuery *query)
{
  errata_trace_query_set_text (query, "refund damaged");
}

static void
setup_common_word_by_latency (ErrataTraceQuery *query)
{
  errata_trace_query_set_text (query, "order");
  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_LATENCY, TRUE);
}

static void
setup_metadata_common (ErrataTraceQuery *query)
{
  errata_trace_query_set_metadata_filter (query, "customer", "acme");
}

static void
setup_metadata_rare (ErrataTraceQuery *query)
{
  errata_trace_query_set_metadata_filter (query, "user_id", "user_000042");
}

static void
setup_metadata_none (ErrataTraceQuery *query)
{
  errata_trace_query_set_metadata_filter (query, "user_id", "user_nobody");
}

static void
setup_metadata_common_by_latency (ErrataTraceQuery *query)
{
  errata_trace_query_set_metadata_filter (query, "customer", "acme");
  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_LATENCY, TRUE);
}

static void
setup_metadata_rare_by_latency (ErrataTraceQuery *query)
{
  errata_trace_query_set_metadata_filter (query, "user_id", "user_000042");
  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_LATENCY, TRUE);
}

static void
setup_metadata_unicode (ErrataTraceQuery *query)
{
  errata_trace_query_set_metadata_filter (query, "città", "東京");
}

static void
setup_metadata_unicode_none (ErrataTraceQuery *query)
{
  errata_trace_query_set_metadata_filter (query, "città", "Genève");
}

static void
setup_metadata_nested_number (ErrataTraceQuery *query)
{
  errata_trace_query_set_metadata_filter (query, "usage.total_tokens", "1500");
}

static void
setup_sort_by_key (ErrataTraceQuery *query)
{
  errata_trace_query_set_sort_key (query, "user_id", FALSE);
}

static void
setup_sort_by_number_key (ErrataTraceQuery *query)
{
  errata_trace_query_set_sort_key (query, "usage.total_tokens", TRUE);
}

static void
setup_metadata_by_key (ErrataTraceQuery *query)
{
  errata_trace_query_set_metadata_filter (query, "customer", "acme");
  errata_trace_query_set_sort_key (query, "città", FALSE);
}

static void
setup_by_latency (ErrataTraceQuery *query)
{
  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_LATENCY, TRUE);
}

static void
setup_import_order (ErrataTraceQuery *query)
{
}

static const QueryCase first_page_cases[] = {
  { "fts-common", "FTS \"order\", a common word", setup_common_word },
  { "fts-rare", "FTS \"kumquat\", a rare word", setup_rare_word },
  { "fts-two-words", "FTS \"refund damaged\", two words", setup_two_words },
  { "fts-common-by-latency", "FTS \"order\" sorted by latency (desc)",
    setup_common_word_by_latency },
  { "meta-common", "metadata customer = acme", setup_metadata_common },
  { "meta-rare", "metadata user_id = user_000042 (rare)", setup_metadata_rare },
  { "meta-none", "metadata user_id = user_nobody (no match; target < 20 ms at 1M)",
    setup_metadata_none },
  { "meta-common-by-lat", "metadata customer = acme sorted by latency (desc)",
    setup_metadata_common_by_latency },
  { "meta-rare-by-lat", "metadata user_id = user_000042 sorted by latency (desc)",
    setup_metadata_rare_by_latency },
  { "meta-unicode", "metadata città = 東京 (non-ASCII key and value, 1 in 7)",
    setup_metadata_unicode },
  { "meta-unicode-none", "metadata città = Genève (non-ASCII, no match)",
    setup_metadata_unicode_none },
  { "meta-nested-number", "metadata usage.total_tokens = 1500 (nested, a number)",
    setup_metadata_nested_number },
  { "sort-key", "sorted by metadata user_id", setup_sort_by_key },
  { "sort-key-number", "sorted by metadata usage.total_tokens (desc, numeric)",
    setup_sort_by_number_key },
  { "meta-common-by-key", "metadata customer = acme sorted by metadata città",
    setup_metadata_by_key },
  { "sort-latency", "sorted by latency (desc)", setup_by_latency },
  { "import-order", "import order", setup_import_order },
};

static void
print_figure (const char *name,
              const char *what,
              double     *samples,
              guint       n,
              gint64      rows)
{
  qsort (samples, n, sizeof *samples, compare_doubles);
  /* printf, not g_print: g_print turns é into ? in the C locale. */
  printf ("%-26s median %8.2f ms  p95 %8.2f ms  (%2u runs)  rows %3" G_GINT64_FORMAT "  %s\n",
          name, percentile (samples, n, 0.5), percentile (samples, n, 0.95), n, rows, what);
  fflush (stdout);
}

/* Times `runs` fetches of one page from `start` (the same page each run). */
/* Times up to `*runs` fetches of one page from `start` (the same page each
 * run); a slow query stops after 10 runs once it has taken 20 s, and *runs
 * says how many there were. */
static gboolean
time_page (ErrataProject            *project,
           ErrataTraceQuery         *query,
           const ErrataTraceCursor  *start,
           guint                    *runs,
           double                   *samples,
           gint64                   *rows,
           GError                  **error)
{
  double total = 0;

  for (guint i = 0; i < *runs; i++)
    {
      ErrataTraceCursor cursor = *start;
      g_autoptr(GPtrArray) page = NULL;
      gint64 t0 = g_get_monotonic_time ();

      page = errata_project_query_traces (project, query, &cursor, PAGE, error);
      samples[i] = ms_since (t0);
      if (page == NULL)
        return FALSE;
      *rows = page->len;
      total += samples[i];
      if (i + 1 >= 10 && total > 20000)
        {
          *runs = i + 1;
          break;
        }
    }
  return TRUE;
}

static gboolean
run_case (ErrataProject    *project,
          const QueryCase  *c,
          guint             runs,
          GError          **error)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autofree double *samples = g_new0 (double, runs);
  ErrataTraceCursor start = { 0, };
  g_autofree char *what = NULL;
  gint64 matches;
  gint64 rows = 0;

  c->setup (query);
  if (!time_page (project, query, &start, &runs, samples, &rows, error))
    return FALSE;
  /* How selective the query is, to read the latency against. */
  matches = errata_project_count_traces (project, query, error);
  if (matches < 0)
    return FALSE;
  what = g_strdup_printf ("%s, first page (%" G_GINT64_FORMAT " matches)", c->what, matches);
  print_figure (c->name, what, samples, runs, rows);
  return TRUE;
}

/* Walks the cursor with big pages to row `deep`, then times the next page:
 * keyset paging should cost there what it costs on the first page. */
static gboolean
run_deep_case (ErrataProject    *project,
               const char       *name,
               SetupFunc         setup,
               gint64            deep,
               guint             runs,
               GError          **error)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autofree double *samples = g_new0 (double, runs);
  g_autofree char *what = NULL;
  ErrataTraceCursor cursor = { 0, };
  gint64 walked = 0;
  gint64 rows = 0;
  gint64 t0;

  setup (query);
  t0 = g_get_monotonic_time ();
  while (walked < deep)
    {
      g_autoptr(GPtrArray) page = NULL;

      page = errata_project_query_traces (project, query, &cursor,
                                          MIN (1000, deep - walked), error);
      if (page == NULL)
        return FALSE;
      if (page->len == 0)
        break;
      walked += page->len;
    }
  what = g_strdup_printf ("next 100 after row %" G_GINT64_FORMAT
                          " (walking there took %.0f ms)", walked, ms_since (t0));
  if (!time_page (project, query, &cursor, &runs, samples, &rows, error))
    return FALSE;
  print_figure (name, what, samples, runs, rows);
  return TRUE;
}

/* The Traces page's footer: "≥ N" from a first page of PAGE + 1 rows (so
 * it knows whether there are more), then the exact count, in the
 * background. Both timed for each kind of query. */
static const QueryCase count_cases[] = {
  { "fts-common", "FTS \"order\"", setup_common_word },
  { "fts-rare", "FTS \"kumquat\"", setup_rare_word },
  { "meta-common", "metadata customer = acme", setup_metadata_common },
  { "meta-none", "metadata user_id = user_nobody", setup_metadata_none },
  { "meta-unicode", "metadata città = 東京", setup_metadata_unicode },
  { "all", "no filter", setup_import_order },
};

static gboolean
run_count (ErrataProject    *project,
           const QueryCase  *c,
           guint             runs,
           GError          **error)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autofree double *first = g_new0 (double, runs);
  g_autofree double *exact = g_new0 (double, runs);
  g_autofree char *name = NULL;
  g_autofree char *what = NULL;
  gint64 count = 0;
  guint shown = 0;

  c->setup (query);
  for (guint i = 0; i < runs; i++)
    {
      ErrataTraceCursor cursor = { 0, };
      g_autoptr(GPtrArray) page = NULL;
      gint64 t0 = g_get_monotonic_time ();

      page = errata_project_query_traces (project, query, &cursor, PAGE + 1, error);
      first[i] = ms_since (t0);
      if (page == NULL)
        return FALSE;
      shown = page->len;
      t0 = g_get_monotonic_time ();
      count = errata_project_count_traces (project, query, error);
      exact[i] = ms_since (t0);
      if (count < 0)
        return FALSE;
    }
  name = g_strdup_printf ("count-paint-%s", c->name);
  what = g_strdup_printf ("footer's first paint (\"%s%u\"), %s; target < 50 ms at 1M",
                          shown > PAGE ? "≥ " : "", MIN (shown, PAGE), c->what);
  print_figure (name, what, first, runs, shown);
  g_free (name);
  g_free (what);
  name = g_strdup_printf ("count-exact-%s", c->name);
  what = g_strdup_printf ("exact count in the background, %s", c->what);
  print_figure (name, what, exact, runs, count);
  return TRUE;
}

static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/* What showing the next trace costs: one full trace read (its row, the
 * packed messages, tools and metadata unpacked and parsed), for traces
 * spread over the whole project. */
static gboolean
run_next_trace (ErrataProject  *project,
                gint64          n_traces,
                guint           runs,
                GError        **error)
{
  guint n = MAX (runs, 200);
  g_autofree double *samples = g_new0 (double, n);
  g_autofree double *cpu = g_new0 (double, n);
  gint64 step = MAX (n_traces / n, 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ErrataTrace) trace = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double cpu0 = thread_cpu_ms ();

      trace = errata_project_get_trace (project, 1 + (i * step) % MAX (n_traces, 1), error);
      samples[i] = ms_since (t0);
      cpu[i] = thread_cpu_ms () - cpu0;
      if (trace == NULL)
        return FALSE;
    }
  print_figure ("next-trace", "one full trace (messages, tools, metadata), spread over the project",
                samples, n, 1);
  /* The CPU time of the same reads: what other processes add shows in
   * the wall time only. */
  print_figure ("next-trace-cpu", "the same reads, this thread's CPU time", cpu, n, 1);
  return TRUE;
}

static int
run_search (const char *path,
            guint       runs,
            gint64      deep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = open_project (path, &error);
  ErrataProjectInfo info;

  if (project == NULL || !errata_project_get_info (project, &info, &error))
    goto failed;
  if (deep < 0)
    deep = info.traces / 2;
  g_print ("%s: %" G_GINT64_FORMAT " traces, %d runs per figure (warm cache)\n",
           path, info.traces, runs);
  if (!run_next_trace (project, info.traces, runs, &error))
    goto failed;
  for (guint i = 0; i < G_N_ELEMENTS (first_page_cases); i++)
    if (!run_case (project, &first_page_cases[i], runs, &error))
      goto failed;
  if (!run_deep_case (project, "deep-import-order", setup_import_order, deep, runs, &error) ||
      !run_deep_case (project, "deep-sort-latency", setup_by_latency, deep, runs, &error) ||
      !run_deep_case (project, "deep-sort-key", setup_sort_by_key, deep, runs, &error))
    goto failed;
  for (guint i = 0; i < G_N_ELEMENTS (count_cases); i++)
    if (!run_count (project, &count_cases[i], MAX (runs / 10, 3), &error))
      goto failed;
  return 0;

failed:
  g_printerr ("errata-bench: %s\n", error->message);
  return 1;
}

/* Only the next-trace figure (run.sh's search prints it first too). */
static int
run_next_trace_only (const char *path,
                     guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = open_project (path, &error);
  ErrataProjectInfo info;

  if (project == NULL || !errata_project_get_info (project, &info, &error) ||
      !run_next_trace (project, info.traces, runs, &error))
    {
      g_printerr ("errata-bench: %s\n", error->message);
      return 1;
    }
  return 0;
}

static int
run_create (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(ErrataProject) project = errata_project_create (file, &error);

  if (project == NULL)
    {
      g_printerr ("errata-bench: %s\n", error->message);
      return 1;
    }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  int runs = 50;
  gint64 deep = -1;
  gboolean cold = FALSE;

  for (int i = 3; i < argc; i++)
    {
      /* Not MAX (1, atoi (argv[++i])): the macro would step i twice. */
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        runs = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--deep") && i + 1 < argc)
        deep = g_ascii_strtoll (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--cold"))
        cold = TRUE;
    }
  runs = MAX (runs, 1);
  if (argc >= 3 && g_str_equal (argv[1], "open"))
    return run_open (argv[2], cold);
  if (argc >= 3 && g_str_equal (argv[1], "search"))
    return run_search (argv[2], runs, deep);
  if (argc >= 3 && g_str_equal (argv[1], "next-trace"))
    return run_next_trace_only (argv[2], runs);
  if (argc >= 3 && g_str_equal (argv[1], "create"))
    return run_create (argv[2]);
  g_printerr ("usage: errata-bench open|search|next-trace|create PROJECT [--runs N] [--deep ROW]"
              " [--cold]\n");
  return 2;
}
