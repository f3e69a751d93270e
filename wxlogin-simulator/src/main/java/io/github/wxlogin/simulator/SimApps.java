package io.github.wxlogin.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mini programs a simulator knows, by appid, in the order given. {@link #parse} reads the
 * {@code appid:secret[:group]} list of {@code WXSIM_APPS}.
 */
public final class SimApps {

    private final Map<String, SimApp> byAppId;

    public SimApps(Collection<SimApp> apps) {
        Map<String, SimApp> map = new LinkedHashMap<>();
        for (SimApp app : apps) {
            if (map.putIfAbsent(app.appId(), app) != null) {
                throw new IllegalArgumentException("app " + app.appId() + " is configured twice");
            }
        }
        this.byAppId = Collections.unmodifiableMap(map);
    }

    /**
     * Reads {@code appid:secret[:group]} entries separated by commas; empty entries are skipped and
     * blank input gives no apps. An error names the entry by position or appid, never its secret.
     */
    public static SimApps parse(String spec) {
        List<SimApp> apps = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return new SimApps(apps);
        }
        String[] entries = spec.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] fields = entry.split(":", -1);
            if (fields.length != 2 && fields.length != 3) {
                throw new IllegalArgumentException("app entry " + (i + 1) + " is not appid:secret[:group]");
            }
            Optional<String> group =
                    fields.length == 3 && !fields[2].isBlank() ? Optional.of(fields[2].strip()) : Optional.empty();
            apps.add(new SimApp(fields[0].strip(), fields[1].strip(), group));
        }
        return new SimApps(apps);
    }

    public Optional<SimApp> find(String appId) {
        return appId == null ? Optional.empty() : Optional.ofNullable(byAppId.get(appId));
    }

    public Collection<SimApp> all() {
        return byAppId.values();
    }

    public boolean isEmpty() {
        return byAppId.isEmpty();
    }

    @Override
    public String toString() {
        return "SimApps" + byAppId.values();
    }
}
