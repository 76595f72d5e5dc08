/* errata-metainfo.h: a release's notes from the app's AppStream metainfo,
 * for the About window, so that the notes are written once (in
 * data/io.github.errata.Errata.metainfo.xml.in) and shown in the language
 * the merged metainfo carries for the user.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The <description> of the release @version (the newest release when
 * @version is NULL or not listed) as the markup AdwAboutWindow takes:
 * <p>, <ul>, <ol>, <li>, <em>, <code>. Of translated paragraphs and list
 * items (xml:lang), the first of @languages the description has is shown
 * (g_get_language_names() order), the untranslated text where that
 * language lacks one. @out_version gets the release shown. */
char *errata_metainfo_release_notes (const char          *xml,
                                     gssize               length,
                                     const char          *version,
                                     const char * const  *languages,
                                     char               **out_version,
                                     GError             **error);

G_END_DECLS
