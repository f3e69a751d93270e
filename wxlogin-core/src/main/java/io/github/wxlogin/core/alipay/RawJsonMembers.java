package io.github.wxlogin.core.alipay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The members of a JSON object with each value's exact text as it stands in the document, not parsed
 * and written again: Alipay signs the text of {@code xxx_response} as it sends it, and a verifier that
 * re-serialized it would check other bytes (a reordered key, an escaped {@code /}, a number spelled
 * otherwise). Only the top level is split; a value is taken whole, braces and brackets matched outside
 * strings. A name given twice is refused: which of the two was signed, and which a parser would read,
 * could differ.
 */
final class RawJsonMembers {

    private final String text;
    private int at;

    private RawJsonMembers(String text) {
        this.text = text;
    }

    /**
     * The top-level members of {@code json}, name to raw value text, in order.
     *
     * @throws IllegalArgumentException when it is not one JSON object, or a name comes twice
     */
    static Map<String, String> of(String json) {
        return new RawJsonMembers(json).object();
    }

    private Map<String, String> object() {
        Map<String, String> members = new LinkedHashMap<>();
        space();
        expect('{');
        space();
        if (peek() == '}') {
            at++;
        } else {
            while (true) {
                space();
                String name = string();
                space();
                expect(':');
                space();
                int start = at;
                value();
                if (members.putIfAbsent(name, text.substring(start, at)) != null) {
                    throw new IllegalArgumentException("a member is given twice");
                }
                space();
                char c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or } at " + (at - 1));
                }
            }
        }
        space();
        if (at != text.length()) {
            throw new IllegalArgumentException("text after the object");
        }
        return Collections.unmodifiableMap(members);
    }

    /** Skips one value of any kind. */
    private void value() {
        char c = peek();
        if (c == '"') {
            string();
        } else if (c == '{' || c == '[') {
            nested();
        } else {
            int start = at;
            while (at < text.length() && "{}[],:\" \t\r\n".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException("expected a value at " + at);
            }
        }
    }

    /** Skips an object or array, brackets matched outside strings. */
    private void nested() {
        int depth = 0;
        do {
            char c = next();
            if (c == '"') {
                at--;
                string();
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        } while (depth > 0);
    }

    /** A string's content, escapes decoded (names are compared decoded). */
    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw new IllegalArgumentException("a broken \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException bad) {
                        throw new IllegalArgumentException("a broken \\u escape");
                    }
                    at += 4;
                }
                default -> throw new IllegalArgumentException("a broken escape");
            }
        }
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw new IllegalArgumentException("the text ends early");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c + " at " + (at - 1));
        }
    }
}
