/* errata-remote-consent.c
 *
 * The meta value is a JSON array, one object per allowed host:
 *   [{"host": "api.openai.com", "provider": "OpenAI",
 *     "by": "Ana", "at": "2026-12-04T12:00:00Z"}]
 * A value that is not such an array allows nothing (the user is asked
 * again, which is the safe side).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-remote-consent.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "errata-json-guard.h"

#define META_KEY "remote_consent"

G_DEFINE_QUARK (errata-remote-consent-error-quark, errata_remote_consent_error)

void
errata_remote_consent_free (ErrataRemoteConsent *consent)
{
  if (consent == NULL)
    return;
  g_free (consent->host);
  g_free (consent->provider);
  g_free (consent->by);
  g_free (consent->at);
  g_free (consent);
}

/* ---- where a URL goes ---------------------------------------------------- */

/**
 * errata_remote_consent_dup_host:
 *
 * Returns: (nullable): the host of @base_url in lower case (an IPv6
 * address without its brackets), or %NULL when the URL has none
 */
char *
errata_remote_consent_dup_host (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (base_url == NULL)
    return NULL;
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0')
    return NULL;
  return g_ascii_strdown (host, -1);
}

/* Only what surely names this machine: "localhost" (which resolvers keep
 * on loopback, RFC 6761) and loopback addresses. A name is never looked
 * up. The same rule decides where an API key may go over plain http
 * (errata-llm-wire.c). */
gboolean
errata_remote_consent_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* TRUE unless the URL surely stays on this machine: a URL without a host
 * (or one that does not parse) counts as remote, so it is asked about
 * rather than sent. */
gboolean
errata_remote_consent_is_remote (const char *base_url)
{
  g_autofree char *host = errata_remote_consent_dup_host (base_url);

  return !errata_remote_consent_is_loopback (host);
}

/* The name the user knows the provider by: the vendor for the two hosted
 * APIs Errata knows, else the host itself (an OpenAI-compatible service). */
char *
errata_remote_consent_provider_name (const char *base_url)
{
  g_autofree char *host = errata_remote_consent_dup_host (base_url);

  if (g_strcmp0 (host, "api.openai.com") == 0)
    return g_strdup ("OpenAI");
  if (g_strcmp0 (host, "api.anthropic.com") == 0)
    return g_strdup ("Anthropic");
  return host != NULL ? g_steal_pointer (&host) : g_strdup (base_url != NULL ? base_url : "");
}

/* ---- what the project allowed -------------------------------------------- */

static ErrataRemoteConsent *
consent_from_json (JsonObject *object)
{
  ErrataRemoteConsent *consent;
  const char *host = errata_json_member_string (object, "host", NULL);

  if (host == NULL || *host == '\0')
    return NULL;
  consent = g_new0 (ErrataRemoteConsent, 1);
  consent->host = g_ascii_strdown (host, -1);
  consent->provider = g_strdup (errata_json_member_string (object, "provider", host));
  consent->by = g_strdup (errata_json_member_string (object, "by", ""));
  consent->at = g_strdup (errata_json_member_string (object, "at", ""));
  return consent;
}

/**
 * errata_remote_consent_list:
 *
 * Returns: (transfer full) (element-type ErrataRemoteConsent): the hosts
 * @project allowed, in the order they were allowed; empty when none
 */
GPtrArray *
errata_remote_consent_list (ErrataProject *project)
{
  GPtrArray *consents = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_remote_consent_free);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), consents);

  text = errata_project_get_meta (project, META_KEY);
  node = text != NULL ? errata_json_from_string (text, NULL) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return consents;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = errata_json_array_get_object (array, i);
      ErrataRemoteConsent *consent = object != NULL ? consent_from_json (object) : NULL;

      if (consent != NULL)
        g_ptr_array_add (consents, consent);
    }
  return consents;
}

static gboolean
host_is_listed (GPtrArray  *consents,
                const char *host)
{
  for (guint i = 0; i < consents->len; i++)
    if (g_str_equal (((ErrataRemoteConsent *)consents->pdata[i])->host, host))
      return TRUE;
  return FALSE;
}

/* TRUE when sending to @base_url needs no question: it stays on this
 * machine, or the project allowed its host. */
gboolean
errata_remote_consent_is_given (ErrataProject *project,
                                const char    *base_url)
{
  g_autofree char *host = errata_remote_consent_dup_host (base_url);
  g_autoptr(GPtrArray) consents = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  if (errata_remote_consent_is_loopback (host))
    return TRUE;
  if (host == NULL)
    return FALSE;
  consents = errata_remote_consent_list (project);
  return host_is_listed (consents, host);
}

/**
 * errata_remote_consent_check:
 *
 * The one question every path that sends a project's text to a provider
 * asks first (eval runs, the grouping suggester, synthetic data): fails
 * with ERRATA_REMOTE_CONSENT_ERROR_NEEDED, naming the host and what to do,
 * when @base_url is remote and @project has not allowed its host.
 */
gboolean
errata_remote_consent_check (ErrataProject  *project,
                             const char     *base_url,
                             GError        **error)
{
  g_autofree char *host = NULL;
  g_autofree char *provider = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  if (errata_remote_consent_is_given (project, base_url))
    return TRUE;
  host = errata_remote_consent_dup_host (base_url);
  provider = errata_remote_consent_provider_name (base_url);
  g_set_error (error, ERRATA_REMOTE_CONSENT_ERROR, ERRATA_REMOTE_CONSENT_ERROR_NEEDED,
               /* Translators: the first %s is a provider ("OpenAI"), the second a host
                * name ("api.openai.com"). --allow-remote is an option: keep it. */
               _("This project has not allowed its traces to be sent to %s (%s), which is not "
                 "on this machine: nothing was sent. Allow it once for this project: in Errata, "
                 "answer Allow when asked; with errata-cli, run again with --allow-remote."),
               provider, host != NULL ? host : base_url);
  return FALSE;
}

/* ---- changing it ---------------------------------------------------------- */

static char *
consents_to_json (GPtrArray *consents)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < consents->len; i++)
    {
      ErrataRemoteConsent *consent = consents->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "host");
      json_builder_add_string_value (builder, consent->host);
      json_builder_set_member_name (builder, "provider");
      json_builder_add_string_value (builder, consent->provider);
      json_builder_set_member_name (builder, "by");
      json_builder_add_string_value (builder, consent->by);
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, consent->at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static ErrataRemoteConsent *
consent_new_now (const char *host,
                 const char *base_url,
                 const char *by)
{
  ErrataRemoteConsent *consent = g_new0 (ErrataRemoteConsent, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  consent->host = g_strdup (host);
  consent->provider = errata_remote_consent_provider_name (base_url);
  consent->by = g_strdup (by != NULL ? by : "");
  consent->at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  return consent;
}

/* Read, change and write the list in one transaction, so that two
 * windows allowing two hosts at once both end up listed. */
static gboolean
update_consents (ErrataProject  *project,
                 const char     *host,
                 const char     *base_url,
                 const char     *by,
                 GError        **error)
{
  g_autoptr(GPtrArray) consents = NULL;
  g_autofree char *json = NULL;

  if (!errata_project_begin (project, error))
    return FALSE;
  consents = errata_remote_consent_list (project);
  for (guint i = consents->len; i > 0; i--)
    if (g_str_equal (((ErrataRemoteConsent *)consents->pdata[i - 1])->host, host))
      g_ptr_array_remove_index (consents, i - 1);
  if (base_url != NULL)
    g_ptr_array_add (consents, consent_new_now (host, base_url, by));
  json = consents_to_json (consents);
  if (!errata_project_set_meta (project, META_KEY, json, error))
    {
      errata_project_rollback (project);
      return FALSE;
    }
  return errata_project_commit (project, error);
}

/**
 * errata_remote_consent_record:
 * @by: who allowed it (the annotator name)
 *
 * Allows @project's traces to go to @base_url's host, from now on and
 * for everyone who opens the project. Nothing is recorded for a loopback
 * URL, which never needs it.
 */
gboolean
errata_remote_consent_record (ErrataProject  *project,
                              const char     *base_url,
                              const char     *by,
                              GError        **error)
{
  g_autofree char *host = errata_remote_consent_dup_host (base_url);

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (base_url != NULL, FALSE);

  if (errata_remote_consent_is_loopback (host))
    return TRUE;
  if (host == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” names no host to allow."), base_url);
      return FALSE;
    }
  return update_consents (project, host, base_url, by, error);
}

/* Takes the consent for @host back: the next send there asks again. */
gboolean
errata_remote_consent_revoke (ErrataProject  *project,
                              const char     *host,
                              GError        **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);

  lower = g_ascii_strdown (host, -1);
  return update_consents (project, lower, NULL, NULL, error);
}
