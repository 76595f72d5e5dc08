/* errata-judge.c
 *
 * One request per trace: the rendered prompt as the user message, the
 * verdict schema, the definition's parameters. Everything the queue does
 * (pacing, retries, the cache) is the client's; the judge only turns a
 * reply, or the lack of one, into an outcome.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "errata-judge.h"
#include "errata-json-extract.h"
#include "errata-messages.h"

#define SCHEMA_NAME "judge_verdict"

/* strict: OpenAI's structured outputs then guarantee both members. */
static const char verdict_schema[] =
  "{\"type\": \"object\","
  " \"properties\": {"
  "   \"reasoning\": {\"type\": \"string\"},"
  "   \"verdict\": {\"type\": \"string\", \"enum\": [\"pass\", \"fail\"]}},"
  " \"required\": [\"reasoning\", \"verdict\"],"
  " \"additionalProperties\": false}";

struct _ErrataJudge
{
  GObject            parent_instance;

  ErrataLlmClient   *client;
  ErrataLlmCache    *cache;         /* nullable: the client's is used */
  ErrataJudgePrompt *prompt;
  char              *target_definition;
  GPtrArray         *examples;      /* of ErrataJudgeExample, our copies */
  char              *model;         /* nullable: the provider's */
  double             temperature;
  guint              max_tokens;
  guint              concurrency;
  JsonNode          *schema;
  glong              fixed_chars;   /* of the prompt of an empty trace; -1 until known */
};

static void errata_judge_eval_method_init (ErrataEvalMethodInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ErrataJudge, errata_judge, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ERRATA_TYPE_EVAL_METHOD,
                                                      errata_judge_eval_method_init))

/* ---- the definition --------------------------------------------------- */

static gboolean
member_is (JsonObject *object,
           const char *name,
           GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (type == G_TYPE_DOUBLE)
    return JSON_NODE_HOLDS_VALUE (node) &&
           (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
            json_node_get_value_type (node) == G_TYPE_INT64);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
invalid_member (GError     **error,
                const char  *name,
                const char  *expected)
{
  /* Translators: "The judge's “max_tokens” must be a whole number above 0" */
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
               _("The judge’s “%s” must be %s"), name, expected);
  return FALSE;
}

/* A number member within [min, max]; @value keeps its default when absent. */
static gboolean
read_number (JsonObject  *definition,
             const char  *name,
             double       min,
             double       max,
             gboolean     whole,
             const char  *expected,
             double      *value,
             GError     **error)
{
  double number;

  if (!json_object_has_member (definition, name) ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (definition, name)))
    return TRUE;
  if (!member_is (definition, name, G_TYPE_DOUBLE))
    return invalid_member (error, name, expected);
  number = json_object_get_double_member (definition, name);
  if (number < min || number > max || (whole && number != (double) (gint64) number))
    return invalid_member (error, name, expected);
  *value = number;
  return TRUE;
}

static gboolean
read_string (JsonObject  *definition,
             const char  *name,
             const char **value,
             GError     **error)
{
  if (!json_object_has_member (definition, name) ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (definition, name)))
    return TRUE;
  if (!member_is (definition, name, G_TYPE_STRING))
    return invalid_member (error, name, _("a string"));
  *value = json_object_get_string_member (definition, name);
  return TRUE;
}

static gboolean
judge_load_definition (ErrataJudge  *self,
                       JsonObject   *definition,
                       GError      **error)
{
  const char *prompt = errata_judge_prompt_default_template ();
  const char *model = NULL;
  g_autofree char *stripped = NULL;
  double temperature = 0, max_tokens = ERRATA_JUDGE_DEFAULT_MAX_TOKENS;
  double concurrency = ERRATA_JUDGE_DEFAULT_CONCURRENCY;

  if (definition != NULL &&
      !(read_string (definition, "prompt", &prompt, error) &&
        read_string (definition, "model", &model, error) &&
        read_number (definition, "temperature", 0, 2, FALSE, _("a number from 0 to 2"),
                     &temperature, error) &&
        read_number (definition, "max_tokens", 1, G_MAXINT32, TRUE,
                     _("a whole number above 0"), &max_tokens, error) &&
        read_number (definition, "concurrency", 1, 1024, TRUE,
                     _("a whole number from 1 to 1024"), &concurrency, error)))
    return FALSE;

  /* An empty prompt would send the model nothing to judge. */
  stripped = g_strstrip (g_strdup (prompt));
  if (*stripped == '\0')
    return invalid_member (error, "prompt", _("a template with the trace in it"));
  self->prompt = errata_judge_prompt_new (prompt, error);
  if (self->prompt == NULL)
    return FALSE;
  self->model = model != NULL && *model != '\0' ? g_strdup (model) : NULL;
  self->temperature = temperature;
  self->max_tokens = (guint) max_tokens;
  self->concurrency = (guint) concurrency;
  return TRUE;
}

/* ---- reading a reply -------------------------------------------------- */

gboolean
errata_judge_parse_verdict (const char         *text,
                            ErrataJudgeVerdict *verdict)
{
  g_autofree char *word = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (verdict != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  /* Models dress a verdict up: "**PASS**", "Fail.", "'pass'". */
  word = g_strstrip (g_strdup (text));
  g_strdelimit (word, "*\"'`.!", ' ');
  g_strstrip (word);
  folded = g_ascii_strdown (word, -1);

  if (g_str_equal (folded, "pass") || g_str_equal (folded, "passed"))
    *verdict = ERRATA_JUDGE_PASS;
  else if (g_str_equal (folded, "fail") || g_str_equal (folded, "failed"))
    *verdict = ERRATA_JUDGE_FAIL;
  else
    return FALSE;
  return TRUE;
}

/* json-glib's member lookup is case-sensitive; "Verdict" is still it. */
static JsonNode *
member_any_case (JsonObject *object,
                 const char *name)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (json_object_has_member (object, name))
    return json_object_get_member (object, name);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    if (g_ascii_strcasecmp (member, name) == 0)
      return node;
  return NULL;
}

static void
outcome_fail (ErrataEvalOutcome *outcome,
              char              *message)
{
  outcome->verdict = ERRATA_JUDGE_ERROR;
  g_free (outcome->error);
  outcome->error = message;
}

static void
outcome_read_json (ErrataEvalOutcome *outcome,
                   JsonNode          *json)
{
  JsonObject *object = json != NULL && JSON_NODE_HOLDS_OBJECT (json)
                       ? json_node_get_object (json) : NULL;
  JsonNode *verdict = object != NULL ? member_any_case (object, "verdict") : NULL;
  JsonNode *reasoning = object != NULL ? member_any_case (object, "reasoning") : NULL;

  if (reasoning != NULL && !JSON_NODE_HOLDS_NULL (reasoning))
    outcome->reasoning = errata_json_node_to_text (reasoning);

  if (object == NULL)
    outcome_fail (outcome, g_strdup (_("The reply holds no JSON object with a verdict")));
  else if (verdict == NULL)
    outcome_fail (outcome, g_strdup (_("The reply has no “verdict”")));
  else if (!JSON_NODE_HOLDS_VALUE (verdict) || json_node_get_value_type (verdict) != G_TYPE_STRING)
    outcome_fail (outcome, g_strdup_printf (_("The verdict is %s, not “pass” or “fail”"),
                                            errata_json_node_describe (verdict)));
  else if (!errata_judge_parse_verdict (json_node_get_string (verdict), &outcome->verdict))
    outcome_fail (outcome, g_strdup_printf (_("The verdict “%s” is neither “pass” nor “fail”"),
                                            json_node_get_string (verdict)));
}

static gboolean
reply_truncated (const ErrataLlmReply *reply)
{
  return g_strcmp0 (reply->finish_reason, "length") == 0 ||
         g_strcmp0 (reply->finish_reason, "max_tokens") == 0;
}

/* The outcome of a reply, however it came (live or from a batch). */
ErrataEvalOutcome *
errata_judge_read_reply (ErrataJudge          *self,
                         const ErrataLlmReply *reply)
{
  ErrataEvalOutcome *outcome = errata_eval_outcome_new (ERRATA_JUDGE_ERROR);
  g_autoptr(JsonNode) extracted = NULL;

  outcome->raw = g_strdup (reply->text);
  outcome->latency_ms = reply->latency_ms;
  outcome->tokens_in = MAX (reply->tokens_in, 0);
  outcome->tokens_out = MAX (reply->tokens_out, 0);
  /* A cached reply keeps what it cost the first time; nothing was paid now. */
  outcome->cost = reply->cached ? 0 : reply->cost;

  if (reply_truncated (reply))
    {
      outcome_fail (outcome, g_strdup_printf (_("The reply stopped at the token limit "
                                                "(max_tokens %u): raise “max_tokens” in the "
                                                "judge"), self->max_tokens));
      return outcome;
    }

  if (reply->json == NULL)
    extracted = errata_json_extract (reply->text, NULL);
  outcome_read_json (outcome, reply->json != NULL ? reply->json : extracted);
  return outcome;
}

/* ---- ErrataEvalMethod ---------------------------------------------------- */

/* The request a trace is judged with, live or in a batch. */
ErrataLlmRequest *
errata_judge_build_request (ErrataJudge     *self,
                            ErrataTrace     *trace,
                            ErrataEvalFlags  flags)
{
  g_autoptr(ErrataLlmRequest) request = errata_llm_request_new ();
  g_autofree char *prompt = errata_judge_render (self, trace);

  errata_llm_request_add_message (request, "user", prompt);
  errata_llm_request_set_model (request, self->model);
  errata_llm_request_set_temperature (request, self->temperature);
  errata_llm_request_set_max_tokens (request, self->max_tokens);
  errata_llm_request_set_schema (request, SCHEMA_NAME, self->schema, TRUE);
  errata_llm_request_set_json_optional (request, TRUE);
  errata_llm_request_set_bypass_cache (request, (flags & ERRATA_EVAL_FLAGS_BYPASS_CACHE) != 0);
  errata_llm_request_set_cache (request, self->cache);
  return g_steal_pointer (&request);
}

/* A key that is refused or an account without credit stops the whole
 * client: no trace can be judged, so the run is told, not each trace. */
static gboolean
error_stops_method (const GError *error)
{
  return g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH) ||
         g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_QUOTA);
}

static void
on_reply (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GTask) task = data;
  ErrataJudge *self = g_task_get_source_object (task);
  g_autoptr(ErrataLlmReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = errata_llm_client_complete_finish (ERRATA_LLM_CLIENT (source), result, &error);
  if (reply != NULL)
    g_task_return_pointer (task, errata_judge_read_reply (self, reply),
                           (GDestroyNotify) errata_eval_outcome_free);
  else if (g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_CANCELLED) ||
           g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
  else if (error_stops_method (error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, errata_eval_outcome_new_error (error->message),
                           (GDestroyNotify) errata_eval_outcome_free);
}

static void
errata_judge_evaluate_async (ErrataEvalMethod    *method,
                             ErrataTrace         *trace,
                             ErrataEvalFlags      flags,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ErrataJudge *self = ERRATA_JUDGE (method);
  g_autoptr(ErrataLlmRequest) request = errata_judge_build_request (self, trace, flags);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, errata_judge_evaluate_async);
  errata_llm_client_complete_async (self->client, request, cancellable, on_reply, task);
}

static ErrataEvalOutcome *
errata_judge_evaluate_finish (ErrataEvalMethod  *method,
                              GAsyncResult      *result,
                              GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, method), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static guint
errata_judge_get_concurrency (ErrataEvalMethod *method)
{
  return ERRATA_JUDGE (method)->concurrency;
}

static void
estimate_from_chars (ErrataJudge        *self,
                     glong               chars,
                     ErrataEvalEstimate *estimate)
{
  ErrataLlmPrices *prices = errata_llm_client_get_prices (self->client);

  estimate->tokens_in = (chars + 3) / 4;
  estimate->tokens_out = self->max_tokens / 2;
  estimate->cost = prices != NULL ? errata_llm_prices_cost (prices, errata_judge_get_model (self),
                                                            estimate->tokens_in,
                                                            estimate->tokens_out)
                                  : 0;
}

static glong
prompt_chars (const char *prompt)
{
  /* Characters, not bytes: a French or Japanese trace is not two or three
   * times longer for the tokeniser than its byte count would say. */
  return g_utf8_validate (prompt, -1, NULL) ? g_utf8_strlen (prompt, -1) : (glong) strlen (prompt);
}

/* The prompt of an empty trace (the template, the definition, the
 * examples) plus what the trace's sizes add: no trace is read. */
static void
errata_judge_estimate (ErrataEvalMethod   *method,
                       ErrataTrace        *trace,
                       ErrataEvalEstimate *estimate)
{
  ErrataJudge *self = ERRATA_JUDGE (method);
  g_autoptr(ErrataTrace) empty = trace == NULL ? errata_trace_new () : NULL;
  g_autofree char *prompt = errata_judge_render (self, trace != NULL ? trace : empty);

  estimate_from_chars (self, prompt_chars (prompt), estimate);
}

static void
errata_judge_estimate_sizes (ErrataEvalMethod       *method,
                             const ErrataTraceSizes *sizes,
                             ErrataEvalEstimate     *estimate)
{
  ErrataJudge *self = ERRATA_JUDGE (method);

  if (self->fixed_chars < 0)
    {
      g_autoptr(ErrataTrace) empty = errata_trace_new ();
      g_autofree char *prompt = errata_judge_render (self, empty);

      self->fixed_chars = prompt_chars (prompt);
    }
  estimate_from_chars (self, self->fixed_chars + errata_judge_prompt_sized_chars (self->prompt,
                                                                                  sizes),
                       estimate);
}

/* The cache the judge's requests go to: its own, else its client's. */
static ErrataLlmCache *
judge_cache (ErrataJudge *self)
{
  return self->cache != NULL ? self->cache : errata_llm_client_get_cache (self->client);
}

/**
 * errata_judge_set_cache:
 * @cache: (nullable): the reply cache for this judge's requests
 *
 * Answers this judge's requests from @cache and keeps its replies there,
 * instead of its client's cache: for a client shared with requests that
 * must not be cached (a window's client; a run's replies belong to its
 * project).
 */
void
errata_judge_set_cache (ErrataJudge    *self,
                        ErrataLlmCache *cache)
{
  g_return_if_fail (ERRATA_IS_JUDGE (self));
  g_return_if_fail (cache == NULL || ERRATA_IS_LLM_CACHE (cache));

  g_set_object (&self->cache, cache);
}

static void
errata_judge_hold_writes (ErrataEvalMethod *method)
{
  ErrataLlmCache *cache = judge_cache (ERRATA_JUDGE (method));

  if (cache != NULL)
    errata_llm_cache_hold (cache);
}

static gboolean
errata_judge_write_held (ErrataEvalMethod  *method,
                         GError           **error)
{
  ErrataLlmCache *cache = judge_cache (ERRATA_JUDGE (method));

  return cache == NULL || errata_llm_cache_write_held (cache, error);
}

static gboolean
errata_judge_release_writes (ErrataEvalMethod  *method,
                             GError           **error)
{
  ErrataLlmCache *cache = judge_cache (ERRATA_JUDGE (method));

  return cache == NULL || errata_llm_cache_release (cache, error);
}

/* Every trace a judge sees goes to its client's provider. */
static const char *
errata_judge_get_base_url (ErrataEvalMethod *method)
{
  return errata_llm_client_get_provider (ERRATA_JUDGE (method)->client)->base_url;
}

static void
errata_judge_eval_method_init (ErrataEvalMethodInterface *iface)
{
  iface->evaluate_async = errata_judge_evaluate_async;
  iface->evaluate_finish = errata_judge_evaluate_finish;
  iface->get_concurrency = errata_judge_get_concurrency;
  iface->estimate = errata_judge_estimate;
  iface->get_base_url = errata_judge_get_base_url;
  iface->estimate_sizes = errata_judge_estimate_sizes;
  iface->hold_writes = errata_judge_hold_writes;
  iface->write_held = errata_judge_write_held;
  iface->release_writes = errata_judge_release_writes;
}

/* ---- GObject ---------------------------------------------------------- */

static void
errata_judge_finalize (GObject *object)
{
  ErrataJudge *self = (ErrataJudge *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->prompt, errata_judge_prompt_free);
  g_clear_pointer (&self->target_definition, g_free);
  g_clear_pointer (&self->examples, g_ptr_array_unref);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->schema, json_node_unref);

  G_OBJECT_CLASS (errata_judge_parent_class)->finalize (object);
}

static void
errata_judge_class_init (ErrataJudgeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = errata_judge_finalize;
}

static void
errata_judge_init (ErrataJudge *self)
{
  self->examples = g_ptr_array_new_with_free_func ((GDestroyNotify) errata_judge_example_free);
  self->schema = json_from_string (verdict_schema, NULL);
  g_assert (self->schema != NULL);
  self->fixed_chars = -1;
}

/**
 * errata_judge_new:
 * @client: the client every request goes through (provider, queue, cache)
 * @definition: (nullable): the judge's definition (see the header)
 * @target_definition: (nullable): what {{definition}} renders to
 * @examples: (nullable) (element-type ErrataJudgeExample): the few-shot
 *   examples, copied
 *
 * Returns: (transfer full) (nullable): the judge, or NULL with an
 *   ERRATA_EVAL_ERROR_INVALID that names the bad member or placeholder
 */
ErrataJudge *
errata_judge_new (ErrataLlmClient  *client,
                  JsonObject       *definition,
                  const char       *target_definition,
                  GPtrArray        *examples,
                  GError          **error)
{
  g_autoptr(ErrataJudge) self = NULL;

  g_return_val_if_fail (ERRATA_IS_LLM_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ERRATA_TYPE_JUDGE, NULL);
  self->client = g_object_ref (client);
  self->target_definition = g_strdup (target_definition);
  if (!judge_load_definition (self, definition, error))
    return NULL;

  for (guint i = 0; examples != NULL && i < examples->len; i++)
    {
      const ErrataJudgeExample *example = g_ptr_array_index (examples, i);

      g_ptr_array_add (self->examples,
                       errata_judge_example_new (example->trace_id, example->input,
                                                 example->output, example->label,
                                                 example->critique));
    }
  return g_steal_pointer (&self);
}

/* The model the requests go to: the definition's, else the provider's. */
const char *
errata_judge_get_model (ErrataJudge *self)
{
  g_return_val_if_fail (ERRATA_IS_JUDGE (self), NULL);

  return self->model != NULL ? self->model : errata_llm_client_get_provider (self->client)->model;
}

ErrataLlmClient *
errata_judge_get_client (ErrataJudge *self)
{
  g_return_val_if_fail (ERRATA_IS_JUDGE (self), NULL);

  return self->client;
}

/* The prompt @trace is judged with (for a preview, or to debug a judge). */
char *
errata_judge_render (ErrataJudge *self,
                     ErrataTrace *trace)
{
  g_return_val_if_fail (ERRATA_IS_JUDGE (self), NULL);
  g_return_val_if_fail (ERRATA_IS_TRACE (trace), NULL);

  return errata_judge_prompt_render (self->prompt, trace, self->target_definition,
                                     self->examples);
}
