package io.github.wxlogin.server.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * One connection for an SQLite database: SQLite takes one writer at a time, and writers queued on its
 * file lock wait in sleeps, while writers queued on the pool are handed the connection the moment it is
 * free. Reads are short (and /v1/me and the session check are answered from caches).
 */
final class SqlitePool implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:sqlite:")) {
            pool.setMaximumPoolSize(1);
            pool.setMinimumIdle(1);
        }
        return bean;
    }
}
