/* errata-cli-adjudicate.c: `errata-cli adjudicate` lists the traces whose
 * label is disputed for a target (what each reviewer said), or settles
 * one with a label and a reason, through the core's adjudication.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-adjudicate.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "errata-adjudication.h"
#include "errata-cli-common.h"
#include "errata-ground-truth.h"
#include "errata-labels.h"

typedef struct
{
  char     *target;
  char     *trace;
  char     *label;
  char     *reason;
  char     *who;
  gboolean  json;
} AdjudicateOptions;

static void
adjudicate_options_clear (AdjudicateOptions *options)
{
  g_free (options->target);
  g_free (options->trace);
  g_free (options->label);
  g_free (options->reason);
  g_free (options->who);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AdjudicateOptions, adjudicate_options_clear)

static int
fail (const char *message)
{
  return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", message);
}

/* Not translated: words scripts read. */
static const char *
verdict_word (ErrataVerdict value)
{
  return value == ERRATA_VERDICT_UNSET ? "none" : errata_verdict_to_string (value);
}

static const char *
origin_word (ErrataAnnotationOrigin origin)
{
  switch (origin)
    {
    case ERRATA_ORIGIN_IMPORTED:
      return "imported";
    case ERRATA_ORIGIN_MERGED:
      return "merged";
    case ERRATA_ORIGIN_HERE:
    default:
      return "here";
    }
}

static const char *
kind_word (ErrataDisputeKind kind)
{
  return kind == ERRATA_DISPUTE_IMPORTED ? "imported-labels-differ" : "reviewers-differ";
}

/* ---- listing ------------------------------------------------------------- */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_vote_json (JsonBuilder                  *builder,
               const ErrataAdjudicationVote *vote)
{
  json_builder_begin_object (builder);
  add_string (builder, "annotator", vote->annotator);
  add_string (builder, "origin", origin_word (vote->origin));
  add_string (builder, "label", verdict_word (vote->vote));
  add_string (builder, "verdict", verdict_word (vote->verdict));
  add_string (builder, "note", vote->note);
  json_builder_set_member_name (builder, "first_failure");
  if (vote->first_failure >= 0)
    json_builder_add_int_value (builder, vote->first_failure);
  else
    json_builder_add_null_value (builder);
  errata_cli_json_add_int (builder, "updated_at", vote->updated_at / G_USEC_PER_SEC);
  json_builder_end_object (builder);
}

static void
print_queue_json (const char *target_name,
                  gint64      target,
                  GPtrArray  *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "target", target_name);
  errata_cli_json_add_int (builder, "target_id", target);
  errata_cli_json_add_int (builder, "disputed", items->len);
  json_builder_set_member_name (builder, "traces");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      const ErrataAdjudicationItem *item = items->pdata[i];

      json_builder_begin_object (builder);
      errata_cli_json_add_int (builder, "trace", item->trace_id);
      add_string (builder, "id", item->external_id);
      add_string (builder, "kind", kind_word (item->kind));
      json_builder_set_member_name (builder, "votes");
      json_builder_begin_array (builder);
      for (guint j = 0; j < item->votes->len; j++)
        add_vote_json (builder, item->votes->pdata[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

/* One line, no line breaks a note might hold. */
static char *
one_line (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  g_strdelimit (copy, "\r\n\t", ' ');
  return g_strstrip (g_steal_pointer (&copy));
}

static void
print_vote (const ErrataAdjudicationVote *vote)
{
  g_autofree char *note = one_line (vote->note);
  const char *origin = vote->origin == ERRATA_ORIGIN_MERGED ? _(" (merged)")
                       : vote->origin == ERRATA_ORIGIN_IMPORTED ? _(" (imported label)") : "";

  /* Translators: "  Ana (merged): fail". */
  g_print (_("  %s%s: %s"), vote->annotator, origin, verdict_word (vote->vote));
  if (vote->first_failure >= 0)
    /* Translators: the message where the reviewer saw the first failure, counted from 1. */
    g_print (_(", first failure at message %d"), vote->first_failure + 1);
  if (*note != '\0')
    g_print (" — %s", note);
  g_print ("\n");
}

static void
print_queue_text (const char *target_name,
                  GPtrArray  *items)
{
  if (items->len == 0)
    {
      /* Translators: %s is "overall" or a failure mode's name. */
      g_print (_("No disputed labels for “%s”.\n"), target_name);
      return;
    }
  g_print (ngettext ("%u disputed label for “%s”:\n", "%u disputed labels for “%s”:\n",
                     items->len), items->len, target_name);
  for (guint i = 0; i < items->len; i++)
    {
      const ErrataAdjudicationItem *item = items->pdata[i];

      g_print ("\n%s (#%" PRId64 ") — %s\n", item->external_id, item->trace_id,
               item->kind == ERRATA_DISPUTE_IMPORTED ? _("imported labels differ")
                                                     : _("reviewers differ"));
      for (guint j = 0; j < item->votes->len; j++)
        print_vote (item->votes->pdata[j]);
    }
}

static int
list_queue (ErrataProject           *project,
            gint64                   target,
            const AdjudicateOptions *options)
{
  g_autofree char *target_name = errata_target_describe (project, target);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = errata_adjudication_list (project, target, &error);
  if (items == NULL)
    return fail (error->message);
  if (options->json)
    print_queue_json (target_name, target, items);
  else
    print_queue_text (target_name, items);
  /* A listing reports; a non-empty queue is not a failure. */
  return ERRATA_CLI_EXIT_OK;
}

/* ---- settling ------------------------------------------------------------ */

static void
print_settled_json (const char    *target_name,
                    gint64         trace_id,
                    const char    *id,
                    ErrataVerdict  value,
                    const char    *who,
                    const char    *reason)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "target", target_name);
  errata_cli_json_add_int (builder, "trace", trace_id);
  add_string (builder, "id", id);
  add_string (builder, "label", verdict_word (value));
  add_string (builder, "who", who);
  add_string (builder, "reason", reason);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static int
settle (ErrataProject           *project,
        gint64                   target,
        const AdjudicateOptions *options)
{
  g_autofree char *target_name = errata_target_describe (project, target);
  g_autofree char *who = options->who != NULL ? g_strdup (options->who)
                                              : errata_cli_dup_user_name ();
  g_autofree char *reason = g_strstrip (g_strdup (options->reason != NULL ? options->reason : ""));
  g_autoptr(GError) error = NULL;
  ErrataVerdict value;
  gint64 trace_id;

  if (options->label == NULL || !errata_labels_parse_value (options->label, &value))
    return fail (_("--label is missing or not a label: write --label pass or --label fail"));
  if (*reason == '\0')
    return fail (_("--reason is missing: say why the label is right, it is kept in the "
                   "label’s history"));
  if (!errata_labels_find_trace (project, options->trace, &trace_id, &error) ||
      !errata_adjudication_settle (project, target, trace_id, value, who, reason, NULL, &error))
    return fail (error->message);
  if (options->json)
    print_settled_json (target_name, trace_id, options->trace, value, who, reason);
  else
    /* Translators: "r12: settled “overall” as fail, by Carla." */
    g_print (_("%s: settled “%s” as %s, by %s.\n"), options->trace, target_name,
             verdict_word (value), who);
  return ERRATA_CLI_EXIT_OK;
}

int
errata_cli_adjudicate (int    argc,
                       char **argv)
{
  g_auto(AdjudicateOptions) options = { NULL };
  GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &options.target,
      N_("overall (the default), or a failure mode’s name or id"), N_("MODE") },
    { "trace", 0, 0, G_OPTION_ARG_STRING, &options.trace,
      N_("Settle this trace (its id, or #ID) instead of listing"), N_("ID") },
    { "label", 0, 0, G_OPTION_ARG_STRING, &options.label,
      N_("The settled label: pass or fail"), N_("LABEL") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &options.reason,
      N_("Why (required), kept in the label’s history"), N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &options.who,
      N_("Who settles it (default: your annotator name)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 target = ERRATA_TARGET_OVERALL;

  context = errata_cli_context_new (_("PROJECT"),
                                    _("List the traces whose label for a target is disputed "
                                      "(reviewers, or imported files, differ) with what each "
                                      "said; or settle one with --trace, --label and --reason. "
                                      "Listing exits 0 whether or not anything is disputed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2)
    return fail (_("give one project (see --help)"));
  if (options.trace == NULL && (options.label != NULL || options.reason != NULL))
    return fail (_("--label and --reason settle a trace: name it with --trace ID"));

  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL ||
      (options.target != NULL && !errata_target_parse (project, options.target, &target, &error)))
    return fail (error->message);
  if (options.trace != NULL)
    return settle (project, target, &options);
  return list_queue (project, target, &options);
}
