package dev.ticker.issue;

/** Plain text for the text part of an e-mail: wrapped at a width, words kept whole. */
final class PlainText {

    /** The width of the text e-mail: 72 columns, as mail clients expect. */
    static final int WIDTH = 72;

    private PlainText() {
    }

    /**
     * Wraps each line of a text at {@code width} characters (code points) between words; a word
     * longer than the width (a URL) stands on a line of its own. Existing line breaks stay.
     */
    static String wrap(String text, int width) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            int column = 0;
            for (String word : line.strip().split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                int length = word.codePointCount(0, word.length());
                if (column > 0 && column + 1 + length > width) {
                    out.append('\n');
                    column = 0;
                } else if (column > 0) {
                    out.append(' ');
                    column++;
                }
                out.append(word);
                column += length;
            }
        }
        return out.toString();
    }
}
