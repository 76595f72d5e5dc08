/* errata-live-bin.h: what a decoding thread parsed, freed by that thread
 * (errata-live-bin.c says why).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ErrataLiveBin ErrataLiveBin;

/* The calling thread's bin, made on the first call; valid for the rest
 * of the process. */
ErrataLiveBin *errata_live_bin_of_this_thread (void);
/* Leaves `item` (holding `n_spans` parsed spans) for the bin's thread to
 * free; FALSE when the bin is full, and the caller frees it. */
gboolean       errata_live_bin_give           (ErrataLiveBin  *bin,
                                               gpointer        item,
                                               GDestroyNotify  free_func,
                                               guint           n_spans);
/* Frees what was left in the calling thread's bin. */
void           errata_live_bin_empty_mine     (void);
/* Frees what every bin holds, on the calling thread. */
void           errata_live_bin_empty_all      (void);

G_END_DECLS
