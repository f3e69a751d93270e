package io.github.wxlogin.server.web;

import io.github.wxlogin.server.config.WxLoginProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link RequestThreads} for the management port's own Tomcat, when {@code management.server.port} gives
 * it one: that Tomcat is made in an application context of its own, which applies only its own
 * customizers (and a few of Spring Boot's from the main context), so without this it ran Tomcat's 200
 * threads beside the service's 16.
 *
 * <p>Not a {@code @Configuration}, like {@code metrics.MetricsAccessConfiguration}: Spring Boot imports
 * it from {@code META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports}
 * into whichever context serves the actuator endpoints, and its bean is made only in the management
 * port's context (the main one has its {@code RequestThreads} component already).
 */
class ManagementRequestThreads {

    @Bean
    @Conditional(OwnContext.class)
    RequestThreads managementRequestThreads(Environment environment, WxLoginProperties properties) {
        return new RequestThreads(environment, properties);
    }

    /** The management port's context: the main context's child. */
    static final class OwnContext implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null;
        }
    }
}
