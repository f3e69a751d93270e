package io.github.wxlogin.simulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link WeChatSimulator} over HTTP/1.1 with Netty. The JDK's built-in HTTP server topped out
 * at about 5,200 calls/s on one keep-alive connection, the way a backend under test calls WeChat;
 * Netty's codec is not held there (docs/benchmarks.md has the figures), and needs no JVM option.
 * Calls run on the event loop of their connection (the simulator's work is short and never blocks);
 * an injected stall is scheduled on that loop instead of slept (see {@link SimulatorConnection}), so
 * thousands of stalled calls hold no thread and each ends after its own latency.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);
    /** Room for a benchmark's 2,000 connections opened at once; the kernel caps it at its somaxconn. */
    private static final int BACKLOG = 4096;

    private final EventLoopGroup group;
    private final ServerBootstrap bootstrap;
    private final Channel listener;
    private final URI baseUrl;

    private SimulatorServer(EventLoopGroup group, ServerBootstrap bootstrap, Channel listener) {
        this.group = group;
        this.bootstrap = bootstrap;
        this.listener = listener;
        this.baseUrl = baseUrlOf((InetSocketAddress) listener.localAddress());
    }

    /**
     * Starts serving on {@code host:port}; port 0 picks a free one (see {@link #port()}).
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static SimulatorServer start(WeChatSimulator simulator, String host, int port) {
        return start(simulator, host, port, 0);
    }

    /** As {@link #start(WeChatSimulator, String, int)}, on {@code ioThreads} event loops; 0 is twice the cores. */
    static SimulatorServer start(WeChatSimulator simulator, String host, int port, int ioThreads) {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                ioThreads, new DefaultThreadFactory("wxsim"), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                // Small answers on keep-alive connections: without it Nagle's algorithm and the client's
                // delayed ACK can hold a response back for about 40 ms.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(
                                        new HttpServerCodec(),
                                        new HttpServerExpectContinueHandler(),
                                        new SimulatorConnection(simulator));
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Throwable cause = bound.cause();
            throw new UncheckedIOException(
                    "cannot listen on " + host + ":" + port,
                    cause instanceof IOException io ? io : new IOException(cause));
        }
        SimulatorServer started = new SimulatorServer(group, bootstrap, bound.channel());
        log.info("WeChat simulator listening on {}", started.baseUrl);
        return started;
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Where clients reach it, e.g. {@code http://localhost:8081}; a wildcard bind shows as localhost. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Stops listening at once, closes the connections and ends the event-loop threads. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** What each accepted connection is set to; for tests. */
    Object childOption(ChannelOption<?> option) {
        return bootstrap.config().childOptions().get(option);
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
