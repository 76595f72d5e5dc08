/* errata-synth-target.h: the user's own system, which synthetic queries run
 * through. Three kinds, from a JSON definition:
 *
 *   {"kind": "chat", "base_url": "http://localhost:11434/v1", "model": "…",
 *    "system": "…", "provider": "custom", "api_key_secret": "NAME"}
 *      an OpenAI-compatible chat endpoint, called through ErrataLlmClient;
 *      its key is the keyring's: the target secret NAME, or else the key
 *      Preferences keep for `provider` and `base_url` ("api_key_env":
 *      "VAR", for CI, when the keyring has none); "tools_file": "tools.json"
 *      (read at the first call; relative to the directory set below) or
 *      "tools": [...] offers the model OpenAI tool definitions, and the
 *      tool calls it answers with stay in the trace's messages;
 *   {"kind": "http", "method": "POST", "url": "…", "headers": {"…": "…"},
 *    "body": {"q": "{{query}}", "who": "{{dimension.persona}}"},
 *    "reply_pointer": "/answer", "messages_pointer": "/messages"}
 *      any HTTP service; the body is a JSON template whose strings may hold
 *      {{query}} and {{dimension.NAME}}; a header's value may hold
 *      {{secret.NAME}}, a target secret from the keyring
 *      (errata-synth-secrets.h), or {{env.NAME}} (for CI);
 *   {"kind": "command", "command": ["./my-app", "--once"], "input": "text"}
 *      a program that reads the query on stdin (or, with "input": "json",
 *      {"query": …, "dimensions": {…}}) and prints the reply, or an OpenAI
 *      chat completion / {"messages": [...]} as JSON.
 *
 * Every kind takes "concurrency" (default 4), "requests_per_minute" (0: no
 * limit), "timeout" (seconds per attempt, default 60) and "max_attempts"
 * (default 3; failures that may pass on retry are retried with backoff:
 * HTTP 429 and 5xx, a connection error, a timeout).
 *
 * A command target that came with the project runs only once this machine
 * trusts it (errata-trust.h), like a command evaluator.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "errata-project.h"
#include "errata-synth-types.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_SYNTH_TARGET (errata_synth_target_get_type ())

G_DECLARE_FINAL_TYPE (ErrataSynthTarget, errata_synth_target, ERRATA, SYNTH_TARGET, GObject)

typedef enum
{
  ERRATA_SYNTH_TARGET_CHAT,
  ERRATA_SYNTH_TARGET_HTTP,
  ERRATA_SYNTH_TARGET_COMMAND,
} ErrataSynthTargetKind;

/* One reply of the system. */
typedef struct
{
  char      *text;       /* the reply */
  JsonArray *messages;   /* nullable: the whole conversation, normalised, when the system gave it */
  char      *raw;        /* what came back, as it came (capped) */
  double     latency_ms;
  gint64     tokens_in;  /* -1: unknown */
  gint64     tokens_out;
  guint      attempts;
} ErrataSynthReply;

void               errata_synth_reply_free               (ErrataSynthReply  *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataSynthReply, errata_synth_reply_free)

/* `project_id` is the project's identity (its meta project_id) for the
 * trust of a command target. Errors name the member that is wrong. */
ErrataSynthTarget *errata_synth_target_new               (JsonObject         *definition,
                                                          const char         *project_id,
                                                          GError            **error);
ErrataSynthTarget *errata_synth_target_new_from_text     (const char         *text,
                                                          const char         *project_id,
                                                          GError            **error);

ErrataSynthTargetKind errata_synth_target_get_kind       (ErrataSynthTarget  *self);
JsonObject        *errata_synth_target_get_definition    (ErrataSynthTarget  *self);
guint              errata_synth_target_get_concurrency   (ErrataSynthTarget  *self);
/* Where the queries go: the URL or the command line (for messages and the
 * consent check: a non-loopback host receives the queries). */
const char        *errata_synth_target_describe          (ErrataSynthTarget  *self);

/* A command target: its canonical command line (what trust is granted
 * to), and whether this machine trusts it; other kinds are always trusted. */
const char        *errata_synth_target_get_command_line  (ErrataSynthTarget  *self);
gboolean           errata_synth_target_is_trusted        (ErrataSynthTarget  *self);
/* The author of a command target trusts it (it was written here). */
gboolean           errata_synth_target_grant_trust       (ErrataSynthTarget  *self,
                                                          GError            **error);
/* The working directory of a command (default: the current one). */
void               errata_synth_target_set_directory     (ErrataSynthTarget  *self,
                                                          const char         *directory);
/* Base delay and cap of the backoff between attempts (tests shorten it). */
void               errata_synth_target_set_retry_delays  (ErrataSynthTarget  *self,
                                                          guint               base_ms,
                                                          guint               max_ms);

/* Sends one query; calls are queued and at most `concurrency` are in
 * flight, paced to requests_per_minute. The first call looks the target's
 * secrets up in the keyring; a secret that is missing fails every call. */
void               errata_synth_target_call_async        (ErrataSynthTarget  *self,
                                                          const char         *query,
                                                          JsonObject         *dimensions,
                                                          GCancellable       *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
ErrataSynthReply  *errata_synth_target_call_finish       (ErrataSynthTarget  *self,
                                                          GAsyncResult       *result,
                                                          GError            **error);

/* The project's target (meta "synth_target"), so that the page and a
 * later run find it. A target read back from a project is a project's
 * command: it needs this machine's trust (the author's own, given with a
 * file on the command line or typed in the page, is granted at saving). */
gboolean           errata_synth_target_store             (ErrataSynthTarget  *self,
                                                          ErrataProject      *project,
                                                          GError            **error);
/* NULL without error when the project has no target yet. */
ErrataSynthTarget *errata_synth_target_load              (ErrataProject      *project,
                                                          GError            **error);

/* The body of an HTTP target for one query (for Test and tests). */
JsonNode          *errata_synth_target_fill_template     (JsonNode           *template_,
                                                          const char         *query,
                                                          JsonObject         *dimensions);
/* RFC 6901: the value at `pointer` in `root`, or NULL. "" is the root. */
JsonNode          *errata_synth_json_pointer             (JsonNode           *root,
                                                          const char         *pointer);

G_END_DECLS
