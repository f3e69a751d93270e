package io.github.wxlogin.server.dev;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The browser demo page at {@code /}, in dev mode only: it plays the phone against the simulator at
 * {@code /wechat-sim}, which in dev mode is the WeChat this service talks to. Outside dev mode neither
 * {@code /} nor {@code /demo/**} exists (404 problem+json, as any unknown path). The files live in
 * {@code classpath:/demo/}, not {@code static/}, which Spring Boot would serve in every mode.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("wxlogin.dev")
class DemoPageConfiguration implements WebMvcConfigurer {

    static final String PATH = "/demo/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:" + PATH + "index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "**")
                .addResourceLocations("classpath:" + PATH)
                .setCacheControl(CacheControl.noCache());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PageHeaders()).addPathPatterns("/", PATH + "**");
    }
}
