package io.github.wxlogin.server.douyin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.douyin.DouyinPhoneKeys;
import io.github.wxlogin.server.config.ConfigurationMistake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wxlogin.douyin.apps.<appid>.private-key}, read once at start: a PEM file's path or the PEM
 * itself; dev mode's simulator key for an app without one, asked at its first use; and a one-sentence refusal, naming the
 * setting and never the key, for an app that is not Douyin's, a file that cannot be read or a key that
 * does not parse.
 */
class DouyinPhoneKeyFilesTest {

    private static final Apps APPS = Apps.parse("douyin:tta:secretA,douyin:ttb:secretB,wxc:secretC");

    @TempDir
    Path dir;

    private static String pem() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    private static DouyinProperties props(Map<String, String> keys) {
        Map<String, DouyinProperties.AppKeys> apps = new java.util.LinkedHashMap<>();
        keys.forEach((app, key) -> apps.put(app, new DouyinProperties.AppKeys(key)));
        return new DouyinProperties("", apps);
    }

    private static App app(String appId) {
        return APPS.find(appId).orElseThrow();
    }

    @Test
    void aKeyIsAFilesPathOrThePemItself() throws Exception {
        Path file = dir.resolve("tta.pem");
        Files.writeString(file, pem());

        var keys =
                DouyinPhoneKeyFiles.load(props(Map.of("tta", file.toString(), "ttb", pem())), APPS, Optional.empty());

        assertThat(keys.of(app("tta"))).isPresent();
        assertThat(keys.of(app("ttb"))).isPresent();
    }

    @Test
    void devModesSimulatorGivesTheKeysNotConfiguredAskedAtFirstUseAndOnce() throws Exception {
        String simulated = pem();
        List<String> asked = new ArrayList<>();

        var keys = DouyinPhoneKeyFiles.load(props(Map.of("tta", pem())), APPS, Optional.of(a -> {
            asked.add(a);
            return a.equals("ttb") ? Optional.of(simulated) : Optional.empty();
        }));

        assertThat(asked).as("nothing asked at start").isEmpty();
        assertThat(keys.of(app("tta"))).as("configured, not asked").isPresent();
        assertThat(keys.of(app("ttb"))).hasValue(DouyinPhoneKeys.parse(simulated));
        assertThat(keys.of(app("ttb"))).isPresent();
        assertThat(keys.of(app("wxc"))).as("not a Douyin app").isEmpty();
        assertThat(asked).containsExactly("ttb");
    }

    @Test
    void anAppTheSimulatorHasNoKeyForHasNone() throws Exception {
        List<String> asked = new ArrayList<>();

        var keys = DouyinPhoneKeyFiles.load(props(Map.of()), APPS, Optional.of(a -> {
            asked.add(a);
            return Optional.empty();
        }));

        assertThat(keys.of(app("tta"))).isEmpty();
        assertThat(keys.of(app("tta"))).isEmpty();
        assertThat(asked).containsExactly("tta");
    }

    @Test
    void aKeyForAnAppThatIsNotAConfiguredDouyinAppStopsTheStart() throws Exception {
        String key = pem();
        for (String appId : new String[] {"wxc", "ttz"}) {
            assertThatThrownBy(() -> DouyinPhoneKeyFiles.load(props(Map.of(appId, key)), APPS, Optional.empty()))
                    .isInstanceOf(ConfigurationMistake.class)
                    .hasMessageStartingWith("wxlogin.douyin.apps." + appId + ".private-key is set, but " + appId)
                    .hasMessageNotContaining(key.substring(40, 80));
        }
    }

    @Test
    void aFileThatCannotBeReadOrAKeyThatDoesNotParseStopsTheStartWithoutQuotingIt() throws IOException {
        Path notAKey = dir.resolve("not-a-key.pem");
        Files.writeString(
                notAKey, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWxvb2tpbmctYnl0ZXM=\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> DouyinPhoneKeyFiles.load(
                        props(Map.of("tta", dir.resolve("missing.pem").toString())), APPS, Optional.empty()))
                .isInstanceOf(ConfigurationMistake.class)
                .hasMessageContaining("wxlogin.douyin.apps.tta.private-key names a file that cannot be read");
        assertThatThrownBy(() ->
                        DouyinPhoneKeyFiles.load(props(Map.of("tta", notAKey.toString())), APPS, Optional.empty()))
                .isInstanceOf(ConfigurationMistake.class)
                .hasMessageContaining("wxlogin.douyin.apps.tta.private-key is not usable")
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> DouyinPhoneKeyFiles.load(props(Map.of("tta", " ")), APPS, Optional.empty()))
                .isInstanceOf(ConfigurationMistake.class)
                .hasMessageContaining("is empty");
    }
}
