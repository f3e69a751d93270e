package io.github.wxlogin.server.dev;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.server.config.WeChatBaseUrl;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.simulator.SimApp;
import io.github.wxlogin.simulator.SimApps;
import io.github.wxlogin.simulator.SimulatorSettings;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The WeChat simulator inside the service, at {@code /wechat-sim}: in dev mode, or when
 * {@code wxlogin.simulator.enabled} is set. It knows the same apps as the service.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SimulatorConfiguration.Mounted.class)
class SimulatorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SimulatorConfiguration.class);

    static final class Mounted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var env = context.getEnvironment();
            return env.getProperty("wxlogin.dev", Boolean.class, false)
                    || env.getProperty("wxlogin.simulator.enabled", Boolean.class, false);
        }
    }

    @Bean
    WeChatSimulator weChatSimulator(Apps apps, WxLoginProperties props) {
        var sim = props.simulator();
        return new WeChatSimulator(new SimulatorSettings(
                simulatorApps(apps), sim.rotateSessionKey(), sim.minuteLimit(), Clock.systemUTC()));
    }

    /** The service's apps in the simulator's own type: the simulator shares no code with the core. */
    private static SimApps simulatorApps(Apps apps) {
        return new SimApps(apps.all().stream()
                .map(a -> new SimApp(a.platform().id(), a.appId(), a.secret(), a.group()))
                .toList());
    }

    @Bean
    ServletRegistrationBean<SimulatorServlet> simulatorServlet(WeChatSimulator simulator) {
        var registration =
                new ServletRegistrationBean<>(new SimulatorServlet(simulator), WeChatBaseUrl.SIMULATOR_PATH + "/*");
        registration.setName("wechatSimulator");
        return registration;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn(ApplicationReadyEvent ready) {
        WxLoginProperties props = ready.getApplicationContext().getBean(WxLoginProperties.class);
        WeChatBaseUrl wechat = ready.getApplicationContext().getBean(WeChatBaseUrl.class);
        if (props.dev()) {
            log.warn("""

                    ************************************************************************
                    *  DEV MODE - NOT FOR PRODUCTION                                       *
                    *  WeChat is SIMULATED at {}
                    *  Demo apps with throw-away secrets; the data directory is {}
                    *  Never expose this instance to real users.                           *
                    ************************************************************************""", wechat.get(), props.dataDir().toAbsolutePath().normalize());
        } else {
            log.warn(
                    "The WeChat simulator is mounted at {} (wxlogin.simulator.enabled); not for production",
                    WeChatBaseUrl.SIMULATOR_PATH);
        }
    }
}
