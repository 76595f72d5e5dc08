/* test-command-check.c: external commands as evaluators, against a small
 * shell script written here that passes, fails, errs, hangs, floods its
 * output, reads the trace and counts its own copies.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * G_TEST_OPTION_ISOLATE_DIRS gives every test its own XDG_CONFIG_HOME, so
 * the trust granted here never reaches the user's own file.
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include "errata-code-check.h"
#include "errata-command-check.h"
#include "errata-eval-types.h"
#include "errata-test-utils.h"
#include "errata-trust.h"

#define PROJECT_ID "0d9e3c56-8f1b-4a27-b6d4-7e2f1a0c9b85"
/* Generous: a loaded machine is slow, not wrong. */
#define DEADLINE 60

/* $1 is what to do, $2 a folder to leave traces of it in. */
static const char script[] =
  "#!/bin/sh\n"
  "case \"$1\" in\n"
  "  pass) echo 'looks fine'; echo 'second line'; exit 0 ;;\n"
  "  fail) echo; echo '  the reply promises a refund  '; exit 1 ;;\n"
  "  json) echo '{\"reasoning\": \"said from JSON\", \"score\": 0.2}'; exit 1 ;;\n"
  "  three) echo partial; echo 'boom: bad input' >&2; echo 'at line 2' >&2;"
  "         echo 'line 3' >&2; echo 'line 4' >&2; exit 3 ;;\n"
  "  signal) kill -TERM $$ ;;\n"
  "  hang) sleep 600 & echo $! > \"$2/sleep.pid\"; wait $! ;;\n"
  "  chatty) yes 0123456789abcdef | head -c 10000000; yes err | head -c 1000000 >&2; exit 0 ;;\n"
  "  dump) cat > \"$2/stdin.json\"; exit 0 ;;\n"
  "  wanted) if grep -q '\"external_id\":\"wanted\"'; then echo found; exit 0; fi;"
  "          echo 'not the wanted trace'; exit 1 ;;\n"
  "  noread) exit 0 ;;\n"
  "  background) sleep 600 & echo $! > \"$2/bg.pid\"; echo started; exit 0 ;;\n"
  "  count) touch \"$2/running.$$\"; ls \"$2\" | grep -c '^running\\.' >> \"$2/log\";"
  "         sleep 0.3; rm \"$2/running.$$\"; exit 0 ;;\n"
  "esac\n"
  "exit 99\n";

typedef struct
{
  char *dir;
  char *script;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = errata_test_make_tmpdir ();
  fixture->script = errata_test_write_file (fixture->dir, "check.sh", script, -1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->script);
}

/* ["/bin/sh", script, mode, dir] plus `extra` members, trusted. */
static ErrataCommandCheck *
command_new (Fixture    *fixture,
             const char *mode,
             const char *extra)
{
  g_autofree char *json = g_strdup_printf ("{\"command\": [\"/bin/sh\", \"%s\", \"%s\", \"%s\"]%s%s}",
                                           fixture->script, mode, fixture->dir,
                                           extra ? ", " : "", extra ? extra : "");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  g_autoptr(ErrataCommandCheck) check = NULL;

  g_assert_no_error (error);
  check = errata_command_check_new (json_node_get_object (node), PROJECT_ID, &error);
  g_assert_no_error (error);
  g_assert_true (errata_trust_grant (PROJECT_ID, errata_command_check_get_command_line (check),
                                     &error));
  g_assert_no_error (error);
  return g_steal_pointer (&check);
}

typedef struct
{
  ErrataEvalOutcome *outcome;
  GError            *error;
  gboolean           done;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->outcome, errata_eval_outcome_free);
  g_clear_error (&result->error);
}

static void
on_evaluated (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->outcome = errata_eval_method_evaluate_finish (ERRATA_EVAL_METHOD (source), res,
                                                        &result->error);
  g_assert_true ((result->outcome != NULL) != (result->error != NULL));
  result->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Result *)data)->done;
}

static void
evaluate_start (ErrataCommandCheck *check,
                ErrataTrace        *trace,
                GCancellable       *cancellable,
                Result             *result)
{
  *result = (Result) { NULL, };
  errata_eval_method_evaluate_async (ERRATA_EVAL_METHOD (check), trace, ERRATA_EVAL_FLAGS_NONE,
                                     cancellable, on_evaluated, result);
}

/* Evaluates `trace` and waits for the outcome, which must come. */
static ErrataEvalOutcome *
evaluate (ErrataCommandCheck  *check,
          ErrataTrace         *trace,
          GError             **error)
{
  Result result;

  evaluate_start (check, trace, NULL, &result);
  errata_test_wait_until (is_done, &result, DEADLINE);
  if (result.error != NULL)
    g_propagate_error (error, result.error);
  return result.outcome;
}

static ErrataEvalOutcome *
evaluate_mode (Fixture    *fixture,
               const char *mode,
               const char *extra)
{
  g_autoptr(ErrataCommandCheck) check = command_new (fixture, mode, extra);
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("t1", "Can I have a refund?", "Sure.");
  g_autoptr(GError) error = NULL;
  ErrataEvalOutcome *outcome = evaluate (check, trace, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outcome);
  return outcome;
}

/* TRUE once `pid` is gone (or a zombie nobody reaps, as in a container
 * without an init that reaps). */
static gboolean
process_gone (gpointer data)
{
  int pid = GPOINTER_TO_INT (data);
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *close_paren;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  close_paren = strrchr (stat, ')');
  return close_paren != NULL && close_paren[1] == ' ' && close_paren[2] == 'Z';
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The pid the script wrote to dir/name, once it is there. */
static int
read_pid (Fixture    *fixture,
          const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *text = NULL;

  errata_test_wait_until (file_exists, path, DEADLINE);
  /* The script may not have finished writing the line yet. */
  for (guint tries = 0; tries < 1000; tries++)
    {
      g_clear_pointer (&text, g_free);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      if (strchr (text, '\n') != NULL)
        break;
      g_usleep (10000);
    }
  g_assert_cmpint (atoi (text), >, 1);
  return atoi (text);
}

/* Exit status and output ---------------------------------------------------- */

static void
test_pass (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ErrataEvalOutcome) outcome = evaluate_mode (fixture, "pass", NULL);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_PASS);
  g_assert_cmpstr (outcome->reasoning, ==, "looks fine");
  g_assert_cmpstr (outcome->raw, ==, "looks fine\nsecond line\n");
  g_assert_null (outcome->error);
  g_assert_cmpfloat (outcome->latency_ms, >=, 0);
}

static void
test_fail (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ErrataEvalOutcome) outcome = evaluate_mode (fixture, "fail", NULL);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_FAIL);
  /* The first line that says something, without its spaces. */
  g_assert_cmpstr (outcome->reasoning, ==, "the reply promises a refund");
}

static void
test_json_reasoning (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ErrataEvalOutcome) outcome = evaluate_mode (fixture, "json", NULL);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_FAIL);
  g_assert_cmpstr (outcome->reasoning, ==, "said from JSON");
  g_assert_nonnull (strstr (outcome->raw, "\"score\": 0.2"));
}

static void
test_other_status (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ErrataEvalOutcome) outcome = evaluate_mode (fixture, "three", NULL);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_ERROR);
  g_assert_nonnull (strstr (outcome->error, "status 3"));
  /* The first lines of stderr, not all of them. */
  g_assert_nonnull (strstr (outcome->error, "boom: bad input\nat line 2\nline 3"));
  g_assert_null (strstr (outcome->error, "line 4"));
  g_assert_cmpstr (outcome->reasoning, ==, "partial");
}

static void
test_unknown_mode (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ErrataEvalOutcome) outcome = evaluate_mode (fixture, "nonsense", NULL);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_ERROR);
  g_assert_nonnull (strstr (outcome->error, "status 99"));
  g_assert_null (outcome->reasoning);
}

static void
test_signal (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ErrataEvalOutcome) outcome = evaluate_mode (fixture, "signal", NULL);
  g_autofree char *expected = g_strdup_printf ("signal %d", SIGTERM);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_ERROR);
  g_assert_nonnull (strstr (outcome->error, expected));
}

/* Ten megabytes of output: read to the end, kept up to the cap. */
static void
test_chatty (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ErrataEvalOutcome) outcome = evaluate_mode (fixture, "chatty", NULL);
  g_autofree char *marker = g_strdup_printf ("[output cut at %u bytes]",
                                             ERRATA_COMMAND_CHECK_MAX_OUTPUT);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_PASS);
  g_assert_true (g_str_has_suffix (outcome->raw, marker));
  g_assert_cmpuint (strlen (outcome->raw), <=, ERRATA_COMMAND_CHECK_MAX_OUTPUT + strlen (marker) + 1);
  g_assert_true (g_str_has_prefix (outcome->raw, "0123456789abcdef\n0123456789abcdef\n"));
  g_assert_cmpstr (outcome->reasoning, ==, "0123456789abcdef");
}

/* What the command reads is the trace as documented in the header. */
static void
test_stdin (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ErrataCommandCheck) check = command_new (fixture, "dump", NULL);
  g_autoptr(ErrataTrace) trace = errata_test_new_typical_trace (3);
  g_autoptr(ErrataEvalOutcome) outcome = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "stdin.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_object_set_string_member (errata_trace_get_metadata (trace), "model", "gpt-test");
  outcome = evaluate (check, trace, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_PASS);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_true (g_str_has_suffix (text, "}\n"));
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, errata_trace_get_id (trace));
  g_assert_cmpstr (json_object_get_string_member (object, "external_id"), ==, "typical-3");
  g_assert_cmpstr (json_object_get_string_member (object, "input"), ==,
                   errata_trace_get_input (trace));
  g_assert_cmpstr (json_object_get_string_member (object, "output"), ==,
                   errata_trace_get_output (trace));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "messages")), ==,
                    errata_trace_get_n_messages (trace));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "tools")));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "metadata"),
                                                  "model"), ==, "gpt-test");
}

/* A script that reads stdin and decides by one of its fields. */
static void
test_reads_field (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ErrataCommandCheck) check = command_new (fixture, "wanted", NULL);
  g_autoptr(ErrataTrace) wanted = errata_test_new_trace ("wanted", "q", "a");
  g_autoptr(ErrataTrace) other = errata_test_new_trace ("other", "q", "a");
  g_autoptr(ErrataEvalOutcome) yes = evaluate (check, wanted, NULL);
  g_autoptr(ErrataEvalOutcome) no = evaluate (check, other, NULL);

  g_assert_cmpint (yes->verdict, ==, ERRATA_JUDGE_PASS);
  g_assert_cmpstr (yes->reasoning, ==, "found");
  g_assert_cmpint (no->verdict, ==, ERRATA_JUDGE_FAIL);
  g_assert_cmpstr (no->reasoning, ==, "not the wanted trace");
}

/* A command that exits without reading 2 MB of trace: the write fails
 * quietly (no SIGPIPE for Errata) and the exit status stands. The timeout
 * is far past the deadline, so a write left waiting would fail the test. */
static void
test_does_not_read (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ErrataCommandCheck) check = command_new (fixture, "noread", "\"timeout\": 3600");
  g_autoptr(ErrataTrace) trace = errata_test_new_big_trace (NULL);
  g_autoptr(ErrataEvalOutcome) outcome = evaluate (check, trace, NULL);

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_PASS);
}

/* Limits ------------------------------------------------------------------ */

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ErrataEvalOutcome) outcome = evaluate_mode (fixture, "hang", "\"timeout\": 0.5");
  int sleep_pid = read_pid (fixture, "sleep.pid");

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_ERROR);
  g_assert_nonnull (strstr (outcome->error, "within 0.5 s"));
  /* The script's own child was killed with it. */
  errata_test_wait_until (process_gone, GINT_TO_POINTER (sleep_pid), DEADLINE);
}

/* A background job holding stdout does not keep the trace waiting, and
 * does not outlive the command. */
static void
test_background_job (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ErrataEvalOutcome) outcome = evaluate_mode (fixture, "background", "\"timeout\": 3600");
  int sleep_pid = read_pid (fixture, "bg.pid");

  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_PASS);
  g_assert_cmpstr (outcome->reasoning, ==, "started");
  errata_test_wait_until (process_gone, GINT_TO_POINTER (sleep_pid), DEADLINE);
}

typedef struct
{
  Result results[12];
} Batch;

static gboolean
batch_done (gpointer data)
{
  Batch *batch = data;

  for (guint i = 0; i < G_N_ELEMENTS (batch->results); i++)
    if (!batch->results[i].done)
      return FALSE;
  return TRUE;
}

/* Twelve traces at once through a check limited to three: each copy
 * counts the copies running beside it. */
static void
test_concurrency (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ErrataCommandCheck) check = command_new (fixture, "count", "\"concurrency\": 3");
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("t", "q", "a");
  g_autofree char *log_path = g_build_filename (fixture->dir, "log", NULL);
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  Batch batch;
  guint max = 0;
  guint n = 0;

  g_assert_cmpuint (errata_eval_method_get_concurrency (ERRATA_EVAL_METHOD (check)), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (batch.results); i++)
    evaluate_start (check, trace, NULL, &batch.results[i]);
  errata_test_wait_until (batch_done, &batch, DEADLINE);

  for (guint i = 0; i < G_N_ELEMENTS (batch.results); i++)
    {
      g_assert_no_error (batch.results[i].error);
      g_assert_cmpint (batch.results[i].outcome->verdict, ==, ERRATA_JUDGE_PASS);
      result_clear (&batch.results[i]);
    }
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  lines = g_strsplit (g_strstrip (log), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++, n++)
    max = MAX (max, (guint)atoi (lines[i]));
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (batch.results));
  g_assert_cmpuint (max, >=, 1);
  g_assert_cmpuint (max, <=, 3);
}

static void
test_default_concurrency (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ErrataCommandCheck) check = command_new (fixture, "pass", NULL);

  g_assert_cmpuint (errata_eval_method_get_concurrency (ERRATA_EVAL_METHOD (check)), ==,
                    g_get_num_processors ());
  g_assert_cmpfloat (errata_command_check_get_timeout (check), ==,
                     ERRATA_COMMAND_CHECK_DEFAULT_TIMEOUT);
}

/* Cancelling kills the running command (and its children) and fails the
 * evaluation with G_IO_ERROR_CANCELLED; a trace waiting for a slot leaves
 * at once. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ErrataCommandCheck) check = command_new (fixture, "hang",
                                                     "\"concurrency\": 1, \"timeout\": 3600");
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("t", "q", "a");
  g_autoptr(GCancellable) first = g_cancellable_new ();
  g_autoptr(GCancellable) second = g_cancellable_new ();
  Result running, waiting;
  int sleep_pid;

  evaluate_start (check, trace, first, &running);
  evaluate_start (check, trace, second, &waiting);
  sleep_pid = read_pid (fixture, "sleep.pid");

  g_cancellable_cancel (second);
  errata_test_wait_until (is_done, &waiting, DEADLINE);
  g_assert_error (waiting.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (running.done);

  g_cancellable_cancel (first);
  errata_test_wait_until (is_done, &running, DEADLINE);
  g_assert_error (running.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  errata_test_wait_until (process_gone, GINT_TO_POINTER (sleep_pid), DEADLINE);
  result_clear (&running);
  result_clear (&waiting);

  /* Cancelled before it starts: no process at all. */
  evaluate_start (check, trace, first, &running);
  errata_test_wait_until (is_done, &running, DEADLINE);
  g_assert_error (running.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  result_clear (&running);
}

static void
test_cannot_start (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"command\": [\"/nonexistent/errata-check\"]}",
                                               NULL);
  g_autoptr(ErrataCommandCheck) check = errata_command_check_new (json_node_get_object (node),
                                                                  PROJECT_ID, &error);
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("t", "q", "a");
  g_autoptr(ErrataEvalOutcome) outcome = NULL;

  g_assert_no_error (error);
  g_assert_true (errata_trust_grant (PROJECT_ID, "/nonexistent/errata-check", &error));
  outcome = evaluate (check, trace, &error);
  g_assert_null (outcome);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/errata-check"));
}

/* Trust --------------------------------------------------------------------- */

static ErrataCommandCheck *
untrusted_new (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  ErrataCommandCheck *check;

  g_assert_no_error (error);
  check = errata_command_check_new (json_node_get_object (node), PROJECT_ID, &error);
  g_assert_no_error (error);
  return check;
}

static void
test_trust (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ErrataCommandCheck) check = untrusted_new ("{\"command\": [\"sh\", \"-c\", \"exit 0\"]}");
  g_autoptr(ErrataCommandCheck) changed = untrusted_new ("{\"command\": [\"sh\", \"-c\", \"exit 1\"]}");
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("t", "q", "a");
  g_autoptr(ErrataEvalOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (errata_command_check_get_command_line (check), ==, "sh -c 'exit 0'");
  g_assert_cmpstr (errata_command_check_get_project_id (check), ==, PROJECT_ID);

  /* Not trusted: refused, with the whole command and the way out. */
  g_assert_false (errata_command_check_is_trusted (check));
  outcome = evaluate (check, trace, &error);
  g_assert_null (outcome);
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_TRUSTED);
  g_assert_nonnull (strstr (error->message, "“sh -c 'exit 0'”"));
  g_assert_nonnull (strstr (error->message, "--trust"));
  g_clear_error (&error);

  /* Trusted: it runs. */
  g_assert_true (errata_trust_grant (PROJECT_ID, errata_command_check_get_command_line (check),
                                     &error));
  outcome = evaluate (check, trace, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_PASS);

  /* A changed command needs trust again. */
  g_assert_false (errata_command_check_is_trusted (changed));
  g_clear_pointer (&outcome, errata_eval_outcome_free);
  outcome = evaluate (changed, trace, &error);
  g_assert_null (outcome);
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_TRUSTED);
  g_clear_error (&error);

  /* Taken back: refused again. */
  g_assert_true (errata_trust_revoke (PROJECT_ID, NULL, &error));
  outcome = evaluate (check, trace, &error);
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_TRUSTED);
}

/* The same command in another project is another trust. */
static void
test_trust_per_project (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"command\": [\"true\"]}", NULL);
  g_autoptr(ErrataCommandCheck) here = errata_command_check_new (json_node_get_object (node),
                                                                 PROJECT_ID, &error);
  g_autoptr(ErrataCommandCheck) there = errata_command_check_new (json_node_get_object (node),
                                                                  "another-project", &error);

  g_assert_true (errata_trust_grant (PROJECT_ID, "true", &error));
  g_assert_no_error (error);
  g_assert_true (errata_command_check_is_trusted (here));
  g_assert_false (errata_command_check_is_trusted (there));
}

/* The demo project ------------------------------------------------------------ */

/* Reads the trace as the header documents it and answers what the
 * tool_call code check answers. */
static const char viewing_script[] =
  "import json, sys\n"
  "trace = json.load(sys.stdin)\n"
  "for message in trace['messages']:\n"
  "    for call in message.get('tool_calls') or []:\n"
  "        if call['name'] == 'schedule_viewing':\n"
  "            print('booked in call', call['id'])\n"
  "            sys.exit(0)\n"
  "print('no viewing booked')\n"
  "sys.exit(1)\n";

typedef struct
{
  Result *results;
  guint   n;
} Many;

static gboolean
many_done (gpointer data)
{
  Many *many = data;

  for (guint i = 0; i < many->n; i++)
    if (!many->results[i].done)
      return FALSE;
  return TRUE;
}

static ErrataCommandCheck *
viewing_check_new (const char *python,
                   const char *project_id)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonArray) command = json_array_new ();
  g_autoptr(GError) error = NULL;
  ErrataCommandCheck *check;

  json_array_add_string_element (command, python);
  json_array_add_string_element (command, "-c");
  json_array_add_string_element (command, viewing_script);
  json_object_set_array_member (params, "command", g_steal_pointer (&command));
  json_object_set_int_member (params, "concurrency", 2);
  check = errata_command_check_new (params, project_id, &error);
  g_assert_no_error (error);
  g_assert_true (errata_trust_grant (project_id, errata_command_check_get_command_line (check),
                                     &error));
  g_assert_no_error (error);
  return check;
}

/* Demo traces through a Python script, under the project's own identity:
 * the same verdicts as the code check that asks the same. */
static void
test_demo_project (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *path = g_getenv ("ERRATA_DEMO_PROJECT");
  /* Not the first python3 on PATH: a pyenv shim takes a second and more
   * to start, and this runs one per trace. */
  const char *python = "/usr/bin/python3";
  g_autoptr(GFile) file = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) traces = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ErrataCommandCheck) check = NULL;
  g_autoptr(ErrataCodeCheck) code = NULL;
  g_autofree char *project_id = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  Many many;
  guint passed = 0;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS)
      || !g_file_test (python, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("needs ERRATA_DEMO_PROJECT and /usr/bin/python3");
      return;
    }
  file = g_file_new_for_path (path);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  project_id = errata_project_get_meta (project, "project_id");
  g_assert_nonnull (project_id);
  check = viewing_check_new (python, project_id);
  node = json_from_string ("{\"tool\": \"schedule_viewing\"}", NULL);
  code = errata_code_check_new ("tool_call", json_node_get_object (node), &error);
  g_assert_no_error (error);

  /* Every third trace: one Python per trace is slow on a busy machine. */
  ids = errata_project_query_trace_ids (project, query, NULL, &error);
  g_assert_no_error (error);
  many.n = (ids->len + 2) / 3;
  many.results = g_new0 (Result, many.n);
  for (guint i = 0; i < many.n; i++)
    {
      g_ptr_array_add (traces, errata_project_get_trace (project,
                                                         g_array_index (ids, gint64, 3 * i),
                                                         &error));
      g_assert_no_error (error);
      evaluate_start (check, g_ptr_array_index (traces, i), NULL, &many.results[i]);
    }
  errata_test_wait_until (many_done, &many, 4 * DEADLINE);

  for (guint i = 0; i < many.n; i++)
    {
      g_autoptr(ErrataEvalOutcome) expected = errata_code_check_evaluate (code,
                                                                          g_ptr_array_index (traces, i));

      g_assert_no_error (many.results[i].error);
      g_assert_cmpint (many.results[i].outcome->verdict, ==, expected->verdict);
      passed += expected->verdict == ERRATA_JUDGE_PASS;
      result_clear (&many.results[i]);
    }
  g_assert_cmpuint (passed, >, 0);
  g_assert_cmpuint (passed, <, many.n);
  g_free (many.results);
  errata_project_close (project);
}

/* Definitions --------------------------------------------------------------- */

static void
test_command_line (void)
{
  g_autoptr(JsonNode) node = json_from_string (
    "{\"kind\": \"command\", \"command\": [\"python3\", \"checks/no pii.py\", \"--min=1\", \"\","
    " \"it's\", \"a\\\"b\", \"$HOME\", \"x;y\"]}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataCommandCheck) check = errata_command_check_new (json_node_get_object (node),
                                                                  PROJECT_ID, &error);
  g_auto(GStrv) argv = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (errata_command_check_get_command_line (check), ==,
                   "python3 'checks/no pii.py' --min=1 '' 'it'\\''s' 'a\"b' '$HOME' 'x;y'");
  /* A shell reads it back into the same arguments. */
  g_assert_true (g_shell_parse_argv (errata_command_check_get_command_line (check), NULL, &argv,
                                     &error));
  g_assert_cmpuint (g_strv_length (argv), ==, 8);
  g_assert_cmpstr (argv[1], ==, "checks/no pii.py");
  g_assert_cmpstr (argv[3], ==, "");
  g_assert_cmpstr (argv[4], ==, "it's");
}

static void
test_bad_parameters (void)
{
  static const struct { const char *json; const char *name; } cases[] = {
    { "{}", "“command”" },
    { "{\"command\": \"python3 check.py\"}", "“command”" },
    { "{\"command\": []}", "“command”" },
    { "{\"command\": [\"python3\", 3]}", "“command”" },
    { "{\"command\": [\"\"]}", "“command”" },
    { "{\"command\": [\"true\"], \"timeout\": 0}", "“timeout”" },
    { "{\"command\": [\"true\"], \"timeout\": -5}", "“timeout”" },
    { "{\"command\": [\"true\"], \"timeout\": \"30\"}", "“timeout”" },
    { "{\"command\": [\"true\"], \"timeout\": 1e9}", "“timeout”" },
    { "{\"command\": [\"true\"], \"concurrency\": 0}", "“concurrency”" },
    { "{\"command\": [\"true\"], \"concurrency\": 1.5}", "“concurrency”" },
    { "{\"command\": [\"true\"], \"concurrency\": 100000}", "“concurrency”" },
    { "{\"command\": [\"true\"], \"cmd\": [\"x\"]}", "“cmd”" },
    { "{\"command\": [\"true\"], \"kind\": \"regex\"}", "“kind”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, &error);
      g_autoptr(ErrataCommandCheck) check = NULL;

      g_assert_no_error (error);
      check = errata_command_check_new (json_node_get_object (node), PROJECT_ID, &error);
      g_assert_null (check);
      g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
      if (strstr (error->message, cases[i].name) == NULL)
        g_error ("%s: “%s” does not name %s", cases[i].json, error->message, cases[i].name);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/command-check/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("pass", test_pass);
  ADD ("fail", test_fail);
  ADD ("json-reasoning", test_json_reasoning);
  ADD ("other-status", test_other_status);
  ADD ("unknown-mode", test_unknown_mode);
  ADD ("signal", test_signal);
  ADD ("chatty", test_chatty);
  ADD ("stdin", test_stdin);
  ADD ("reads-field", test_reads_field);
  ADD ("does-not-read", test_does_not_read);
  ADD ("timeout", test_timeout);
  ADD ("background-job", test_background_job);
  ADD ("concurrency", test_concurrency);
  ADD ("default-concurrency", test_default_concurrency);
  ADD ("cancel", test_cancel);
  ADD ("cannot-start", test_cannot_start);
  ADD ("trust", test_trust);
  ADD ("trust-per-project", test_trust_per_project);
  ADD ("demo-project", test_demo_project);
#undef ADD
  g_test_add_func ("/command-check/command-line", test_command_line);
  g_test_add_func ("/command-check/bad-parameters", test_bad_parameters);

  return g_test_run ();
}
