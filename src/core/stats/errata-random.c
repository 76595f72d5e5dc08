/* errata-random.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-random.h"

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
splitmix64_next (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/**
 * errata_random_init:
 * @rng: the generator to set up
 * @seed: any 64-bit value, 0 included
 *
 * Seeds @rng. splitmix64 spreads the seed over the 256-bit state, which
 * is then never all zero (the one state xoshiro cannot leave).
 */
void
errata_random_init (ErrataRandom *rng,
                    guint64       seed)
{
  g_return_if_fail (rng != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rng->s); i++)
    rng->s[i] = splitmix64_next (&seed);
}

static inline guint64
next_bits (ErrataRandom *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

/**
 * errata_random_next:
 * @rng: a seeded generator
 *
 * Returns: the next 64 uniformly distributed bits.
 */
guint64
errata_random_next (ErrataRandom *rng)
{
  g_return_val_if_fail (rng != NULL, 0);

  return next_bits (rng);
}

/**
 * errata_random_below:
 * @rng: a seeded generator
 * @bound: the number of possible values, at least 1
 *
 * Draws an integer uniformly from [0, @bound) without modulo bias, by
 * Lemire's multiply-and-reject method ("Fast random integer generation in
 * an interval", 2019) on the top 32 bits of a draw: a division only happens
 * in the rare case that rejection might be needed, which keeps a bootstrap
 * of millions of draws cheap.
 *
 * Returns: the integer.
 */
guint32
errata_random_below (ErrataRandom *rng,
                     guint32       bound)
{
  guint64 m;
  guint32 low;

  g_return_val_if_fail (rng != NULL, 0);
  g_return_val_if_fail (bound > 0, 0);

  m = (next_bits (rng) >> 32) * (guint64) bound;
  low = (guint32) m;
  if (low < bound)
    {
      guint32 threshold = (guint32) -bound % bound;

      while (low < threshold)
        {
          m = (next_bits (rng) >> 32) * (guint64) bound;
          low = (guint32) m;
        }
    }

  return (guint32) (m >> 32);
}

/**
 * errata_random_double:
 * @rng: a seeded generator
 *
 * Returns: a double uniformly drawn from [0, 1), from the top 53 bits.
 */
double
errata_random_double (ErrataRandom *rng)
{
  g_return_val_if_fail (rng != NULL, 0.0);

  return (double) (next_bits (rng) >> 11) * 0x1.0p-53;
}
