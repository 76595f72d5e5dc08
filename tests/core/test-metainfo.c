/* test-metainfo.c: the About window's release notes, read from the
 * metainfo.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-metainfo.h"

static const char *merged =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<component type=\"desktop-application\">\n"
  "  <description><p>The app.</p><p xml:lang=\"de\">Die App.</p></description>\n"
  "  <releases>\n"
  "    <release version=\"0.2.0\" date=\"2026-12-10\">\n"
  "      <description>\n"
  "        <p>Second release: <em>experiments</em> &amp; more.</p>\n"
  "        <p xml:lang=\"de\">Zweite Version: <em>Experimente</em> &amp; mehr.</p>\n"
  "        <ul>\n"
  "          <li>Compare two versions</li>\n"
  "          <li xml:lang=\"de\">Zwei Versionen vergleichen</li>\n"
  "          <li>Gate CI</li>\n"
  "          <li xml:lang=\"fr\">Bloquer la CI</li>\n"
  "        </ul>\n"
  "      </description>\n"
  "    </release>\n"
  "    <release version=\"0.1.0\" date=\"2026-11-27\">\n"
  "      <description><p>First release.</p></description>\n"
  "    </release>\n"
  "  </releases>\n"
  "</component>\n";

static void
test_untranslated (void)
{
  const char *languages[] = { "C", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *notes = errata_metainfo_release_notes (merged, -1, "0.2.0", languages,
                                                          &version, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (version, ==, "0.2.0");
  g_assert_cmpstr (notes, ==,
                   "<p>Second release: <em>experiments</em> &amp; more.</p>"
                   "<ul><li>Compare two versions</li><li>Gate CI</li></ul>");
}

/* German where the metainfo has it, English for the item it lacks. */
static void
test_translated (void)
{
  const char *languages[] = { "de_DE.UTF-8", "de_DE", "de", "C", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = errata_metainfo_release_notes (merged, -1, "0.2.0", languages,
                                                          NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (notes, ==,
                   "<p>Zweite Version: <em>Experimente</em> &amp; mehr.</p>"
                   "<ul><li>Zwei Versionen vergleichen</li><li>Gate CI</li></ul>");
}

/* A development build's version is not listed: the newest release. */
static void
test_unlisted_version (void)
{
  const char *languages[] = { "C", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *notes = NULL;

  notes = errata_metainfo_release_notes (merged, -1, "0.3.0-dev", languages, &version, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (version, ==, "0.2.0");
  g_assert_true (g_str_has_prefix (notes, "<p>Second release"));

  g_clear_pointer (&notes, g_free);
  g_clear_pointer (&version, g_free);
  notes = errata_metainfo_release_notes (merged, -1, "0.1.0", languages, &version, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (version, ==, "0.1.0");
  g_assert_cmpstr (notes, ==, "<p>First release.</p>");
}

static void
test_no_release (void)
{
  const char *bad[] = {
    "<component><description><p>x</p></description></component>",
    "<component><releases><release version=\"1\"><description><p>x</p></releases>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *notes = errata_metainfo_release_notes (bad[i], -1, NULL, NULL, NULL,
                                                              &error);

      g_assert_null (notes);
      /* No release, or XML that does not parse: an error that says so. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == G_MARKUP_ERROR);
    }
}

/* The metainfo the app ships: it has notes for its own version. */
static void
test_shipped_metainfo (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "data",
                                                 "io.github.errata.Errata.metainfo.xml", NULL);
  const char *languages[] = { "C", NULL };
  g_autofree char *xml = NULL;
  g_autofree char *version = NULL;
  g_autofree char *notes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &xml, &length, &error));
  notes = errata_metainfo_release_notes (xml, length, PACKAGE_VERSION, languages, &version,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (notes, "<p>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/metainfo/untranslated", test_untranslated);
  g_test_add_func ("/metainfo/translated", test_translated);
  g_test_add_func ("/metainfo/unlisted-version", test_unlisted_version);
  g_test_add_func ("/metainfo/no-release", test_no_release);
  g_test_add_func ("/metainfo/shipped", test_shipped_metainfo);

  return g_test_run ();
}
