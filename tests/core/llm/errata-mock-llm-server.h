/* errata-mock-llm-server.h: an in-process LLM API for tests and benchmarks.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_MOCK_LLM_SERVER (errata_mock_llm_server_get_type ())

G_DECLARE_FINAL_TYPE (ErrataMockLlmServer, errata_mock_llm_server, ERRATA, MOCK_LLM_SERVER, GObject)

typedef enum
{
  ERRATA_MOCK_FAULT_NONE,
  ERRATA_MOCK_FAULT_429,        /* rate limited, with Retry-After */
  ERRATA_MOCK_FAULT_500,
  ERRATA_MOCK_FAULT_529,        /* Anthropic's "overloaded" */
  ERRATA_MOCK_FAULT_MALFORMED,  /* 200 with a body that is not JSON */
  ERRATA_MOCK_FAULT_TRUNCATED,  /* 200 with the first half of a good body */
  ERRATA_MOCK_FAULT_HANG,       /* never answers */
  ERRATA_MOCK_FAULT_QUOTA,      /* no credit left: must not be retried */
  ERRATA_MOCK_FAULT_AUTH,       /* 401, echoing the key it was sent */
} ErrataMockFault;

ErrataMockLlmServer *errata_mock_llm_server_new               (guint                 port,
                                                               GError              **error);
const char          *errata_mock_llm_server_get_url           (ErrataMockLlmServer  *self);
char                *errata_mock_llm_server_dup_base_url      (ErrataMockLlmServer  *self,
                                                               gboolean              anthropic);

void                 errata_mock_llm_server_set_latency       (ErrataMockLlmServer  *self,
                                                               guint                 latency_ms);
void                 errata_mock_llm_server_set_fault         (ErrataMockLlmServer  *self,
                                                               ErrataMockFault       fault,
                                                               guint                 count);
void                 errata_mock_llm_server_set_retry_after   (ErrataMockLlmServer  *self,
                                                               guint                 seconds);
void                 errata_mock_llm_server_set_api_key       (ErrataMockLlmServer  *self,
                                                               const char           *api_key);
void                 errata_mock_llm_server_add_reply         (ErrataMockLlmServer  *self,
                                                               JsonNode             *reply);
gboolean             errata_mock_llm_server_load_replies      (ErrataMockLlmServer  *self,
                                                               const char           *path,
                                                               GError              **error);

void                 errata_mock_llm_server_set_batches       (ErrataMockLlmServer  *self,
                                                               guint                 delay_ms,
                                                               guint                 n_errors,
                                                               guint                 n_expired,
                                                               guint                 n_failed);
/* While held, no batch ends but by a cancel, however long ago it was
 * created: a test that must act while batches run holds them, then
 * releases them (those past their delay end at the next look). */
void                 errata_mock_llm_server_hold_batches      (ErrataMockLlmServer  *self,
                                                               gboolean              held);
guint                errata_mock_llm_server_get_n_batches     (ErrataMockLlmServer  *self);
guint                errata_mock_llm_server_get_n_requests    (ErrataMockLlmServer  *self);
guint                errata_mock_llm_server_get_n_in_flight   (ErrataMockLlmServer  *self);
guint                errata_mock_llm_server_get_max_in_flight (ErrataMockLlmServer  *self);
guint                errata_mock_llm_server_get_path_count    (ErrataMockLlmServer  *self,
                                                               const char           *path);
GArray              *errata_mock_llm_server_get_arrivals      (ErrataMockLlmServer  *self);
const char          *errata_mock_llm_server_get_last_api_key  (ErrataMockLlmServer  *self);
JsonNode            *errata_mock_llm_server_get_last_request  (ErrataMockLlmServer  *self);

gboolean             errata_mock_fault_from_string            (const char           *text,
                                                               ErrataMockFault      *fault);

G_END_DECLS
