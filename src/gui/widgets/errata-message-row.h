/* errata-message-row.h: one message of a conversation.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_MESSAGE_ROW (errata_message_row_get_type ())

G_DECLARE_FINAL_TYPE (ErrataMessageRow, errata_message_row, ERRATA, MESSAGE_ROW, GtkWidget)

GtkWidget     *errata_message_row_new               (guint             index,
                                                     JsonObject       *message,
                                                     const char       *tool_name,
                                                     GtkTextTagTable  *tags);
guint          errata_message_row_get_index         (ErrataMessageRow *self);
const char    *errata_message_row_get_role          (ErrataMessageRow *self);
gboolean       errata_message_row_get_first_failure (ErrataMessageRow *self);
void           errata_message_row_set_first_failure (ErrataMessageRow *self,
                                                     gboolean          first_failure);
void           errata_message_row_set_expanded      (ErrataMessageRow *self,
                                                     gboolean          expanded);
GtkTextBuffer *errata_message_row_get_text_buffer   (ErrataMessageRow *self);
guint          errata_message_row_get_n_blocks      (ErrataMessageRow *self);
GtkWidget     *errata_message_row_get_block_child   (ErrataMessageRow *self,
                                                     guint             block);

char          *errata_message_dup_content           (JsonObject       *message);
char          *errata_message_dup_label             (const char       *role,
                                                     guint             index);

G_END_DECLS
