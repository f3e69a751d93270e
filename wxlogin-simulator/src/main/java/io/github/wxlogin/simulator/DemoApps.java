package io.github.wxlogin.simulator;

import java.util.List;
import java.util.Optional;

/**
 * The apps of dev mode: WeChat's {@link #APP_1} and {@link #APP_2} in one open-platform group
 * ({@link #GROUP}, so a user has one unionid across them), {@link #APP_3} in none (no unionid); QQ's
 * {@link #QQ_APP_1} and {@link #QQ_APP_2} in one QQ group of the same name (a QQ unionid is QQ's own:
 * never a WeChat user's); Douyin's {@link #DOUYIN_1} and {@link #DOUYIN_2} in one group of Douyin's;
 * Alipay's {@link #ALIPAY_APP}; Kuaishou's {@link #KUAISHOU_APP}.
 */
public final class DemoApps {

    public static final String APP_1 = "wx0000000000000001";
    public static final String APP_2 = "wx0000000000000002";
    public static final String APP_3 = "wx0000000000000003";
    public static final String GROUP = "demo";
    public static final String QQ_APP_1 = "1110000001";
    public static final String QQ_APP_2 = "1110000002";
    /** Douyin's demo apps, in group {@link #GROUP} of Douyin's ({@code douyin:demo}: never WeChat's unionids). */
    public static final String DOUYIN_1 = "tt00000000000001";

    public static final String DOUYIN_2 = "tt00000000000002";

    /**
     * The Alipay demo app. Alipay has no app secret: its keys (the app's RSA2 key pair, Alipay's, the
     * content key) are made by the simulator ({@code /sim/alipay/keys}); the secret here is unused.
     */
    public static final String ALIPAY_APP = "2021000000000001";

    /** The Kuaishou demo app (Kuaishou gives mini programs no unionid, so it is in no group). */
    public static final String KUAISHOU_APP = "ks0000000000000001";

    /** The WeCom demo app: a corp app, whose appId is the corpid; in no group (its unionid is corpid:userid). */
    public static final String WECOM_APP = "ww0000000000000001";

    /**
     * The Baidu demo app, by its numeric AppID; its AppKey is the simulator's
     * ({@link WeChatSimulator#baiduAppKey}: {@code simAppKey00000000000000020000001}). No group: Baidu
     * gives no unionid at login.
     */
    public static final String BAIDU_APP = "20000001";

    private DemoApps() {}

    /** The demo apps with fresh random secrets (32 hex characters each), as dev mode uses them. */
    public static SimApps random() {
        return build(
                Randoms.hex(16),
                Randoms.hex(16),
                Randoms.hex(16),
                Randoms.hex(16),
                Randoms.hex(16),
                Randoms.hex(16),
                Randoms.hex(16),
                Randoms.hex(16),
                Randoms.hex(16),
                Randoms.hex(16),
                Randoms.hex(16));
    }

    /**
     * The demo apps with well-known secrets: for WeChat's, {@code "sim-secret-"} + the appid's last four
     * characters ({@code sim-secret-0001}, {@code sim-secret-0002}, {@code sim-secret-0003}); for the
     * other platforms', {@code "sim-secret-"} + the whole appid ({@code sim-secret-1110000001}). The
     * standalone simulator uses them when {@code WXSIM_APPS} is unset. They are public documentation,
     * not secrets: never use them anywhere but against the simulator.
     */
    public static SimApps fixed() {
        return build(
                fixedSecret(APP_1),
                fixedSecret(APP_2),
                fixedSecret(APP_3),
                fixedSecret(QQ_APP_1),
                fixedSecret(QQ_APP_2),
                fixedSecret(DOUYIN_1),
                fixedSecret(DOUYIN_2),
                fixedSecret(ALIPAY_APP),
                fixedSecret(KUAISHOU_APP),
                fixedSecret(WECOM_APP),
                fixedSecret(BAIDU_APP));
    }

    static String fixedSecret(String appId) {
        return "sim-secret-" + (appId.startsWith("wx") ? appId.substring(appId.length() - 4) : appId);
    }

    private static SimApps build(
            String secret1,
            String secret2,
            String secret3,
            String qqSecret1,
            String qqSecret2,
            String douyinSecret1,
            String douyinSecret2,
            String alipaySecret,
            String kuaishouSecret,
            String weComSecret,
            String baiduSecret) {
        return new SimApps(List.of(
                new SimApp(APP_1, secret1, Optional.of(GROUP)),
                new SimApp(APP_2, secret2, Optional.of(GROUP)),
                new SimApp(APP_3, secret3, Optional.empty()),
                new SimApp("qq", QQ_APP_1, qqSecret1, Optional.of(GROUP)),
                new SimApp("qq", QQ_APP_2, qqSecret2, Optional.of(GROUP)),
                new SimApp("douyin", DOUYIN_1, douyinSecret1, Optional.of(GROUP)),
                new SimApp("douyin", DOUYIN_2, douyinSecret2, Optional.of(GROUP)),
                new SimApp("alipay", ALIPAY_APP, alipaySecret, Optional.empty()),
                new SimApp("kuaishou", KUAISHOU_APP, kuaishouSecret, Optional.empty()),
                new SimApp("wecom", WECOM_APP, weComSecret, Optional.empty()),
                new SimApp("baidu", BAIDU_APP, baiduSecret, Optional.empty())));
    }
}
