package io.github.wxlogin.server.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's OpenAPI description: {@code docs/openapi.yaml}, which the build copies into the jar
 * (wxlogin-server/pom.xml), read once at start and kept as it is, and as JSON.
 */
final class OpenApiDocument {

    static final String RESOURCE = "/openapi/openapi.yaml";

    private final byte[] yaml;
    private final String json;
    private final String etag;

    private OpenApiDocument(byte[] yaml, String json) {
        this.yaml = yaml;
        this.json = json;
        this.etag = "\"" + sha256(yaml) + "\"";
    }

    /** The copy in the jar; a jar without it was built wrong, and the service does not start. */
    static OpenApiDocument fromClasspath(JsonMapper mapper) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + RESOURCE
                        + " is missing: the build copies docs/openapi.yaml there (wxlogin-server/pom.xml)");
            }
            return of(in.readAllBytes(), mapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OpenApiDocument of(byte[] yaml, JsonMapper mapper) {
        LoaderOptions loading = new LoaderOptions();
        loading.setAllowDuplicateKeys(false);
        DumperOptions dumping = new DumperOptions();
        Yaml reader = new Yaml(
                new SafeConstructor(loading), new Representer(dumping), dumping, loading, new CoreSchemaResolver());
        Object tree = reader.load(new String(yaml, StandardCharsets.UTF_8));
        return new OpenApiDocument(yaml.clone(), mapper.writeValueAsString(tree));
    }

    byte[] yaml() {
        return yaml.clone();
    }

    String json() {
        return json;
    }

    /** A strong validator of the document (both forms change together). */
    String etag() {
        return etag;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
