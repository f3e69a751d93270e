package io.github.wxlogin.core.app;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configured mini programs, parsed from the {@code appid:secret[:group]} list shared by
 * {@code WXLOGIN_APPS} and {@code WXSIM_APPS}.
 */
public final class Apps {

    private final Map<String, App> byId;

    public Apps(Collection<App> apps) {
        Map<String, App> map = new LinkedHashMap<>();
        for (App app : apps) {
            if (map.putIfAbsent(app.appId(), app) != null) {
                throw new IllegalArgumentException("app " + app.appId() + " is configured twice");
            }
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    /**
     * Parses {@code appid:secret[:group]} entries separated by commas. Blank input gives no apps.
     * Error messages name the entry by its appid only, never the secret.
     */
    public static Apps parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return new Apps(java.util.List.of());
        }
        java.util.List<App> apps = new java.util.ArrayList<>();
        int position = 0;
        for (String entry : spec.split(",")) {
            position++;
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("app entry " + position + " is not appid:secret[:group]");
            }
            Optional<String> group =
                    parts.length == 3 && !parts[2].isBlank() ? Optional.of(parts[2].strip()) : Optional.empty();
            apps.add(new App(parts[0].strip(), parts[1].strip(), group));
        }
        return new Apps(apps);
    }

    public Optional<App> find(String appId) {
        return appId == null ? Optional.empty() : Optional.ofNullable(byId.get(appId));
    }

    /** The only app, when exactly one is configured. */
    public Optional<App> single() {
        return byId.size() == 1 ? Optional.of(byId.values().iterator().next()) : Optional.empty();
    }

    public Collection<App> all() {
        return byId.values();
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    @Override
    public String toString() {
        return "Apps" + byId.values();
    }
}
