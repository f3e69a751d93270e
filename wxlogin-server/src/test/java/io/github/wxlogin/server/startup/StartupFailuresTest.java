package io.github.wxlogin.server.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.server.config.ConfigurationMistake;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.web.server.PortInUseException;

/** Which failures of a start are a mistake in the settings, and the one sentence each gets. */
class StartupFailuresTest {

    @Test
    void aMistakeDeepInBeanCreationIsItsOwnSentence() {
        var failure = new IllegalStateException(
                "context", new BeanCreationException("secretBox", "failed", new ConfigurationMistake("The key.")));

        assertThat(StartupFailures.sentence(failure)).hasValue("The key.");
    }

    @Test
    void aPortTakenWhileStartingNamesThePortAndTheSetting() {
        var failure = new IllegalStateException("web server", new PortInUseException(8443));

        assertThat(StartupFailures.sentence(failure))
                .hasValueSatisfying(s -> assertThat(s).contains("Port 8443", "server.port", "SERVER_PORT"));
    }

    @Test
    void aValueThatDoesNotConvertNamesItsEnvironmentVariableNotTheValue() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("wxlogin.rate-limit.per-ip", "s3cret")));
        BindException failure = null;
        try {
            binder.bind("wxlogin.rate-limit.per-ip", Bindable.of(Integer.class));
        } catch (BindException e) {
            failure = e;
        }

        assertThat(StartupFailures.sentence(new IllegalStateException(failure)))
                .hasValueSatisfying(s -> assertThat(s)
                        .contains("WXLOGIN_RATE_LIMIT_PER_IP (wxlogin.rate-limit.per-ip)", "whole number")
                        .doesNotContain("s3cret"));
    }

    @Test
    void aDatabaseRefusingTheConnectionIsASentenceWithoutThePassword() {
        var refused = new SQLNonTransientConnectionException(
                "Could not connect to address=(host=db)(port=3306) jdbc:mariadb://app:hunter2@db/x?password=hunter2",
                "08000");

        assertThat(StartupFailures.sentence(new IllegalStateException("pool", refused)))
                .hasValueSatisfying(s -> assertThat(s)
                        .contains("WXLOGIN_DB_URL", "Could not connect")
                        .doesNotContain("hunter2"));
    }

    @Test
    void otherFailuresKeepSpringsOwnReport() {
        assertThat(StartupFailures.sentence(new IllegalStateException("a bug"))).isEmpty();
        assertThat(StartupFailures.sentence(new IllegalStateException(new SQLException("syntax", "42000"))))
                .isEmpty();
    }
}
