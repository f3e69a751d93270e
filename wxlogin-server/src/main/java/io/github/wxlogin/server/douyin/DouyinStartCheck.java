package io.github.wxlogin.server.douyin;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.server.config.WxLoginProperties;
import java.net.URI;

/**
 * Douyin's own settings checked by the start check, before anything is written: the phone keys of
 * {@code wxlogin.douyin.apps.<appid>.private-key} read and parsed, and {@code WXLOGIN_DOUYIN_OPEN_BASE_URL}
 * a URL. The same code the Douyin configuration runs later, so both refuse the same mistakes.
 */
public final class DouyinStartCheck {

    private DouyinStartCheck() {}

    /** @throws io.github.wxlogin.server.config.ConfigurationMistake naming the setting, never a key */
    public static void check(WxLoginProperties props, DouyinProperties douyin, Apps apps) {
        if (!apps.isEmpty()) {
            // Dev mode's demo apps are made later (with the simulator); its keys are checked then.
            DouyinPhoneKeyFiles.configured(douyin, apps);
        }
        DouyinConfiguration.openBaseUrl(props, douyin, () -> URI.create("http://unused"));
    }
}
