package io.github.wxlogin.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    private final Ids ids = new Ids();

    @Test
    void userIdsAreUPrefixedBase64urlOf128Bits() {
        String id = ids.userId();

        assertThat(id).startsWith("u_");
        assertThat(id.substring(2)).matches("[A-Za-z0-9_-]{22}");
        assertThat(Base64.getUrlDecoder().decode(id.substring(2))).hasSize(16);
    }

    @Test
    void sessionIdsAreSPrefixedBase64urlOf128Bits() {
        String id = ids.sessionId();

        assertThat(id).startsWith("s_");
        assertThat(id.substring(2)).matches("[A-Za-z0-9_-]{22}");
        assertThat(Base64.getUrlDecoder().decode(id.substring(2))).hasSize(16);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 12, 16, 32, 33})
    void randomTextIsUnpaddedBase64urlOfTheAskedNumberOfBytes(int bytes) {
        String text = ids.randomText(bytes);

        assertThat(text).matches("[A-Za-z0-9_-]+").doesNotContain("=");
        assertThat(text).hasSize((bytes * 4 + 2) / 3);
        assertThat(Base64.getUrlDecoder().decode(text)).hasSize(bytes);
    }

    @Test
    void userAndSessionIdsDoNotRepeatOver10000Draws() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.userId())).isTrue();
            assertThat(seen.add(ids.sessionId())).isTrue();
        }
        assertThat(seen).hasSize(20_000);
    }

    @Test
    void randomTextComesFromTheGivenSecureRandom() {
        SecureRandom zeros = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        };
        Ids fixed = new Ids(zeros);

        assertThat(fixed.randomText(3)).isEqualTo("AAAA");
        assertThat(fixed.userId()).isEqualTo("u_AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(fixed.sessionId()).isEqualTo("s_AAAAAAAAAAAAAAAAAAAAAA");
    }
}
