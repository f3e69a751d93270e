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
 * {@code [platform:]appid:secret[:group]} list of {@code WXSIM_APPS}.
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
     * Reads {@code [platform:]appid:secret[:group]} entries separated by commas; empty entries are
     * skipped and blank input gives no apps. With three fields, a first field that is a platform word
     * ({@link SimApp#PLATFORMS}) is the platform, otherwise the third is the group. An error names the
     * entry by position or appid, never its secret.
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
            boolean platformFirst = fields.length >= 3
                    && SimApp.PLATFORMS.contains(fields[0].strip().toLowerCase(java.util.Locale.ROOT));
            int first = platformFirst ? 1 : 0;
            int rest = fields.length - first;
            if (rest != 2 && rest != 3) {
                throw new IllegalArgumentException("app entry " + (i + 1) + " is not [platform:]appid:secret[:group]");
            }
            String platform = platformFirst ? fields[0].strip().toLowerCase(java.util.Locale.ROOT) : "wechat";
            Optional<String> group = rest == 3 && !fields[first + 2].isBlank()
                    ? Optional.of(fields[first + 2].strip())
                    : Optional.empty();
            apps.add(new SimApp(platform, fields[first].strip(), fields[first + 1].strip(), group));
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
