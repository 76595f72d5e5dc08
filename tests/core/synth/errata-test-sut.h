/* errata-test-sut.h: a tiny "system under test" for synthetic data runs: an
 * HTTP service that answers a query, sometimes slowly, sometimes with 500.
 *
 * POST / with {"query": "...", "persona": "..."} answers 200 with
 * {"answer": "...", "messages": [user, assistant]}; the answer names the
 * query and the persona. Misbehaviour is deterministic per query text, so
 * that a test knows which queries fail.
 *
 * A "version" in the request picks a system that fails in a known way, for
 * experiments: "v1" forgets to cite the order number (the query's first
 * digits) when the query is about a "refund"; "v2" always cites it but
 * answers in German when the query is about "shipping".
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_TEST_SUT (errata_test_sut_get_type ())

G_DECLARE_FINAL_TYPE (ErrataTestSut, errata_test_sut, ERRATA, TEST_SUT, GObject)

ErrataTestSut *errata_test_sut_new                (guint          port,
                                                   GError       **error);
const char    *errata_test_sut_get_url            (ErrataTestSut *self);
/* Every answer waits `latency_ms`. */
void           errata_test_sut_set_latency        (ErrataTestSut *self,
                                                   guint          latency_ms);
/* A query containing `marker` always gets 500. */
void           errata_test_sut_set_fail_marker    (ErrataTestSut *self,
                                                   const char    *marker);
/* A query containing `marker` gets 503 the first time, 200 after. */
void           errata_test_sut_set_flaky_marker   (ErrataTestSut *self,
                                                   const char    *marker);
/* A query containing `marker` waits `slow_ms` more. */
void           errata_test_sut_set_slow           (ErrataTestSut *self,
                                                   const char    *marker,
                                                   guint          slow_ms);

guint          errata_test_sut_get_n_requests     (ErrataTestSut *self);
guint          errata_test_sut_get_n_in_flight    (ErrataTestSut *self);
guint          errata_test_sut_get_max_in_flight  (ErrataTestSut *self);
const char    *errata_test_sut_get_last_authorization (ErrataTestSut *self);

G_END_DECLS
