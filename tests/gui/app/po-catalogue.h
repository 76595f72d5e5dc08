/* po-catalogue.h: a translation read from its .po file, to tell a text the
 * window shows in English from one it shows translated.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PoCatalogue PoCatalogue;

/* Reads `path` (a .po file). Fuzzy, obsolete and untranslated messages
 * are left out: only a message with a translation can be shown wrongly
 * in English. */
PoCatalogue *po_catalogue_load             (const char   *path,
                                            GError      **error);
void         po_catalogue_free             (PoCatalogue  *self);
/* How many messages have a translation that differs from their msgid. */
guint        po_catalogue_get_n_translated (PoCatalogue  *self);
/* The msgid that `text` is, untranslated: the text is a msgid (without its
 * mnemonic underscores or markup), or a msgid with a format directive
 * filled in ("%d traces" for "3 traces"), and no translation reads so.
 * NULL when the text is translated, or not the catalogue's. */
const char  *po_catalogue_find_untranslated (PoCatalogue *self,
                                             const char  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoCatalogue, po_catalogue_free)

G_END_DECLS
