package dev.ticker.list;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticker.problem.ProblemException;

/** A search box query becomes tsquery text that finds what German readers mean and that no input can break. */
class TextQueryTest {

    /** The six forms "Bürger" looks for, without type-ahead. */
    private static final String BUERGER = "'Bürger' | 'Bürgerin' | 'Bürgerinnen' | 'Buerger' | 'Buergerin' | 'Buergerinnen'";

    /** A quoted word of letters, digits and inner hyphens, perhaps a prefix; nothing else may be inside quotes. */
    private static final Pattern QUOTED_WORD = Pattern.compile("'[\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+)*'(?::\\*)?");

    // --- words, phrases, operators ---------------------------------------------------------------

    @Test
    void aWordIsQuotedAndWhileTypingAlsoAPrefix() {
        TextQuery query = TextQuery.parse("Kommune");
        assertEquals("('Kommune' | 'Kommune':*)", query.tsquery());
        assertEquals("kommune", query.infix());
    }

    @Test
    void allWordsMustOccurAndOnlyTheLastIsTypedAhead() {
        assertEquals("'Digitalis' & ('Verwaltung' | 'Verwaltung':*)", TextQuery.parse("Digitalis Verwaltung").tsquery());
        assertEquals("'Verwaltung' & ('Digitalis' | 'Digitalis':*)", TextQuery.parse("Verwaltung Digitalis").tsquery());
    }

    @Test
    void aQueryEndingInASpaceIsNotTypedAhead() {
        assertEquals("'Digitalis'", TextQuery.parse("Digitalis ").tsquery());
        assertEquals("'Digitalis' & 'Verwaltung'", TextQuery.parse("Digitalis Verwaltung ").tsquery());
        assertEquals("'Digitalis'", TextQuery.parse("Digitalis\t").tsquery());
    }

    @Test
    void wordsShorterThanThreeLettersAreNotTypedAhead() {
        assertEquals("'eA'", TextQuery.parse("eA").tsquery());
        assertEquals("('eAk' | 'eAk':*)", TextQuery.parse("eAk").tsquery());
    }

    @Test
    void aStarMakesAnyWordAPrefix() {
        assertEquals("('Digi' | 'Digi':*) & 'Verwaltung'", TextQuery.parse("Digi* Verwaltung ").tsquery());
        assertEquals("('eA' | 'eA':*)", TextQuery.parse("eA*").tsquery());
    }

    @Test
    void aQuotedPhraseKeepsItsWordsInOrderAndIsNeverAPrefix() {
        assertEquals("('digitale' <-> 'Verwaltung')", TextQuery.parse("\"digitale Verwaltung\"").tsquery());
        assertEquals("'Stadt' & ('digitale' <-> 'Verwaltung')", TextQuery.parse("Stadt \"digitale Verwaltung\"").tsquery());
        // each word of a phrase in either spelling
        assertEquals("(('Bürger' | 'Buerger') <-> 'Service')", TextQuery.parse("\"Bürger Service\"").tsquery());
        // a hyphen inside a phrase separates its words
        assertEquals("('E' <-> 'Akte')", TextQuery.parse("\"E-Akte\"").tsquery());
        assertNull(TextQuery.parse("\"digitale Verwaltung\"").infix(), "a phrase looks for no compound part");
    }

    @Test
    void aMinusExcludesAWordOrAPhraseAndIsNeverAPrefix() {
        assertEquals("'Kommune' & !'Stadt'", TextQuery.parse("Kommune -Stadt ").tsquery());
        assertEquals("'Kommune' & !'Stadt'", TextQuery.parse("Kommune -Stadt").tsquery());
        assertEquals("'Kommune' & !('digitale' <-> 'Verwaltung')", TextQuery.parse("Kommune -\"digitale Verwaltung\"").tsquery());
        assertEquals("'Kommune' & !(" + BUERGER + ")", TextQuery.parse("Kommune -Bürger").tsquery());
        assertNull(TextQuery.parse("-Anmeldung").infix(), "an excluded word looks for no compound part");
    }

    @Test
    void orBetweenTwoWordsAcceptsEither() {
        assertEquals("'Kommune' | ('Stadt' | 'Stadt':*)", TextQuery.parse("Kommune or Stadt").tsquery());
        assertEquals("'Kommune' | 'Stadt'", TextQuery.parse("Kommune OR Stadt ").tsquery());
        assertEquals("'Kommune' & 'Land' | 'Stadt'", TextQuery.parse("Kommune Land or Stadt ").tsquery());
    }

    @Test
    void orAtTheEdgesOrTwiceIsNoOperator() {
        assertEquals("'Kommune'", TextQuery.parse("or Kommune ").tsquery());
        assertEquals("'Kommune'", TextQuery.parse("Kommune or ").tsquery());
        assertEquals("'Kommune' | 'Stadt'", TextQuery.parse("Kommune or or Stadt ").tsquery());
        // "or" with a star or a minus is a word
        assertEquals("('or' | 'or':*) & 'Kommune'", TextQuery.parse("or* Kommune ").tsquery());
        assertEquals("!'or' & 'Kommune'", TextQuery.parse("-or Kommune ").tsquery());
    }

    // --- German ----------------------------------------------------------------------------------

    @Test
    void umlautsAndTheirTransliterationsFindEachOther() {
        assertEquals("('Städte' | 'Staedte')", TextQuery.parse("Städte ").tsquery());
        assertEquals("('Staedte' | 'Städte')", TextQuery.parse("Staedte ").tsquery());
        assertEquals("('Bürger' | 'Bürgerin' | 'Bürgerinnen' | 'Buerger' | 'Buergerin' | 'Buergerinnen')",
                TextQuery.parse("Bürger ").tsquery());
        assertEquals("('Buerger' | 'Buergerin' | 'Buergerinnen' | 'Bürger' | 'Bürgerin' | 'Bürgerinnen')",
                TextQuery.parse("Buerger ").tsquery());
        assertEquals(List.of("Öl", "Oel"), TextQuery.spellings("Öl"));
        assertEquals(List.of("Oel", "Öl"), TextQuery.spellings("Oel"));
        assertEquals(List.of("Änderung", "Aenderung"), TextQuery.spellings("Änderung"));
        assertEquals(List.of("Übergabe", "Uebergabe"), TextQuery.spellings("Übergabe"));
        assertEquals(List.of("größer", "groeßer"), TextQuery.spellings("größer"));
    }

    @Test
    void aWordBeingTypedIsAPrefixInEitherSpelling() {
        String typed = TextQuery.parse("Buergermeis").tsquery();
        String umlaut = TextQuery.parse("Bürgermeis").tsquery();
        assertAll(() -> assertThat(typed, containsString("'Buergermeis':*")),
                () -> assertThat(typed, containsString("'Bürgermeis':*")),
                () -> assertThat(umlaut, containsString("'Bürgermeis':*")),
                () -> assertThat(umlaut, containsString("'Buergermeis':*")));
        assertThat(TextQuery.parse("Buergermeis ").tsquery(), not(containsString(":*")));
    }

    @Test
    void lettersThatOnlyLookLikeATransliterationStayAsTheyAre() {
        assertEquals(List.of("Queue"), TextQuery.spellings("Queue"));
        assertEquals(List.of("neue"), TextQuery.spellings("neue"));
        assertEquals(List.of("Steuer"), TextQuery.spellings("Steuer"));
    }

    @Test
    void aWordInErAlsoFindsItsFeminineFormsAndTheFeminineFindsTheBase() {
        assertEquals(List.of("Bürgerin", "Bürgerinnen"), TextQuery.genderForms("Bürger"));
        assertEquals(List.of("Bürger"), TextQuery.genderForms("Bürgerinnen"));
        assertEquals(List.of("Bürger"), TextQuery.genderForms("Bürgerin"));
        assertEquals(List.of("Lehrer"), TextQuery.genderForms("Lehrerinnen"));
        assertEquals(List.of(), TextQuery.genderForms("Kommune"));
        assertEquals(List.of(), TextQuery.genderForms("er"), "too short to be a word in -er");
        assertEquals("('Bürgerinnen' | 'Bürger' | 'Buergerinnen' | 'Buerger')", TextQuery.parse("Bürgerinnen ").tsquery());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bürger:innen", "Bürger*innen", "Bürger_innen", "BürgerInnen", "Bürger/innen", "Bürger/-innen",
            "Bürger:in", "Bürger*in", "Bürger_in" })
    void aGenderFormWithASeparatorOrCapitalIIsSearchedAsItsBase(String form) {
        assertEquals(TextQuery.parse("Bürger"), TextQuery.parse(form));
        assertEquals(TextQuery.parse("Bürger "), TextQuery.parse(form + " "));
        assertEquals(TextQuery.parse("Stadt Bürger Hagen"), TextQuery.parse("Stadt " + form + " Hagen"));
    }

    @Test
    void wordsThatMerelyContainInnenAreLeftAlone() {
        assertEquals("('Innenstadt' | 'Innenstadt':*)", TextQuery.parse("Innenstadt").tsquery());
        assertEquals("('Innen' | 'Innen':*)", TextQuery.parse("Innen").tsquery());
        assertEquals("('Spinnen' | 'Spinnen':*)", TextQuery.parse("Spinnen").tsquery());
    }

    // --- compound parts (infix) ------------------------------------------------------------------

    @Test
    void oneWordOfFourLettersOrMoreIsAlsoLookedForInsideTitles() {
        assertEquals("anmeldung", TextQuery.parse("Anmeldung").infix());
        assertEquals("anmeldung", TextQuery.parse("Anmeldung ").infix());
        assertEquals("amts", TextQuery.parse("Amts").infix());
        assertEquals("bürger", TextQuery.parse("Bürger:innen").infix());
        assertEquals("e-akte", TextQuery.parse("E-Akte").infix());
    }

    @Test
    void shortWordsSeveralWordsPhrasesAndExclusionsLookForNoCompoundPart() {
        assertNull(TextQuery.parse("Amt").infix());
        assertNull(TextQuery.parse("Anmeldung Hagen").infix());
        assertNull(TextQuery.parse("Anmeldung or Hagen").infix());
        assertNull(TextQuery.parse("-Anmeldung").infix());
        assertNull(TextQuery.parse("\"elektronische Anmeldung\"").infix());
    }

    // --- limits ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "   \t ", "'&|!", "-", "\"\"", "***", ":*", "<->", "()", "!!", "&&||", "\"   \"", "- -", "or",
            "or or", "\\", "%_", "🎉🎉" })
    void aQueryWithoutAnyWordIsA400(String q) {
        ProblemException e = assertThrows(ProblemException.class, () -> TextQuery.parse(q), q);
        assertEquals(400, e.status());
    }

    @Test
    void aQueryOfMoreThan200CharactersIsA400() {
        assertEquals("'" + "a".repeat(199) + "'", TextQuery.parse("a".repeat(199) + " ").tsquery());
        assertEquals("('" + "a".repeat(200) + "' | '" + "a".repeat(200) + "':*)", TextQuery.parse("a".repeat(200)).tsquery());
        // characters, not UTF-16 units or bytes: 200 umlauts and 200 emoji are fine
        TextQuery.parse("ä".repeat(200));
        TextQuery.parse("a" + "🎉".repeat(199));
        for (String q : List.of("a".repeat(201), "ä".repeat(201), "Bürger ".repeat(29) + "Bürger", "x".repeat(10_240))) {
            ProblemException e = assertThrows(ProblemException.class, () -> TextQuery.parse(q));
            assertEquals(400, e.status());
            assertThat(e.getMessage(), containsString("200"));
        }
    }

    @Test
    void aQueryOfMoreThan16WordsAndPhrasesIsA400() {
        TextQuery.parse("wort ".repeat(16));
        TextQuery.parse("\"a b\" ".repeat(16));
        TextQuery.parse("wort or ".repeat(15) + "wort");
        for (String q : List.of("wort ".repeat(17), "\"a b\" ".repeat(17), "-wort ".repeat(17), "wort ".repeat(16) + "\"a b\"")) {
            ProblemException e = assertThrows(ProblemException.class, () -> TextQuery.parse(q), q);
            assertEquals(400, e.status());
            assertThat(e.getMessage(), containsString("16"));
        }
    }

    // --- hostile input ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "'", "a'b", "'Bürger'", "a''b", "\"", "\"unbalanced phrase", "a\"b\"c\"d", "\\", "a\\b", "a\\'b",
            "Bürger\\", ":*", "a:*", "a:*b", "a:A", "a:*AB", "a & b", "a | b", "!a", "a !b", "a&|!b", "a <-> b", "a<2>b", "(a", "a)",
            "((a | b) & !c)", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "x'); drop table news; --",
            "' or 1=1 --", "1' union select * from token --", "$$; select pg_sleep(10); $$", "a%b_c", "%", "a -- b", "/* a */",
            "Bürger:*innen", "E--Akte", "-E-Akte-", "--a", "a-", "-\"", "-\"a", "\"-a\"", "a*b*c", "*a", "a**", "ʼa", "a\u00a0b",
            "x\u200bb", "日本語 テスト", "١٢٣", "Ǆemal", "a\u0301b", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "e\u0000x", "\u0001a", "a\nb\r\nc", "a:*)|(!b" })
    void hostileInputGivesOnlyQuotedWordsAndOperators(String q) {
        TextQuery query;
        try {
            query = TextQuery.parse(q);
        } catch (ProblemException e) {
            assertEquals(400, e.status(), q);
            return;
        }
        assertSafe(q, query.tsquery());
        if (query.infix() != null) {
            assertTrue(query.infix().matches("[\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+)*"), "no LIKE wildcard in " + query.infix());
        }
    }

    @Test
    void sqlAndTsqueryOperatorsInTheInputAreJustSeparators() {
        assertEquals("'x' & 'drop' & 'table' & ('news' | 'news':*)", TextQuery.parse("x'); drop table news").tsquery());
        assertEquals("'a' & 'b'", TextQuery.parse("a & b ").tsquery());
        assertEquals("'a' & 'b'", TextQuery.parse("a | b ").tsquery());
        assertEquals("'a' & 'b'", TextQuery.parse("a:* b ").tsquery());
        assertEquals("'script' & 'alert' & '1' & ('script' | 'script':*)", TextQuery.parse("<script>alert(1)</script>").tsquery());
    }

    /**
     * Checks that a tsquery text is quoted words (letters, digits, inner hyphens; maybe {@code :*})
     * joined by {@code & | ! <->} and balanced parentheses, and that operators and words alternate.
     */
    private static void assertSafe(String input, String tsquery) {
        assertFalse(tsquery.isBlank(), input);
        Matcher words = QUOTED_WORD.matcher(tsquery);
        StringBuilder skeleton = new StringBuilder();
        int end = 0;
        while (words.find()) {
            skeleton.append(tsquery, end, words.start()).append('W');
            end = words.end();
        }
        skeleton.append(tsquery.substring(end));
        String shape = skeleton.toString().replace("<->", "P").replace(" ", "");
        assertTrue(shape.matches("[W&|!P()]+"), "only quoted words and operators: " + tsquery + " (from " + input + ")");
        Deque<Character> open = new ArrayDeque<>();
        char previous = '(';
        for (char c : shape.toCharArray()) {
            boolean binary = c == '&' || c == '|' || c == 'P';
            if (c == '(') {
                open.push(c);
            } else if (c == ')') {
                assertFalse(open.isEmpty(), "balanced parentheses: " + tsquery);
                open.pop();
            }
            if (c == 'W' || c == '(' || c == '!') {
                assertTrue(previous == '(' || previous == '!' || previous == '&' || previous == '|' || previous == 'P',
                        "an operand after an operator: " + tsquery);
            }
            if (binary || c == ')') {
                assertTrue(previous == 'W' || previous == ')', "an operator after an operand: " + tsquery);
            }
            previous = c;
        }
        assertTrue(open.isEmpty(), "balanced parentheses: " + tsquery);
        assertTrue(previous == 'W' || previous == ')', "ends with an operand: " + tsquery);
    }
}
