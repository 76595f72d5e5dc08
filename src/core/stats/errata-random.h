/* errata-random.h: a small seeded pseudo-random generator for statistics.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* xoshiro256** 1.0 (Blackman and Vigna, 2018), its state filled from the
 * 64-bit seed by splitmix64 as the authors recommend.
 *
 * The statistics carry their own generator instead of g_random_*() because
 * a bootstrap interval must come out the same when it is computed again,
 * with the same seed, on another machine or with another GLib: GLib does
 * not promise that its generator's sequence stays the same between
 * versions. The algorithm here is fixed, and test-random pins its output.
 *
 * The struct is plain data: declare it on the stack, no free needed. */
typedef struct
{
  guint64 s[4];
} ErrataRandom;

void    errata_random_init   (ErrataRandom *rng,
                              guint64       seed);
guint64 errata_random_next   (ErrataRandom *rng);
guint32 errata_random_below  (ErrataRandom *rng,
                              guint32       bound);
double  errata_random_double (ErrataRandom *rng);

G_END_DECLS
