/* errata-mode-grid.c
 *
 * Why a grid and not a row of columns: a real taxonomy has five to ten
 * failure modes, and a row of 288-pixel columns beside Unsorted and the
 * charts showed one and a half of them at 1280 pixels; the rest were a
 * sideways scroll away, also while dragging a card to them. Here the
 * modes wrap into rows of equal columns, as many columns as the width
 * holds, and the rows share the height, so six modes are all in view at
 * 1280×800 (two columns, three rows) and at 1024×700. A group keeps its
 * header and lets its cards scroll inside it. A row is given room for a
 * header and a card or more when the height allows; with more rows than
 * that, rows give up their cards' room down to their groups' minimum (a
 * header and a sliver of the first card), so that ten or twelve modes
 * still show every name and count. Only beyond that does the grid grow
 * taller than its viewport, and then it scrolls down, never sideways.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-mode-grid.h"

/* A column is never narrower than this: a note card's text wraps at
 * about 30 characters. */
#define MIN_COLUMN_WIDTH 260
/* The natural width holds two columns: what the charts beside the
 * canvas leave room for before they fold away (see the page). */
#define NATURAL_COLUMNS 2
#define SPACING 12
/* A row wants a header, a card and a bit of the next. */
#define ROOMY_ROW_HEIGHT 170

struct _ErrataModeGrid
{
  GtkWidget parent_instance;

  guint     n_columns;   /* of the last allocation */
};

G_DEFINE_FINAL_TYPE (ErrataModeGrid, errata_mode_grid, GTK_TYPE_WIDGET)

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      n++;
  return n;
}

static guint
columns_for_width (int width)
{
  if (width <= MIN_COLUMN_WIDTH)
    return 1;
  return MAX (1, (width + SPACING) / (MIN_COLUMN_WIDTH + SPACING));
}

static int
column_width (int   width,
              guint n_columns)
{
  return MAX (1, (width - SPACING * ((int)n_columns - 1)) / (int)n_columns);
}

/* The tallest minimum height of the children in row `row`: the least the
 * row can have. */
static int
row_minimum (GtkWidget *widget,
             guint      row,
             guint      n_columns,
             int        child_width)
{
  int minimum = 0;
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min;

      if (!gtk_widget_should_layout (child))
        continue;
      if (i / n_columns == row)
        {
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, &child_min, NULL,
                              NULL, NULL);
          minimum = MAX (minimum, child_min);
        }
      i++;
    }
  return minimum;
}

/* The least height of each row for `width`, and the height it wants. */
static GArray *
row_minimums (GtkWidget *widget,
              int        width,
              int       *minimum,
              int       *roomy)
{
  guint n = count_children (widget);
  guint n_columns = columns_for_width (width);
  guint n_rows = (n + n_columns - 1) / n_columns;
  int child_width = column_width (width, n_columns);
  int spacing = SPACING * (int)(n_rows > 0 ? n_rows - 1 : 0);
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (int), n_rows);

  *minimum = *roomy = spacing;
  for (guint row = 0; row < n_rows; row++)
    {
      int row_min = row_minimum (widget, row, n_columns, child_width);

      g_array_append_val (rows, row_min);
      *minimum += row_min;
      *roomy += MAX (row_min, ROOMY_ROW_HEIGHT);
    }
  return rows;
}

/* Each row's height when the grid has `height`: roomy rows share what is
 * left evenly; short of that, each row gets its minimum and a share of
 * the rest in proportion to the room it wanted. */
static GArray *
row_heights (GtkWidget *widget,
             int        width,
             int        height)
{
  int minimum, roomy;
  GArray *rows = row_minimums (widget, width, &minimum, &roomy);
  guint n_rows = rows->len;

  for (guint row = 0; row < n_rows; row++)
    {
      int *row_height = &g_array_index (rows, int, row);
      int wanted = MAX (*row_height, ROOMY_ROW_HEIGHT);

      if (height >= roomy)
        *row_height = wanted + (height - roomy) / (int)n_rows;
      else if (height > minimum)
        *row_height += (int)((gint64)(wanted - *row_height) * (height - minimum) / (roomy - minimum));
    }
  return rows;
}

static void
errata_mode_grid_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_COLUMN_WIDTH;
      *natural = NATURAL_COLUMNS * MIN_COLUMN_WIDTH + (NATURAL_COLUMNS - 1) * SPACING;
      return;
    }
  /* Without a width, the narrowest: one column. */
  g_array_unref (row_minimums (widget, for_size < 0 ? MIN_COLUMN_WIDTH : for_size, minimum, natural));
}

static GtkSizeRequestMode
errata_mode_grid_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
errata_mode_grid_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  ErrataModeGrid *self = ERRATA_MODE_GRID (widget);
  guint n_columns = columns_for_width (width);
  int child_width = column_width (width, n_columns);
  g_autoptr(GArray) rows = row_heights (widget, width, height);
  int y = 0;
  guint i = 0;

  self->n_columns = n_columns;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      guint row, column;

      if (!gtk_widget_should_layout (child))
        continue;
      row = i / n_columns;
      column = i % n_columns;
      if (column == 0 && row > 0)
        y += g_array_index (rows, int, row - 1) + SPACING;
      gtk_widget_size_allocate (child,
                                &(GtkAllocation) { column * (child_width + SPACING), y,
                                                   child_width, g_array_index (rows, int, row) },
                                -1);
      i++;
    }
}

void
errata_mode_grid_insert_after (ErrataModeGrid *self,
                               GtkWidget      *child,
                               GtkWidget      *sibling)
{
  g_return_if_fail (ERRATA_IS_MODE_GRID (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (sibling == NULL || gtk_widget_get_parent (sibling) == GTK_WIDGET (self));

  if (gtk_widget_get_parent (child) == GTK_WIDGET (self))
    {
      if (gtk_widget_get_prev_sibling (child) != sibling)
        gtk_widget_insert_after (child, GTK_WIDGET (self), sibling);
      return;
    }
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);
  gtk_widget_insert_after (child, GTK_WIDGET (self), sibling);
}

void
errata_mode_grid_remove (ErrataModeGrid *self,
                         GtkWidget      *child)
{
  g_return_if_fail (ERRATA_IS_MODE_GRID (self));
  g_return_if_fail (gtk_widget_get_parent (child) == GTK_WIDGET (self));
  gtk_widget_unparent (child);
}

guint
errata_mode_grid_get_n_columns (ErrataModeGrid *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GRID (self), 0);
  return self->n_columns;
}

static void
errata_mode_grid_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (errata_mode_grid_parent_class)->dispose (object);
}

static void
errata_mode_grid_class_init (ErrataModeGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_mode_grid_dispose;
  widget_class->measure = errata_mode_grid_measure;
  widget_class->size_allocate = errata_mode_grid_size_allocate;
  widget_class->get_request_mode = errata_mode_grid_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "modegrid");
}

static void
errata_mode_grid_init (ErrataModeGrid *self)
{
  self->n_columns = 1;
}

GtkWidget *
errata_mode_grid_new (void)
{
  return g_object_new (ERRATA_TYPE_MODE_GRID, NULL);
}
