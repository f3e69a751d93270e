package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static io.github.wxlogin.simulator.DemoApps.APP_2;

import io.github.wxlogin.core.token.TokenSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What {@link FaultsUnderLoadIT} checks after its faults: every live session works on both instances,
 * every spent refresh token stays spent, every session logged out stays refused, every session answered
 * is in the database, and every WeChat user is one user. Each list holds what broke a promise, described.
 */
final class FaultChecks {

    final List<String> lost = new ArrayList<>();
    final List<String> revived = new ArrayList<>();
    final List<String> resurrected = new ArrayList<>();
    final List<String> missing = new ArrayList<>();
    final List<String> duplicated = new ArrayList<>();
    /** What was checked, how many of each. */
    final Map<String, Integer> counted = new LinkedHashMap<>();

    private FaultChecks() {}

    /**
     * Checks, with the load stopped and every instance UP, what the load was answered against what the
     * two instances answer now and what the database holds.
     */
    static FaultChecks of(FaultLoad load, Sim sim, List<FaultLoad.Target> both, PrivatePostgres pg)
            throws SQLException, InterruptedException {
        FaultChecks checks = new FaultChecks();
        List<FaultLoad.Session> sessions = List.copyOf(load.sessions);

        // (1) Live sessions work on both instances; their latest refresh token refreshes. Before (2):
        // a spent token presented ends its session.
        int live = 0;
        for (FaultLoad.Session s : sessions) {
            if (!s.live()) {
                continue;
            }
            live++;
            for (FaultLoad.Target service : both) {
                Http.Reply me = service.http().me("Bearer " + s.access);
                if (me.status() != 200 || !s.userId.equals(me.json().get("id").asString())) {
                    checks.lost.add(s + ": GET /v1/me on " + service.name() + " answered " + me);
                }
            }
            Http.Reply refreshed = both.get(live % 2).http().refresh(s.refresh);
            if (refreshed.status() != 200) {
                checks.lost.add(s + ": its latest refresh token answered " + refreshed
                        + (s.refused503 > 0 ? " (after " + s.refused503 + " refreshes answered 503)" : ""));
            }
        }

        // (2) Every refresh token answered 200 when spent stays spent, newest first. A session the load
        // lost track of (a refresh or a logout with no answer) was not refreshed in (1): its newest spent
        // token may still have an unused successor, and presented within the refresh grace of its spend
        // it is the retry of a lost answer, answered 200 by design (docs/api.md, "the refresh grace").
        // So the grace is waited out for those first.
        waitOutTheRefreshGrace(sessions);
        int spent = 0;
        for (FaultLoad.Session s : sessions) {
            for (int i = s.spent.size() - 1; i >= 0; i--) {
                spent++;
                Http.Reply again = both.get(spent % 2).http().refresh(s.spent.get(i));
                if (again.status() != 401) {
                    checks.revived.add(
                            s + ": spent token #" + (i + 1) + " of " + s.spent.size() + " answered " + again);
                }
            }
        }

        // (3) Sessions logged out stay refused on both instances.
        int ended = 0;
        for (FaultLoad.Session s : sessions) {
            if (!s.ended) {
                continue;
            }
            ended++;
            for (FaultLoad.Target service : both) {
                Http.Reply me = service.http().me("Bearer " + s.access);
                Http.Reply refreshed = service.http().refresh(s.refresh);
                if (me.status() != 401 || refreshed.status() != 401) {
                    checks.resurrected.add(
                            s + " on " + service.name() + ": GET /v1/me " + me + "; refresh " + refreshed);
                }
            }
        }

        // (4) One user per WeChat user: each logs in again, on either instance, as itself.
        Map<String, String> userOf = new LinkedHashMap<>();
        int n = 0;
        for (String name : List.copyOf(load.names)) {
            String app = n % 2 == 0 ? APP_1 : APP_2;
            Http service = both.get(n++ % 2).http();
            Tokens again = Tokens.of(service.login(app, sim.code(app, name)));
            userOf.put(name, again.userId());
            Set<String> before = load.userIds.getOrDefault(name, Set.of());
            if (before.size() > 1 || !before.isEmpty() && !before.contains(again.userId())) {
                checks.duplicated.add(
                        name + ": answered as " + before + " during the run, " + again.userId() + " after");
            } else if (!before.isEmpty() && again.newUser()) {
                checks.duplicated.add(name + ": answered as " + before + " during the run, a new user after");
            }
        }

        // (5) The database: every session answered is there, every one logged out is ended, one user each.
        try (Connection c = pg.connect("wxlogin")) {
            Set<String> stored = new HashSet<>(strings(c, "SELECT id FROM wx_sessions"));
            Set<String> open = new HashSet<>(strings(c, "SELECT id FROM wx_sessions WHERE ended_at IS NULL"));
            for (FaultLoad.Session s : sessions) {
                if (!stored.contains(s.sid)) {
                    checks.missing.add(s + " is not in wx_sessions");
                } else if (s.ended && open.contains(s.sid)) {
                    checks.missing.add(s + " was logged out (204) and is not ended in wx_sessions");
                }
            }
            long users = count(c, "SELECT COUNT(*) FROM wx_users");
            if (users != userOf.size()) {
                checks.duplicated.add(users + " users in wx_users for " + userOf.size() + " WeChat users");
            }
            for (String split : strings(c, """
                SELECT unionid FROM wx_identities WHERE unionid IS NOT NULL
                 GROUP BY unionid HAVING COUNT(DISTINCT user_id) > 1""")) {
                checks.duplicated.add("unionid " + split + " belongs to more than one user");
            }
            for (String split : strings(c, """
                SELECT u.id FROM wx_users u
                 WHERE NOT EXISTS (SELECT 1 FROM wx_identities i WHERE i.user_id = u.id)""")) {
                checks.duplicated.add("user " + split + " has no identity");
            }
            checks.counted.put("sessions answered", sessions.size());
            checks.counted.put("live at the end", live);
            checks.counted.put("logged out", ended);
            checks.counted.put("uncertain", (int)
                    sessions.stream().filter(s -> s.uncertain || s.endUnknown).count());
            checks.counted.put("spent refresh tokens", spent);
            checks.counted.put("WeChat users", userOf.size());
            checks.counted.put("users in the database", (int) users);
        }
        return checks;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Until the refresh grace (the default, which the fleet runs with) has passed for the newest spent
     * token of every session not refreshed in (1).
     */
    private static void waitOutTheRefreshGrace(List<FaultLoad.Session> sessions) throws InterruptedException {
        long grace = TokenSettings.DEFAULT_REFRESH_GRACE.plusSeconds(1).toNanos();
        for (FaultLoad.Session s : sessions) {
            if (s.live() || s.spent.isEmpty()) {
                continue;
            }
            long left;
            while ((left = s.lastSpentNanos + grace - System.nanoTime()) > 0) {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
