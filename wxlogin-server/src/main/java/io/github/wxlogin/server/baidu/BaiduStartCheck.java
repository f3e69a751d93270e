package io.github.wxlogin.server.baidu;

import io.github.wxlogin.core.app.Apps;
import java.util.Optional;

/**
 * Baidu's own settings checked by the start check, before anything is written: {@code WXLOGIN_BAIDU_APP_KEYS}
 * read, and every Baidu app with an AppKey and no group ({@link BaiduAppKeys}), by the same code the Baidu
 * configuration runs later.
 */
public final class BaiduStartCheck {

    private BaiduStartCheck() {}

    /** @throws io.github.wxlogin.server.config.ConfigurationMistake naming the setting and the app */
    public static void check(BaiduProperties baidu, Apps apps) {
        if (!apps.isEmpty()) {
            // Dev mode's demo apps are made later (with the simulator), and take their AppKeys from it.
            BaiduAppKeys.of(baidu, apps, appId -> Optional.empty());
        }
    }
}
