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
 * than half (bench/README.md, "protobuf-c's blocks from an arena").
 *
 * free() does nothing: protobuf-c frees only what it replaces (a field
 * sent twice) and its scratch arrays for messages of more than 16 fields,
 * both small; they stay in the chunk until the arena is cleared.
 */

#include "config.h"

#include "errata-proto-arena.h"

/* What the largest member of any protobuf-c struct needs. */
#define ARENA_ALIGNMENT 16
#define MIN_CHUNK (64 * 1024)
#define MAX_CHUNK (4 * 1024 * 1024)

static gsize
aligned (gsize size)
{
  return (size + ARENA_ALIGNMENT - 1) & ~(gsize)(ARENA_ALIGNMENT - 1);
}

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

static void *
arena_alloc (void   *data,
             size_t  size)
{
  ErrataProtoArena *arena = data;
  gsize needed = aligned (MAX (size, 1));
  void *block;

  if (needed > arena->left)
    add_chunk (arena, needed);
  block = arena->next;
  arena->next += needed;
  arena->left -= needed;
  return block;
}

static void
arena_free (void *data,
            void *pointer)
{
}

void
errata_proto_arena_init (ErrataProtoArena *arena,
                         gsize             expected)
{
  arena->allocator.alloc = arena_alloc;
  arena->allocator.free = arena_free;
  arena->allocator.allocator_data = arena;
  arena->chunks = g_ptr_array_new_with_free_func (g_free);
  arena->next = NULL;
  arena->left = 0;
  arena->chunk_size = CLAMP (aligned (expected), MIN_CHUNK, MAX_CHUNK);
}

void
errata_proto_arena_clear (ErrataProtoArena *arena)
{
  g_clear_pointer (&arena->chunks, g_ptr_array_unref);
  arena->next = NULL;
  arena->left = 0;
}
