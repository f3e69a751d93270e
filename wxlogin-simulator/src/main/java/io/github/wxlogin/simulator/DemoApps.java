package io.github.wxlogin.simulator;

import java.util.List;
import java.util.Optional;

/**
 * The three apps of dev mode: {@link #APP_1} and {@link #APP_2} in one open-platform group
 * ({@link #GROUP}, so a user has one unionid across them), {@link #APP_3} in none (no unionid).
 */
public final class DemoApps {

    public static final String APP_1 = "wx0000000000000001";
    public static final String APP_2 = "wx0000000000000002";
    public static final String APP_3 = "wx0000000000000003";
    public static final String GROUP = "demo";
    /**
     * The Alipay demo app. Alipay has no app secret: its keys (the app's RSA2 key pair, Alipay's, the
     * content key) are made by the simulator ({@code /sim/alipay/keys}); the secret here is unused.
     */
    public static final String ALIPAY_APP = "2021000000000001";

    private DemoApps() {}

    /** The demo apps with fresh random secrets (32 hex characters each), as dev mode uses them. */
    public static SimApps random() {
        return build(Randoms.hex(16), Randoms.hex(16), Randoms.hex(16), Randoms.hex(16));
    }

    /**
     * The demo apps with well-known secrets, {@code "sim-secret-"} + the appid's last four characters
     * ({@code sim-secret-0001}, {@code sim-secret-0002}, {@code sim-secret-0003}). The standalone
     * simulator uses them when {@code WXSIM_APPS} is unset. They are public documentation, not secrets:
     * never use them anywhere but against the simulator.
     */
    public static SimApps fixed() {
        return build(fixedSecret(APP_1), fixedSecret(APP_2), fixedSecret(APP_3), fixedSecret(ALIPAY_APP));
    }

    static String fixedSecret(String appId) {
        return "sim-secret-" + appId.substring(appId.length() - 4);
    }

    private static SimApps build(String secret1, String secret2, String secret3, String alipaySecret) {
        return new SimApps(List.of(
                new SimApp(APP_1, secret1, Optional.of(GROUP)),
                new SimApp(APP_2, secret2, Optional.of(GROUP)),
                new SimApp(APP_3, secret3, Optional.empty()),
                new SimApp("alipay", ALIPAY_APP, alipaySecret, Optional.empty())));
    }
}
