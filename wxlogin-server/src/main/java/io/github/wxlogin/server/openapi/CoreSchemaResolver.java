package io.github.wxlogin.server.openapi;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Plain scalars read close to YAML 1.2's core schema, as OpenAPI tools (and Swagger UI) read them,
 * instead of SnakeYAML's YAML 1.1: there {@code yes}, {@code off}, {@code 2026-01-01} and
 * {@code 12:30} become a boolean, a date and the number 750, and would be written to JSON so. One
 * difference on purpose: a number with a leading zero ({@code 0123}) stays text, as SnakeYAML would
 * read {@code 017} as octal 15, and such a number is more often a code than a quantity.
 */
final class CoreSchemaResolver extends Resolver {

    private static final String DECIMAL = "(?:0|[1-9][0-9]*)";
    private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern INT = Pattern.compile("^[-+]?" + DECIMAL + "$");
    private static final Pattern FLOAT = Pattern.compile("^[-+]?(?:\\.[0-9]+|" + DECIMAL
            + "(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$" + "|^[-+]?\\.(?:inf|Inf|INF)$|^\\.(?:nan|NaN|NAN)$");
    private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL)?$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
        addImplicitResolver(Tag.INT, INT, "-+0123456789");
        addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
        addImplicitResolver(Tag.NULL, NULL, "~nN\0");
        addImplicitResolver(Tag.NULL, NULL, null);
    }
}
