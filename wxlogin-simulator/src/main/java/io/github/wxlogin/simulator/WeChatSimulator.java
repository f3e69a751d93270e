package io.github.wxlogin.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the WeChat servers, free of any transport: give it requests, send back its
 * responses. It answers the WeChat paths ({@code /sns/jscode2session}, {@code /cgi-bin/token},
 * {@code /cgi-bin/stable_token}, {@code /wxa/business/getuserphonenumber}, {@code /wxa/checksession},
 * {@code /wxa/resetusersessionkey}, {@code /wxa/business/getuserencryptkey},
 * {@code /wxa/getuserriskrank}) with WeChat's field names and error codes, the other platforms'
 * paths under their prefix (QQ's {@code /qq/sns/jscode2session}, Baidu's
 * {@code /baidu/oauth/jscode2sessionkey}), and its own controls under
 * {@code /sim/}. Thread-safe; all state is in memory.
 *
 * <p>{@link SimulatorServer} serves it over Netty, waiting out injected latency without a thread per
 * call; a servlet can serve it too, through {@link #handle}.
 */
public final class WeChatSimulator {

    private static final Logger log = LoggerFactory.getLogger(WeChatSimulator.class);

    static final Duration LOGIN_CODE_LIFE = Duration.ofMinutes(5);
    static final Duration PHONE_CODE_LIFE = Duration.ofMinutes(5);
    static final Duration ALIPAY_CODE_LIFE = Duration.ofHours(24);

    private final SimulatorSettings settings;
    private final SimClock clock;
    private final LiveSettings live;
    private final IssuedCodes<String> loginCodes;
    private final IssuedCodes<PhoneGrant> phoneCodes;
    private final SessionKeys sessionKeys = new SessionKeys();
    private final EncryptKeys encryptKeys = new EncryptKeys();
    private final RiskFlags risk = new RiskFlags();
    private final MinuteQuota quota = new MinuteQuota();
    private final IssuedAccessTokens tokens;
    private final Faults faults = new Faults();
    private final Stats stats = new Stats();
    private final Router router;
    private final DouyinState douyin;
    private final KuaishouState kuaishou;
    private final AlipayKeyring alipayKeys = new AlipayKeyring();
    private final IssuedCodes<String> alipayCodes;
    private final AlipayTokens alipayTokens = new AlipayTokens();
    private final BaiduState baidu;
    private final SimComponents components = new SimComponents();
    private final RiskRankApi riskRanks;
    private final WeComTokens weComTokens;

    public WeChatSimulator(SimulatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = new SimClock(settings.clock());
        this.live = new LiveSettings(settings);
        // wx.login codes look like 32 letters and digits; getPhoneNumber codes like 64 hex digits.
        this.loginCodes = new IssuedCodes<>(clock, LOGIN_CODE_LIFE, () -> Randoms.alnum(32));
        this.phoneCodes = new IssuedCodes<>(clock, PHONE_CODE_LIFE, () -> Randoms.hex(32));
        this.tokens = new IssuedAccessTokens(clock);
        // my.getAuthCode's authCode: 32 hex digits; good once, for up to 24 hours (second-hand: Alipay's
        // isv.code-invalid help, "auth_code有效期最久24小时").
        this.alipayCodes = new IssuedCodes<>(clock, ALIPAY_CODE_LIFE, () -> Randoms.hex(16));

        Credentials credentials = new Credentials(settings.apps());
        LoginApi login =
                new LoginApi(credentials, loginCodes, sessionKeys, risk, quota, live, clock, LoginApi.Rules.WECHAT);
        TokenApi token = new TokenApi(credentials, tokens, clock);
        WxaApi wxa = new WxaApi(tokens, phoneCodes, sessionKeys, encryptKeys, clock);
        ChannelControls channel = new ChannelControls(settings.apps(), encryptKeys, clock);
        this.riskRanks = new RiskRankApi(settings.apps(), tokens, sessionKeys, clock);
        // QQ's code2Session is WeChat's API on QQ's host, with QQ's own apps and errcodes.
        LoginApi qqLogin = new LoginApi(
                new Credentials(settings.apps(), "qq"),
                loginCodes,
                sessionKeys,
                risk,
                quota,
                live,
                clock,
                LoginApi.Rules.QQ);
        // The other platforms: each adds its stand-in for the /sim/ controls here, and its API paths below.
        Map<String, PlatformStandIn> standIns = new HashMap<>();
        standIns.put("qq", new QqStandIn(new WeChatStandIn(loginCodes, phoneCodes, sessionKeys, clock)));
        this.douyin = new DouyinState(settings.apps(), clock, live);
        DouyinStandIn douyinStandIn = new DouyinStandIn(douyin);
        DouyinApi douyinApi = new DouyinApi(douyin);
        standIns.put(DouyinState.PLATFORM, douyinStandIn);
        // Alipay: its gateway, under /alipay, and its stand-in.
        AlipayGateway alipayGateway = new AlipayGateway(settings.apps(), alipayKeys, alipayCodes, alipayTokens, clock);
        AlipayStandIn alipay = new AlipayStandIn(settings.apps(), alipayKeys, alipayCodes, alipayTokens);
        standIns.put("alipay", alipay);
        this.kuaishou = new KuaishouState(settings.apps(), clock, live);
        standIns.put(KuaishouState.PLATFORM, new KuaishouStandIn(kuaishou));
        KuaishouApi kuaishouApi = new KuaishouApi(kuaishou);
        // WeCom: its server under /wecom (corp app tokens, jscode2session) and its stand-in.
        this.weComTokens = new WeComTokens(clock);
        WeComApi weCom = new WeComApi(settings.apps(), weComTokens, loginCodes, sessionKeys, live, clock);
        WeComStandIn weComStandIn = new WeComStandIn(
                new WeChatStandIn(loginCodes, phoneCodes, sessionKeys, clock), sessionKeys, weComTokens, clock);
        standIns.put(WeComApi.PLATFORM, weComStandIn);
        // Baidu: jscode2sessionkey under /baidu, and its stand-in.
        this.baidu = new BaiduState(settings.apps(), clock);
        BaiduApi baiduApi = new BaiduApi(baidu);
        standIns.put(BaiduState.PLATFORM, new BaiduStandIn(baidu));
        PhoneControls phone = new PhoneControls(settings.apps(), loginCodes, phoneCodes, sessionKeys, clock, standIns);
        // Service providers (third-party platforms): WeChat's component paths and their controls.
        ComponentApi component =
                new ComponentApi(components, settings.apps(), loginCodes, sessionKeys, quota, live, clock);
        AdminControls admin = new AdminControls(settings.apps(), faults, stats, live, risk, clock, this::reset);

        this.router = new Router(stats, faults, clock)
                .wechat(WeChatPath.JSCODE2SESSION, login::code2Session)
                .wechat(WeChatPath.TOKEN, token::token)
                .wechat(WeChatPath.STABLE_TOKEN, token::stableToken)
                .wechat(WeChatPath.PHONE_NUMBER, wxa::phoneNumber)
                .wechat(WeChatPath.CHECK_SESSION, wxa::checkSession)
                .wechat(WeChatPath.RESET_SESSION_KEY, wxa::resetSessionKey)
                .wechat(WeChatPath.USER_ENCRYPT_KEY, wxa::userEncryptKey)
                .wechat(WeChatPath.RISK_RANK, riskRanks::riskRank)
                .wechatAt("/qq", WeChatPath.JSCODE2SESSION, qqLogin::code2Session)
                .api(
                        "POST",
                        DouyinApi.CODE2SESSION,
                        douyinApi::code2Session,
                        errNo -> douyinApi.error(errNo, clock.now()))
                .api("POST", DouyinApi.CLIENT_TOKEN, douyinApi::clientToken, DouyinApi::tokenError)
                .api(
                        "POST",
                        DouyinApi.PHONE_NUMBER,
                        douyinApi::phoneNumber,
                        errNo -> douyinApi.error(errNo, clock.now()))
                .api(
                        "POST",
                        ComponentApi.TOKEN_PATH,
                        component::token,
                        e -> component.injected(ComponentApi.TOKEN_PATH, e))
                .api(
                        "GET",
                        ComponentApi.LOGIN_PATH,
                        component::code2Session,
                        e -> component.injected(ComponentApi.LOGIN_PATH, e))
                .control("POST", "/sim/component", component::configure)
                .control("POST", "/sim/component/push", component::push)
                .control("GET", "/sim/douyin/keys", douyinStandIn::keys)
                .control("POST", "/sim/douyin/keys", douyinStandIn::uploadKey)
                .api("POST", AlipayGateway.PATH, alipayGateway::handle, alipayGateway::injected)
                .api("POST", BaiduApi.JSCODE2SESSIONKEY, baiduApi::jscode2SessionKey, BaiduError::injected)
                .control("GET", "/sim/alipay/keys", alipay::keys)
                .control("POST", "/sim/alipay/keys", alipay::setKeys)
                .api("POST", KuaishouApi.CODE2SESSION, kuaishouApi::code2Session, KuaishouResult::answer)
                .api("GET", WeComApi.GETTOKEN, weCom::gettoken, weCom::injected)
                .api("GET", WeComApi.JSCODE2SESSION, weCom::code2Session, weCom::injected)
                .control("POST", "/sim/wecom/expire-tokens", weComStandIn::expireTokens)
                .control("POST", "/sim/login", phone::login)
                .control("POST", "/sim/phone-code", phone::phoneCode)
                .control("POST", "/sim/open-data", phone::openData)
                .control("GET", "/sim/session", phone::session)
                .control("GET", "/sim/user-key", channel::latest)
                .control("POST", "/sim/channel-encrypt", channel::encrypt)
                .control("POST", "/sim/faults", admin::addFault)
                .control("DELETE", "/sim/faults", admin::clearFaults)
                .control("GET", "/sim/stats", admin::stats)
                .control("DELETE", "/sim/stats", admin::clearStats)
                .control("POST", "/sim/settings", admin::settings)
                .control("POST", "/sim/risk", admin::risk)
                .control("POST", "/sim/risk-rank", riskRanks::setRank)
                .control("GET", "/sim/risk-rank", riskRanks::show)
                .control("POST", "/sim/clock", admin::clock)
                .control("POST", "/sim/reset", admin::reset);
    }

    /**
     * Answers one request. Never throws: bad input gets an error body, a bug gets a 500 body. Blocks
     * for an injected fault's latency, so serve each call on its own thread (a servlet container does).
     */
    public SimResponse handle(SimRequest request) {
        Routed call = accept(request);
        stall(call.stallMs());
        return call.answer().get();
    }

    /**
     * Answers one request without holding the caller's thread through an injected fault's latency: the
     * call is counted and its fault taken now, and the answer is worked out when the stall is over (on
     * the JDK's timer, then its common pool), or at once when there is none. Never fails: bad input gets an
     * error body, a bug a 500 body, as {@link #handle}.
     */
    public CompletableFuture<SimResponse> handleLater(SimRequest request) {
        Routed call = accept(request);
        if (call.stallMs() <= 0) {
            return CompletableFuture.completedFuture(call.answer().get());
        }
        return CompletableFuture.supplyAsync(
                call.answer(), CompletableFuture.delayedExecutor(call.stallMs(), TimeUnit.MILLISECONDS));
    }

    /**
     * Takes one request in without waiting: the call is counted and its fault taken now; wait
     * {@link Routed#stallMs()} however suits the transport, then ask for the answer. Neither step throws.
     */
    Routed accept(SimRequest request) {
        if (request == null) {
            return Routed.now(Answers.problem(400, "no request"));
        }
        Routed routed;
        try {
            routed = router.route(request);
        } catch (RuntimeException e) {
            return Routed.now(failed(request, e));
        }
        return new Routed(routed.stallMs(), () -> {
            try {
                return routed.answer().get();
            } catch (RuntimeException e) {
                return failed(request, e);
            }
        });
    }

    private static SimResponse failed(SimRequest request, RuntimeException e) {
        // Our own exception messages hold no secrets; still, log the type and path only.
        log.warn(
                "simulator failed on {} {}: {}",
                request.method(),
                request.path(),
                e.getClass().getName());
        log.debug("simulator failure", e);
        return Answers.problem(500, "the simulator failed; see its log");
    }

    private static void stall(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // Answer anyway, as a stall cut short; the flag stays set for the caller's thread.
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The keys the simulated Alipay holds for an Alipay app (made on first use), as {@code GET
     * /sim/alipay/keys} shows them: in dev mode the service takes the app's private key, Alipay's public
     * key and the content key from here.
     */
    public AlipayKeyMaterial alipayKeys(String appId) {
        SimApp app =
                settings.apps().find(appId).orElseThrow(() -> new IllegalArgumentException("unknown app " + appId));
        if (!app.platform().equals("alipay")) {
            throw new IllegalArgumentException("app " + appId + " is not an Alipay app");
        }
        return alipayKeys.material(appId);
    }

    /** The settings it was started with (POST /sim/settings changes do not show here). */
    public SimulatorSettings settings() {
        return settings;
    }

    /**
     * The private key of a Douyin app's phone key pair, PEM (PKCS#8), as {@code GET /sim/douyin/keys}
     * shows it: for the service in dev mode, which decrypts what this simulator encrypts. Empty for an
     * app that is not Douyin's, or whose public key was uploaded.
     */
    public java.util.Optional<String> douyinPrivateKey(String appId) {
        return settings.apps()
                .find(appId)
                .filter(a -> a.platform().equals(DouyinState.PLATFORM))
                .flatMap(a -> douyin.keys.of(appId).privateKeyPem());
    }

    /**
     * The AppKey the simulated Baidu gives a Baidu app ({@code client_id} of jscode2sessionkey and the
     * trailer of its open data): for the service in dev mode, and for tests that configure both sides.
     */
    public static String baiduAppKey(String appId) {
        return BaiduState.appKey(appId);
    }

    /** Back to the state at start: codes, tokens, session keys, faults, stats, risk flags, clock, settings. */
    void reset() {
        loginCodes.clear();
        phoneCodes.clear();
        sessionKeys.clear();
        encryptKeys.clear();
        risk.clear();
        riskRanks.clear();
        quota.clear();
        tokens.clear();
        faults.clear();
        stats.clear();
        clock.reset();
        live.reset();
        douyin.reset();
        components.clear();
        kuaishou.reset();
        weComTokens.expireAll();
        alipayCodes.clear();
        alipayTokens.clear();
        baidu.reset();
        log.info("simulator reset");
    }
}
