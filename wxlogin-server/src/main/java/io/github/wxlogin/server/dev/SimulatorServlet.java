package io.github.wxlogin.server.dev;

import io.github.wxlogin.simulator.SimRequest;
import io.github.wxlogin.simulator.SimResponse;
import io.github.wxlogin.simulator.WeChatSimulator;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Serves the transport-free {@link WeChatSimulator} under {@code /wechat-sim} of the service's own port.
 * A call an injected fault stalls is answered asynchronously when its stall ends, as the standalone
 * simulator does: it holds none of the service's few request threads meanwhile.
 */
final class SimulatorServlet extends HttpServlet {

    /** Above the simulator's longest stall (two minutes), so the container never cuts one short. */
    private static final long ASYNC_TIMEOUT_MS = 180_000;

    private final transient WeChatSimulator simulator;

    SimulatorServlet(WeChatSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        byte[] body = request.getInputStream().readAllBytes();
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        CompletableFuture<SimResponse> answer = simulator.handleLater(
                new SimRequest(request.getMethod(), path, request.getQueryString(), body, headers));
        if (answer.isDone()) {
            write(answer.join(), response);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(ASYNC_TIMEOUT_MS);
        answer.whenComplete((done, failure) -> {
            try {
                write(done, (HttpServletResponse) async.getResponse());
            } catch (IOException callerGone) {
                // The caller hung up during the stall: there is no one to answer.
            } finally {
                async.complete();
            }
        });
    }

    private static void write(SimResponse answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        byte[] out = answer.body();
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }
}
