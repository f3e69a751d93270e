package io.github.wxlogin.server.dev;

import io.github.wxlogin.core.app.Apps;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /demo/apps.json}, dev mode only: the configured apps the demo page offers, each with its
 * platform and group, in the order they are configured. The page lists whatever dev mode configures, so
 * a platform added to the demo apps shows up without a change to the page. Never a secret.
 */
@RestController
@ConditionalOnBooleanProperty("wxlogin.dev")
class DemoAppsController {

    static final String PATH = DemoPageConfiguration.PATH + "apps.json";

    record AppJson(String appId, String platform, String group) {}

    record AppList(List<AppJson> apps) {}

    private final Apps apps;

    DemoAppsController(Apps apps) {
        this.apps = apps;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    AppList apps() {
        return new AppList(apps.all().stream()
                .map(a -> new AppJson(a.appId(), a.platform().id(), a.group().orElse(null)))
                .toList());
    }
}
