package io.github.wxlogin.core.wechat;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.risk.RiskRanker;
import io.github.wxlogin.core.risk.RiskScreen;
import io.github.wxlogin.core.risk.RiskUnknown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat's {@code getuserriskrank} with the app's access token (renewed and retried once when WeChat
 * says it is invalid, as every call with a token is). Whatever keeps WeChat from ranking the user
 * becomes a {@link RiskUnknown}: an errcode (61010, the user has not visited lately, is the usual one;
 * 48001 or 61007 when the app has not been given the API), WeChat unreachable, or its circuit open.
 */
public final class WeChatRiskRanker implements RiskRanker {

    private static final Logger log = LoggerFactory.getLogger(WeChatRiskRanker.class);
    /** "code is expired": the openid has not visited the mini program lately (30 minutes to 2 hours). */
    static final int NOT_RECENT = 61010;
    /** "api unauthorized": the app has not been given the risk-control API in the WeChat console. */
    static final int API_UNAUTHORIZED = 48001;

    private final WeChatClient client;
    private final AccessTokens tokens;

    public WeChatRiskRanker(WeChatClient client, AccessTokens tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    @Override
    public int rank(App app, String openid, String clientIp) {
        try {
            return tokens.call(app, token -> client.riskRank(token, app.appId(), openid, RiskScreen.SIGN_UP, clientIp));
        } catch (WeChatError e) {
            if (e.errcode() == NOT_RECENT) {
                throw new RiskUnknown("WeChat errcode 61010: the user has not visited the mini program lately");
            }
            if (e.errcode() == API_UNAUTHORIZED || WeChatErrors.isMisconfiguration(e)) {
                log.error(
                        "WeChat refused getuserriskrank for app {}: errcode {} {} (is the risk-control API turned on"
                                + " in the console?)",
                        app.appId(),
                        e.errcode(),
                        e.errmsg());
            }
            throw new RiskUnknown("WeChat errcode " + e.errcode());
        } catch (WeChatUnavailable e) {
            throw new RiskUnknown(e.getMessage());
        }
    }
}
