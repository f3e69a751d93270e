package io.github.wxlogin.server.redis;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Redis in {@code /actuator/health}: the {@code redis} component, UP while every connection answers,
 * exists only when {@code WXLOGIN_REDIS_URL} is set. Without Redis there is nothing to check (the
 * shared state is in the process), so there is no component to report UP; {@code redis} is then also
 * taken out of the health groups that name it ({@code application.properties} puts it in readiness),
 * as Spring Boot refuses to start with a group member that does not exist.
 */
@Configuration(proxyBeanMethods = false)
class RedisHealthConfiguration {

    static final String COMPONENT = "redis";

    static final class RedisConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return RedisConfiguration.configured(context.getEnvironment());
        }
    }

    /** The {@code redis} component (Spring Boot names it after the bean, less {@code HealthIndicator}). */
    @Bean
    @Conditional(RedisConfigured.class)
    HealthIndicator redisHealthIndicator(RedisConfiguration.SharedState state) {
        RedisConnections redis = state.redis.orElseThrow();
        return () -> {
            try {
                return redis.answers() ? Health.up().build() : Health.down().build();
            } catch (RuntimeException e) {
                return Health.down()
                        .withDetail("error", e.getClass().getSimpleName())
                        .build();
            }
        };
    }

    @Bean
    static BeanPostProcessor redisLeavesHealthGroupsWithoutRedis(Environment env) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HealthEndpointProperties health && !RedisConfiguration.configured(env)) {
                    health.getGroup().values().forEach(group -> {
                        Set<String> include = withoutRedis(group.getInclude());
                        // Emptied, the list would mean "every component": a group of Redis alone is
                        // left as it is, and Spring Boot says at start that its member does not exist.
                        if (include == null || !include.isEmpty()) {
                            group.setInclude(include);
                        }
                        group.setExclude(withoutRedis(group.getExclude()));
                    });
                }
                return bean;
            }
        };
    }

    private static Set<String> withoutRedis(Set<String> members) {
        return members == null
                ? null
                : members.stream().filter(m -> !m.strip().equals(COMPONENT)).collect(Collectors.toSet());
    }
}
