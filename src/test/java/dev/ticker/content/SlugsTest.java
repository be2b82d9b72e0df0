package dev.ticker.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Slugs per DESIGN.md: from the title, German transliteration, lowercase, '-' separated. */
class SlugsTest {

    private static final Pattern SLUG = Pattern.compile(Validation.SLUG);

    @Test
    void transliteratesGermanUmlautsAndSharpS() {
        assertEquals("lecos-eroeffnet-ideencampus-fuer-dialog-und-kompetenzbuendelung",
                Slugs.of("Lecos eröffnet Ideencampus für Dialog und Kompetenzbündelung"));
        assertEquals("groesse-aendert-uebermass-strasse", Slugs.of("Größe ändert Übermaß Straße"));
    }

    @Test
    void transliteratesCapitalUmlautsAndCapitalSharpS() {
        assertEquals("aerger-oeffentlichkeit-uebersicht", Slugs.of("Ärger Öffentlichkeit Übersicht"));
        assertEquals("aeoeue", Slugs.of("ÄÖÜ"));
        assertEquals("grosse-strasse", Slugs.of("GROẞE STRAẞE"));
    }

    @Test
    void transliteratesDecomposedUmlautsLikeComposedOnes() {
        assertEquals("muenster", Slugs.of("Mu\u0308nster"));
        assertEquals("aerger", Slugs.of("A\u0308rger"));
    }

    @Test
    void dropsAccentsOfOtherLetters() {
        assertEquals("cafe-creme-a-la-carte", Slugs.of("Café Crème à la Carte"));
        assertEquals("sao-paulo-krakow-zuerich", Slugs.of("São Paulo, Kraków, Zürich"));
    }

    @Test
    void turnsPunctuationAndSpaceIntoSingleHyphens() {
        assertEquals("smart-city-ki-recht-2025", Slugs.of("„Smart City“ – KI & Recht: 2025!"));
        assertEquals("hallo-welt", Slugs.of("  --Hallo...   Welt--  "));
        assertEquals("e-government-und-open-data", Slugs.of("E-Government/und Open_Data"));
    }

    @Test
    void cutsALongSlugAtAHyphenWithinEightyCharacters() {
        // 15-letter words: five of them with their hyphens take 79 characters, a sixth would pass 80
        String title = String.join(" ", java.util.Collections.nCopies(8, "Digitalisierung"));
        String slug = Slugs.of(title);
        assertEquals(String.join("-", java.util.Collections.nCopies(5, "digitalisierung")), slug);
        assertTrue(slug.length() <= Slugs.MAX_LENGTH);
    }

    @Test
    void neverCutsInsideAWordWhenAHyphenAllowsIt() {
        String title = "Verwaltungsdigitalisierung in Kommunen: Ergebnisse der bundesweiten Umfrage zur Onlinezugangsgesetzumsetzung";
        String full = "verwaltungsdigitalisierung-in-kommunen-ergebnisse-der-bundesweiten-umfrage-zur-onlinezugangsgesetzumsetzung";
        String slug = Slugs.of(title);
        assertTrue(slug.length() <= 80, slug);
        assertTrue(full.startsWith(slug + "-"), "a whole-word prefix of the full slug: " + slug);
        assertEquals("verwaltungsdigitalisierung-in-kommunen-ergebnisse-der-bundesweiten-umfrage-zur", slug);
    }

    @Test
    void cutsASingleOverlongWordAtEightyCharacters() {
        assertEquals("a".repeat(80), Slugs.of("A".repeat(120)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "🎉🚀", "!!!", "„“ – …", "😀 😀" })
    void givesATitleWithoutLettersOrDigitsANonEmptySlug(String title) {
        String slug = Slugs.of(title);
        assertFalse(slug.isEmpty());
        assertTrue(SLUG.matcher(slug).matches(), slug);
    }

    @Test
    void alwaysMakesASlugThatPassesTheSlugRule() {
        for (String title : List.of("Branchenticker Nr. 20", "regio iT", "KDO – Kommunale Datenverarbeitung Oldenburg",
                "  Ä  ", "---", "a--b", "x".repeat(200), "ß".repeat(60), "Tab\tNew\nLine", "Ünïcødé ✓ 100 %")) {
            String slug = Slugs.of(title);
            assertTrue(SLUG.matcher(slug).matches(), title + " -> " + slug);
            assertTrue(slug.length() <= Slugs.MAX_LENGTH, title + " -> " + slug);
        }
    }

    @Test
    void recognisesCanonicalUuidsInAnyCase() {
        UUID id = UUID.fromString("0b8e4c1e-5d0a-4f0e-9a53-4a3f3c1d2e10");
        assertEquals(id, Slugs.asUuid("0b8e4c1e-5d0a-4f0e-9a53-4a3f3c1d2e10"));
        assertEquals(id, Slugs.asUuid("0B8E4C1E-5D0A-4F0E-9A53-4A3F3C1D2E10"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "regio-it", "", "1-1-1-1-1", "0b8e4c1e-5d0a-4f0e-9a53-4a3f3c1d2e1",
            "0b8e4c1e-5d0a-4f0e-9a53-4a3f3c1d2e100", "0b8e4c1e-5d0a-4f0e-9a53-4a3f3c1d2e1g",
            "abcdefgh-abcd-abcd-abcd-abcdefghijkl", "0b8e4c1e5d0a4f0e9a534a3f3c1d2e10" })
    void takesEverythingElseForASlug(String idOrSlug) {
        assertNull(Slugs.asUuid(idOrSlug));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0b8e4c1e5-d0a-4f0e-9a53-4a3f3c1d2e10", "+b8e4c1e-5d0a-4f0e-9a53-4a3f3c1d2e10",
            "0b8e4c1e-5d0a-4f0e-9a5-34a3f3c1d2e10" })
    void takesNonCanonicalUuidLookalikesForASlug(String idOrSlug) {
        assertNull(Slugs.asUuid(idOrSlug));
    }
}
