/* errata-synth-similarity.h: near-duplicate queries, by the Jaccard
 * similarity of their word n-grams.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ERRATA_SYNTH_NGRAM          2
#define ERRATA_SYNTH_NEAR_THRESHOLD 0.6

typedef struct
{
  gint   other;        /* the index of the most similar other text, -1: none above the threshold */
  double similarity;   /* with it, in [0, 1] */
} ErrataSynthNear;

/* |A ∩ B| / |A ∪ B| of the word n-grams of `a` and `b` (case and
 * punctuation ignored; a text shorter than n words is one n-gram). Two
 * empty texts are identical (1). */
double  errata_synth_similarity        (const char  *a,
                                        const char  *b,
                                        guint        n);
/* For each of `texts` (NULL-terminated), the most similar other text when
 * the similarity reaches `threshold`. Element type ErrataSynthNear. */
GArray *errata_synth_near_duplicates   (const char * const *texts,
                                        guint               n,
                                        double              threshold);

G_END_DECLS
