package io.github.wxlogin.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.support.Ids;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {

    private final RefreshTokens tokens = new RefreshTokens(new Ids());

    @Test
    void valuesAre43CharactersOfBase64urlCarrying256Bits() {
        String value = tokens.newValue();

        assertThat(value).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(value)).hasSize(32);
    }

    @Test
    void valuesDoNotRepeatOver10000Draws() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(tokens.newValue());
        }

        assertThat(seen).hasSize(10_000);
    }

    @Test
    void hashIsLowercaseHexSha256OfTheValue() {
        // Expected value computed outside the JVM, in a shell:
        //   printf %s 'q3JxZ7u0n9Vd3sF1bW8kT2pLc6YhR4eA0iMoXgNvUjs' | sha256sum
        String value = "q3JxZ7u0n9Vd3sF1bW8kT2pLc6YhR4eA0iMoXgNvUjs";

        assertThat(RefreshTokens.hash(value))
                .isEqualTo("20b24a8b26e9fdf53c69b3dd37c3e4528608f6ce0b04ea1421f84ed54cb0ed5f");
    }

    @Test
    void hashesOfFreshValuesAre64LowercaseHexDigitsAndNeverTheValue() {
        for (int i = 0; i < 100; i++) {
            String value = tokens.newValue();
            String hash = RefreshTokens.hash(value);

            assertThat(hash).matches("[0-9a-f]{64}").doesNotContain(value);
            assertThat(RefreshTokens.hash(value)).as("deterministic").isEqualTo(hash);
        }
    }

    @Test
    void valuesDifferingInOneCharacterHashApart() {
        String value = tokens.newValue();
        String other = (value.charAt(0) == 'A' ? 'B' : 'A') + value.substring(1);

        assertThat(RefreshTokens.hash(other)).isNotEqualTo(RefreshTokens.hash(value));
    }
}
