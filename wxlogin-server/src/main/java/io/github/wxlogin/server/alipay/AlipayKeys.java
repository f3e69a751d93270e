package io.github.wxlogin.server.alipay;

import io.github.wxlogin.core.alipay.AlipayApp;
import io.github.wxlogin.core.alipay.AlipayApps;
import io.github.wxlogin.core.alipay.AlipayIdMode;
import io.github.wxlogin.core.alipay.AlipayKeyText;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.server.config.ConfigurationMistake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Alipay apps of {@link AlipayProperties}, read and checked: each key read from its setting or its
 * file and parsed, every mistake one sentence ({@link ConfigurationMistake}, exit code 2) naming the app
 * and the setting and never any part of a key. Run by the start check before anything is written, and
 * again when the service is built.
 */
public final class AlipayKeys {

    private static final String DOC = "docs/platforms/alipay.md";

    private AlipayKeys() {}

    /**
     * The apps as the core knows them. Alipay has no app secret: the secret of these {@link App}s is a
     * random value made here, which nothing uses (a placeholder that can never be mistaken for a real one).
     */
    public static List<App> apps(AlipayProperties props) {
        List<App> apps = new ArrayList<>();
        for (int i = 0; i < props.apps().size(); i++) {
            String appId = props.apps().get(i).appId();
            if (!App.isWellFormedAppId(appId)) {
                throw new ConfigurationMistake(setting(i, "app-id")
                        + " must be the Alipay app's APPID (letters and digits, such as 2021000000000001)"
                        + (appId == null || appId.isBlank() ? "; it is not set." : "."));
            }
            apps.add(new App(Platform.ALIPAY, appId.strip(), unusedSecret(), Optional.empty()));
        }
        return apps;
    }

    /** Every configured app's keys, read and parsed. */
    public static AlipayApps read(AlipayProperties props) {
        apps(props); // every app-id well formed first
        List<AlipayApp> apps = new ArrayList<>();
        for (int i = 0; i < props.apps().size(); i++) {
            apps.add(read(i, props.apps().get(i)));
        }
        try {
            return new AlipayApps(apps);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationMistake("wxlogin.alipay.apps: " + e.getMessage() + "; give each app once.");
        }
    }

    /**
     * An Alipay app in {@code WXLOGIN_APPS} has no keys: outside dev mode (where the simulator makes them)
     * it is refused, pointing at where Alipay apps go.
     */
    public static void checkWxLoginApps(Apps apps, boolean dev) {
        if (dev) {
            return;
        }
        for (App app : apps.all()) {
            if (app.platform() == Platform.ALIPAY) {
                throw withoutKeys(app.appId());
            }
        }
    }

    /** The mistake of an Alipay app given in {@code WXLOGIN_APPS}, where its keys cannot go. */
    static ConfigurationMistake withoutKeys(String appId) {
        return new ConfigurationMistake("WXLOGIN_APPS: app " + appId + " is an Alipay app, and Alipay apps need"
                + " their keys: configure it as wxlogin.alipay.apps[n].app-id, private-key(-file) and"
                + " alipay-public-key(-file) instead (" + DOC + ").");
    }

    private static AlipayApp read(int i, AlipayProperties.App settings) {
        String appId = settings.appId().strip();
        String privateKey = required(i, appId, "private-key", settings.privateKey(), settings.privateKeyFile());
        String alipayPublicKey =
                required(i, appId, "alipay-public-key", settings.alipayPublicKey(), settings.alipayPublicKeyFile());
        Optional<String> contentKey = text(i, appId, "content-key", settings.contentKey(), settings.contentKeyFile());
        AlipayIdMode mode = AlipayIdMode.byName(settings.mode() == null ? "" : settings.mode())
                .orElseThrow(() -> new ConfigurationMistake(
                        setting(i, "mode") + " of Alipay app " + appId + " must be user_id, open_id or auto."));
        return new AlipayApp(
                appId,
                parsed(i, appId, "private-key", privateKey, AlipayKeyText::privateKey),
                parsed(i, appId, "alipay-public-key", alipayPublicKey, AlipayKeyText::publicKey),
                contentKey.map(k -> parsed(i, appId, "content-key", k, AlipayKeyText::contentKey)),
                mode);
    }

    private static <K> K parsed(int i, String appId, String name, String text, Function<String, K> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            // AlipayKeyText's messages say what is wrong, never a part of the key.
            throw new ConfigurationMistake(
                    setting(i, name) + " of Alipay app " + appId + " " + e.getMessage() + " (" + DOC + ").");
        }
    }

    private static String required(int i, String appId, String name, String inline, String file) {
        return text(i, appId, name, inline, file)
                .orElseThrow(() -> new ConfigurationMistake("Alipay app " + appId + " has no " + name + ": set "
                        + setting(i, name) + ", or " + setting(i, name + "-file") + " to a file holding it (" + DOC
                        + ")."));
    }

    /** The setting's text, inline or from its file; empty when neither is set. */
    private static Optional<String> text(int i, String appId, String name, String inline, String file) {
        boolean hasInline = inline != null && !inline.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasInline && hasFile) {
            throw new ConfigurationMistake("Alipay app " + appId + " has both " + setting(i, name) + " and "
                    + setting(i, name + "-file") + ": set one of them.");
        }
        if (hasInline) {
            return Optional.of(inline);
        }
        if (!hasFile) {
            return Optional.empty();
        }
        Path path = Path.of(file.strip());
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationMistake(setting(i, name + "-file") + " of Alipay app " + appId + " cannot be read: "
                    + path.toAbsolutePath() + " (" + e.getClass().getSimpleName() + ").");
        }
    }

    private static String setting(int i, String name) {
        return "wxlogin.alipay.apps[" + i + "]." + name;
    }

    private static String unusedSecret() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return "unused-" + HexFormat.of().formatHex(b);
    }
}
