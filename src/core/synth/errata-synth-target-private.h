/* errata-synth-target-private.h: what the files of ErrataSynthTarget share.
 * errata-synth-target.c reads the definition and keeps the queue; each
 * kind's file makes one attempt and reports it with
 * _errata_synth_target_attempt_done().
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "errata-json-guard.h"
#include "errata-llm-client.h"
#include "errata-llm-pacer.h"
#include "errata-synth-target.h"

G_BEGIN_DECLS

#define RAW_CAP (64 * 1024)

struct _ErrataSynthTarget
{
  GObject                parent_instance;

  ErrataSynthTargetKind  kind;
  JsonObject            *definition;
  char                  *description;
  guint                  concurrency;
  guint                  requests_per_minute;
  double                 timeout;        /* seconds per attempt, 0: none */
  guint                  max_attempts;
  guint                  retry_base_ms;
  guint                  retry_max_ms;
  gboolean               retry_delays_set;

  /* chat: the client is made once the key is looked up */
  ErrataLlmClient       *client;
  ErrataLlmProvider     *provider;
  char                  *key_provider;   /* whose keyring entry: "custom", "openai", … */
  char                  *key_secret;     /* or a target secret's name */
  char                  *key_env;        /* for CI: a variable when the keyring has none */
  char                  *system;
  JsonNode              *tools;          /* nullable: the tools offered to the model */
  char                  *tools_file;     /* nullable: where they come from, read at the first call */

  /* secrets, looked up in the keyring before the first call */
  GPtrArray             *secret_names;   /* of char*, named by {{secret.NAME}} */
  GHashTable            *secrets;        /* name → value, once looked up */
  int                    secrets_state;  /* SECRETS_UNKNOWN, _LOOKING, _READY */
  GError                *secrets_error;  /* why the lookup failed, for every call */
  GQueue                 held;           /* of Call, waiting for the lookup */

  /* http */
  SoupSession           *session;
  char                  *method;
  char                  *url;
  JsonObject            *headers;
  JsonNode              *body;
  char                  *reply_pointer;
  char                  *messages_pointer;

  /* command */
  GStrv                  argv;
  char                  *command_line;
  char                  *project_id;
  char                  *directory;
  gboolean               json_input;

  /* the queue (http, command) */
  GQueue                 waiting;        /* of Call */
  GQueue                 retrying;       /* of Call, each waiting for its retry_id */
  guint                  running;
  ErrataLlmPacer         pacer;
  guint                  pace_id;
};

typedef struct
{
  ErrataSynthTarget *self;
  GTask             *task;
  char              *query;
  JsonObject        *dimensions;
  guint              attempt;
  GCancellable      *attempt_cancellable;  /* cancelled by the task's, or by the timeout */
  gulong             cancelled_id;
  guint              timeout_id;
  guint              retry_id;
  gboolean           timed_out;
  gint64             started_at;           /* monotonic µs of this attempt */
} Call;

enum
{
  SECRETS_UNKNOWN,
  SECRETS_LOOKING,
  SECRETS_READY,
};

/* Reads "{{secret.NAME}}" in a string; the names must be valid. */
gboolean _errata_synth_target_collect_secrets (ErrataSynthTarget  *self,
                                               const char         *member,
                                               const char         *value,
                                               GError            **error);
/* `value` with "{{secret.NAME}}" and "{{env.NAME}}" replaced. */
char    *_errata_synth_target_fill_secrets    (ErrataSynthTarget  *self,
                                               const char         *value);
/* Looks every secret up (and the chat key), then calls `done`. */
void     _errata_synth_target_look_up_secrets (ErrataSynthTarget  *self,
                                               void              (*done) (ErrataSynthTarget *self));

/* A chat target's "tools" (checked now) and "tools_file" (kept); and the
 * file, read once, at its first call. */
gboolean _errata_synth_target_read_tools   (ErrataSynthTarget  *self,
                                            JsonObject         *definition,
                                            GError            **error);
gboolean _errata_synth_target_load_tools   (ErrataSynthTarget  *self,
                                            GError            **error);

/* The kinds' attempts. */
void     _errata_synth_http_start          (ErrataSynthTarget  *self,
                                            Call               *call);
void     _errata_synth_command_start       (ErrataSynthTarget  *self,
                                            Call               *call);
gboolean _errata_synth_http_read           (ErrataSynthTarget  *self,
                                            JsonObject         *definition,
                                            GError            **error);
gboolean _errata_synth_command_read        (ErrataSynthTarget  *self,
                                            JsonObject         *definition,
                                            GError            **error);

/* An attempt ended with `reply`, or `error`; `retryable` errors are tried
 * again while attempts are left. Takes both. */
void     _errata_synth_target_attempt_done (Call               *call,
                                            ErrataSynthReply   *reply,
                                            GError             *error,
                                            gboolean            retryable);

ErrataSynthReply *_errata_synth_reply_new         (void);
/* Reads a reply that may be JSON (an OpenAI chat completion, or an object
 * with "messages"), else plain text. */
ErrataSynthReply *_errata_synth_reply_from_output (const char *output,
                                                   gsize       len);
/* "Target, “MEMBER”", for _errata_synth_target_invalid. */
char    *_errata_synth_target_where        (const char         *member);
/* Fails with ERRATA_SYNTH_ERROR_INVALID and a message that names the
 * target's member: (error, member, format, ...); returns FALSE. */
#define _errata_synth_target_invalid(error, member, ...) \
  errata_json_invalid ((error), ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID, \
                       _errata_synth_target_where (member), __VA_ARGS__)

G_END_DECLS
