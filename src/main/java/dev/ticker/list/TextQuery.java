package dev.ticker.list;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;

import dev.ticker.problem.ProblemException;

/**
 * A search query as people type it into a web search box, turned into the text PostgreSQL's
 * {@code to_tsquery('ticker', …)} reads (docs/search.md). The syntax is that of
 * {@code websearch_to_tsquery}: words must all occur, {@code "…"} is a phrase, {@code -} excludes
 * a word or phrase, {@code or} between two words accepts either; a {@code *} after a word makes it
 * a prefix. On top of PostgreSQL's German stemming, each word also looks for
 * <ul>
 * <li>its spelling with umlauts transliterated or restored ("Bürger" and "Buerger"),</li>
 * <li>the feminine forms of a word in -er ("Bürger": "Bürgerin", "Bürgerinnen"), and the base of a
 * feminine form; gender forms with a colon, star, underscore or capital I ("Bürger:innen",
 * "BürgerInnen") are searched as the base word, which finds every form,</li>
 * <li>for the last word, unless it is quoted or the query ends in a space: every word that starts
 * with it, in either spelling (type-ahead: "Digitalis" finds "Digitalisierung").</li>
 * </ul>
 * Only letters, digits and inner hyphens reach the query text, each word quoted, so no input can
 * make {@code to_tsquery} fail.
 *
 * @param tsquery the text for {@code to_tsquery('ticker', …)}
 * @param infix   for a query of one plain word: the word in lower case, looked for inside titles
 *                (the second signal, for parts of compounds); otherwise null
 */
public record TextQuery(String tsquery, String infix) {

    /**
     * How many matches a search ranks: the newest this many of the items that match (docs/search.md
     * says why). A list with {@code q} pages through them, ranked.
     */
    public static final int WINDOW = 200;

    /** The longest query taken, in characters. */
    public static final int MAX_LENGTH = 200;
    /** The most words (and phrases) a query may have. */
    public static final int MAX_TERMS = 16;

    private static final Pattern GENDER_SEPARATED = Pattern.compile("(\\p{L}{2,})[:*_/]-?(?:innen|in)(?![\\p{L}\\p{N}])");
    private static final Pattern GENDER_CAPITAL_I = Pattern.compile("(\\p{L}*\\p{Ll})Innen(?![\\p{L}\\p{N}])");

    /** One word or phrase of the query. */
    private record Term(List<String> words, boolean negated, boolean prefix, boolean quoted) {
    }

    /** Reads the value of {@code q}; a blank, overlong or wordless query is a 400. */
    public static TextQuery parse(String q) {
        if (q.isBlank()) {
            throw ProblemException.badRequest("'q' must contain a word to search for.");
        }
        if (q.codePointCount(0, q.length()) > MAX_LENGTH) {
            throw ProblemException.badRequest("'q' must not be longer than " + MAX_LENGTH + " characters.");
        }
        String text = GENDER_CAPITAL_I.matcher(GENDER_SEPARATED.matcher(q).replaceAll("$1")).replaceAll("$1");
        List<Object> tokens = tokenize(text); // Terms and the string "or"
        long terms = tokens.stream().filter(Term.class::isInstance).count();
        if (terms == 0) {
            throw ProblemException.badRequest("'q' must contain a word to search for (letters or digits).");
        }
        if (terms > MAX_TERMS) {
            throw ProblemException.badRequest("'q' must not have more than " + MAX_TERMS + " words and phrases.");
        }
        char end = q.charAt(q.length() - 1);
        boolean typing = !Character.isWhitespace(end) && !Character.isSpaceChar(end);
        StringBuilder tsquery = new StringBuilder();
        boolean or = false;
        for (int i = 0; i < tokens.size(); i++) {
            Object token = tokens.get(i);
            if (!(token instanceof Term term)) {
                or = tsquery.length() > 0;
                continue;
            }
            if (tsquery.length() > 0) {
                tsquery.append(or ? " | " : " & ");
            }
            or = false;
            if (term.negated()) {
                tsquery.append('!');
            }
            boolean last = i == tokens.size() - 1;
            tsquery.append(render(term, last && typing && !term.negated() && !term.quoted()));
        }
        String infix = null;
        if (tokens.size() == 1 && tokens.get(0) instanceof Term term && term.words().size() == 1 && !term.negated()
                && !term.quoted() && term.words().get(0).length() >= 4) {
            infix = term.words().get(0).toLowerCase(Locale.ROOT);
        }
        return new TextQuery(tsquery.toString(), infix);
    }

    /**
     * Plans the search's statements for their query text (the best plan for a word in most
     * documents is not the one for a rare word), in this transaction, and without parallel
     * workers: starting them costs more than reading the few hundred or thousand rows of a search.
     */
    public static void planForEachQuery(EntityManager em) {
        em.createNativeQuery("select set_config('plan_cache_mode', 'force_custom_plan', true),"
                + " set_config('max_parallel_workers_per_gather', '0', true)").getSingleResult();
    }

    /** The rank of each of these search documents for the query, unordered. */
    public static List<Ranked> rank(EntityManager em, List<UUID> ids, TextQuery text) {
        if (ids.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select cast(id as text), ticker_rank(vector, :query) from search_document"
                + " where id in (:ids)").setParameter("query", text.tsquery()).setParameter("ids", ids).getResultList();
        return Ranked.of(rows);
    }

    private static String render(Term term, boolean typeAhead) {
        if (term.words().size() > 1) { // a phrase: the words in this order, each in either spelling
            List<String> words = new ArrayList<>();
            for (String word : term.words()) {
                words.add(alternatives(spellings(word)));
            }
            return "(" + String.join(" <-> ", words) + ")";
        }
        String word = term.words().get(0);
        Set<String> forms = new LinkedHashSet<>();
        for (String spelling : spellings(word)) {
            forms.add(spelling);
            forms.addAll(genderForms(spelling));
        }
        List<String> quoted = new ArrayList<>();
        for (String form : forms) {
            quoted.add(quote(form));
        }
        if (term.prefix() || typeAhead && word.length() >= 3) {
            for (String spelling : spellings(word)) {
                quoted.add(quote(spelling) + ":*");
            }
        }
        return quoted.size() == 1 ? quoted.get(0) : "(" + String.join(" | ", quoted) + ")";
    }

    private static String alternatives(List<String> forms) {
        List<String> quoted = forms.stream().map(TextQuery::quote).toList();
        return quoted.size() == 1 ? quoted.get(0) : "(" + String.join(" | ", quoted) + ")";
    }

    /** The word, and its spelling with umlauts transliterated (ä → ae) or restored (ae → ä). */
    static List<String> spellings(String word) {
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(word);
        spellings.add(word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue"));
        // not "que" (Queue) or "eue" (neue): there the letters are no transliteration
        spellings.add(word.replaceAll("(?<![qQeE])ae", "ä").replaceAll("(?<![qQeE])oe", "ö").replaceAll("(?<![qQeE])ue", "ü")
                .replaceAll("^Ae", "Ä").replaceAll("^Oe", "Ö").replaceAll("^Ue", "Ü"));
        return List.copyOf(spellings);
    }

    /** The feminine forms of a word in -er, or the base of a feminine form in -erin or -erinnen. */
    static List<String> genderForms(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.endsWith("erinnen") && lower.length() > 9) {
            return List.of(word.substring(0, word.length() - 5));
        }
        if (lower.endsWith("erin") && lower.length() > 6) {
            return List.of(word.substring(0, word.length() - 2));
        }
        if (lower.endsWith("er") && lower.length() >= 4) {
            return List.of(word + "in", word + "innen");
        }
        return List.of();
    }

    /** Letters, digits and inner hyphens only: nothing to_tsquery could read as syntax. */
    private static String quote(String word) {
        return "'" + word + "'";
    }

    /** Words, phrases, negations and "or", in the order they appear; anything else separates words. */
    private static List<Object> tokenize(String text) {
        List<Object> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            boolean negated = false;
            if (c == '-' && i + 1 < n && (text.charAt(i + 1) == '"' || isWordChar(text, i + 1))) {
                negated = true;
                i++;
                c = text.charAt(i);
            }
            if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    end = n; // an unbalanced quote runs to the end
                }
                List<String> words = words(text.substring(i + 1, end));
                if (!words.isEmpty()) {
                    tokens.add(new Term(words, negated, false, true));
                }
                i = end + 1;
                continue;
            }
            if (isWordChar(text, i)) {
                int start = i;
                while (i < n && (isWordChar(text, i) || text.charAt(i) == '-' && i + 1 < n && isWordChar(text, i + 1)
                        && i > start)) {
                    i += Character.charCount(text.codePointAt(i));
                }
                String word = text.substring(start, i);
                boolean prefix = i < n && text.charAt(i) == '*';
                if (!negated && !prefix && word.equalsIgnoreCase("or")) {
                    tokens.add("or");
                } else {
                    tokens.add(new Term(List.of(word), negated, prefix, false));
                }
                continue;
            }
            i += Character.charCount(text.codePointAt(i));
        }
        // "or" only between two terms
        while (!tokens.isEmpty() && "or".equals(tokens.get(0))) {
            tokens.remove(0);
        }
        while (!tokens.isEmpty() && "or".equals(tokens.get(tokens.size() - 1))) {
            tokens.remove(tokens.size() - 1);
        }
        return tokens;
    }

    private static List<String> words(String phrase) {
        List<String> words = new ArrayList<>();
        for (Object token : tokenize(phrase.replace('-', ' '))) {
            if (token instanceof Term term) {
                words.addAll(term.words());
            } else {
                words.add("or");
            }
        }
        return words;
    }

    private static boolean isWordChar(String text, int i) {
        int cp = text.codePointAt(i);
        return Character.isLetterOrDigit(cp);
    }
}
