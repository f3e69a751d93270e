package io.github.wxlogin.server.douyin;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.douyin.DouyinPhoneKeys;
import io.github.wxlogin.server.config.ConfigurationMistake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Douyin apps' phone keys, read once at start from {@code wxlogin.douyin.apps.<appid>.private-key}:
 * a value holding {@code -----BEGIN} is the PEM itself, anything else a PEM file's path. A key for an app
 * that is not a configured Douyin app, a file that cannot be read or a key that does not parse stops
 * the start with one sentence that names the setting, never the key. In dev mode an app without one
 * takes the simulator's, asked at its first use.
 */
final class DouyinPhoneKeyFiles {

    private static final Logger log = LoggerFactory.getLogger(DouyinPhoneKeyFiles.class);

    private DouyinPhoneKeyFiles() {}

    /** The keys of {@code wxlogin.douyin.apps.<appid>.private-key}, each read and parsed now. */
    static Map<String, PrivateKey> configured(DouyinProperties props, Apps apps) {
        Map<String, PrivateKey> keys = new LinkedHashMap<>();
        props.apps().forEach((appId, app) -> {
            String setting = "wxlogin.douyin.apps." + appId + ".private-key";
            boolean douyin = apps.find(appId)
                    .filter(a -> a.platform() == Platform.DOUYIN)
                    .isPresent();
            if (!douyin) {
                throw new ConfigurationMistake(setting + " is set, but " + appId
                        + " is not a configured Douyin app: add it to WXLOGIN_APPS as douyin:" + appId
                        + ":<secret>, or remove the setting.");
            }
            keys.put(appId, parse(setting, text(setting, app.privateKey())));
        });
        return keys;
    }

    /**
     * The configured keys, read now. An app without one takes dev mode's {@code simulator}'s key, asked
     * when the app's first phone code comes (the simulator makes its key pair then), so that dev mode
     * starts without making one; without a simulator it has none, and says so now.
     */
    static DouyinPhoneKeys load(
            DouyinProperties props, Apps apps, Optional<Function<String, Optional<String>>> simulator) {
        Map<String, PrivateKey> keys = configured(props, apps);
        Set<String> withoutKey = new LinkedHashSet<>();
        for (App app : apps.all()) {
            if (app.platform() == Platform.DOUYIN && !keys.containsKey(app.appId())) {
                withoutKey.add(app.appId());
            }
        }
        if (simulator.isEmpty()) {
            withoutKey.forEach(DouyinPhoneKeyFiles::warnNoKey);
            return new DouyinPhoneKeys(keys);
        }
        Function<String, Optional<String>> sim = simulator.get();
        return DouyinPhoneKeys.withLater(keys, withoutKey, appId -> {
            Optional<String> simulated = sim.apply(appId);
            if (simulated.isEmpty()) {
                warnNoKey(appId);
            }
            return simulated.map(DouyinPhoneKeys::parse);
        });
    }

    private static void warnNoKey(String appId) {
        log.warn(
                "Douyin app {} has no phone key (wxlogin.douyin.apps.{}.private-key): its phone codes are"
                        + " answered unsupported; the button's encryptedData and iv still bind a number",
                appId,
                appId);
    }

    private static String text(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationMistake(setting + " is empty: give the path of the PEM file, or the PEM itself.");
        }
        if (value.contains("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value.strip()), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw new ConfigurationMistake(setting + " names a file that cannot be read ("
                    + e.getClass().getSimpleName() + "): give the path of the PEM file, or the PEM itself.");
        }
    }

    private static PrivateKey parse(String setting, String pem) {
        try {
            return DouyinPhoneKeys.parse(pem);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationMistake(setting + " is not usable: " + e.getMessage() + ".");
        }
    }
}
