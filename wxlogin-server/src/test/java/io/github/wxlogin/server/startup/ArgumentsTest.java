package io.github.wxlogin.server.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.server.config.ConfigurationMistake;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void devAndSettingsAreTakenApart() {
        Arguments arguments = Arguments.parse("--server.port=9000", "--dev", "--wxlogin.data-dir=/tmp/x");

        assertThat(arguments.dev()).isTrue();
        assertThat(arguments.springArgs()).containsExactly("--server.port=9000", "--wxlogin.data-dir=/tmp/x");
    }

    @Test
    void aJvmOptionAfterTheJarIsRefusedWithoutQuotingItsValue() {
        assertThatThrownBy(() -> Arguments.parse("-Dwxlogin.master-key=c2VjcmV0"))
                .isInstanceOf(ConfigurationMistake.class)
                .hasMessageContaining("before -jar")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void devWithoutDashesIsRefusedWithAHint() {
        assertThatThrownBy(() -> Arguments.parse("dev"))
                .isInstanceOf(ConfigurationMistake.class)
                .hasMessageContaining("did you mean --dev?");
    }
}
