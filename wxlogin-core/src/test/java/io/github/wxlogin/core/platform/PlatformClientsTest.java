package io.github.wxlogin.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformClientsTest {

    /** A platform that answers every code with an openid naming itself. */
    private record Named(String name) implements PlatformClient {
        @Override
        public PlatformSession exchangeCode(App app, String code) {
            return new PlatformSession(name + "-" + code, "key", Optional.empty());
        }

        @Override
        public PlatformPhone phoneNumber(App app, String openid, String code) {
            return new PlatformPhone(name, name, "86", Optional.empty());
        }

        @Override
        public boolean checksSessionKeys(App app) {
            return name.equals("wechat");
        }

        @Override
        public boolean sessionKeyValid(App app, String openid, String sessionKey) {
            return name.equals("wechat");
        }
    }

    private final App wechat = new App(Platform.WECHAT, "wx1", "s", Optional.empty());
    private final App douyin = new App(Platform.DOUYIN, "tt1", "s", Optional.empty());

    @Test
    void eachCallGoesToTheClientOfTheAppsPlatform() throws Exception {
        PlatformClients clients = PlatformClients.of(
                Map.of(Platform.WECHAT, new Named("wechat"), Platform.DOUYIN, new Named("douyin")),
                new Apps(List.of(wechat, douyin)));
        assertThat(clients.exchangeCode(douyin, "c").openid()).isEqualTo("douyin-c");
        assertThat(clients.exchangeCodeAsync(wechat, "c").get().openid()).isEqualTo("wechat-c");
        assertThat(clients.phoneNumber(douyin, "o", "c").phoneNumber()).isEqualTo("douyin");
        assertThat(clients.sessionKeyValid(wechat, "o", "k")).isTrue();
        assertThat(clients.sessionKeyValid(douyin, "o", "k")).isFalse();
        assertThat(clients.checksSessionKeys(wechat)).isTrue();
        assertThat(clients.checksSessionKeys(douyin)).isFalse();
    }

    @Test
    void anAppWhosePlatformHasNoClientIsRefusedAtStartByName() {
        assertThatThrownBy(() -> PlatformClients.of(
                        Map.of(Platform.WECHAT, new Named("wechat")), new Apps(List.of(wechat, douyin))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app tt1 is a douyin app");
    }
}
