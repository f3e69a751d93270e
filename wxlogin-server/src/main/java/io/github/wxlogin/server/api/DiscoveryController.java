package io.github.wxlogin.server.api;

import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.core.token.TokenSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token discovery for other backends: the JWKS and an OpenID-style configuration, enough for a
 * Spring Security resource server ({@code issuer-uri}) or Node's {@code jose} to verify tokens.
 */
@RestController
class DiscoveryController {

    private final SigningKeys keys;
    /** The configuration never changes while the service runs: written to JSON once, not per request. */
    private final String configuration;

    DiscoveryController(SigningKeys keys, TokenSettings settings, JsonMapper json) {
        this.keys = keys;
        this.configuration = json.writeValueAsString(configuration(settings.issuer()));
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(
                        CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicJwks());
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    String configuration() {
        return configuration;
    }

    private static Map<String, Object> configuration(String issuer) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", issuer);
        config.put("jwks_uri", issuer + "/.well-known/jwks.json");
        config.put("userinfo_endpoint", issuer + "/v1/me");
        // OpenID discovery requires these; some JWT libraries read the algorithm from here.
        config.put("id_token_signing_alg_values_supported", List.of("ES256"));
        config.put("subject_types_supported", List.of("public"));
        config.put("response_types_supported", List.of("token"));
        config.put("claims_supported", List.of("iss", "sub", "aud", "iat", "exp", "sid", "appid", "jti"));
        return config;
    }
}
