package io.github.wxlogin.simulator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its handler. Platform API paths (WeChat's at the base, the others under their
 * prefix, {@code /douyin/…}) are counted, then may be faulted, then answered;
 * {@code /sim/…} paths go to the controls. Nothing here knows a rule of WeChat's, and nothing here
 * waits: a fault's latency comes back in the {@link Routed} for the caller to wait out.
 */
final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** The contract's body limit. */
    static final int MAX_BODY = 64 * 1024;

    /**
     * One platform API path: the method it takes, its handler, and how the platform answers an error
     * code injected by {@code /sim/faults} (in its own format and with its own message).
     */
    record Api(String method, Function<SimRequest, SimResponse> handler, IntFunction<SimResponse> injectedError) {}

    private final Map<String, Api> apis = new LinkedHashMap<>();
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
        return wechatAt("", path, handler);
    }

    /**
     * A WeChat path served again under another platform's prefix, for a platform whose server API is
     * WeChat's own on its host (QQ's {@code /qq/sns/jscode2session}): the same errcode format for faults.
     */
    Router wechatAt(String prefix, WeChatPath path, Function<SimRequest, SimResponse> handler) {
        return api(path.method(), prefix + path.path(), handler, errcode -> {
            String message = WxError.of(errcode).map(WxError::message).orElse(WxError.SYSTEM_ERROR.message());
            return Answers.wechat(errcode, message, clock.now());
        });
    }

    /** Another platform's API path (full path, prefix included: {@code /douyin/api/apps/v2/jscode2session}). */
    Router api(
            String method,
            String path,
            Function<SimRequest, SimResponse> handler,
            IntFunction<SimResponse> injectedError) {
        if (apis.putIfAbsent(path, new Api(method, handler, injectedError)) != null) {
            throw new IllegalStateException("two handlers for " + path);
        }
        stats.register(path);
        return this;
    }

    Router control(String method, String path, Function<SimRequest, SimResponse> handler) {
        controls.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
        return this;
    }

    /** Counts the call and takes its fault, if any, now; the answer waits for the caller's ask. */
    Routed route(SimRequest request) {
        if (request.bodyLength() > MAX_BODY) {
            return Routed.now(Answers.problem(413, "the body is over " + MAX_BODY / 1024 + " KiB"));
        }
        Api api = apis.get(request.path());
        if (api != null) {
            return callApi(request.path(), api, request);
        }
        return new Routed(0, () -> answerControl(request));
    }

    private SimResponse answerControl(SimRequest request) {
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

    private Routed callApi(String path, Api api, SimRequest request) {
        stats.count(path);
        if (!Arrays.asList(api.method().split(", ")).contains(request.method())) {
            return Routed.now(Answers.methodNotAllowed(request.method(), api.method()));
        }
        Supplier<SimResponse> normal = () -> api.handler().apply(request);
        Optional<Faults.Fault> fault = faults.take(path);
        if (fault.isEmpty()) {
            return new Routed(0, normal);
        }
        Faults.Fault f = fault.get();
        return new Routed(f.latencyMs(), () -> faulty(path, api, f).orElseGet(normal));
    }

    /** The fault's own answer, an HTTP status or an errcode; empty when it only stalls. */
    private Optional<SimResponse> faulty(String path, Api api, Faults.Fault f) {
        if (f.httpStatus().isPresent()) {
            log.debug("{} answered injected HTTP {}", path, f.httpStatus().getAsInt());
            return Optional.of(Answers.gateway(f.httpStatus().getAsInt()));
        }
        if (f.errcode().isPresent()) {
            int errcode = f.errcode().getAsInt();
            log.debug("{} answered injected errcode {}", path, errcode);
            return Optional.of(api.injectedError().apply(errcode));
        }
        return Optional.empty();
    }
}
