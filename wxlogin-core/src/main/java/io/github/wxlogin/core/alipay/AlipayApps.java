package io.github.wxlogin.core.alipay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Alipay apps the service holds keys for, by appid. Some may be still in the making when the service
 * starts (in dev mode the simulator inside makes an app's RSA keys, which takes a good part of a second on
 * a JVM that has just started): those are given as suppliers, asked for at each use. Each must keep its
 * answer once made, and throw the service's own error (a {@code WxLoginException}) where it cannot make
 * one, keeping no failure, so that the next use asks again.
 */
public final class AlipayApps {

    private final Map<String, AlipayApp> byAppId;
    private final Map<String, Supplier<AlipayApp>> inTheMaking;

    public AlipayApps(Collection<AlipayApp> apps) {
        this(apps, Map.of());
    }

    /** {@code apps} ready, and the apps of {@code inTheMaking}'s appids, each made by its supplier. */
    public AlipayApps(Collection<AlipayApp> apps, Map<String, Supplier<AlipayApp>> inTheMaking) {
        Map<String, AlipayApp> map = new LinkedHashMap<>();
        for (AlipayApp app : apps) {
            if (map.putIfAbsent(app.appId(), app) != null || inTheMaking.containsKey(app.appId())) {
                throw new IllegalArgumentException("Alipay app " + app.appId() + " is configured twice");
            }
        }
        this.byAppId = Collections.unmodifiableMap(map);
        this.inTheMaking = Collections.unmodifiableMap(new LinkedHashMap<>(inTheMaking));
    }

    public Optional<AlipayApp> find(String appId) {
        AlipayApp ready = byAppId.get(appId);
        if (ready != null) {
            return Optional.of(ready);
        }
        Supplier<AlipayApp> later = inTheMaking.get(appId);
        return later == null ? Optional.empty() : Optional.of(later.get());
    }

    /** Every app, waiting for those still in the making. */
    public Collection<AlipayApp> all() {
        List<AlipayApp> all = new ArrayList<>(byAppId.values());
        inTheMaking.values().forEach(app -> all.add(app.get()));
        return Collections.unmodifiableList(all);
    }

    @Override
    public String toString() {
        List<String> ids = new ArrayList<>(byAppId.keySet());
        ids.addAll(inTheMaking.keySet());
        return "AlipayApps" + ids;
    }
}
