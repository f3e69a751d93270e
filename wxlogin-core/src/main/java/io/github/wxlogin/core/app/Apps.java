package io.github.wxlogin.core.app;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configured mini programs, parsed from the {@code [platform:]appid:secret[:group]} list shared by
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
     * Parses {@code [platform:]appid:secret[:group]} entries separated by commas; the platform is left
     * out for WeChat. With three fields, a first field that names a platform ({@link Platform#byId})
     * is the platform, otherwise the third is the group. Blank input gives no apps. Error messages
     * name the entry by its position or appid only, never the secret.
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
            if (!trimmed.isEmpty()) {
                apps.add(entry(trimmed, position));
            }
        }
        return new Apps(apps);
    }

    private static App entry(String entry, int position) {
        String[] parts = entry.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip();
        }
        Optional<Platform> platform = parts.length >= 3 ? Platform.byId(parts[0]) : Optional.empty();
        int first = platform.isPresent() ? 1 : 0;
        int fields = parts.length - first;
        if (parts.length == 4 && platform.isEmpty()) {
            throw new IllegalArgumentException("app entry " + position + " starts with \"" + parts[0]
                    + "\", which is not a platform (" + platformWords() + ")");
        }
        if (fields < 2 || fields > 3) {
            throw new IllegalArgumentException("app entry " + position + " is not [platform:]appid:secret[:group]");
        }
        Optional<String> group =
                fields == 3 && !parts[first + 2].isBlank() ? Optional.of(parts[first + 2]) : Optional.empty();
        return new App(platform.orElse(Platform.WECHAT), parts[first], parts[first + 1], group);
    }

    private static String platformWords() {
        return String.join(
                ", ",
                java.util.Arrays.stream(Platform.values()).map(Platform::id).toList());
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
