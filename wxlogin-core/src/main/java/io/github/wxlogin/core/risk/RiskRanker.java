package io.github.wxlogin.core.risk;

import io.github.wxlogin.core.app.App;

/** Where a user's risk rank comes from: WeChat's {@code getuserriskrank} in the service. */
@FunctionalInterface
public interface RiskRanker {

    /**
     * The user's rank for a sign-up, 0 to 4.
     *
     * @param clientIp the user's address as the service sees it
     * @throws RiskUnknown when the platform could not rank the user (unreachable, an errcode, no recent visit)
     */
    int rank(App app, String openid, String clientIp);
}
