package io.github.wxlogin.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenApiDocumentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void plainScalarsAreReadAsOpenApiToolsReadThemNotAsYaml11() {
        JsonNode json = json("""
                word: yes
                switch: off
                date: 2026-01-01
                time: 12:30
                zip: 0123
                flag: true
                count: 200
                ratio: 1.5
                large: 1e3
                none: null
                empty:
                '200': quoted key
                """);

        assertThat(json.get("word").asString()).isEqualTo("yes");
        assertThat(json.get("switch").asString()).isEqualTo("off");
        assertThat(json.get("date").asString()).isEqualTo("2026-01-01");
        assertThat(json.get("time").asString()).isEqualTo("12:30");
        assertThat(json.get("zip").asString()).isEqualTo("0123");
        assertThat(json.get("flag").isBoolean()).isTrue();
        assertThat(json.get("count").isInt()).isTrue();
        assertThat(json.get("count").asInt()).isEqualTo(200);
        assertThat(json.get("ratio").asDouble()).isEqualTo(1.5);
        assertThat(json.get("large").asDouble()).isEqualTo(1000.0);
        assertThat(json.get("none").isNull()).isTrue();
        assertThat(json.get("empty").isNull()).isTrue();
        assertThat(json.get("200").asString()).isEqualTo("quoted key");
    }

    @Test
    void theYamlIsKeptByteForByte() {
        byte[] yaml = "openapi: 3.1.0 # a comment\ninfo: {title: x, version: '1'}\n".getBytes(StandardCharsets.UTF_8);

        assertThat(OpenApiDocument.of(yaml, JSON).yaml()).isEqualTo(yaml);
    }

    @Test
    void theEtagChangesWithTheDocument() {
        String one = OpenApiDocument.of("a: 1\n".getBytes(StandardCharsets.UTF_8), JSON)
                .etag();
        String other = OpenApiDocument.of("a: 2\n".getBytes(StandardCharsets.UTF_8), JSON)
                .etag();

        assertThat(one).startsWith("\"").endsWith("\"").isNotEqualTo(other);
    }

    @Test
    void aDuplicatedKeyIsRefusedRatherThanOneOfItsValuesKept() {
        assertThatThrownBy(() -> json("a: 1\na: 2\n")).hasMessageContaining("duplicate");
    }

    private static JsonNode json(String yaml) {
        return JSON.readTree(
                OpenApiDocument.of(yaml.getBytes(StandardCharsets.UTF_8), JSON).json());
    }
}
