package dev.ticker.content;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Renders Markdown to HTML that is safe to embed: raw HTML in the source is escaped by the
 * renderer, and the result passes an allow-list sanitiser as a second line of defence.
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("pre", "code", "hr", "br")
                    .allowUrlProtocols("https", "http")
                    .allowElements("img").allowAttributes("src", "alt", "title").onElements("img")
                    .toFactory());

    private Markdown() {
    }

    /**
     * Renders Markdown to plain text for a plain-text e-mail: paragraphs separated by an empty
     * line, emphasis dropped, links as {@code label <url>}, list items as {@code - item}.
     */
    public static String toText(String markdown) {
        if (markdown == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        PARSER.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Paragraph paragraph) {
                block(paragraph.getParent() instanceof ListItem ? "- " : "");
                visitChildren(paragraph);
            }

            @Override
            public void visit(Heading heading) {
                block("");
                visitChildren(heading);
            }

            @Override
            public void visit(org.commonmark.node.Text literal) {
                text.append(literal.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak lineBreak) {
                text.append(' ');
            }

            @Override
            public void visit(HardLineBreak lineBreak) {
                text.append('\n');
            }

            @Override
            public void visit(Link link) {
                visitChildren(link);
                text.append(" <").append(link.getDestination()).append('>');
            }

            private void block(String prefix) {
                if (text.length() > 0) {
                    text.append(prefix.isEmpty() || text.charAt(text.length() - 1) != '\n' ? "\n\n" : "");
                }
                text.append(prefix);
            }
        });
        return text.toString().replaceAll("\n\n(- )", "\n$1").strip();
    }

    public static String toHtml(String markdown) {
        if (markdown == null) {
            return null;
        }
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown))).strip();
    }
}
