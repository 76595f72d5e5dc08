/* test-live-bin.c: what the writer leaves in a decoding thread's bin is
 * freed by that thread, when it empties its bin or ends, or by whoever
 * empties every bin; a full bin, or all bins together full, refuse, and
 * the caller frees; an ended thread's bin goes to the next new one.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-live-bin.h"

/* What a test gives: who freed it. */
typedef struct
{
  GThread *freed_by;
  guint    n_freed;
} Item;

static void
item_free (gpointer data)
{
  Item *item = data;

  item->freed_by = g_thread_self ();
  item->n_freed++;
}

/* A thread standing for a decoding one: makes its bin, then empties it
 * each time it is told to, until told to stop. */
typedef struct
{
  GAsyncQueue   *commands;
  GAsyncQueue   *done;
  ErrataLiveBin *bin;
} Decoder;

#define COMMAND_EMPTY GINT_TO_POINTER (1)
#define COMMAND_STOP GINT_TO_POINTER (2)

static gpointer
decoder_thread (gpointer data)
{
  Decoder *decoder = data;
  gpointer command;

  decoder->bin = errata_live_bin_of_this_thread ();
  g_async_queue_push (decoder->done, GINT_TO_POINTER (1));
  while ((command = g_async_queue_pop (decoder->commands)) != COMMAND_STOP)
    {
      errata_live_bin_empty_mine ();
      g_async_queue_push (decoder->done, GINT_TO_POINTER (1));
    }
  return NULL;
}

static GThread *
decoder_start (Decoder *decoder)
{
  GThread *thread;

  decoder->commands = g_async_queue_new ();
  decoder->done = g_async_queue_new ();
  thread = g_thread_new ("test-decoder", decoder_thread, decoder);
  g_async_queue_pop (decoder->done);
  return thread;
}

static void
decoder_empty (Decoder *decoder)
{
  g_async_queue_push (decoder->commands, COMMAND_EMPTY);
  g_async_queue_pop (decoder->done);
}

/* The thread ends without emptying its bin itself. */
static void
decoder_stop (Decoder *decoder,
              GThread *thread)
{
  g_async_queue_push (decoder->commands, COMMAND_STOP);
  g_thread_join (thread);
  g_async_queue_unref (decoder->commands);
  g_async_queue_unref (decoder->done);
}

static void
test_freed_by_its_thread (void)
{
  Decoder decoder = { 0 };
  GThread *thread = decoder_start (&decoder);
  Item first = { 0 }, second = { 0 };

  g_assert_true (decoder.bin != errata_live_bin_of_this_thread ());
  g_assert_true (errata_live_bin_give (decoder.bin, &first, item_free, 4));
  g_assert_true (errata_live_bin_give (decoder.bin, &second, item_free, 4));
  /* Emptying this thread's own bin leaves the decoder's alone. */
  errata_live_bin_empty_mine ();
  g_assert_cmpuint (first.n_freed, ==, 0);

  decoder_empty (&decoder);
  g_assert_cmpuint (first.n_freed, ==, 1);
  g_assert_cmpuint (second.n_freed, ==, 1);
  g_assert_true (first.freed_by == thread);
  g_assert_true (second.freed_by == thread);

  /* Emptied once: nothing is freed twice. */
  decoder_empty (&decoder);
  g_assert_cmpuint (first.n_freed, ==, 1);
  decoder_stop (&decoder, thread);
}

static void
test_full_bin_refuses (void)
{
  Decoder decoder = { 0 };
  GThread *thread = decoder_start (&decoder);
  Item big = { 0 }, more = { 0 }, later = { 0 };

  g_assert_true (errata_live_bin_give (decoder.bin, &big, item_free, 2048));
  g_assert_false (errata_live_bin_give (decoder.bin, &more, item_free, 1));
  decoder_empty (&decoder);
  g_assert_cmpuint (big.n_freed, ==, 1);
  /* Refused: still the caller's, never freed by the bin. */
  g_assert_cmpuint (more.n_freed, ==, 0);
  g_assert_true (errata_live_bin_give (decoder.bin, &later, item_free, 1));
  decoder_empty (&decoder);
  g_assert_cmpuint (later.n_freed, ==, 1);
  decoder_stop (&decoder, thread);
}

static void
test_empty_all (void)
{
  Decoder decoder = { 0 };
  GThread *thread = decoder_start (&decoder);
  Item left = { 0 };

  g_assert_true (errata_live_bin_give (decoder.bin, &left, item_free, 1));
  /* A thread that does not decode again: the sweeper empties every bin. */
  errata_live_bin_empty_all ();
  g_assert_cmpuint (left.n_freed, ==, 1);
  g_assert_true (left.freed_by == g_thread_self ());
  decoder_empty (&decoder);
  g_assert_cmpuint (left.n_freed, ==, 1);
  decoder_stop (&decoder, thread);
}

static void
test_all_bins_bounded (void)
{
  Decoder decoders[5] = { 0 };
  GThread *threads[5];
  Item items[5] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (decoders); i++)
    threads[i] = decoder_start (&decoders[i]);
  /* Four full bins: as many spans as all bins together may hold. */
  for (guint i = 0; i < 4; i++)
    g_assert_true (errata_live_bin_give (decoders[i].bin, &items[i], item_free, 2048));
  g_assert_false (errata_live_bin_give (decoders[4].bin, &items[4], item_free, 1));
  /* One emptied: room again. */
  decoder_empty (&decoders[0]);
  g_assert_cmpuint (items[0].n_freed, ==, 1);
  g_assert_true (errata_live_bin_give (decoders[4].bin, &items[4], item_free, 1));
  for (guint i = 0; i < G_N_ELEMENTS (decoders); i++)
    {
      decoder_empty (&decoders[i]);
      decoder_stop (&decoders[i], threads[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    g_assert_cmpuint (items[i].n_freed, ==, 1);
}

static void
test_thread_end (void)
{
  Decoder decoder = { 0 }, next = { 0 };
  GThread *thread = decoder_start (&decoder);
  GThread *next_thread;
  Item left = { 0 };

  g_assert_true (errata_live_bin_give (decoder.bin, &left, item_free, 1));
  decoder_stop (&decoder, thread);
  /* Freed by the thread as it ended (the GThread is gone, not NULL). */
  g_assert_cmpuint (left.n_freed, ==, 1);
  g_assert_true (left.freed_by != g_thread_self ());
  /* Its bin goes to the next new thread: bins never outnumber threads. */
  next_thread = decoder_start (&next);
  g_assert_true (next.bin == decoder.bin);
  decoder_stop (&next, next_thread);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/live-bin/freed-by-its-thread", test_freed_by_its_thread);
  g_test_add_func ("/live-bin/full-bin-refuses", test_full_bin_refuses);
  g_test_add_func ("/live-bin/empty-all", test_empty_all);
  g_test_add_func ("/live-bin/all-bins-bounded", test_all_bins_bounded);
  g_test_add_func ("/live-bin/thread-end", test_thread_end);
  return g_test_run ();
}
