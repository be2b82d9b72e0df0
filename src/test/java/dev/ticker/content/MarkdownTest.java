package dev.ticker.content;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** news.bodyHtml per DESIGN.md: the Markdown body "rendered and sanitised". */
class MarkdownTest {

    /** An attribute that would run script or load inline content when followed (entity-encoded or not). */
    private static final Pattern SCRIPT_URL = Pattern.compile(
            "(href|src)\\s*=\\s*[\"']?\\s*(javascript|vbscript|data)(:|&#0*58;|&#x0*3a;|&colon;)", Pattern.CASE_INSENSITIVE);

    @Test
    void rendersEmphasisAndStrongEmphasis() {
        String html = Markdown.toHtml("So soll der Dialog zu **Themen der digitalen Verwaltung** *gefördert* werden.");
        assertThat(html, containsString("<strong>Themen der digitalen Verwaltung</strong>"));
        assertThat(html, containsString("<em>"));
        assertThat(html, containsString("</em>"));
        assertThat(html, containsString("<p>"));
    }

    @Test
    void rendersListsAndParagraphs() {
        String html = Markdown.toHtml("Erster Absatz.\n\n- eins\n- zwei\n");
        assertThat(html, containsString("<p>Erster Absatz.</p>"));
        assertThat(html, containsString("<ul>"));
        assertThat(html, containsString("<li>eins</li>"));
    }

    @Test
    void escapesRawScriptElements() {
        String html = Markdown.toHtml("Vorher\n\n<script>alert('x')</script>\n\nNachher <script>alert(1)</script>");
        assertThat(html.toLowerCase(Locale.ROOT), not(containsString("<script")));
        // the text stays visible as text, so nothing an editor wrote silently vanishes
        assertThat(html, containsString("&lt;script&gt;"));
        assertThat(html, containsString("Nachher"));
    }

    @Test
    void escapesRawHtmlEventHandlers() {
        String html = Markdown.toHtml("<img src=\"x\" onerror=\"alert(1)\"> und <a href=\"https://example.org\" onclick=\"alert(1)\">x</a>");
        assertThat(html.toLowerCase(Locale.ROOT), not(containsString("<img src=\"x\" onerror")));
        assertThat(html.toLowerCase(Locale.ROOT), not(containsString(" onerror=")));
        assertThat(html.toLowerCase(Locale.ROOT), not(containsString(" onclick=")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "[Hier klicken](javascript:alert(1))", "[Hier klicken](JaVaScRiPt:alert(1))",
            "[Hier klicken](javascript&#58;alert(1))", "[Hier klicken](vbscript:msgbox(1))",
            "[Hier klicken](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[Hier klicken][ref]\n\n[ref]: javascript:alert(1)", "<javascript:alert(1)>" })
    void neutralisesScriptLinks(String markdown) {
        String html = Markdown.toHtml(markdown);
        assertFalse(SCRIPT_URL.matcher(html).find(), html);
        assertThat(html.toLowerCase(Locale.ROOT), not(containsString("<script")));
    }

    @Test
    void keepsTheTextOfANeutralisedLink() {
        assertThat(Markdown.toHtml("[Hier klicken](javascript:alert(1))"), containsString("Hier klicken"));
    }

    @Test
    void neutralisesScriptUrlsInImages() {
        String html = Markdown.toHtml("![Logo](javascript:alert(1)) ![Bild](data:image/svg+xml;base64,PHN2Zz4=)");
        assertFalse(SCRIPT_URL.matcher(html).find(), html);
    }

    @Test
    void keepsHttpsLinksWithTheirHref() {
        String html = Markdown.toHtml("[Hier hineinhören](https://www.behoerden-spiegel.de/podcast/)");
        assertThat(html, containsString("href=\"https://www.behoerden-spiegel.de/podcast/\""));
        assertThat(html, containsString(">Hier hineinhören</a>"));
    }

    @Test
    void keepsHttpsLinksWithQueryStrings() {
        String html = Markdown.toHtml("[Programm](https://example.org/programm?tag=2&ort=Leipzig)");
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        assertTrue(href.find(), html);
        assertEquals("https://example.org/programm?tag=2&ort=Leipzig", unescape(href.group(1)));
    }

    /** The value an HTML attribute stands for (the sanitiser may encode any character). */
    private static String unescape(String attribute) {
        Matcher entity = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|quot|lt|gt|apos);").matcher(attribute);
        StringBuilder text = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String c = switch (name) {
                case "amp" -> "&";
                case "quot" -> "\"";
                case "lt" -> "<";
                case "gt" -> ">";
                case "apos" -> "'";
                default -> Character.toString(name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1)));
            };
            entity.appendReplacement(text, Matcher.quoteReplacement(c));
        }
        return entity.appendTail(text).toString();
    }

    @Test
    void rendersNothingForNoBody() {
        assertNull(Markdown.toHtml(null));
    }
}
