package io.github.wxlogin.core.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
        AlipayApp last = app("2021000000000003");
        AtomicInteger asked = new AtomicInteger();
        Map<String, Supplier<AlipayApp>> inTheMaking = new LinkedHashMap<>();
        inTheMaking.put(later.appId(), () -> {
            asked.incrementAndGet();
            return later;
        });
        inTheMaking.put(last.appId(), () -> last);
        AlipayApps apps = new AlipayApps(List.of(ready), inTheMaking);

        assertThat(apps.find(ready.appId())).containsSame(ready);
        assertThat(apps.find("2021000000000009")).isEmpty();
        assertThat(asked).hasValue(0);
        assertThat(apps.find(later.appId())).containsSame(later);
        assertThat(asked).hasValue(1);
        // In the order given.
        assertThat(apps.all()).containsExactly(ready, later, last);
        assertThat(apps).hasToString("AlipayApps[2021000000000001, 2021000000000002, 2021000000000003]");
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
