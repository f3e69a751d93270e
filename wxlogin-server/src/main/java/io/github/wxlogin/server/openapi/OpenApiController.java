package io.github.wxlogin.server.openapi;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's description, served from the jar in every mode (it is public, as the API is): YAML at
 * {@code /openapi.yaml}, byte for byte {@code docs/openapi.yaml}, and the same as JSON at
 * {@code /v3/api-docs}. A client may cache it and revalidate with its ETag. Read and converted on its
 * first request, not at start (it took a few percent of a start, docs/benchmarks.md).
 */
@RestController
class OpenApiController {

    static final String YAML = "application/yaml";

    private final SingletonSupplier<OpenApiDocument> document;

    OpenApiController(JsonMapper json) {
        this.document = SingletonSupplier.of(() -> OpenApiDocument.fromClasspath(json));
    }

    private OpenApiDocument document() {
        return document.obtain();
    }

    @GetMapping(path = "/openapi.yaml", produces = YAML)
    ResponseEntity<byte[]> yaml() {
        return answer(document().yaml());
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> json() {
        return answer(document().json());
    }

    /** With its ETag: Spring answers a matching {@code If-None-Match} 304, without the body. */
    private <T> ResponseEntity<T> answer(T body) {
        return ResponseEntity.ok()
                .eTag(document().etag())
                .cacheControl(CacheControl.noCache())
                .body(body);
    }
}
