/* errata-mode-group-private.h: what the files of ErrataModeGroup share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-mode-group.h"

G_BEGIN_DECLS

struct _ErrataModeGroup
{
  GtkWidget           parent_instance;

  gint64              mode_id;
  char               *name;
  char               *definition;
  char               *colour;
  char               *filter_text;
  gboolean            syncing;      /* set_mode() is writing the colour property */
  gboolean            hide_passing; /* leave out notes on passing traces */

  GListStore         *store;
  GPtrArray          *items;        /* mirror of store, for quick diffs */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkMultiSelection  *selection;
  GtkDropTarget      *drop_target;
  GMenuModel         *move_menu;    /* "Move to…" for its cards, from the page */

  GtkWidget          *column;
  GtkWidget          *header;
  GtkStack           *title_stack;
  GtkLabel           *title_label;
  GtkEntry           *name_entry;
  GtkLabel           *count_label;
  GtkWidget          *menu_button;
  GtkStack           *definition_stack;
  GtkLabel           *definition_label;
  GtkEntry           *definition_entry;
  GtkStack           *content_stack;
  GtkListView        *list_view;
  GtkLabel           *empty_label;
  GtkToggleButton    *passing_button;
};

/* errata-mode-group-dnd.c */
void _errata_mode_group_setup_dnd (ErrataModeGroup *self);

G_END_DECLS
