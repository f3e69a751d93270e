package io.github.wxlogin.core.opendata;

import tools.jackson.databind.JsonNode;

/**
 * Whether data that decrypted under a user's session_key was made for that user's app: the per-app
 * check of {@link OpenDataService}. WeChat's data names its app in {@code watermark.appid}
 * ({@link #WATERMARK}); a platform whose data carries no watermark says how its data is tied instead
 * ({@link io.github.wxlogin.core.platform.PlatformClient#openDataBelongs}).
 */
@FunctionalInterface
public interface OpenDataOwner {

    /** WeChat's rule: the watermark names the app. */
    OpenDataOwner WATERMARK = (appId, openid, data) -> watermarkNames(data, appId);

    /**
     * @param appId the caller's app
     * @param openid the caller's id in that app, whose session_key opened the data
     * @param data the decrypted JSON object
     */
    boolean owns(String appId, String openid, JsonNode data);

    /** Whether the data's {@code watermark.appid} is {@code appId}. */
    static boolean watermarkNames(JsonNode data, String appId) {
        JsonNode watermark = data.get("watermark");
        JsonNode app = watermark == null ? null : watermark.get("appid");
        return app != null && app.isString() && app.asString().equals(appId);
    }
}
