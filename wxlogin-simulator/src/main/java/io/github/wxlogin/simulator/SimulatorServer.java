package io.github.wxlogin.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link WeChatSimulator} over the JDK's built-in HTTP server. Each request runs on its own
 * thread (a virtual one when the JDK has them), so an injected stall holds up only its own call.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);
    private static final int BACKLOG = 512;
    /** The JDK server's switch for TCP_NODELAY on the sockets it accepts; read once, when it first starts. */
    static final String NODELAY = "sun.net.httpserver.nodelay";

    static {
        // Without TCP_NODELAY the server's small writes meet Nagle's algorithm and the client's delayed
        // ACK: about 40 ms per call on a keep-alive connection (22 calls/s instead of thousands). The
        // JDK reads the switch when its first server starts, so it is set here, before that; an
        // explicit -D setting wins.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;

    private SimulatorServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = baseUrlOf(server.getAddress());
    }

    /**
     * Starts serving on {@code host:port}; port 0 picks a free one (see {@link #port()}).
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static SimulatorServer start(WeChatSimulator simulator, String host, int port) {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        ExecutorService executor = requestExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(simulator, exchange));
        server.start();
        SimulatorServer started = new SimulatorServer(server, executor);
        log.info("WeChat simulator listening on {}", started.baseUrl);
        return started;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Where clients reach it, e.g. {@code http://localhost:8081}; a wildcard bind shows as localhost. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Stops listening at once and ends the request threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void serve(WeChatSimulator simulator, HttpExchange exchange) {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                // One byte past the limit is enough for the simulator to answer 413.
                body = in.readNBytes(Router.MAX_BODY + 1);
            }
            URI uri = exchange.getRequestURI();
            SimResponse response = simulator.handle(
                    new SimRequest(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), body));
            byte[] out = response.body();
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            boolean noBody = out.length == 0 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : out.length);
            if (!noBody) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException e) {
            log.debug("client went away: {}", e.toString());
        } finally {
            exchange.close();
        }
    }

    /**
     * Virtual threads when the running JDK has them (21+), looked up reflectively because this code is
     * compiled for 17; otherwise a cached pool of daemon threads. Either way a thread per request.
     */
    static ExecutorService requestExecutor() {
        try {
            Object executor =
                    Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            return (ExecutorService) executor;
        } catch (ReflectiveOperationException | RuntimeException e) {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory threads = r -> {
                Thread t = new Thread(r, "wxsim-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            return Executors.newCachedThreadPool(threads);
        }
    }

    private static URI baseUrlOf(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null || ip.isAnyLocalAddress() ? "localhost" : ip.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort());
    }
}
