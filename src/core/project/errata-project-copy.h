/* errata-project-copy.h: a self-contained copy of a project to share,
 * optionally without the reply cache, without other reviewers' notes, and
 * with personal data redacted.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_COPY_OPTIONS (errata_copy_options_get_type ())

typedef struct _ErrataCopyOptions ErrataCopyOptions;

GType              errata_copy_options_get_type              (void) G_GNUC_CONST;
ErrataCopyOptions *errata_copy_options_new                   (void);
ErrataCopyOptions *errata_copy_options_ref                   (ErrataCopyOptions  *self);
void               errata_copy_options_unref                 (ErrataCopyOptions  *self);

void               errata_copy_options_set_leave_out_cache   (ErrataCopyOptions  *self,
                                                              gboolean            leave_out);
void               errata_copy_options_set_only_reviewer     (ErrataCopyOptions  *self,
                                                              const char         *reviewer);
void               errata_copy_options_set_keep_imported     (ErrataCopyOptions  *self,
                                                              gboolean            keep);
gboolean           errata_copy_options_add_pattern           (ErrataCopyOptions  *self,
                                                              const char         *pattern,
                                                              GError            **error);
void               errata_copy_options_add_key               (ErrataCopyOptions  *self,
                                                              const char         *key);
void               errata_copy_options_add_default_redactions (ErrataCopyOptions *self);

guint              errata_copy_options_get_n_rules           (ErrataCopyOptions  *self);
const char        *errata_copy_options_get_rule_label        (ErrataCopyOptions  *self,
                                                              guint               rule);
guint64            errata_copy_options_get_rule_count        (ErrataCopyOptions  *self,
                                                              guint               rule);

gboolean           errata_project_copy_dry_run               (GFile              *project,
                                                              ErrataCopyOptions  *options,
                                                              GCancellable       *cancellable,
                                                              GError            **error);
gboolean           errata_project_copy                       (GFile              *project,
                                                              GFile              *destination,
                                                              ErrataCopyOptions  *options,
                                                              GCancellable       *cancellable,
                                                              GError            **error);
void               errata_project_copy_async                 (GFile              *project,
                                                              GFile              *destination,
                                                              ErrataCopyOptions  *options,
                                                              GCancellable       *cancellable,
                                                              GAsyncReadyCallback callback,
                                                              gpointer            user_data);
gboolean           errata_project_copy_finish                (GAsyncResult       *result,
                                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataCopyOptions, errata_copy_options_unref)

G_END_DECLS
