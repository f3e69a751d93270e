package io.github.wxlogin.server.startup;

import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.server.config.EmbeddedDatabase;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.server.store.JdbcSigningKeyStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deployment's {@link SecretBox}, made once the database is migrated: the master key is checked
 * against the signing keys stored by then ({@link MasterKeyAtStart}; {@link StartupCheck} checked
 * them once already, before anything was created, where it could read them), and a new key file is
 * written only if there is none and nothing is sealed yet.
 */
@Configuration(proxyBeanMethods = false)
class MasterKeyConfiguration {

    @Bean
    @DependsOn("flywayInitializer")
    SecretBox secretBox(WxLoginProperties props, JdbcClient jdbc, TransactionTemplate tx, Environment env) {
        boolean embedded =
                env.getProperty("spring.datasource.url", "").equals(env.getProperty(EmbeddedDatabase.PROPERTY));
        return MasterKeyAtStart.open(
                props,
                new JdbcSigningKeyStore(jdbc, tx).listActive(),
                MasterKeyAtStart.where(embedded, props.dataDir()));
    }
}
