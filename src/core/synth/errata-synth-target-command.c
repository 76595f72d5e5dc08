/* errata-synth-target-command.c: a command target, one attempt at a time
 * (the queue is in errata-synth-target.c).
 *
 * The command's canonical text, which trust is granted to, is the one a
 * command evaluator has (ErrataCommandCheck reads the same "command"
 * list), so one trust rule covers both.
 *
 * The input goes through an unlinked temporary file rather than a pipe: a
 * command that exits without reading it cannot raise SIGPIPE in Errata.
 * The command runs in a session of its own, so that a timeout or Cancel
 * kills it and whatever it started (a shell's `sleep`), which would keep
 * its output pipe open.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-target-private.h"

#include "errata-command-check.h"
#include "errata-json-guard.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define STDERR_CHARS 300

/* ErrataCommandCheck checked it is a list of strings. */
static GStrv
argv_of (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

gboolean
_errata_synth_command_read (ErrataSynthTarget  *self,
                            JsonObject         *definition,
                            GError            **error)
{
  const char *input = errata_json_member_string (definition, "input", "text");
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(ErrataCommandCheck) check = NULL;
  JsonNode *command = json_object_get_member (definition, "command");
  g_autoptr(GError) local = NULL;

  if (!g_str_equal (input, "text") && !g_str_equal (input, "json"))
    return _errata_synth_target_invalid (error, "input", _("expected “text” or “json”, found %s"),
                                         input);
  if (command != NULL)
    json_object_set_member (params, "command", json_node_copy (command));
  check = errata_command_check_new (params, self->project_id, &local);
  if (check == NULL)
    return _errata_synth_target_invalid (error, "command", "%s", local->message);
  self->json_input = g_str_equal (input, "json");
  self->command_line = g_strdup (errata_command_check_get_command_line (check));
  self->argv = argv_of (json_node_get_array (command));
  self->description = g_strdup (self->command_line);
  return TRUE;
}

static char *
input_text (ErrataSynthTarget *self,
            Call              *call)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!self->json_input)
    return g_strdup (call->query);
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "query");
  json_builder_add_string_value (b, call->query);
  json_builder_set_member_name (b, "dimensions");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), call->dimensions));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* An unlinked file holding `text`, positioned at its start. */
static int
input_fd (const char  *text,
          GError     **error)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("errata-synth-XXXXXX", &path, error);
  gsize len = strlen (text);
  gsize done = 0;

  if (fd < 0)
    return -1;
  g_unlink (path);
  while (done < len)
    {
      gssize n = write (fd, text + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not write the query for the command: %s"), g_strerror (saved));
          return -1;
        }
      done += n;
    }
  lseek (fd, 0, SEEK_SET);
  return fd;
}

static void
new_session (gpointer user_data)
{
  setsid ();
}

typedef struct
{
  Call        *call;
  GSubprocess *process;
  gulong       cancelled_id;
} Attempt;

static void
kill_group (GCancellable *cancellable,
            gpointer      user_data)
{
  Attempt *attempt = user_data;
  const char *id = g_subprocess_get_identifier (attempt->process);

  if (id != NULL)
    kill (-(pid_t)atoi (id), SIGKILL);
}

static GError *
exit_error (GSubprocess *process,
            const char  *err)
{
  g_autofree char *tail = g_strstrip (g_strdup (err != NULL ? err : ""));
  gsize len = strlen (tail);
  const char *shown = len > STDERR_CHARS ? tail + len - STDERR_CHARS : tail;

  if (g_subprocess_get_if_exited (process))
    return g_error_new (ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_FAILED,
                        _("The command exited with status %d%s%s"),
                        g_subprocess_get_exit_status (process), *shown != '\0' ? ": " : "", shown);
  return g_error_new (ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_FAILED,
                      _("The command was killed by signal %d%s%s"),
                      g_subprocess_get_term_sig (process), *shown != '\0' ? ": " : "", shown);
}

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Attempt *attempt = user_data;
  Call *call = attempt->call;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GError *error = NULL;

  g_cancellable_disconnect (call->attempt_cancellable, attempt->cancelled_id);
  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &out, &err, &error))
    {
      /* A timeout or Cancel: the group is killed already; a read error: kill it. */
      kill_group (NULL, attempt);
      _errata_synth_target_attempt_done (call, NULL, error, FALSE);
    }
  else if (!g_subprocess_get_successful (attempt->process))
    _errata_synth_target_attempt_done (call, NULL, exit_error (attempt->process, err), FALSE);
  else
    _errata_synth_target_attempt_done (call, _errata_synth_reply_from_output (out, strlen (out)),
                                       NULL, FALSE);
  g_object_unref (attempt->process);
  g_free (attempt);
}

void
_errata_synth_command_start (ErrataSynthTarget *self,
                             Call              *call)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *text = input_text (self, call);
  GError *error = NULL;
  Attempt *attempt;
  int fd;

  fd = input_fd (text, &error);
  if (fd < 0)
    {
      _errata_synth_target_attempt_done (call, NULL, error, FALSE);
      return;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_take_stdin_fd (launcher, fd);
  g_subprocess_launcher_set_child_setup (launcher, new_session, NULL, NULL);
  if (self->directory != NULL)
    g_subprocess_launcher_set_cwd (launcher, self->directory);
  attempt = g_new0 (Attempt, 1);
  attempt->call = call;
  attempt->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)self->argv,
                                                   &error);
  if (attempt->process == NULL)
    {
      g_free (attempt);
      g_prefix_error (&error, _("Could not start the command: "));
      _errata_synth_target_attempt_done (call, NULL, error, FALSE);
      return;
    }
  attempt->cancelled_id = g_cancellable_connect (call->attempt_cancellable,
                                                 G_CALLBACK (kill_group), attempt, NULL);
  g_subprocess_communicate_utf8_async (attempt->process, NULL, call->attempt_cancellable,
                                       on_communicated, attempt);
}
