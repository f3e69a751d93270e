package io.github.wxlogin.simulator;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its handler. WeChat paths are counted, then may be faulted, then answered;
 * {@code /sim/…} paths go to the controls. Nothing here knows a rule of WeChat's.
 */
final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** The contract's body limit. */
    static final int MAX_BODY = 64 * 1024;

    private final Map<WeChatPath, Function<SimRequest, SimResponse>> wechat = new EnumMap<>(WeChatPath.class);
    private final Map<String, Map<String, Function<SimRequest, SimResponse>>> controls = new LinkedHashMap<>();
    private final Stats stats;
    private final Faults faults;
    private final SimClock clock;

    Router(Stats stats, Faults faults, SimClock clock) {
        this.stats = stats;
        this.faults = faults;
        this.clock = clock;
    }

    Router wechat(WeChatPath path, Function<SimRequest, SimResponse> handler) {
        wechat.put(path, handler);
        return this;
    }

    Router control(String method, String path, Function<SimRequest, SimResponse> handler) {
        controls.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
        return this;
    }

    SimResponse route(SimRequest request) {
        if (request.bodyLength() > MAX_BODY) {
            return Answers.problem(413, "the body is over " + MAX_BODY / 1024 + " KiB");
        }
        Optional<WeChatPath> path = WeChatPath.of(request.path());
        if (path.isPresent()) {
            return callWeChat(path.get(), request);
        }
        Map<String, Function<SimRequest, SimResponse>> byMethod = controls.get(request.path());
        if (byMethod == null) {
            return Answers.notFound(request.path());
        }
        Function<SimRequest, SimResponse> handler = byMethod.get(request.method());
        if (handler == null) {
            return Answers.methodNotAllowed(request.method(), String.join(", ", byMethod.keySet()));
        }
        try {
            return handler.apply(request);
        } catch (BadInput e) {
            return Answers.problem(e.status(), e.getMessage());
        }
    }

    private SimResponse callWeChat(WeChatPath path, SimRequest request) {
        stats.count(path);
        if (!path.method().equals(request.method())) {
            return Answers.methodNotAllowed(request.method(), path.method());
        }
        Optional<Faults.Fault> fault = faults.take(path);
        if (fault.isPresent()) {
            Faults.Fault f = fault.get();
            stall(f.latencyMs());
            if (f.httpStatus().isPresent()) {
                log.debug(
                        "{} answered injected HTTP {}",
                        path.path(),
                        f.httpStatus().getAsInt());
                return Answers.gateway(f.httpStatus().getAsInt());
            }
            if (f.errcode().isPresent()) {
                int errcode = f.errcode().getAsInt();
                log.debug("{} answered injected errcode {}", path.path(), errcode);
                String message = WxError.of(errcode).map(WxError::message).orElse(WxError.SYSTEM_ERROR.message());
                return Answers.wechat(errcode, message, clock.now());
            }
        }
        return wechat.get(path).apply(request);
    }

    private static void stall(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
