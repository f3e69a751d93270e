package io.github.wxlogin.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which bucket an address counts against. */
class ClientKeyTest {

    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertThat(ClientKey.of("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareOneKey() {
        assertThat(ClientKey.of("2001:db8:1:2:aaaa::1"))
                .isEqualTo(ClientKey.of("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientKey.of("2001:db8:1:3::1")).isNotEqualTo(ClientKey.of("2001:db8:1:2::1"));
    }

    @Test
    void oneAddressWrittenTwoWaysIsOneKey() {
        assertThat(ClientKey.of("2001:DB8:1:2::1")).isEqualTo(ClientKey.of("2001:0db8:0001:0002:0:0:0:1"));
        assertThat(ClientKey.of("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
