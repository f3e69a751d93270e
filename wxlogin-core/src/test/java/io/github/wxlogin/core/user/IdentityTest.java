package io.github.wxlogin.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityTest {

    @Test
    void anIdentitysIdIsTheBase64urlOfTheFirst16BytesOfTheSha256OfAppAndOpenid() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest("wx0000000000000001\noAbC-123".getBytes(StandardCharsets.UTF_8));

        String id = Identity.idOf("wx0000000000000001", "oAbC-123");

        assertThat(id)
                .isEqualTo("i_" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)));
        assertThat(id).matches("i_[A-Za-z0-9_-]{22}");
    }

    @Test
    void theIdDependsOnAppAndOpenidOnlyAndTellsTheirBoundary() {
        Identity identity = new Identity("wx1", "o_1", "u_1", Optional.empty());

        assertThat(identity.id())
                .isEqualTo(new Identity("wx1", "o_1", "u_2", Optional.of("un_1")).id())
                .isNotEqualTo(Identity.idOf("wx2", "o_1"))
                .isNotEqualTo(Identity.idOf("wx1", "o_2"))
                .isNotEqualTo(Identity.idOf("wx1o", "_1"))
                .doesNotContain("o_1");
    }
}
