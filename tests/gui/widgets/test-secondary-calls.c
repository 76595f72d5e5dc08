/* test-secondary-calls.c: the trace view's page of other LLM calls.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-secondary-calls.h"
#include "errata-trace-view.h"

static ErrataTrace *
trace_with_calls (guint n)
{
  ErrataTrace *trace = errata_trace_new ();
  g_autoptr(JsonArray) messages = json_array_new ();
  JsonArray *calls = json_array_new ();

  errata_trace_set_messages (trace, messages);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *call = json_object_new ();
      JsonArray *call_messages = json_array_new ();
      JsonObject *message = json_object_new ();

      json_object_set_string_member (message, "role", "assistant");
      json_object_set_string_member (message, "content", "Two days in Lisbon");
      json_array_add_object_element (call_messages, message);
      json_object_set_string_member (call, "name", "chat fake-gpt");
      json_object_set_array_member (call, "messages", call_messages);
      json_array_add_object_element (calls, call);
    }
  json_object_set_array_member (errata_trace_get_metadata (trace), "secondary_calls", calls);
  return trace;
}

static guint
count_children (GtkWidget *widget,
                GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_children (child, type);
  return n;
}

/* One expander per call; a trace without any clears the page. */
static void
test_lists_calls (void)
{
  GtkWidget *calls = g_object_ref_sink (errata_secondary_calls_new ());
  g_autoptr(ErrataTrace) two = trace_with_calls (2);
  g_autoptr(ErrataTrace) none = trace_with_calls (0);

  g_assert_cmpuint (errata_secondary_calls_set_trace (ERRATA_SECONDARY_CALLS (calls), two), ==, 2);
  g_assert_cmpuint (count_children (calls, GTK_TYPE_EXPANDER), ==, 2);
  g_assert_cmpuint (errata_secondary_calls_set_trace (ERRATA_SECONDARY_CALLS (calls), none), ==, 0);
  g_assert_cmpuint (count_children (calls, GTK_TYPE_EXPANDER), ==, 0);
  g_object_unref (calls);
}

/* The trace view shows the page only for a trace that has such calls. */
static void
test_trace_view_page (void)
{
  GtkWidget *view = g_object_ref_sink (errata_trace_view_new ());
  g_autoptr(ErrataTrace) two = trace_with_calls (2);
  g_autoptr(ErrataTrace) none = trace_with_calls (0);
  GtkWidget *page_child;
  GtkStackPage *page;

  errata_trace_view_set_trace (ERRATA_TRACE_VIEW (view), two);
  g_assert_cmpuint (count_children (view, ERRATA_TYPE_SECONDARY_CALLS), ==, 1);
  page_child = gtk_widget_get_first_child (view);
  while (page_child != NULL && !ERRATA_IS_SECONDARY_CALLS (page_child))
    {
      GtkWidget *next = gtk_widget_get_first_child (page_child);

      while (next != NULL && count_children (next, ERRATA_TYPE_SECONDARY_CALLS) == 0)
        next = gtk_widget_get_next_sibling (next);
      page_child = next;
    }
  g_assert_nonnull (page_child);
  page = gtk_stack_get_page (GTK_STACK (gtk_widget_get_parent (page_child)), page_child);
  g_assert_true (gtk_stack_page_get_visible (page));
  errata_trace_view_set_trace (ERRATA_TRACE_VIEW (view), none);
  g_assert_false (gtk_stack_page_get_visible (page));
  errata_trace_view_set_trace (ERRATA_TRACE_VIEW (view), NULL);
  g_object_unref (view);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/secondary-calls/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  g_test_add_func ("/secondary-calls/lists-calls", test_lists_calls);
  g_test_add_func ("/secondary-calls/trace-view-page", test_trace_view_page);
  return g_test_run ();
}
