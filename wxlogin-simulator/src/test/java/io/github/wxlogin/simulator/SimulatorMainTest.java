package io.github.wxlogin.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    private static final Properties NO_PROPS = new Properties();

    @Test
    void defaultsArePort8081OnAllAddressesWithTheDemoApps() {
        SimulatorMain.Config c = SimulatorMain.parse(new String[0], Map.of(), NO_PROPS);

        assertThat(c.port()).isEqualTo(8081);
        assertThat(c.address()).isEqualTo("0.0.0.0");
        assertThat(c.demoApps()).isTrue();
        assertThat(c.apps().find(DemoApps.APP_1).orElseThrow().secret()).isEqualTo("sim-secret-0001");
        assertThat(c.rotateSessionKey()).isFalse();
        assertThat(c.minuteLimit()).isEqualTo(100);
    }

    @Test
    void argumentsAndEnvironmentAreRead() {
        SimulatorMain.Config c = SimulatorMain.parse(
                new String[] {"--server.port=18081", "--server.address=127.0.0.1"},
                Map.of(
                        "WXSIM_APPS",
                        "wxaaa:s1:g,wxbbb:s2",
                        "WXSIM_ROTATE_SESSION_KEY",
                        "TRUE",
                        "WXSIM_MINUTE_LIMIT",
                        "0"),
                NO_PROPS);

        assertThat(c.port()).isEqualTo(18081);
        assertThat(c.address()).isEqualTo("127.0.0.1");
        assertThat(c.demoApps()).isFalse();
        assertThat(c.apps().find("wxaaa").orElseThrow().group()).hasValue("g");
        assertThat(c.apps().find("wxbbb").orElseThrow().group()).isEmpty();
        assertThat(c.rotateSessionKey()).isTrue();
        assertThat(c.minuteLimit()).isZero();
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        Properties props = new Properties();
        props.setProperty("wxsim.apps", "wxprop:s");

        SimulatorMain.Config c = SimulatorMain.parse(new String[0], Map.of("WXSIM_APPS", "wxenv:s"), props);

        assertThat(c.apps().find("wxprop")).isPresent();
        assertThat(c.apps().find("wxenv")).isEmpty();
    }

    @Test
    void badConfigurationIsRefusedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--server.port=x"}, Map.of(), NO_PROPS))
                .hasMessageContaining("--server.port");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--nope"}, Map.of(), NO_PROPS))
                .hasMessageContaining("--nope");
        assertThatThrownBy(
                        () -> SimulatorMain.parse(new String[0], Map.of("WXSIM_ROTATE_SESSION_KEY", "yes"), NO_PROPS))
                .hasMessageContaining("WXSIM_ROTATE_SESSION_KEY");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[0], Map.of("WXSIM_MINUTE_LIMIT", "-3"), NO_PROPS))
                .hasMessageContaining("WXSIM_MINUTE_LIMIT");
        assertThatThrownBy(
                        () -> SimulatorMain.parse(new String[0], Map.of("WXSIM_APPS", "wxa:hunter2:g:extra"), NO_PROPS))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("hunter2");
        assertThat(SimulatorMain.parse(new String[] {"--help"}, Map.of(), NO_PROPS))
                .isNull();
    }

    @Test
    void startupBannerListsAppIdsButNotConfiguredSecrets() {
        SimulatorMain.Config c = SimulatorMain.parse(
                new String[] {"--server.address=127.0.0.1", "--server.port=0"},
                Map.of("WXSIM_APPS", "wxaaa:hunter2:g"),
                NO_PROPS);

        String banner = banner(c);

        assertThat(banner)
                .contains("wxaaa (group g)")
                .contains("http://127.0.0.1:")
                .doesNotContain("hunter2");
    }

    @Test
    void startupBannerPrintsTheDocumentedDemoSecrets() {
        SimulatorMain.Config c =
                SimulatorMain.parse(new String[] {"--server.address=127.0.0.1", "--server.port=0"}, Map.of(), NO_PROPS);

        assertThat(banner(c))
                .contains("wx0000000000000001:sim-secret-0001:demo")
                .contains("wx0000000000000003:sim-secret-0003")
                .contains("qq:1110000001:sim-secret-1110000001:demo");
    }

    private static String banner(SimulatorMain.Config c) {
        SimulatorSettings settings = SimulatorSettings.defaults(c.apps());
        try (SimulatorServer server = SimulatorServer.start(new WeChatSimulator(settings), c.address(), c.port())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            SimulatorMain.describe(c, server, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
