package io.github.wxlogin.core.platform;

import tools.jackson.databind.JsonNode;

/** Reading the fields of a platform's JSON answers and decrypted data, the one way every client reads them. */
public final class PlatformJson {

    private PlatformJson() {}

    /** The field as text: a string that is not blank; else null (missing, null, blank or not a string). */
    public static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() || !n.isString() || n.asString().isBlank() ? null : n.asString();
    }

    /**
     * The field as text where a platform may send it as a string or a number (a phone number, a country
     * code): a string that is not blank, or a number's digits; else null.
     */
    public static String textOrNumber(JsonNode node, String field) {
        JsonNode n = node.get(field);
        if (n != null && n.isNumber()) {
            return n.asString();
        }
        return text(node, field);
    }
}
