/* errata-disagreement-item.c
 *
 * The row of the list binds "external-id" and "summary" in the browser's
 * .ui, so a correction only has to update the item: the row follows.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-disagreement-item.h"

#include <glib/gi18n.h>

struct _ErrataDisagreementItem
{
  GObject             parent_instance;

  gint64              trace_id;
  char               *external_id;
  ErrataJudgeVerdict  judge;
  ErrataVerdict       human;
  ErrataLabelSource   source;
  char               *summary;
};

G_DEFINE_FINAL_TYPE (ErrataDisagreementItem, errata_disagreement_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EXTERNAL_ID,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
human_word (ErrataVerdict verdict)
{
  switch (verdict)
    {
    /* Translators: the human's label in a list row, “You: pass · Judge: fail”. */
    case ERRATA_VERDICT_PASS: return C_("label", "pass");
    case ERRATA_VERDICT_FAIL: return C_("label", "fail");
    /* Translators: a trace whose human label is now gone or disputed. */
    case ERRATA_VERDICT_UNSET:
    default: return C_("label", "no label");
    }
}

static const char *
judge_word (ErrataJudgeVerdict verdict)
{
  switch (verdict)
    {
    /* Translators: the judge's verdict in a list row, “You: pass · Judge: fail”. */
    case ERRATA_JUDGE_PASS: return C_("verdict", "pass");
    case ERRATA_JUDGE_FAIL: return C_("verdict", "fail");
    case ERRATA_JUDGE_ERROR:
    default: return C_("verdict", "error");
    }
}

static void
update_summary (ErrataDisagreementItem *self)
{
  g_free (self->summary);
  /* Translators: a row of the disagreement browser: the human's label, then
   * the judge's verdict, e.g. “You: pass · Judge: fail”. */
  self->summary = g_strdup_printf (_("You: %s · Judge: %s"), human_word (self->human),
                                   judge_word (self->judge));
}

ErrataDisagreementItem *
errata_disagreement_item_new (gint64              trace_id,
                              const char         *external_id,
                              ErrataJudgeVerdict  judge,
                              const ErrataTruth  *truth)
{
  ErrataDisagreementItem *self;

  g_return_val_if_fail (truth != NULL, NULL);

  self = g_object_new (ERRATA_TYPE_DISAGREEMENT_ITEM, NULL);
  self->trace_id = trace_id;
  self->external_id = g_strdup (external_id);
  self->judge = judge;
  self->human = truth->disputed ? ERRATA_VERDICT_UNSET : truth->value;
  self->source = truth->source;
  update_summary (self);
  return self;
}

gint64
errata_disagreement_item_get_trace_id (ErrataDisagreementItem *self)
{
  g_return_val_if_fail (ERRATA_IS_DISAGREEMENT_ITEM (self), 0);
  return self->trace_id;
}

const char *
errata_disagreement_item_get_external_id (ErrataDisagreementItem *self)
{
  g_return_val_if_fail (ERRATA_IS_DISAGREEMENT_ITEM (self), NULL);
  return self->external_id;
}

ErrataJudgeVerdict
errata_disagreement_item_get_judge (ErrataDisagreementItem *self)
{
  g_return_val_if_fail (ERRATA_IS_DISAGREEMENT_ITEM (self), ERRATA_JUDGE_ERROR);
  return self->judge;
}

ErrataVerdict
errata_disagreement_item_get_human (ErrataDisagreementItem *self)
{
  g_return_val_if_fail (ERRATA_IS_DISAGREEMENT_ITEM (self), ERRATA_VERDICT_UNSET);
  return self->human;
}

ErrataLabelSource
errata_disagreement_item_get_source (ErrataDisagreementItem *self)
{
  g_return_val_if_fail (ERRATA_IS_DISAGREEMENT_ITEM (self), ERRATA_LABEL_SOURCE_NONE);
  return self->source;
}

void
errata_disagreement_item_set_truth (ErrataDisagreementItem *self,
                                    const ErrataTruth      *truth)
{
  g_return_if_fail (ERRATA_IS_DISAGREEMENT_ITEM (self));
  g_return_if_fail (truth != NULL);

  self->human = truth->disputed ? ERRATA_VERDICT_UNSET : truth->value;
  self->source = truth->source;
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

const char *
errata_disagreement_item_get_summary (ErrataDisagreementItem *self)
{
  g_return_val_if_fail (ERRATA_IS_DISAGREEMENT_ITEM (self), NULL);
  return self->summary;
}

static void
errata_disagreement_item_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ErrataDisagreementItem *self = ERRATA_DISAGREEMENT_ITEM (object);

  switch (prop_id)
    {
    case PROP_EXTERNAL_ID:
      g_value_set_string (value, self->external_id);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_disagreement_item_finalize (GObject *object)
{
  ErrataDisagreementItem *self = ERRATA_DISAGREEMENT_ITEM (object);

  g_free (self->external_id);
  g_free (self->summary);

  G_OBJECT_CLASS (errata_disagreement_item_parent_class)->finalize (object);
}

static void
errata_disagreement_item_class_init (ErrataDisagreementItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = errata_disagreement_item_get_property;
  object_class->finalize = errata_disagreement_item_finalize;

  properties[PROP_EXTERNAL_ID] =
    g_param_spec_string ("external-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
errata_disagreement_item_init (ErrataDisagreementItem *self)
{
}
