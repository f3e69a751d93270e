package io.github.wxlogin.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which X-Forwarded-For hop is the client, and which settings are refused. */
class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.10 ,2001:db8::/32");

    @Test
    void rangesAndSingleAddressesMatch() {
        assertThat(proxies.trusts("10.255.0.1")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("192.168.1.10")).isTrue();
        assertThat(proxies.trusts("192.168.1.11")).isFalse();
        assertThat(proxies.trusts("2001:db8:1::5")).isTrue();
        assertThat(proxies.trusts("2001:db9::5")).isFalse();
        assertThat(proxies.trusts("not-an-address")).isFalse();
    }

    @Test
    void aPrefixThatIsNotOnAByteBoundaryMasksTheRightBits() {
        TrustedProxies p = TrustedProxies.parse("172.16.0.0/12");
        assertThat(p.trusts("172.31.255.255")).isTrue();
        assertThat(p.trusts("172.32.0.0")).isFalse();
        assertThat(p.trusts("172.15.255.255")).isFalse();
    }

    @Test
    void aClientThatIsNoProxyIsItselfWhateverItSends() {
        assertThat(proxies.clientOf("203.0.113.9", List.of("1.2.3.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void theClientIsTheFirstUntrustedHopFromTheRight() {
        assertThat(proxies.clientOf("10.0.0.2", List.of("198.51.100.1, 203.0.113.7")))
                .isEqualTo("203.0.113.7");
        assertThat(proxies.clientOf("10.0.0.2", List.of("203.0.113.7, 10.1.1.1", "192.168.1.10")))
                .isEqualTo("203.0.113.7");
        assertThat(proxies.clientOf("10.0.0.2", List.of("2001:db9::1"))).isEqualTo("2001:db9::1");
    }

    @Test
    void aChainOfOnlyProxiesOrNoHeaderGivesTheLastKnownAddress() {
        assertThat(proxies.clientOf("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
        assertThat(proxies.clientOf("10.0.0.2", List.of("10.0.0.3, 10.0.0.4"))).isEqualTo("10.0.0.3");
    }

    @Test
    void aMalformedHopStopsTheWalkAtTheLastGoodAddress() {
        assertThat(proxies.clientOf("10.0.0.2", List.of("203.0.113.7, evil.example, 10.0.0.9")))
                .as("a host name is never resolved or believed")
                .isEqualTo("10.0.0.9");
        assertThat(proxies.clientOf("10.0.0.2", List.of("<script>"))).isEqualTo("10.0.0.2");
    }

    @Test
    void blankTrustsNone() {
        TrustedProxies none = TrustedProxies.parse(" ");
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.clientOf("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.com", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "300.1.1.1", "10.0.0"})
    void entriesThatAreNoAddressOrRangeAreRefused(String entry) {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1," + entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry.split("/")[0]);
    }
}
