package io.github.wxlogin.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of {@link SimulatorServer}, all on its event loop. Each request's body is
 * kept up to one byte past {@link Router#MAX_BODY} (the rest is read and dropped), so the simulator
 * itself answers 413 with its own error body, as for any transport. Calls are answered one at a
 * time, in the order they came, as HTTP/1.1 wants for pipelined requests; a call's injected stall is
 * a task scheduled on the event loop, never a sleep, so a loop serving thousands of stalled
 * connections stays free for the others.
 */
final class SimulatorConnection extends SimpleChannelInboundHandler<HttpObject> {

    private static final Logger log = LoggerFactory.getLogger(SimulatorConnection.class);
    private static final byte[] NO_BODY = new byte[0];

    /** A request read whole: how to take it in, and how to frame its answer. */
    private record Call(Supplier<Routed> route, boolean keepAlive, boolean head, HttpVersion version) {}

    private final WeChatSimulator simulator;
    /** Calls read and not yet answered, oldest first; the first is the one being answered. */
    private final Deque<Call> calls = new ArrayDeque<>();

    private HttpRequest reading;
    private byte[] body = NO_BODY;
    /** Set once an answer closes the connection: nothing read after it is answered. */
    private boolean closing;

    SimulatorConnection(WeChatSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        if (closing) {
            return;
        }
        if (message.decoderResult().isFailure()) {
            // The decoder drops the rest of the connection's bytes: answer in turn, then close.
            queue(ctx, refusal(message.decoderResult().cause()));
            closing = true;
            return;
        }
        if (message instanceof HttpRequest request) {
            reading = request;
            body = NO_BODY;
        }
        if (message instanceof HttpContent content && reading != null) {
            keep(content.content());
            if (message instanceof LastHttpContent) {
                queue(ctx, call(reading, body));
                reading = null;
                body = NO_BODY;
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection failed: {}", cause.toString());
        ctx.close();
    }

    private void keep(ByteBuf content) {
        int n = Math.min(Router.MAX_BODY + 1 - body.length, content.readableBytes());
        if (n > 0) {
            int from = body.length;
            body = Arrays.copyOf(body, from + n);
            content.getBytes(content.readerIndex(), body, from, n);
        }
    }

    private Call call(HttpRequest request, byte[] body) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = HttpMethod.HEAD.equals(request.method());
        URI target;
        try {
            target = new URI(request.uri());
        } catch (URISyntaxException e) {
            return refusal(400, "the request target is not a URI", keepAlive, head, request.protocolVersion());
        }
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        SimRequest sim = new SimRequest(request.method().name(), target.getPath(), target.getRawQuery(), body, headers);
        return new Call(() -> simulator.accept(sim), keepAlive, head, request.protocolVersion());
    }

    /** The answer to a request the decoder could not read; the connection closes after it. */
    private static Call refusal(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return refusal(414, "the request line is too long", false, false, HttpVersion.HTTP_1_1);
        }
        if (cause instanceof TooLongFrameException) {
            return refusal(431, "the request headers are too long", false, false, HttpVersion.HTTP_1_1);
        }
        return refusal(400, "malformed HTTP request", false, false, HttpVersion.HTTP_1_1);
    }

    /** A call the transport answers itself, in the simulator's own error format. */
    private static Call refusal(int status, String why, boolean keepAlive, boolean head, HttpVersion version) {
        SimResponse answer = Answers.problem(status, why);
        return new Call(() -> Routed.now(answer), keepAlive, head, version);
    }

    private void queue(ChannelHandlerContext ctx, Call call) {
        calls.addLast(call);
        if (calls.size() == 1) {
            answerFromHead(ctx);
        }
    }

    /** Answers the queued calls in order until one stalls; its scheduled answer carries on from there. */
    private void answerFromHead(ChannelHandlerContext ctx) {
        while (!calls.isEmpty()) {
            if (!ctx.channel().isActive()) {
                // The client has gone: calls it pipelined behind are not taken in (nor counted, nor faulted).
                calls.clear();
                return;
            }
            Call call = calls.peekFirst();
            Routed routed = call.route().get();
            if (routed.stallMs() > 0) {
                ctx.executor()
                        .schedule(
                                () -> {
                                    answer(ctx, call, routed);
                                    answerFromHead(ctx);
                                },
                                routed.stallMs(),
                                TimeUnit.MILLISECONDS);
                return;
            }
            answer(ctx, call, routed);
        }
    }

    private void answer(ChannelHandlerContext ctx, Call call, Routed routed) {
        calls.removeFirst();
        // Worked out even when the client left during the stall: a call WeChat has taken in still
        // spends its code, whether or not anyone reads the answer.
        SimResponse response = routed.answer().get();
        ChannelFuture written =
                ctx.writeAndFlush(HttpReplies.of(response, call.head(), call.keepAlive(), call.version()));
        if (call.keepAlive()) {
            written.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else {
            written.addListener(ChannelFutureListener.CLOSE);
            closing = true;
            calls.clear();
        }
    }
}
