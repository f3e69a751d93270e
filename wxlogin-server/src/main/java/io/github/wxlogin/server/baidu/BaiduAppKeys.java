package io.github.wxlogin.server.baidu;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.server.config.ConfigurationMistake;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Each Baidu app's AppKey. Baidu's console shows an app's AppID (a number, {@code 20000001}), its AppKey
 * (32 letters and digits) and its AppSecret; jscode2sessionkey takes the AppKey as {@code client_id}, and
 * each open-data plaintext ends with the AppKey, so the AppKey is what the service needs. An app is
 * configured either by its AppKey ({@code baidu:<AppKey>:<AppSecret>}: the appid is the AppKey) or by its
 * AppID ({@code baidu:<AppID>:<AppSecret>}) with {@code WXLOGIN_BAIDU_APP_KEYS=<AppID>:<AppKey>,…}. An app
 * whose appid is all digits and that has no AppKey given is a configuration mistake: Baidu would refuse it
 * at every login.
 */
public final class BaiduAppKeys {

    private static final Pattern APP_KEY = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final String SETTING = "WXLOGIN_BAIDU_APP_KEYS";

    private BaiduAppKeys() {}

    /**
     * The AppKey of each Baidu app, from the setting, or the appid; checked against the apps.
     *
     * @param devKeys the AppKey the simulator gives an app, in dev mode; empty otherwise
     * @throws ConfigurationMistake one sentence naming the setting and the app
     */
    public static Function<App, String> of(
            BaiduProperties props, Apps apps, Function<String, Optional<String>> devKeys) {
        Map<String, String> configured = parse(props.appKeys());
        for (String appId : configured.keySet()) {
            Optional<App> app = apps.find(appId);
            if (app.isEmpty() || app.get().platform() != Platform.BAIDU) {
                throw new ConfigurationMistake(SETTING + " names app " + appId
                        + ", which is not a Baidu app of WXLOGIN_APPS (baidu:" + appId + ":<AppSecret>).");
            }
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (App app : apps.all()) {
            if (app.platform() != Platform.BAIDU) {
                continue;
            }
            if (app.group().isPresent()) {
                throw new ConfigurationMistake("WXLOGIN_APPS: Baidu app " + app.appId()
                        + " has a group, but Baidu gives no unionid at login: leave the group out.");
            }
            String key = Optional.ofNullable(configured.get(app.appId()))
                    .or(() -> devKeys.apply(app.appId()))
                    .orElse(app.appId());
            if (key.equals(app.appId()) && app.appId().chars().allMatch(Character::isDigit)) {
                throw new ConfigurationMistake("Baidu app " + app.appId()
                        + " is configured by its AppID, and Baidu's APIs take its AppKey: set " + SETTING + "="
                        + app.appId() + ":<AppKey> (Baidu's console, 开发设置), or configure the app as"
                        + " baidu:<AppKey>:<AppSecret>.");
            }
            keys.put(app.appId(), key);
        }
        Map<String, String> frozen = Map.copyOf(keys);
        return app -> {
            String key = frozen.get(app.appId());
            if (key == null) {
                throw new IllegalStateException("no AppKey for Baidu app " + app.appId());
            }
            return key;
        };
    }

    static Map<String, String> parse(String setting) {
        Map<String, String> out = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            return out;
        }
        for (String entry : setting.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            String appId = colon < 0 ? e : e.substring(0, colon).strip();
            String key = colon < 0 ? "" : e.substring(colon + 1).strip();
            if (!App.isWellFormedAppId(appId) || !APP_KEY.matcher(key).matches()) {
                throw new ConfigurationMistake(SETTING + " is <appid>:<AppKey>,… with an AppKey of letters and"
                        + " digits; the entry for \"" + appId + "\" is not.");
            }
            if (out.putIfAbsent(appId, key) != null) {
                throw new ConfigurationMistake(SETTING + " names app " + appId + " twice.");
            }
        }
        return out;
    }
}
