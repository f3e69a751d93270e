package io.github.wxlogin.server.dev;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API reference at {@code /docs/api}, in dev mode only: Swagger UI, unpacked into this jar by the
 * build (wxlogin-server/pom.xml), renders the service's own {@code /openapi.yaml}. Outside dev mode
 * neither {@code /docs/api} nor its files exist (404 problem+json); the document itself is served in
 * every mode (openapi package). The files live in {@code classpath:/api-reference/}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("wxlogin.dev")
class ApiReferenceConfiguration implements WebMvcConfigurer {

    static final String PAGE = "/docs/api";
    private static final String FILES = PAGE + "/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController(PAGE).setViewName("forward:" + FILES + "index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(FILES + "**")
                .addResourceLocations("classpath:/api-reference/")
                .setCacheControl(CacheControl.noCache());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PageHeaders()).addPathPatterns(PAGE, FILES + "**");
    }
}
