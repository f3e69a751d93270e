package io.github.wxlogin.server.dev;

import io.github.wxlogin.simulator.SimRequest;
import io.github.wxlogin.simulator.SimResponse;
import io.github.wxlogin.simulator.WeChatSimulator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Serves the transport-free {@link WeChatSimulator} under {@code /wechat-sim} of the service's own port. */
final class SimulatorServlet extends HttpServlet {

    private final transient WeChatSimulator simulator;

    SimulatorServlet(WeChatSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        byte[] body = request.getInputStream().readAllBytes();
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        for (String name : java.util.Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        SimResponse answer =
                simulator.handle(new SimRequest(request.getMethod(), path, request.getQueryString(), body, headers));
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        byte[] out = answer.body();
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }
}
