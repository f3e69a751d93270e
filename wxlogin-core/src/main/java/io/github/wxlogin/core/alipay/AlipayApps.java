package io.github.wxlogin.core.alipay;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The Alipay apps the service holds keys for, by appid. */
public final class AlipayApps {

    private final Map<String, AlipayApp> byAppId;

    public AlipayApps(Collection<AlipayApp> apps) {
        Map<String, AlipayApp> map = new LinkedHashMap<>();
        for (AlipayApp app : apps) {
            if (map.putIfAbsent(app.appId(), app) != null) {
                throw new IllegalArgumentException("Alipay app " + app.appId() + " is configured twice");
            }
        }
        this.byAppId = Collections.unmodifiableMap(map);
    }

    public Optional<AlipayApp> find(String appId) {
        return Optional.ofNullable(byAppId.get(appId));
    }

    public Collection<AlipayApp> all() {
        return byAppId.values();
    }

    @Override
    public String toString() {
        return "AlipayApps" + byAppId.keySet();
    }
}
