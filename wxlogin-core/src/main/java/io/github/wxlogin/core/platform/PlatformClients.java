package io.github.wxlogin.core.platform;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.opendata.OpenDataFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * Every platform's {@link PlatformClient} behind one: each call goes to the client of the app's
 * platform. Built once at start with the apps it will serve, so an app whose platform has no client
 * is a configuration mistake at start, never a failed login later.
 */
public final class PlatformClients implements PlatformClient {

    private final Map<Platform, PlatformClient> byPlatform;

    private PlatformClients(Map<Platform, PlatformClient> byPlatform) {
        this.byPlatform = Collections.unmodifiableMap(new EnumMap<>(byPlatform));
    }

    /**
     * The clients, checked against the apps.
     *
     * @throws IllegalArgumentException naming the first app whose platform has no client
     */
    public static PlatformClients of(Map<Platform, ? extends PlatformClient> clients, Apps apps) {
        Map<Platform, PlatformClient> map = new EnumMap<>(Platform.class);
        clients.forEach((platform, client) -> map.put(platform, Objects.requireNonNull(client, platform.id())));
        for (App app : apps.all()) {
            if (!map.containsKey(app.platform())) {
                throw new IllegalArgumentException(
                        "app " + app.appId() + " is a " + app.platform().id() + " app, and this service has no "
                                + app.platform().id() + " support configured");
            }
        }
        return new PlatformClients(map);
    }

    /** The client of the app's platform. */
    public PlatformClient of(App app) {
        PlatformClient client = byPlatform.get(app.platform());
        if (client == null) {
            // of() checked every configured app; only an app made up after start gets here.
            throw new IllegalStateException(
                    "no client for platform " + app.platform().id());
        }
        return client;
    }

    @Override
    public PlatformSession exchangeCode(App app, String code) {
        return of(app).exchangeCode(app, code);
    }

    @Override
    public CompletableFuture<PlatformSession> exchangeCodeAsync(App app, String code) {
        return of(app).exchangeCodeAsync(app, code);
    }

    @Override
    public boolean takesAnonymousCodes(App app) {
        return of(app).takesAnonymousCodes(app);
    }

    @Override
    public CompletableFuture<PlatformLogin> exchangeAsync(App app, LoginCodes codes) {
        return of(app).exchangeAsync(app, codes);
    }

    @Override
    public PlatformPhone phoneNumber(App app, String openid, String code) {
        return of(app).phoneNumber(app, openid, code);
    }

    @Override
    public PlatformPhone phoneFromSignedResponse(App app, String response, String sign) {
        return of(app).phoneFromSignedResponse(app, response, sign);
    }

    @Override
    public boolean checksSessionKeys(App app) {
        return of(app).checksSessionKeys(app);
    }

    @Override
    public boolean sessionKeyValid(App app, String openid, String sessionKey) {
        return of(app).sessionKeyValid(app, openid, sessionKey);
    }

    @Override
    public boolean offersEncryptedPhoneData(App app) {
        return of(app).offersEncryptedPhoneData(app);
    }

    @Override
    public Optional<PlatformPhone> phoneInOpenData(App app, JsonNode data) {
        return of(app).phoneInOpenData(app, data);
    }

    @Override
    public String resetSessionKey(App app, String openid, String sessionKey) {
        return of(app).resetSessionKey(app, openid, sessionKey);
    }

    @Override
    public List<PlatformEncryptKey> userEncryptKeys(App app, String openid, String sessionKey) {
        return of(app).userEncryptKeys(app, openid, sessionKey);
    }

    @Override
    public OpenDataFormat openDataFormat(App app) {
        return of(app).openDataFormat(app);
    }

    @Override
    public boolean openDataBelongs(App app, String openid, JsonNode data) {
        return of(app).openDataBelongs(app, openid, data);
    }
}
