package io.github.wxlogin.server.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.server.config.ConfigurationMistake;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentSettingsCheckTest {

    @Test
    void aTokenUrlAuthorizationWithALineBreakIsRefusedWithoutRepeatingIt() {
        ComponentProperties props = new ComponentProperties(
                Map.of(
                        "wxcomponent0001",
                        new ComponentProperties.ComponentSettings(
                                null, null, null, "https://tokens.example.com/t", "Bearer secret-one\r\nX: y")),
                Map.of());

        ConfigurationMistake mistake =
                catchThrowableOfType(ConfigurationMistake.class, () -> ComponentSettingsCheck.components(props));

        assertThat(mistake.getMessage())
                .isEqualTo("wxlogin.wechat-component.components.wxcomponent0001.token-url-authorization has a"
                        + " control character (a line break?): give the header value on one line.")
                .doesNotContain("secret-one");
    }
}
