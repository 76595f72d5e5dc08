/* test-llm-prices.c: price table parsing and cost arithmetic.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-llm-error.h"
#include "errata-llm-prices.h"

static void
test_builtin (void)
{
  g_autoptr(ErrataLlmPrices) prices = errata_llm_prices_new_builtin ();
  double input = 0, output = 0;

  g_assert_true (errata_llm_prices_lookup (prices, "gpt-4o-mini", &input, &output));
  g_assert_cmpfloat_with_epsilon (input, 0.15, 1e-9);
  g_assert_cmpfloat_with_epsilon (output, 0.60, 1e-9);

  /* A dated snapshot takes the price of the longest matching name. */
  g_assert_true (errata_llm_prices_lookup (prices, "gpt-4o-mini-2024-07-18", &input, NULL));
  g_assert_cmpfloat_with_epsilon (input, 0.15, 1e-9);
  g_assert_true (errata_llm_prices_lookup (prices, "gpt-4o-2024-08-06", &input, NULL));
  g_assert_cmpfloat_with_epsilon (input, 2.50, 1e-9);
  g_assert_true (errata_llm_prices_lookup (prices, "claude-3-5-haiku-20241022", &input, NULL));
  g_assert_cmpfloat_with_epsilon (input, 0.80, 1e-9);

  g_assert_false (errata_llm_prices_lookup (prices, "llama3.2", NULL, NULL));
  g_assert_false (errata_llm_prices_lookup (prices, "gpt-4oops", NULL, NULL));
  g_assert_cmpfloat (errata_llm_prices_cost (prices, "llama3.2", 1000, 1000), ==, 0);
}

static void
test_cost (void)
{
  g_autoptr(ErrataLlmPrices) prices = errata_llm_prices_new_builtin ();

  /* 1,000 in at $2.50/M + 500 out at $10/M = 0.0025 + 0.005. */
  g_assert_cmpfloat_with_epsilon (errata_llm_prices_cost (prices, "gpt-4o", 1000, 500), 0.0075, 1e-12);
  /* Unknown counts (-1) cost nothing rather than a negative amount. */
  g_assert_cmpfloat_with_epsilon (errata_llm_prices_cost (prices, "gpt-4o", -1, 1000000), 10.0, 1e-9);
}

static void
test_load_json (void)
{
  g_autoptr(ErrataLlmPrices) prices = errata_llm_prices_new_builtin ();
  g_autoptr(GError) error = NULL;
  double input = 0, output = 0;

  g_assert_true (errata_llm_prices_load_json (prices, "", &error));
  g_assert_no_error (error);

  g_assert_true (errata_llm_prices_load_json (prices,
                                              "{\"my-model\": {\"input\": 1, \"output\": 3.5},"
                                              " \"gpt-4o\": {\"input\": 2, \"output\": 8}}",
                                              &error));
  g_assert_no_error (error);
  g_assert_true (errata_llm_prices_lookup (prices, "my-model", &input, &output));
  g_assert_cmpfloat_with_epsilon (output, 3.5, 1e-9);
  g_assert_true (errata_llm_prices_lookup (prices, "gpt-4o", &input, NULL));
  g_assert_cmpfloat_with_epsilon (input, 2.0, 1e-9);

  /* Invalid text changes nothing, and says why. */
  g_assert_false (errata_llm_prices_load_json (prices,
                                               "{\"new-model\": {\"input\": 1}, "
                                               "\"my-model\": {\"input\": 9, \"output\": 9}}",
                                               &error));
  g_assert_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED);
  g_assert_nonnull (g_strstr_len (error->message, -1, "new-model"));
  g_assert_false (errata_llm_prices_lookup (prices, "new-model", NULL, NULL));
  g_assert_true (errata_llm_prices_lookup (prices, "my-model", &input, NULL));
  g_assert_cmpfloat_with_epsilon (input, 1.0, 1e-9);

  g_clear_error (&error);
  g_assert_false (errata_llm_prices_load_json (prices, "[1, 2]", &error));
  g_assert_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (errata_llm_prices_load_json (prices, "{\"m\": {\"input\": \"1\", \"output\": 2}}", &error));
  g_assert_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/llm/prices/builtin", test_builtin);
  g_test_add_func ("/llm/prices/cost", test_cost);
  g_test_add_func ("/llm/prices/load-json", test_load_json);

  return g_test_run ();
}
