package io.github.wxlogin.server.alipay;

import io.github.wxlogin.core.alipay.AlipayApp;
import io.github.wxlogin.core.alipay.AlipayApps;
import io.github.wxlogin.core.alipay.AlipayClient;
import io.github.wxlogin.core.alipay.AlipayErrors;
import io.github.wxlogin.core.alipay.AlipayIdMode;
import io.github.wxlogin.core.alipay.AlipayKeyText;
import io.github.wxlogin.core.alipay.AlipayPlatform;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.platform.CallPause;
import io.github.wxlogin.server.config.PlatformBaseUrls;
import io.github.wxlogin.server.config.PlatformSupport;
import io.github.wxlogin.server.config.WxLoginProperties;
import io.github.wxlogin.simulator.AlipayKeyMaterial;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/**
 * Alipay: its apps' keys ({@link AlipayProperties}, {@code wxlogin.alipay.apps[n].*}) and its client,
 * contributed as the {@link PlatformSupport} of {@link Platform#ALIPAY}. In dev mode an Alipay app with no
 * configured keys (the demo app 2021000000000001, or an {@code alipay:} entry of {@code WXLOGIN_APPS})
 * takes the keys the simulator inside made for it, so the two sides share them. Its HTTP timeouts,
 * retries and circuit are WeChat's settings ({@code wxlogin.wechat.*}); its base URL is
 * {@code WXLOGIN_ALIPAY_BASE_URL}.
 */
@Configuration(proxyBeanMethods = false)
class AlipayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlipayConfiguration.class);

    /** Every Alipay app of {@code apps} with its keys: configured, or (dev mode) the simulator's. */
    @Bean
    AlipayApps alipayApps(
            AlipayProperties props, Apps apps, WxLoginProperties wxlogin, ObjectProvider<WeChatSimulator> simulator) {
        AlipayApps configured = AlipayKeys.read(props);
        if (wxlogin.dev()
                && wxlogin.baseUrls().alipay().isBlank()
                && !configured.all().isEmpty()) {
            log.warn(
                    "Alipay apps {} have keys of their own, but in dev mode Alipay is the simulator inside, which"
                            + " signs with keys of its own: their logins will fail. Set WXLOGIN_ALIPAY_BASE_URL (Alipay's"
                            + " sandbox: https://openapi-sandbox.dl.alipaydev.com), or configure them with"
                            + " WXLOGIN_APPS=alipay:<appid>:x to use the simulator's keys",
                    configured.all().stream().map(AlipayApp::appId).toList());
        }
        Map<String, Supplier<AlipayApp>> fromSimulator = new LinkedHashMap<>();
        for (App app : apps.all()) {
            if (app.platform() != Platform.ALIPAY
                    || configured.find(app.appId()).isPresent()) {
                continue;
            }
            WeChatSimulator sim = wxlogin.dev() ? simulator.getIfAvailable() : null;
            if (sim == null) {
                throw AlipayKeys.withoutKeys(app.appId());
            }
            // The simulator makes two RSA key pairs for the app, about a second of CPU on a JVM that has just
            // started, which the rest of the start waits for on two cores: they are made at the app's first use.
            fromSimulator.put(app.appId(), SingletonSupplier.of(() -> fromSimulator(sim.alipayKeys(app.appId()))));
            log.info("Alipay app {} uses the keys of the simulator inside (dev mode)", app.appId());
        }
        return new AlipayApps(configured.all(), fromSimulator);
    }

    /**
     * The app's keys as the simulator inside shows them. Where it no longer shows the app's private key (a
     * public key of the developer's own was set at its console before the app's first use), each use is
     * an operator's error, asked again at the next use.
     */
    private static AlipayApp fromSimulator(AlipayKeyMaterial keys) {
        if (keys.appPrivateKey().isEmpty()) {
            log.error(
                    "Alipay app {} cannot be used: the simulator inside no longer shows its private key, since a"
                            + " public key of your own was set at the simulator's console: restart the service (the"
                            + " simulator inside then makes the app new keys), or configure the app's keys as"
                            + " wxlogin.alipay.apps[n].* with WXLOGIN_ALIPAY_BASE_URL at an Alipay that holds their"
                            + " public key",
                    keys.appId());
            throw AlipayErrors.withoutUsableKeys();
        }
        return new AlipayApp(
                keys.appId(),
                AlipayKeyText.privateKey(keys.appPrivateKey().get()),
                AlipayKeyText.publicKey(keys.alipayPublicKey()),
                Optional.of(AlipayKeyText.contentKey(keys.contentKey())),
                AlipayIdMode.AUTO);
    }

    @Bean
    AlipayClient alipayClient(PlatformBaseUrls baseUrls, WxLoginProperties props, Clock clock) {
        // The timeouts, retries and circuit of wxlogin.wechat.*; the URL is asked of baseUrls on each call.
        return new AlipayClient(
                baseUrls.of(Platform.ALIPAY), props.wechat().clientSettings(), clock, CallPause.SCHEDULED);
    }

    @Bean
    PlatformSupport alipaySupport(AlipayClient client, AlipayApps apps) {
        return new PlatformSupport(Platform.ALIPAY, new AlipayPlatform(client, apps));
    }
}
