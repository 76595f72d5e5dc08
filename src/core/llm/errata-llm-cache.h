/* errata-llm-cache.h: same request, same reply.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "errata-types.h"
#include "errata-llm-reply.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_LLM_CACHE (errata_llm_cache_get_type ())

G_DECLARE_FINAL_TYPE (ErrataLlmCache, errata_llm_cache, ERRATA, LLM_CACHE, GObject)

ErrataLlmCache *errata_llm_cache_new_for_project (ErrataProject        *project);
ErrataLlmCache *errata_llm_cache_new_in_memory   (void);

ErrataLlmReply *errata_llm_cache_lookup          (ErrataLlmCache       *self,
                                                  const char           *hash,
                                                  GError              **error);
gboolean        errata_llm_cache_store           (ErrataLlmCache       *self,
                                                  const char           *hash,
                                                  const ErrataLlmReply *reply,
                                                  GError              **error);
guint           errata_llm_cache_get_n_hits      (ErrataLlmCache       *self);
void            errata_llm_cache_hold            (ErrataLlmCache       *self);
gboolean        errata_llm_cache_write_held      (ErrataLlmCache       *self,
                                                  GError              **error);
gboolean        errata_llm_cache_release         (ErrataLlmCache       *self,
                                                  GError              **error);

G_END_DECLS
