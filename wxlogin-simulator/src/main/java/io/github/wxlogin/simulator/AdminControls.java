package io.github.wxlogin.simulator;

import java.time.Duration;
import java.util.OptionalInt;
import tools.jackson.databind.node.ObjectNode;

/** The controls that steer the simulator itself: faults, stats, settings, risk flags, clock, reset. */
final class AdminControls {

    static final long MAX_LATENCY_MS = 120_000;
    /** Enough for a load run's whole length (../shared/bench/compare.sh asks for 1,000,000 calls). */
    static final int MAX_FAULT_COUNT = 10_000_000;

    static final long MAX_ADVANCE_SECONDS = 10L * 366 * 24 * 3600;

    private final SimApps apps;
    private final Faults faults;
    private final Stats stats;
    private final LiveSettings live;
    private final RiskFlags risk;
    private final SimClock clock;
    private final Runnable reset;

    AdminControls(
            SimApps apps,
            Faults faults,
            Stats stats,
            LiveSettings live,
            RiskFlags risk,
            SimClock clock,
            Runnable reset) {
        this.apps = apps;
        this.faults = faults;
        this.stats = stats;
        this.live = live;
        this.risk = risk;
        this.clock = clock;
        this.reset = reset;
    }

    /** POST /sim/faults {"path","errcode"?,"latencyMs"?,"httpStatus"?,"count"}. */
    SimResponse addFault(SimRequest request) {
        Body body = Body.of(request);
        String path = body.string("path");
        if (!stats.knows(path)) {
            throw BadInput.badRequest("path must be one of " + String.join(", ", stats.paths()));
        }
        String target = path;
        OptionalInt errcode = body.optionalInt("errcode", Integer.MIN_VALUE, Integer.MAX_VALUE);
        long latency = body.optionalLong("latencyMs", 0, MAX_LATENCY_MS).orElse(0);
        OptionalInt httpStatus = body.optionalInt("httpStatus", 400, 599);
        int count = (int) body.requiredLong("count", 1, MAX_FAULT_COUNT);
        if (errcode.isPresent() && errcode.getAsInt() == 0) {
            throw BadInput.badRequest("errcode 0 is success, not a fault");
        }
        if (errcode.isPresent() && httpStatus.isPresent()) {
            throw BadInput.badRequest("give errcode or httpStatus, not both");
        }
        if (errcode.isEmpty() && httpStatus.isEmpty() && latency == 0) {
            throw BadInput.badRequest("give errcode, httpStatus or latencyMs");
        }
        faults.add(target, new Faults.Fault(errcode, latency, httpStatus), count);
        return Answers.noContent();
    }

    /** DELETE /sim/faults. */
    SimResponse clearFaults(SimRequest request) {
        faults.clear();
        return Answers.noContent();
    }

    /** GET /sim/stats → {"calls":{path: N, ...}}. */
    SimResponse stats(SimRequest request) {
        ObjectNode out = Json.object();
        out.set("calls", stats.snapshot());
        return Answers.json(200, out);
    }

    /** DELETE /sim/stats. */
    SimResponse clearStats(SimRequest request) {
        stats.clear();
        return Answers.noContent();
    }

    /** POST /sim/settings {"rotateSessionKey"?, "minuteLimit"?}. */
    SimResponse settings(SimRequest request) {
        Body body = Body.of(request);
        var rotate = body.optionalBool("rotateSessionKey");
        var limit = body.optionalInt("minuteLimit", 0, Integer.MAX_VALUE);
        rotate.ifPresent(live::rotateSessionKey);
        limit.ifPresent(live::minuteLimit);
        return Answers.noContent();
    }

    /** POST /sim/risk {"appId"?, "user", "risky"}: without appId the flag holds in every app. */
    SimResponse risk(SimRequest request) {
        Body body = Body.of(request);
        var appId = body.optionalString("appId");
        String user = body.string("user");
        boolean risky = body.bool("risky");
        if (appId.isPresent() && apps.find(appId.get()).isEmpty()) {
            throw new BadInput(404, "unknown app");
        }
        if (!UserRef.isValidUser(user)) {
            throw BadInput.badRequest("user must be 1 to " + UserRef.MAX_USER_LENGTH + " characters");
        }
        if (appId.isPresent()) {
            risk.flag(new UserRef(appId.get(), user), risky);
        } else {
            risk.flagEverywhere(user, risky);
        }
        return Answers.noContent();
    }

    /** POST /sim/clock {"advanceSeconds"}: moves the simulator's time forward. */
    SimResponse clock(SimRequest request) {
        long seconds = Body.of(request).requiredLong("advanceSeconds", 0, MAX_ADVANCE_SECONDS);
        clock.advance(Duration.ofSeconds(seconds));
        return Answers.noContent();
    }

    /** POST /sim/reset: back to the state at start. */
    SimResponse reset(SimRequest request) {
        reset.run();
        return Answers.noContent();
    }
}
