package io.github.wxlogin.core.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlipayAppsTest {

    private static AlipayApp app(String appId) {
        return new AlipayApp(
                appId,
                AlipayVectors.appPrivateKey(),
                AlipayVectors.alipayPublicKey(),
                Optional.empty(),
                AlipayIdMode.AUTO);
    }

    @Test
    void anAppInTheMakingIsAskedForAtItsUseOnlyAndFoundBesideTheReadyOnes() {
        AlipayApp ready = app("2021000000000001");
        AlipayApp later = app("2021000000000002");
        AtomicInteger asked = new AtomicInteger();
        AlipayApps apps = new AlipayApps(List.of(ready), Map.of(later.appId(), () -> {
            asked.incrementAndGet();
            return later;
        }));

        assertThat(apps.find(ready.appId())).containsSame(ready);
        assertThat(apps.find("2021000000000009")).isEmpty();
        assertThat(asked).hasValue(0);
        assertThat(apps.find(later.appId())).containsSame(later);
        assertThat(asked).hasValue(1);
        assertThat(apps.all()).containsExactly(ready, later);
        assertThat(apps).hasToString("AlipayApps[2021000000000001, 2021000000000002]");
    }

    @Test
    void anAppGivenBothReadyAndInTheMakingIsRefused() {
        AlipayApp app = app("2021000000000001");

        assertThatThrownBy(() -> new AlipayApps(List.of(app), Map.of(app.appId(), () -> app)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Alipay app 2021000000000001 is configured twice");
        assertThatThrownBy(() -> new AlipayApps(List.of(app, app)))
                .hasMessage("Alipay app 2021000000000001 is configured twice");
    }
}
