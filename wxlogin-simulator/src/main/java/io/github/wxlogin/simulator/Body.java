package io.github.wxlogin.simulator;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A control request's JSON body, read field by field; a missing or mistyped field is a {@link BadInput}. */
final class Body {

    private final ObjectNode json;

    private Body(ObjectNode json) {
        this.json = json;
    }

    static Body of(SimRequest request) {
        return new Body(Json.parseObject(request.bodyView())
                .orElseThrow(() -> BadInput.badRequest("the body must be a JSON object")));
    }

    String string(String name) {
        return optionalString(name).orElseThrow(() -> BadInput.badRequest(name + " is required"));
    }

    Optional<String> optionalString(String name) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isString() || node.stringValue().isBlank()) {
            throw BadInput.badRequest(name + " must be a non-empty string");
        }
        return Optional.of(node.stringValue());
    }

    /** A string, or a number given for it (a country code sent as 86). */
    Optional<String> optionalDigits(String name) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isIntegralNumber()) {
            return Optional.of(node.asString());
        }
        return optionalString(name);
    }

    boolean bool(String name) {
        return optionalBool(name).orElseThrow(() -> BadInput.badRequest(name + " is required"));
    }

    Optional<Boolean> optionalBool(String name) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw BadInput.badRequest(name + " must be true or false");
        }
        return Optional.of(node.booleanValue());
    }

    OptionalLong optionalLong(String name, long min, long max) {
        JsonNode node = present(name);
        if (node == null) {
            return OptionalLong.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw BadInput.badRequest(name + " must be a whole number from " + min + " to " + max);
        }
        return OptionalLong.of(node.longValue());
    }

    OptionalInt optionalInt(String name, int min, int max) {
        OptionalLong v = optionalLong(name, min, max);
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    long requiredLong(String name, long min, long max) {
        return optionalLong(name, min, max).orElseThrow(() -> BadInput.badRequest(name + " is required"));
    }

    ObjectNode object(String name) {
        JsonNode node = present(name);
        if (node == null) {
            throw BadInput.badRequest(name + " is required");
        }
        if (!(node instanceof ObjectNode object)) {
            throw BadInput.badRequest(name + " must be a JSON object");
        }
        return object;
    }

    /** The field, or null when absent or JSON null. */
    private JsonNode present(String name) {
        JsonNode node = json.get(name);
        return node == null || node.isNull() ? null : node;
    }
}
