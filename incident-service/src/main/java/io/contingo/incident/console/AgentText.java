package io.contingo.incident.console;

/**
 * Text an agent writes, as it is kept: without the characters XML 1.0 cannot hold (control characters other than tab,
 * newline and carriage return, U+FFFE and U+FFFF, unpaired surrogates), which a paste from a terminal brings and which
 * would make the Atom and RSS feeds unreadable. Everything else is kept as written.
 */
final class AgentText {

    private AgentText() {
    }

    static String clean(String text) {
        if (text == null || text.codePoints().allMatch(AgentText::xmlHolds)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(AgentText::xmlHolds).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** XML 1.0's Char production. */
    private static boolean xmlHolds(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
