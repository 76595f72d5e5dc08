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
  ProtobufCAllocator  allocator;  /* give &arena->allocator to unpack() */
  GPtrArray          *chunks;
  guint8             *next;
  gsize               left;
  gsize               chunk_size;
} ErrataProtoArena;

/* An empty arena; its first chunks take about `expected` bytes at once
 * (the body's size is a fair guess). */
void errata_proto_arena_init  (ErrataProtoArena *arena,
                               gsize             expected);
/* Frees every block unpack() took from it; the message unpacked with it
 * is gone, and must not be given to free_unpacked(). */
void errata_proto_arena_clear (ErrataProtoArena *arena);

G_END_DECLS
