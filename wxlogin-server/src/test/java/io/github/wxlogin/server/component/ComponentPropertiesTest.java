package io.github.wxlogin.server.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.core.component.Component;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment-variable form docs/platforms/wechat.md gives binds to the settings it names. */
class ComponentPropertiesTest {

    @Test
    void environmentVariablesBindAsDocumented() {
        StandardEnvironment env = new StandardEnvironment();
        // Named as Spring names the process environment, so that its variable-name mapping applies.
        env.getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.<String, Object>of(
                                        "WXLOGIN_WECHATCOMPONENT_COMPONENTS_WX0123456789ABCDEF_SECRET", "s",
                                        "WXLOGIN_WECHATCOMPONENT_COMPONENTS_WX0123456789ABCDEF_TOKEN", "t",
                                        "WXLOGIN_WECHATCOMPONENT_COMPONENTS_WX0123456789ABCDEF_ENCODINGAESKEY",
                                                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                                        "WXLOGIN_WECHATCOMPONENT_APPS_WX1111111111111111_COMPONENT",
                                                "wx0123456789abcdef",
                                        "WXLOGIN_WECHATCOMPONENT_APPS_WX1111111111111111_GROUP", "shop")));
        ComponentProperties props = new Binder(ConfigurationPropertySources.get(env))
                .bind("wxlogin.wechat-component", Bindable.of(ComponentProperties.class))
                .get();

        Map<String, Component> byApp = ComponentSettingsCheck.byApp(props);

        assertThat(byApp).containsOnlyKeys("wx1111111111111111");
        Component c = byApp.get("wx1111111111111111");
        assertThat(c.appId()).isEqualTo("wx0123456789abcdef");
        assertThat(c.fromTokenUrl()).isFalse();
        assertThat(c.encodingAesKey()).contains("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        assertThat(ComponentSettingsCheck.apps(props).get(0).group()).contains("shop");
        assertThat(c.toString()).doesNotContain("abcdefghij");
    }
}
