package io.github.wxlogin.server.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.app.Apps;
import java.net.URI;
import org.junit.jupiter.api.Test;

class SimulatorAppsTest {

    private static final URI WECHAT = URI.create("https://api.weixin.qq.com");

    @Test
    void theDemoAppsAreSimulatorAppsAndNoOtherIs() {
        Apps apps = Apps.parse("wx0000000000000001:a,wx0000000000000003:c,wxf00dfeedbeef0001:real");

        assertThat(SimulatorApps.notSimulatorApps(apps, WECHAT)).containsExactly("wxf00dfeedbeef0001");
    }

    @Test
    void everyAppIsASimulatorAppWhenTheServicesWeChatIsASimulatorMountOnThisMachine() {
        Apps apps = Apps.parse("wxf00dfeedbeef0001:real");

        assertThat(SimulatorApps.notSimulatorApps(apps, URI.create("http://127.0.0.1:8080/wechat-sim")))
                .isEmpty();
        assertThat(SimulatorApps.notSimulatorApps(apps, URI.create("http://[::1]:8080/wechat-sim/")))
                .isEmpty();
        assertThat(SimulatorApps.notSimulatorApps(apps, URI.create("http://localhost:8080/wechat-sim")))
                .isEmpty();
        assertThat(SimulatorApps.notSimulatorApps(apps, URI.create("http://10.0.0.5:8080/wechat-sim")))
                .containsExactly("wxf00dfeedbeef0001");
        assertThat(SimulatorApps.notSimulatorApps(apps, URI.create("http://127.0.0.1:8080/")))
                .containsExactly("wxf00dfeedbeef0001");
    }
}
