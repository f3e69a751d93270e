package io.github.wxlogin.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientInfoTest {

    @Test
    void userAgentsLongerThan512CharactersAreCutTo512() {
        String long1000 = "Mozilla/5.0 ".repeat(100).substring(0, 1000);

        ClientInfo info = ClientInfo.of(long1000, "203.0.113.7");

        assertThat(info.userAgent()).hasValueSatisfying(ua -> {
            assertThat(ua).hasSize(512);
            assertThat(long1000).startsWith(ua);
        });
    }

    @Test
    void userAgentsOfAtMost512CharactersAreKeptWhole() {
        String exactly512 = "a".repeat(512);
        String wechat = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.47";

        assertThat(ClientInfo.of(exactly512, null).userAgent()).contains(exactly512);
        assertThat(ClientInfo.of(wechat, null).userAgent()).contains(wechat);
    }

    @Test
    void theCanonicalConstructorTruncatesToo() {
        ClientInfo info = new ClientInfo(Optional.of("b".repeat(513)), Optional.empty());

        assertThat(info.userAgent()).contains("b".repeat(512));
    }

    @Test
    void blankOrMissingUserAgentAndIpAreEmpty() {
        ClientInfo info = ClientInfo.of("   ", " ");

        assertThat(info.userAgent()).isEmpty();
        assertThat(info.ip()).isEmpty();
        assertThat(ClientInfo.of(null, null)).isEqualTo(ClientInfo.unknown());
    }

    @Test
    void ipIsKeptAsGiven() {
        assertThat(ClientInfo.of("ua", "2001:db8::1").ip()).contains("2001:db8::1");
    }
}
