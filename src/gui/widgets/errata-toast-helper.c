/* errata-toast-helper.c
 *
 * Every page shows its feedback through one AdwToast per overlay at a
 * time, whose title (and button) change in place while it is shown;
 * showing it again restarts its timeout, as libadwaita's documentation of
 * AdwToast does it. Once dismissed, the next message gets a new toast.
 *
 * Why not a new toast each time, dismissing the last: libadwaita 1.2's
 * AdwToastOverlay frees a toast's bookkeeping when its hide animation
 * ends, but a toast that started while another was hiding shows for
 * 500 ms against a 300 ms hide, so one dismissed in its first 200 ms is
 * freed while its show animation still runs; the end of that animation
 * (on the next frame, or when the window is unmapped) then unrefs through
 * freed memory. Fixed upstream in 1.3 (commit 1674ebc9, "Prevent show_done
 * from firing after hide_done"); 1.2 is Debian 12's.
 *
 * So this helper never dismisses a toast while its show animation can
 * still be running: hide() waits until SHOW_GUARD_MS after the show began.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-toast-helper.h"

/* Longer than libadwaita's longest show animation (REPLACE_DURATION,
 * 500 ms), with room for a frame clock that runs a frame ahead. */
#define SHOW_GUARD_MS 700

/* Seconds a toast stays, as the pages always had it. */
#define TOAST_TIMEOUT 5

#define STATE_KEY "errata-toast-helper-state"

typedef struct
{
  AdwToast *toast;
  gulong    dismissed_id;
  gboolean  shown;      /* added to the overlay and not dismissed since */
  gint64    shown_at;   /* monotonic µs: when its show animation began */
  guint     hide_id;    /* a hide waiting for the show animation */
  gboolean  used;       /* the toast was added to the overlay once */
} ToastState;

static void
state_free (gpointer data)
{
  ToastState *state = data;

  g_clear_handle_id (&state->hide_id, g_source_remove);
  g_clear_signal_handler (&state->dismissed_id, state->toast);
  g_clear_object (&state->toast);
  g_free (state);
}

/* Dismissed by its timeout, its close button, its Undo button or by us. */
static void
toast_dismissed (AdwToast   *toast,
                 ToastState *state)
{
  state->shown = FALSE;
  g_clear_handle_id (&state->hide_id, g_source_remove);
}

/* A toast of its own for each showing: the one dismissed before may still
 * be hiding on the overlay, and libadwaita 1.2 does not take back a toast
 * it is hiding (added again, its hide animation's end freed the new
 * showing's bookkeeping: a crash seen about once in two display test runs
 * with MALLOC_PERTURB_). */
static void
new_toast (ToastState *state)
{
  g_clear_signal_handler (&state->dismissed_id, state->toast);
  g_clear_object (&state->toast);
  state->toast = g_object_ref_sink (adw_toast_new (""));
  adw_toast_set_timeout (state->toast, TOAST_TIMEOUT);
  state->dismissed_id = g_signal_connect (state->toast, "dismissed",
                                          G_CALLBACK (toast_dismissed), state);
}

static ToastState *
get_state (AdwToastOverlay *overlay)
{
  ToastState *state = g_object_get_data (G_OBJECT (overlay), STATE_KEY);

  if (state != NULL)
    return state;
  state = g_new0 (ToastState, 1);
  new_toast (state);
  g_object_set_data_full (G_OBJECT (overlay), STATE_KEY, state, state_free);
  return state;
}

void
errata_toast_helper_show_with_action (AdwToastOverlay *overlay,
                                      const char      *text,
                                      const char      *button_label,
                                      const char      *action_name,
                                      GVariant        *action_target)
{
  g_autofree char *escaped = NULL;
  /* Sunk here: libadwaita 1.2 returns early without sinking a floating
   * target equal to the one it has, which leaked it (LeakSanitizer). */
  g_autoptr(GVariant) target = action_target ? g_variant_ref_sink (action_target) : NULL;
  ToastState *state;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (text != NULL);

  state = get_state (overlay);
  if (!state->shown && state->used)
    new_toast (state);
  state->used = TRUE;
  escaped = g_markup_escape_text (text, -1);
  adw_toast_set_title (state->toast, escaped);
  adw_toast_set_button_label (state->toast, button_label);
  /* The button follows name and target one at a time: with the old
   * name and the new target it would warn of a type mismatch. */
  adw_toast_set_action_name (state->toast, NULL);
  adw_toast_set_action_target_value (state->toast, target);
  adw_toast_set_action_name (state->toast, action_name);
  /* Shown again: a hide asked for before this no longer applies. */
  g_clear_handle_id (&state->hide_id, g_source_remove);
  if (!state->shown)
    {
      state->shown = TRUE;
      state->shown_at = g_get_monotonic_time ();
    }
  /* On the overlay already, this only restarts the timeout. */
  adw_toast_overlay_add_toast (overlay, g_object_ref (state->toast));
}

void
errata_toast_helper_show (AdwToastOverlay *overlay,
                          const char      *text)
{
  errata_toast_helper_show_with_action (overlay, text, NULL, NULL, NULL);
}

static gboolean
hide_later (gpointer data)
{
  ToastState *state = data;

  state->hide_id = 0;
  adw_toast_dismiss (state->toast);
  return G_SOURCE_REMOVE;
}

/**
 * errata_toast_helper_hide:
 * @overlay: an overlay
 *
 * Takes the toast away (an Undo made its message stale). A toast whose
 * show animation may still run goes when that animation has ended: see
 * the top of this file.
 */
void
errata_toast_helper_hide (AdwToastOverlay *overlay)
{
  ToastState *state;
  gint64 elapsed_ms;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  state = g_object_get_data (G_OBJECT (overlay), STATE_KEY);
  if (state == NULL || !state->shown || state->hide_id != 0)
    return;
  elapsed_ms = (g_get_monotonic_time () - state->shown_at) / 1000;
  if (elapsed_ms >= SHOW_GUARD_MS)
    adw_toast_dismiss (state->toast);
  else
    state->hide_id = g_timeout_add (SHOW_GUARD_MS - elapsed_ms, hide_later, state);
}

AdwToast *
errata_toast_helper_get_toast (AdwToastOverlay *overlay)
{
  ToastState *state;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  state = g_object_get_data (G_OBJECT (overlay), STATE_KEY);
  return state ? state->toast : NULL;
}

gboolean
errata_toast_helper_is_shown (AdwToastOverlay *overlay)
{
  ToastState *state;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), FALSE);
  state = g_object_get_data (G_OBJECT (overlay), STATE_KEY);
  return state != NULL && state->shown;
}
