/* import-dialog-fixture.h: what the import dialog tests share: a project
 * and a parent window, the dialog on some files, and ways to look into it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-import-dialog.h"
#include "errata-importer.h"

G_BEGIN_DECLS

typedef struct
{
  char               *dir;
  ErrataProject      *project;
  GtkWindow          *parent;
  ErrataImportDialog *dialog;
  guint               n_imported;
  gboolean            imported_without_report;
  guint               reported_added;
} Fixture;

GtkWidget  *find_named       (GtkWidget          *root,
                              const char         *name);
/* The dialog's widget of that name; fails the test when there is none. */
GtkWidget  *get_named        (Fixture            *fixture,
                              const char         *name);
guint       count_rows       (GtkWidget          *list);
GtkWidget  *nth_row          (GtkWidget          *list,
                              guint               index);
const char *selected_field   (Fixture            *fixture,
                              const char         *role);
void        select_field     (Fixture            *fixture,
                              const char         *role,
                              const char         *field);
const char *stack_page       (Fixture            *fixture);
gboolean    is_probed        (gpointer            data);
gboolean    is_hidden        (gpointer            widget);
gboolean    is_done          (gpointer            data);
char       *read_clipboard   (GtkWidget          *widget);
void        scroll_to_end    (GtkWidget          *scrolled);

/* Counts ::imported into the fixture. */
void        on_imported      (ErrataImportDialog *dialog,
                              ErrataImportReport *report,
                              Fixture            *fixture);
void        fixture_setup    (Fixture            *fixture,
                              gconstpointer       data);
void        fixture_teardown (Fixture            *fixture,
                              gconstpointer       data);
/* Opens the dialog on the given files (names in the fixture's folder) and
 * waits until it has looked at them. */
void        open_dialog      (Fixture            *fixture,
                              const char * const *names);
void        write_fixture    (Fixture            *fixture,
                              const char         *name,
                              const char         *contents);
char       *openai_record    (guint               i,
                              const char         *question);
/* `n` OpenAI chat records, one a line. */
void        write_openai     (Fixture            *fixture,
                              const char         *name,
                              guint               n);
guint       count_traces     (Fixture            *fixture);
/* Skips every test without a display; FALSE then. */
gboolean    import_dialog_test_init (int        *argc,
                                     char     ***argv);

G_END_DECLS
