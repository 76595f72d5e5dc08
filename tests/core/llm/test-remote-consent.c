/* test-remote-consent.c: which provider URLs are remote, the project's
 * consent (record, read, revoke, kept in the file), and the choke points
 * that refuse to send without it: an eval run of a judge and the grouping
 * suggester, both refused before any connection is tried.
 *
 * A remote provider cannot be bound in a test: "judge.invalid" (a name
 * that resolves nowhere, RFC 2606) stands for one. It is refused from the
 * URL alone, so no lookup or connection is ever tried; the mock server at
 * 127.0.0.1 stands for a local Ollama, which never needs consent.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-eval-run.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-grouping-suggester.h"
#include "errata-remote-consent.h"
#include "errata-test-utils.h"
#include "llm-test-helpers.h"

#define REMOTE_URL "http://judge.invalid/v1"

static void
test_remote_table (void)
{
  static const struct
  {
    const char *url;
    gboolean    remote;
    const char *host;
  } cases[] = {
    { "http://localhost:11434/v1", FALSE, "localhost" },
    { "http://LocalHost:11434/v1", FALSE, "localhost" },
    { "http://localhost.:11434/v1", FALSE, "localhost." },
    { "http://127.0.0.1:8080/v1", FALSE, "127.0.0.1" },
    { "http://127.0.0.2/v1", FALSE, "127.0.0.2" },
    { "http://127.255.255.254/v1", FALSE, "127.255.255.254" },
    { "http://[::1]:11434/v1", FALSE, "::1" },
    { "https://api.openai.com/v1", TRUE, "api.openai.com" },
    { "https://api.anthropic.com", TRUE, "api.anthropic.com" },
    { "http://192.168.1.2:11434/v1", TRUE, "192.168.1.2" },
    { "http://10.0.0.5/v1", TRUE, "10.0.0.5" },
    { "http://gpu-box.local:8000/v1", TRUE, "gpu-box.local" },
    /* Looks local, is not: a name under someone else's domain. */
    { "http://localhost.example.com/v1", TRUE, "localhost.example.com" },
    { "http://128.0.0.1/v1", TRUE, "128.0.0.1" },
    { "http://0.0.0.0:11434/v1", TRUE, "0.0.0.0" },
    { "http://[::ffff:127.0.0.1]/v1", TRUE, "::ffff:127.0.0.1" },
    /* No host at all: asked about, never sent blindly. */
    { "localhost:11434", TRUE, NULL },
    { "", TRUE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *host = errata_remote_consent_dup_host (cases[i].url);

      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (errata_remote_consent_is_remote (cases[i].url), ==, cases[i].remote);
      g_assert_cmpstr (host, ==, cases[i].host);
    }
  g_assert_true (errata_remote_consent_is_remote (NULL));
  g_assert_true (errata_remote_consent_is_loopback ("::1"));
  g_assert_false (errata_remote_consent_is_loopback ("192.168.1.2"));
  g_assert_false (errata_remote_consent_is_loopback (NULL));
}

static void
test_provider_name (void)
{
  g_autofree char *openai = errata_remote_consent_provider_name ("https://api.openai.com/v1");
  g_autofree char *anthropic = errata_remote_consent_provider_name ("https://API.anthropic.com");
  g_autofree char *other = errata_remote_consent_provider_name ("https://openrouter.ai/api/v1");

  g_assert_cmpstr (openai, ==, "OpenAI");
  g_assert_cmpstr (anthropic, ==, "Anthropic");
  g_assert_cmpstr (other, ==, "openrouter.ai");
}

static const ErrataRemoteConsent *
find (GPtrArray  *consents,
      const char *host)
{
  for (guint i = 0; i < consents->len; i++)
    if (g_str_equal (((ErrataRemoteConsent *)consents->pdata[i])->host, host))
      return consents->pdata[i];
  return NULL;
}

static void
test_record_read_revoke (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataProject) reopened = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const ErrataRemoteConsent *openai;

  consents = errata_remote_consent_list (project);
  g_assert_cmpuint (consents->len, ==, 0);
  g_clear_pointer (&consents, g_ptr_array_unref);
  g_assert_false (errata_remote_consent_is_given (project, ERRATA_LLM_OPENAI_BASE_URL));
  g_assert_true (errata_remote_consent_is_given (project, ERRATA_LLM_OLLAMA_BASE_URL));
  g_assert_true (errata_remote_consent_check (project, ERRATA_LLM_OLLAMA_BASE_URL, &error));
  g_assert_no_error (error);

  /* Refused, with the host and what to do. */
  g_assert_false (errata_remote_consent_check (project, ERRATA_LLM_OPENAI_BASE_URL, &error));
  g_assert_error (error, ERRATA_REMOTE_CONSENT_ERROR, ERRATA_REMOTE_CONSENT_ERROR_NEEDED);
  g_assert_nonnull (strstr (error->message, "api.openai.com"));
  g_assert_nonnull (strstr (error->message, "--allow-remote"));
  g_clear_error (&error);

  g_assert_true (errata_remote_consent_record (project, ERRATA_LLM_OPENAI_BASE_URL, "Ada", &error));
  g_assert_no_error (error);
  g_assert_true (errata_remote_consent_is_given (project, ERRATA_LLM_OPENAI_BASE_URL));
  /* Per host: another path or port on it is the same machine ... */
  g_assert_true (errata_remote_consent_is_given (project, "https://API.openai.com:443/v2"));
  /* ... another host asks again. */
  g_assert_false (errata_remote_consent_is_given (project, "https://openrouter.ai/api/v1"));
  g_assert_false (errata_remote_consent_is_given (project, ERRATA_LLM_ANTHROPIC_BASE_URL));

  g_assert_true (errata_remote_consent_record (project, "https://openrouter.ai/api/v1", "Grace",
                                               &error));
  /* Allowing again replaces, never doubles. */
  g_assert_true (errata_remote_consent_record (project, ERRATA_LLM_OPENAI_BASE_URL, "Ada", &error));
  /* A loopback URL records nothing. */
  g_assert_true (errata_remote_consent_record (project, "http://127.0.0.2/v1", "Ada", &error));
  g_assert_no_error (error);

  /* Kept in the file. */
  file = g_file_dup (errata_project_get_file (project));
  errata_project_close (project);
  reopened = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  consents = errata_remote_consent_list (reopened);
  g_assert_cmpuint (consents->len, ==, 2);
  openai = find (consents, "api.openai.com");
  g_assert_nonnull (openai);
  g_assert_cmpstr (openai->provider, ==, "OpenAI");
  g_assert_cmpstr (openai->by, ==, "Ada");
  when = g_date_time_new_from_iso8601 (openai->at, NULL);
  g_assert_nonnull (when);
  g_assert_cmpstr (find (consents, "openrouter.ai")->by, ==, "Grace");

  g_assert_true (errata_remote_consent_revoke (reopened, "API.OpenAI.com", &error));
  g_assert_no_error (error);
  g_assert_false (errata_remote_consent_is_given (reopened, ERRATA_LLM_OPENAI_BASE_URL));
  g_assert_true (errata_remote_consent_is_given (reopened, "https://openrouter.ai/api/v1"));
  after = errata_remote_consent_list (reopened);
  g_assert_cmpuint (after->len, ==, 1);

  /* A damaged value allows nothing. */
  g_assert_true (errata_project_set_meta (reopened, "remote_consent", "{\"host\": 1", &error));
  g_assert_false (errata_remote_consent_is_given (reopened, "https://openrouter.ai/api/v1"));

  errata_project_close (reopened);
  errata_test_remove_tree (dir);
}

/* ---- the choke points ---------------------------------------------------- */

static void
add_traces (ErrataProject *project,
            guint          n,
            GArray        *ids)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("t%u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (name, "question", "answer");
      g_autoptr(ErrataAnnotation) annotation = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id;

      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      id = errata_trace_get_id (trace);
      g_array_append_val (ids, id);
      annotation = errata_annotation_new (id, "Ada");
      annotation->verdict = ERRATA_VERDICT_FAIL;
      g_free (annotation->note);
      annotation->note = g_strdup ("Ignored the budget");
      g_assert_true (errata_project_set_annotation (project, annotation, &error));
    }
}

static ErrataEvalMethod *
judge_on (ErrataProject    *project,
          ErrataLlmClient  *client,
          gint64           *version_id)
{
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(ErrataEvaluator) judge = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  ErrataEvalMethod *method;

  judge = errata_evaluators_create (project, "Judge", ERRATA_TARGET_OVERALL, "judge", definition,
                                    NULL, &error);
  g_assert_no_error (error);
  version = errata_evaluators_get_version (project, judge->id, 0, &error);
  g_assert_no_error (error);
  method = errata_evaluator_method_new (project, judge, version, client, &error);
  g_assert_no_error (error);
  *version_id = version->id;
  return method;
}

static ErrataLlmClient *
remote_client (void)
{
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI,
                                                                   REMOTE_URL, "judge-model");

  return errata_llm_client_new (provider);
}

static void
test_eval_run_refuses_remote (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ErrataLlmClient) client = remote_client ();
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ErrataLlmUsage usage;
  gint64 version_id;

  add_traces (project, 3, ids);
  method = judge_on (project, client, &version_id);
  g_assert_cmpstr (errata_eval_method_get_base_url (method), ==, REMOTE_URL);
  run = errata_eval_run_new (project, version_id, method, ERRATA_SCOPE_ALL, ids);

  g_assert_false (errata_eval_run_check (run, &error));
  g_assert_error (error, ERRATA_REMOTE_CONSENT_ERROR, ERRATA_REMOTE_CONSENT_ERROR_NEEDED);
  g_assert_nonnull (strstr (error->message, "judge.invalid"));
  g_clear_error (&error);

  /* Starting it anyway: refused at the start, no run stored, nothing sent. */
  errata_eval_run_start_async (run, NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_false (errata_eval_run_start_finish (run, result, &error));
  g_assert_error (error, ERRATA_REMOTE_CONSENT_ERROR, ERRATA_REMOTE_CONSENT_ERROR_NEEDED);
  g_clear_error (&error);
  g_assert_cmpint (errata_eval_run_get_id (run), ==, 0);
  errata_llm_client_get_usage (client, &usage);
  g_assert_cmpuint (usage.requests, ==, 0);

  /* Once allowed, the same run passes its checks. */
  g_assert_true (errata_remote_consent_record (project, REMOTE_URL, "Ada", &error));
  g_assert_true (errata_eval_run_check (run, &error));
  g_assert_no_error (error);

  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* The mock server at 127.0.0.1 is a local provider: the run goes without
 * any consent, and nothing is recorded. */
static void
test_eval_run_local_never_asks (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, &error);
  g_autoptr(ErrataLlmProvider) provider = llm_test_provider (server, ERRATA_LLM_KIND_OPENAI);
  g_autoptr(ErrataLlmClient) client = errata_llm_client_new (provider);
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  ErrataEvalProgress progress;
  gint64 version_id;

  add_traces (project, 3, ids);
  method = judge_on (project, client, &version_id);
  run = errata_eval_run_new (project, version_id, method, ERRATA_SCOPE_ALL, ids);
  errata_eval_run_start_async (run, NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_true (errata_eval_run_start_finish (run, result, &error));
  g_assert_no_error (error);
  errata_eval_run_get_progress (run, &progress);
  g_assert_cmpuint (progress.done, ==, 3);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), >=, 3);
  consents = errata_remote_consent_list (project);
  g_assert_cmpuint (consents->len, ==, 0);

  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_suggester_refuses_remote (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTaxonomy) taxonomy = errata_taxonomy_new (project);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ErrataLlmClient) client = remote_client ();
  g_autoptr(ErrataGroupingSuggester) suggester = NULL;
  g_autoptr(ErrataGroupingResult) grouping = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ErrataLlmUsage usage;

  add_traces (project, 4, ids);
  suggester = errata_grouping_suggester_new (taxonomy, client);
  g_assert_cmpuint (errata_grouping_suggester_count_traces (suggester, &error), ==, 4);
  g_assert_no_error (error);

  errata_grouping_suggester_run_async (suggester, NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  grouping = errata_grouping_suggester_run_finish (suggester, result, &error);
  g_assert_null (grouping);
  g_assert_error (error, ERRATA_REMOTE_CONSENT_ERROR, ERRATA_REMOTE_CONSENT_ERROR_NEEDED);
  errata_llm_client_get_usage (client, &usage);
  g_assert_cmpuint (usage.requests, ==, 0);

  errata_project_close (project);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/remote-consent/remote-table", test_remote_table);
  g_test_add_func ("/remote-consent/provider-name", test_provider_name);
  g_test_add_func ("/remote-consent/record-read-revoke", test_record_read_revoke);
  g_test_add_func ("/remote-consent/eval-run-refuses-remote", test_eval_run_refuses_remote);
  g_test_add_func ("/remote-consent/eval-run-local-never-asks", test_eval_run_local_never_asks);
  g_test_add_func ("/remote-consent/suggester-refuses-remote", test_suggester_refuses_remote);

  return g_test_run ();
}
