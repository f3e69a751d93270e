package io.github.wxlogin.simulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Users WeChat's risk control blocks from logging in (40226), in one app or in all. */
final class RiskFlags {

    private final Set<UserRef> perApp = ConcurrentHashMap.newKeySet();
    private final Set<String> everywhere = ConcurrentHashMap.newKeySet();

    void flag(UserRef ref, boolean risky) {
        if (risky) {
            perApp.add(ref);
        } else {
            perApp.remove(ref);
        }
    }

    /** Flags the user in every app; unflagging also clears the user's per-app flags. */
    void flagEverywhere(String user, boolean risky) {
        if (risky) {
            everywhere.add(user);
        } else {
            everywhere.remove(user);
            perApp.removeIf(ref -> ref.user().equals(user));
        }
    }

    boolean isRisky(UserRef ref) {
        return everywhere.contains(ref.user()) || perApp.contains(ref);
    }

    void clear() {
        perApp.clear();
        everywhere.clear();
    }
}
