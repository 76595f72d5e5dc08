/* errata-command-check.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One evaluation is a Run: spawn, write the trace to the command's stdin,
 * drain its stdout and stderr into capped buffers, wait for it to exit.
 * Each of these four operations holds a reference on the task; the last
 * one to finish judges the trace. A timeout or a cancellation kills the
 * command's process group and cancels the pipes, so that a grandchild
 * holding a pipe open (a shell script's `sleep`) cannot keep the run
 * waiting.
 *
 * stdin is one end of a socket pair rather than a pipe: writing to a
 * command that exited without reading its input then fails with EPIPE
 * (GSocket sends with MSG_NOSIGNAL) instead of raising SIGPIPE, which
 * would kill Errata; and a library has no business ignoring SIGPIPE for
 * the whole process.
 */

#include "config.h"

#include "errata-command-check-private.h"
#include "errata-eval-types.h"
#include "errata-json-guard.h"
#include "errata-messages.h"
#include "errata-trust.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define READ_CHUNK        (64 * 1024)
#define STDERR_LINES      3
#define MESSAGE_CHARS     500

typedef struct _Run Run;

typedef struct
{
  Run          *run;
  GInputStream *stream;
  GByteArray   *bytes;
  gsize         cap;
  gboolean      truncated;
  gboolean      done;
} Reader;

struct _Run
{
  GTask        *task;          /* not a reference: the operations hold those */
  GBytes       *input;
  GSubprocess  *process;
  GIOStream    *stdin_stream;
  GCancellable *io_cancellable;
  gulong        cancelled_id;
  guint         timeout_id;
  Reader        out;
  Reader        err;
  guint         pending;
  pid_t         pid;
  gint64        started_at;
  gint64        exited_at;
  gboolean      started;
  gboolean      exited;
  gboolean      timed_out;
  gboolean      returned;
};

static void errata_command_check_method_init (ErrataEvalMethodInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ErrataCommandCheck, errata_command_check, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ERRATA_TYPE_EVAL_METHOD,
                                                      errata_command_check_method_init))

static void pump (ErrataCommandCheck *self);

ErrataCommandCheck *
errata_command_check_new (JsonObject  *params,
                          const char  *project_id,
                          GError     **error)
{
  g_autoptr(ErrataCommandCheck) self = NULL;

  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ERRATA_TYPE_COMMAND_CHECK, NULL);
  if (!_errata_command_check_check_known_params (params, error)
      || !_errata_command_check_read_command (self, params, error)
      || !_errata_command_check_read_timeout (self, params, error)
      || !_errata_command_check_read_concurrency (self, params, error))
    return NULL;
  self->command_line = _errata_command_check_make_command_line (self->argv);
  self->project_id = g_strdup (project_id);
  return g_steal_pointer (&self);
}

const char *
errata_command_check_get_command_line (ErrataCommandCheck *self)
{
  g_return_val_if_fail (ERRATA_IS_COMMAND_CHECK (self), NULL);

  return self->command_line;
}

const char *
errata_command_check_get_project_id (ErrataCommandCheck *self)
{
  g_return_val_if_fail (ERRATA_IS_COMMAND_CHECK (self), NULL);

  return self->project_id;
}

gboolean
errata_command_check_is_trusted (ErrataCommandCheck *self)
{
  g_return_val_if_fail (ERRATA_IS_COMMAND_CHECK (self), FALSE);

  return errata_trust_is_trusted (self->project_id, self->command_line);
}

double
errata_command_check_get_timeout (ErrataCommandCheck *self)
{
  g_return_val_if_fail (ERRATA_IS_COMMAND_CHECK (self), 0);

  return self->timeout;
}

void
errata_command_check_set_directory (ErrataCommandCheck *self,
                                    const char         *directory)
{
  g_return_if_fail (ERRATA_IS_COMMAND_CHECK (self));

  g_free (self->directory);
  self->directory = g_strdup (directory);
}

/* The trace on stdin ------------------------------------------------------ */

static GBytes *
trace_to_input (ErrataTrace *trace)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *messages = errata_trace_get_messages (trace);
  JsonArray *tools = errata_trace_get_tools (trace);
  g_autofree char *text = NULL;
  char *line;

  json_object_set_int_member (object, "id", errata_trace_get_id (trace));
  json_object_set_string_member (object, "external_id", errata_trace_get_external_id (trace));
  json_object_set_string_member (object, "source", errata_trace_get_source (trace));
  json_object_set_string_member (object, "input", errata_trace_get_input (trace));
  json_object_set_string_member (object, "output", errata_trace_get_output (trace));
  json_object_set_array_member (object, "messages",
                                messages != NULL ? json_array_ref (messages) : json_array_new ());
  json_object_set_array_member (object, "tools",
                                tools != NULL ? json_array_ref (tools) : json_array_new ());
  json_object_set_object_member (object, "metadata",
                                 json_object_ref (errata_trace_get_metadata (trace)));
  json_node_take_object (node, object);
  text = json_to_string (node, FALSE);
  line = g_strconcat (text, "\n", NULL);
  return g_bytes_new_take (line, strlen (line));
}

/* The outcome ------------------------------------------------------------ */

static char *
bytes_to_text (Reader *reader)
{
  if (reader->bytes->len == 0)
    return g_strdup ("");
  return g_utf8_make_valid ((const char *)reader->bytes->data, reader->bytes->len);
}

static char *
shorten (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= MESSAGE_CHARS)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, MESSAGE_CHARS);
  return g_strconcat (start, "…", NULL);
}

/* {"reasoning": "…"} when stdout is such an object, else its first
 * non-empty line. */
static char *
reasoning_from (const char *out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (out));
  g_auto(GStrv) lines = NULL;

  if (*trimmed == '{')
    {
      g_autoptr(JsonNode) node = errata_json_from_string (trimmed, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node)
          && errata_json_member_string (json_node_get_object (node), "reasoning", NULL) != NULL)
        return g_strdup (errata_json_member_string (json_node_get_object (node), "reasoning", NULL));
    }
  lines = g_strsplit (trimmed, "\n", 2);
  if (lines[0] == NULL || *g_strstrip (lines[0]) == '\0')
    return NULL;
  return shorten (lines[0]);
}

/* The first few non-empty lines of stderr, for an error message. */
static char *
stderr_head (Reader *reader)
{
  g_autofree char *text = bytes_to_text (reader);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) head = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL && n < STDERR_LINES; i++)
    {
      if (*g_strstrip (lines[i]) == '\0')
        continue;
      g_string_append_printf (head, "%s%s", n++ > 0 ? "\n" : "", lines[i]);
    }
  return shorten (head->str);
}

static char *
describe_failure (Run *run)
{
  ErrataCommandCheck *self = g_task_get_source_object (run->task);

  if (run->timed_out)
    return g_strdup_printf (_("The command did not finish within %g s and was stopped"),
                            self->timeout);
  if (g_subprocess_get_if_signaled (run->process))
    {
      int signum = g_subprocess_get_term_sig (run->process);

      return g_strdup_printf (_("The command was killed by signal %d (%s)"), signum,
                              g_strsignal (signum));
    }
  return g_strdup_printf (_("The command exited with status %d (0 means pass, 1 fail)"),
                          g_subprocess_get_exit_status (run->process));
}

static ErrataEvalOutcome *
judge (Run *run)
{
  g_autofree char *out = bytes_to_text (&run->out);
  ErrataEvalOutcome *outcome;
  int status = -1;

  if (!run->timed_out && g_subprocess_get_if_exited (run->process))
    status = g_subprocess_get_exit_status (run->process);
  if (status == 0 || status == 1)
    outcome = errata_eval_outcome_new (status == 0 ? ERRATA_JUDGE_PASS : ERRATA_JUDGE_FAIL);
  else
    {
      g_autofree char *failure = describe_failure (run);
      g_autofree char *head = stderr_head (&run->err);

      outcome = errata_eval_outcome_new (ERRATA_JUDGE_ERROR);
      outcome->error = *head != '\0' ? g_strdup_printf ("%s: %s", failure, head)
                                     : g_steal_pointer (&failure);
    }
  outcome->reasoning = reasoning_from (out);
  if (run->out.truncated)
    /* Translators: appended to a command's output that was too long to keep */
    outcome->raw = g_strdup_printf (_("%s\n[output cut at %u bytes]"), out,
                                    (guint)run->out.cap);
  else
    outcome->raw = g_steal_pointer (&out);
  outcome->latency_ms = (run->exited_at - run->started_at) / 1000.0;
  return outcome;
}

/* Running ---------------------------------------------------------------- */

static void
run_free (gpointer data)
{
  Run *run = data;

  g_assert (run->cancelled_id == 0 && run->timeout_id == 0);
  g_clear_pointer (&run->input, g_bytes_unref);
  g_clear_object (&run->process);
  g_clear_object (&run->stdin_stream);
  g_clear_object (&run->io_cancellable);
  g_clear_pointer (&run->out.bytes, g_byte_array_unref);
  g_clear_pointer (&run->err.bytes, g_byte_array_unref);
  g_free (run);
}

/* Hands the result over (owning `outcome` or `error`), frees the slot and
 * starts the next waiting trace. */
static void
run_return (Run               *run,
            ErrataEvalOutcome *outcome,
            GError            *error)
{
  g_autoptr(GTask) task = g_object_ref (run->task);
  ErrataCommandCheck *self = g_task_get_source_object (task);

  g_assert (!run->returned);
  run->returned = TRUE;
  g_cancellable_disconnect (g_task_get_cancellable (task), run->cancelled_id);
  run->cancelled_id = 0;
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  if (run->started)
    self->running--;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, outcome, (GDestroyNotify)errata_eval_outcome_free);
  pump (self);
}

/* SIGKILL for the command and anything it started in its process group,
 * until we hear that it exited. (GLib reaps it a moment before telling
 * us; in that moment the group id could only name a stranger if the whole
 * group were gone and the kernel had handed the pid out again.) */
static void
kill_run (Run *run)
{
  if (!run->exited && run->pid > 0)
    {
      kill (-run->pid, SIGKILL);
      g_subprocess_force_exit (run->process);
    }
  g_cancellable_cancel (run->io_cancellable);
}

static void
operation_done (Run *run)
{
  GTask *task = run->task;
  GError *error = NULL;

  g_assert (run->pending > 0);
  if (--run->pending == 0)
    {
      if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
        run_return (run, NULL, error);
      else
        run_return (run, judge (run), NULL);
    }
  g_object_unref (task);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data);

static void
read_next (Reader *reader)
{
  g_input_stream_read_bytes_async (reader->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   reader->run->io_cancellable, on_read, reader);
}

/* Keeps up to `cap` bytes and drops the rest, still reading, so that a
 * chatty command never blocks on a full pipe. */
static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reader *reader = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              NULL);
  gsize size = bytes != NULL ? g_bytes_get_size (bytes) : 0;
  gsize room = reader->cap - MIN (reader->cap, reader->bytes->len);

  if (size == 0)
    {
      reader->done = TRUE;
      operation_done (reader->run);
      return;
    }
  g_byte_array_append (reader->bytes, g_bytes_get_data (bytes, NULL), MIN (size, room));
  reader->truncated |= size > room;
  read_next (reader);
}

static void
start_reader (Run          *run,
              Reader       *reader,
              GInputStream *stream,
              gsize         cap)
{
  reader->run = run;
  reader->stream = stream;
  reader->bytes = g_byte_array_new ();
  reader->cap = cap;
  g_object_ref (run->task);
  read_next (reader);
}

/* A command that does not read its input is not an error: EPIPE is fine. */
static void
on_input_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run *run = g_task_get_task_data (user_data);

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  g_io_stream_close (run->stdin_stream, NULL, NULL);
  operation_done (run);
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = g_task_get_task_data (user_data);

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  run->exited_at = g_get_monotonic_time ();
  /* Something it left behind still holds its output (a background job):
   * that something is in the group, so the group id is still its own. */
  if (run->pid > 0 && (!run->out.done || !run->err.done))
    kill (-run->pid, SIGKILL);
  run->exited = TRUE;
  operation_done (run);
}

static gboolean
on_timeout (gpointer user_data)
{
  Run *run = g_task_get_task_data (user_data);

  run->timeout_id = 0;
  /* After the exit only the pipes are left waiting: judge by the status. */
  if (!run->exited)
    run->timed_out = TRUE;
  kill_run (run);
  return G_SOURCE_REMOVE;
}

/* Runs in the command's process between fork and exec: only
 * async-signal-safe calls. The command leads a process group of its own,
 * and tells us its pid (GSubprocess forgets it once the command is reaped,
 * which can be before we ask). */
static void
child_setup (gpointer user_data)
{
  int fd = GPOINTER_TO_INT (user_data);
  pid_t pid = getpid ();

  setpgid (0, 0);
  if (write (fd, &pid, sizeof pid) != sizeof pid)
    _exit (127);
}

static gboolean
make_socket_pair (int      fds[2],
                  GError **error)
{
  int saved_errno;

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0)
    return TRUE;
  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not make a pipe for the command: %s"), g_strerror (saved_errno));
  return FALSE;
}

static GSubprocess *
spawn (ErrataCommandCheck  *self,
       GSocket            **stdin_socket,
       pid_t               *pid,
       GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  int fds[2];
  int pid_pipe[2];

  if (!make_socket_pair (fds, error))
    return NULL;
  *stdin_socket = g_socket_new_from_fd (fds[0], error);
  if (*stdin_socket == NULL)
    {
      close (fds[0]);
      close (fds[1]);
      return NULL;
    }
  if (!g_unix_open_pipe (pid_pipe, FD_CLOEXEC, error))
    {
      close (fds[1]);
      return NULL;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The launcher closes our copy of the command's end when it goes, so
   * that the command is the only reader and EPIPE can happen. */
  g_subprocess_launcher_take_stdin_fd (launcher, fds[1]);
  if (self->directory != NULL)
    g_subprocess_launcher_set_cwd (launcher, self->directory);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, GINT_TO_POINTER (pid_pipe[1]),
                                         NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)self->argv, error);
  close (pid_pipe[1]);
  /* The child wrote before exec, and spawnv returns after the exec. */
  if (process != NULL && read (pid_pipe[0], pid, sizeof *pid) != sizeof *pid)
    *pid = 0;
  close (pid_pipe[0]);
  return g_steal_pointer (&process);
}

static void
start_run (ErrataCommandCheck *self,
           GTask              *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(GSocket) stdin_socket = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *input;

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      run_return (run, NULL, g_steal_pointer (&error));
      return;
    }
  run->process = spawn (self, &stdin_socket, &run->pid, &error);
  if (run->process == NULL)
    {
      g_prefix_error (&error, _("Could not start the command “%s”: "), self->command_line);
      run_return (run, NULL, g_steal_pointer (&error));
      return;
    }
  run->started = TRUE;
  self->running++;
  run->started_at = g_get_monotonic_time ();
  run->io_cancellable = g_cancellable_new ();
  run->stdin_stream = G_IO_STREAM (g_socket_connection_factory_create_connection (stdin_socket));
  run->pending = 4;

  input = g_io_stream_get_output_stream (run->stdin_stream);
  g_output_stream_write_all_async (input, g_bytes_get_data (run->input, NULL),
                                   g_bytes_get_size (run->input), G_PRIORITY_DEFAULT,
                                   run->io_cancellable, on_input_written, g_object_ref (task));
  start_reader (run, &run->out, g_subprocess_get_stdout_pipe (run->process),
                ERRATA_COMMAND_CHECK_MAX_OUTPUT);
  start_reader (run, &run->err, g_subprocess_get_stderr_pipe (run->process),
                ERRATA_COMMAND_CHECK_MAX_OUTPUT / 4);
  g_subprocess_wait_async (run->process, NULL, on_exited, g_object_ref (task));
  run->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint)(self->timeout * 1000),
                                        on_timeout, g_object_ref (task), g_object_unref);
}

static void
pump (ErrataCommandCheck *self)
{
  while (self->running < self->concurrency && !g_queue_is_empty (&self->queue))
    {
      g_autoptr(GTask) task = g_queue_pop_head (&self->queue);

      start_run (self, task);
    }
}

/* A trace still waiting for a slot leaves the queue at once. */
static gboolean
return_cancelled (gpointer user_data)
{
  GTask *task = user_data;
  ErrataCommandCheck *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (run->returned || run->started || !g_queue_remove (&self->queue, task))
    return G_SOURCE_REMOVE;
  g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error);
  run_return (run, NULL, error);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* May run in the thread that cancelled: only kill(2), a cancellable and an
 * idle, all of which are thread-safe. */
static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  if (run->started)
    kill_run (run);
  else
    g_idle_add_full (G_PRIORITY_DEFAULT, return_cancelled, g_object_ref (task), g_object_unref);
}

/* ErrataEvalMethod -------------------------------------------------------- */

static void
errata_command_check_evaluate_async (ErrataEvalMethod    *method,
                                     ErrataTrace         *trace,
                                     ErrataEvalFlags      flags,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  ErrataCommandCheck *self = ERRATA_COMMAND_CHECK (method);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Run *run;

  g_task_set_source_tag (task, errata_command_check_evaluate_async);
  if (!errata_command_check_is_trusted (self))
    {
      g_task_return_new_error (task, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_TRUSTED,
                               _("The command “%s” comes with the project and is not trusted on "
                                 "this machine yet. Read it; if you trust it, run it "
                                 "once with “errata-cli eval run … --trust”."),
                               self->command_line);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  run = g_new0 (Run, 1);
  run->task = task;
  run->input = trace_to_input (trace);
  g_task_set_task_data (task, run, run_free);
  if (cancellable != NULL)
    run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), task, NULL);
  g_queue_push_tail (&self->queue, g_object_ref (task));
  pump (self);
}

static ErrataEvalOutcome *
errata_command_check_evaluate_finish (ErrataEvalMethod  *method,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, method), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static guint
errata_command_check_get_concurrency (ErrataEvalMethod *method)
{
  return ERRATA_COMMAND_CHECK (method)->concurrency;
}

static void
errata_command_check_method_init (ErrataEvalMethodInterface *iface)
{
  iface->evaluate_async = errata_command_check_evaluate_async;
  iface->evaluate_finish = errata_command_check_evaluate_finish;
  iface->get_concurrency = errata_command_check_get_concurrency;
}

static void
errata_command_check_finalize (GObject *object)
{
  ErrataCommandCheck *self = (ErrataCommandCheck *)object;

  /* Every queued task holds a reference on us. */
  g_assert (g_queue_is_empty (&self->queue) && self->running == 0);
  g_clear_pointer (&self->argv, g_strfreev);
  g_clear_pointer (&self->command_line, g_free);
  g_clear_pointer (&self->project_id, g_free);
  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (errata_command_check_parent_class)->finalize (object);
}

static void
errata_command_check_class_init (ErrataCommandCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = errata_command_check_finalize;
}

static void
errata_command_check_init (ErrataCommandCheck *self)
{
  self->timeout = ERRATA_COMMAND_CHECK_DEFAULT_TIMEOUT;
  self->concurrency = MAX (g_get_num_processors (), 1);
  g_queue_init (&self->queue);
}
