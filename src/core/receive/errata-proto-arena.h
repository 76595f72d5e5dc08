/* errata-proto-arena.h: memory for one protobuf-c unpack, freed all at
 * once (errata-proto-arena.c says why).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <protobuf-c/protobuf-c.h>

G_BEGIN_DECLS

typedef struct
{
  ProtobufCAllocator  allocator;    /* give &arena->allocator to unpack() */
  GPtrArray          *chunks;
  guint8             *next;
  gsize               left;
  gsize               chunk_size;
  gsize               taken;        /* bytes given out */
  gsize               budget;       /* at most this many */
  gboolean            over_budget;  /* an alloc was refused: unpack again
                                     * with malloc */
} ErrataProtoArena;

/* An empty arena for the unpack of a body of `body_size` bytes: its first
 * chunk is about that size, and it gives out at most a few times it (a
 * body made to grow protobuf-c's memory out of proportion is unpacked
 * with malloc instead, errata-proto-arena.c says how). */
void errata_proto_arena_init  (ErrataProtoArena *arena,
                               gsize             body_size);
/* Frees every block unpack() took from it; the message unpacked with it
 * is gone, and must not be given to free_unpacked(). */
void errata_proto_arena_clear (ErrataProtoArena *arena);

G_END_DECLS
