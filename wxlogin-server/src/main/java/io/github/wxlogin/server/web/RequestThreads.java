package io.github.wxlogin.server.web;

import io.github.wxlogin.server.config.WxLoginProperties;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How many request threads Tomcat runs on JDK 17 to 20 ({@code WXLOGIN_REQUEST_THREADS}): by default 8 a
 * core and at least 16, against Tomcat's own 200. On JDK 21 and later every request runs on a virtual
 * thread and this is not used.
 *
 * <p>Few threads serve more here, because none waits long: a login waits for the platform on no thread,
 * the other calls to a platform run on {@link PlatformCalls}, and the simulator inside dev mode answers
 * its injected stalls asynchronously. A request thread runs CPU work and database statements only: with
 * 64 connections on two cores, 16 threads served more requests a second than 200 and the service kept
 * less resident memory (docs/benchmarks.md, "Request threads"). Spring Boot's
 * {@code server.tomcat.threads.max}, when it is set, wins. A management port of its own gets the same
 * number ({@link ManagementRequestThreads}).
 */
@Component
class RequestThreads implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    static final String SPRING_PROPERTY = "server.tomcat.threads.max";

    private final Environment environment;
    private final WxLoginProperties properties;

    RequestThreads(Environment environment, WxLoginProperties properties) {
        this.environment = environment;
        this.properties = properties;
    }

    /** The number for this machine: the configured one, else 8 a core and at least 16. */
    static int of(Integer configured, int cores) {
        return configured != null ? configured : Math.max(16, 8 * cores);
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (environment.containsProperty(SPRING_PROPERTY)) {
            return;
        }
        int threads = of(properties.requestThreads(), Runtime.getRuntime().availableProcessors());
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setMaxThreads(threads);
            }
        });
    }

    /** After Spring Boot's own customizer, which sets Tomcat's default of 200. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
