/* errata-synth-target-secrets.c: the credentials of a target, from the
 * keyring, at its first call.
 *
 * The project's target only names them: "{{secret.NAME}}" in an HTTP
 * header, "api_key_secret" for a chat endpoint, or, without that, the key
 * Errata's preferences keep for the chat endpoint's provider and base URL
 * (errata-llm-keys.c, so a key set once in Preferences serves here too).
 * "{{env.NAME}}" and "api_key_env" read the environment instead: for CI,
 * where there is no keyring.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-target-private.h"

#include "errata-llm-keys.h"
#include "errata-synth-secrets.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define SECRET_OPEN "{{secret."
#define ENV_OPEN    "{{env."

gboolean
_errata_synth_target_collect_secrets (ErrataSynthTarget  *self,
                                      const char         *member,
                                      const char         *value,
                                      GError            **error)
{
  const char *open = value;

  while ((open = strstr (open, SECRET_OPEN)) != NULL)
    {
      const char *close = strstr (open, "}}");
      g_autofree char *name = NULL;

      if (close == NULL)
        return _errata_synth_target_invalid (error, member, _("“%s” has no closing “}}”"),
                                             SECRET_OPEN);
      name = g_strndup (open + strlen (SECRET_OPEN), close - open - strlen (SECRET_OPEN));
      if (!errata_synth_secret_name_is_valid (name))
        return _errata_synth_target_invalid (error, member,
                                             _("“%s” is not a secret’s name (letters, digits, "
                                               "“-”, “_” and “.”)"), name);
      if (self->secret_names == NULL)
        self->secret_names = g_ptr_array_new_with_free_func (g_free);
      if (!g_ptr_array_find_with_equal_func (self->secret_names, name, g_str_equal, NULL))
        g_ptr_array_add (self->secret_names, g_steal_pointer (&name));
      open = close + 2;
    }
  return TRUE;
}

/* Replaces every "{{PREFIXNAME}}" with what `find` gives for NAME. */
static char *
fill (const char  *value,
      const char  *prefix,
      const char *(*find) (gpointer data, const char *name),
      gpointer     data)
{
  GString *out = g_string_new (NULL);
  const char *rest = value;
  const char *open;

  while ((open = strstr (rest, prefix)) != NULL)
    {
      const char *close = strstr (open, "}}");
      g_autofree char *name = NULL;
      const char *found;

      if (close == NULL)
        break;
      name = g_strndup (open + strlen (prefix), close - open - strlen (prefix));
      found = find (data, name);
      g_string_append_len (out, rest, open - rest);
      g_string_append (out, found != NULL ? found : "");
      rest = close + 2;
    }
  g_string_append (out, rest);
  return g_string_free (out, FALSE);
}

static const char *
find_secret (gpointer    data,
             const char *name)
{
  ErrataSynthTarget *self = data;

  return self->secrets != NULL ? g_hash_table_lookup (self->secrets, name) : NULL;
}

static const char *
find_env (gpointer    data,
          const char *name)
{
  return g_getenv (name);
}

char *
_errata_synth_target_fill_secrets (ErrataSynthTarget *self,
                                   const char        *value)
{
  g_autofree char *with_secrets = fill (value, SECRET_OPEN, find_secret, self);

  return fill (with_secrets, ENV_OPEN, find_env, NULL);
}

/* The lookup ------------------------------------------------------------- */

typedef struct
{
  ErrataSynthTarget  *self;
  guint               next;      /* index in secret_names */
  void              (*done) (ErrataSynthTarget *self);
} Lookup;

static void look_up_next (Lookup *lookup);

static void
finish (Lookup *lookup,
        GError *error)
{
  ErrataSynthTarget *self = lookup->self;

  self->secrets_error = error;
  self->secrets_state = SECRETS_READY;
  lookup->done (self);
  g_object_unref (self);
  g_free (lookup);
}

static void
secret_free (gpointer data)
{
  char *secret = data;

  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
on_secret (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Lookup *lookup = data;
  ErrataSynthTarget *self = lookup->self;
  const char *name = g_ptr_array_index (self->secret_names, lookup->next);
  g_autoptr(GError) error = NULL;
  char *secret = errata_synth_secret_lookup_finish (result, &error);

  if (secret == NULL)
    {
      if (error != NULL)
        finish (lookup, g_error_new (ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_FAILED,
                                     _("The target needs the secret “%s”, and the keyring could "
                                       "not be asked: %s"), name, error->message));
      else
        finish (lookup, g_error_new (ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_FAILED,
                                     _("The target needs the secret “%s”, and the keyring has "
                                       "none by that name. Set it with “errata-cli synth secret "
                                       "%s” or on the Synthetic Data page."), name, name));
      return;
    }
  g_hash_table_replace (self->secrets, g_strdup (name), secret);
  lookup->next++;
  look_up_next (lookup);
}

static void
make_client (ErrataSynthTarget *self,
             const char        *key)
{
  if (key == NULL && self->key_env != NULL && g_getenv (self->key_env) != NULL)
    key = g_getenv (self->key_env);
  if (key != NULL && *key != '\0')
    errata_llm_provider_set_api_key (self->provider, key);
  self->client = errata_llm_client_new (self->provider);
  if (self->retry_delays_set)
    errata_llm_client_set_retry_delays (self->client, self->retry_base_ms, self->retry_max_ms);
}

static void
on_chat_secret (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Lookup *lookup = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = errata_synth_secret_lookup_finish (result, &error);

  if (key == NULL && lookup->self->key_env == NULL)
    {
      const char *name = lookup->self->key_secret;

      finish (lookup, error != NULL
                      ? g_error_new (ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_FAILED,
                                     _("The target’s key is the secret “%s”, and the keyring "
                                       "could not be asked: %s"), name, error->message)
                      : g_error_new (ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_FAILED,
                                     _("The target’s key is the secret “%s”, and the keyring "
                                       "has none by that name. Set it with “errata-cli synth "
                                       "secret %s” or on the Synthetic Data page."), name, name));
      return;
    }
  make_client (lookup->self, key);
  finish (lookup, NULL);
}

static void
on_provider_key (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Lookup *lookup = data;
  /* No key is no error: a local endpoint (Ollama) needs none. */
  g_autofree char *key = errata_llm_keys_lookup_finish (result, NULL, NULL);

  make_client (lookup->self, key);
  finish (lookup, NULL);
}

static void
look_up_next (Lookup *lookup)
{
  ErrataSynthTarget *self = lookup->self;

  if (self->secret_names != NULL && lookup->next < self->secret_names->len)
    {
      errata_synth_secret_lookup_async (g_ptr_array_index (self->secret_names, lookup->next),
                                        NULL, on_secret, lookup);
      return;
    }
  if (self->kind != ERRATA_SYNTH_TARGET_CHAT)
    finish (lookup, NULL);
  else if (self->key_secret != NULL)
    errata_synth_secret_lookup_async (self->key_secret, NULL, on_chat_secret, lookup);
  else
    errata_llm_keys_lookup_async (self->key_provider, self->provider->base_url, NULL,
                                  on_provider_key, lookup);
}

void
_errata_synth_target_look_up_secrets (ErrataSynthTarget  *self,
                                      void              (*done) (ErrataSynthTarget *self))
{
  Lookup *lookup = g_new0 (Lookup, 1);

  g_return_if_fail (self->secrets_state == SECRETS_UNKNOWN);

  self->secrets_state = SECRETS_LOOKING;
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, secret_free);
  lookup->self = g_object_ref (self);
  lookup->done = done;
  look_up_next (lookup);
}
