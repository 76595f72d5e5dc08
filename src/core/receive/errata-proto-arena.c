/* errata-proto-arena.c: memory for one protobuf-c unpack, freed all at
 * once.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * protobuf-c allocates every message, string and array of a request one
 * malloc() at a time (a span's attribute is three: its KeyValue, its
 * AnyValue and its string), and free_unpacked() walks the whole tree again
 * to free them one by one. A request of 512 spans is ~100,000 blocks that
 * live exactly as long as its decoding. Here they are cut from a few large
 * chunks and freed with them: the receiver spent 9% of its instructions in
 * protobuf-c's unpacking and freeing, of which malloc and free were more
 * than half (bench/README.md, "Fewer instructions a span").
 *
 * free() does nothing, and what protobuf-c frees stays in its chunk until
 * the arena is cleared: its scratch arrays (for a message of more than 16
 * fields on the wire, ~64 bytes a field: a span's attributes, a scope's
 * spans), and what it replaces. The latter is where a body can make memory
 * grow out of proportion: a singular message field sent k times is merged
 * k times, each merge copying the repeated fields so far into a new array,
 * so the arrays left behind take ~k² bytes (a 64 KB body of repeated
 * `resource` fields would take a gigabyte). The walk before the unpack
 * refuses more than a few merges (errata-otlp-proto.c, MAX_MERGES); and
 * whatever else might grow, an arena gives out at most
 * ARENA_BUDGET_FACTOR times the body (plus ARENA_BUDGET_SLACK): past that
 * it refuses, protobuf-c fails the unpack, and the caller unpacks with
 * malloc, which frees as it goes (errata_otlp_proto_flatten_traces()).
 * The receive fixtures take 2.8 to 6.5 times their body (test-proto-arena).
 *
 * Under AddressSanitizer every block is a malloc() of its own, so that
 * reading past one is still caught.
 */

#include "config.h"

#include "errata-proto-arena.h"

/* What the largest member of any protobuf-c struct needs. */
#define ARENA_ALIGNMENT 16
#define MIN_CHUNK (64 * 1024)
#define MAX_CHUNK (4 * 1024 * 1024)
#define ARENA_BUDGET_FACTOR 16
#define ARENA_BUDGET_SLACK (1024 * 1024)

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_BLOCK_BY_BLOCK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_BLOCK_BY_BLOCK 1
#endif
#endif

static gsize
aligned (gsize size)
{
  return (size + ARENA_ALIGNMENT - 1) & ~(gsize)(ARENA_ALIGNMENT - 1);
}

#ifndef ARENA_BLOCK_BY_BLOCK
static void
add_chunk (ErrataProtoArena *arena,
           gsize             at_least)
{
  gsize size = MAX (arena->chunk_size, at_least);

  /* g_malloc's blocks are aligned for any type, so the chunk's start is. */
  arena->next = g_malloc (size);
  arena->left = size;
  g_ptr_array_add (arena->chunks, arena->next);
  arena->chunk_size = MIN (arena->chunk_size * 2, MAX_CHUNK);
}
#endif

static void *
arena_alloc (void   *data,
             size_t  size)
{
  ErrataProtoArena *arena = data;
  gsize needed;
  void *block;

  if (size > arena->budget)
    {
      arena->over_budget = TRUE;
      return NULL;
    }
  needed = aligned (MAX (size, 1));
  if (arena->taken + needed > arena->budget)
    {
      arena->over_budget = TRUE;
      return NULL;
    }
  arena->taken += needed;
#ifdef ARENA_BLOCK_BY_BLOCK
  /* The size asked for, not rounded up: a read past it is caught. */
  block = g_malloc (MAX (size, 1));
  g_ptr_array_add (arena->chunks, block);
#else
  if (needed > arena->left)
    add_chunk (arena, needed);
  block = arena->next;
  arena->next += needed;
  arena->left -= needed;
#endif
  return block;
}

static void
arena_free (void *data,
            void *pointer)
{
}

void
errata_proto_arena_init (ErrataProtoArena *arena,
                         gsize             body_size)
{
  arena->allocator.alloc = arena_alloc;
  arena->allocator.free = arena_free;
  arena->allocator.allocator_data = arena;
  arena->chunks = g_ptr_array_new_with_free_func (g_free);
  arena->next = NULL;
  arena->left = 0;
  arena->chunk_size = CLAMP (aligned (body_size), MIN_CHUNK, MAX_CHUNK);
  arena->taken = 0;
  arena->budget = MIN (body_size, (G_MAXSIZE - ARENA_BUDGET_SLACK) / ARENA_BUDGET_FACTOR) * ARENA_BUDGET_FACTOR
                  + ARENA_BUDGET_SLACK;
  arena->over_budget = FALSE;
}

void
errata_proto_arena_clear (ErrataProtoArena *arena)
{
  g_clear_pointer (&arena->chunks, g_ptr_array_unref);
  arena->next = NULL;
  arena->left = 0;
}
