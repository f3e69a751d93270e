package io.github.wxlogin.simulator;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** A {@link SimResponse} as a Netty HTTP/1.1 response, framed for keep-alive. */
final class HttpReplies {

    private HttpReplies() {}

    /**
     * @param head      the request was HEAD: headers as for GET, no body
     * @param keepAlive the connection stays open after this answer
     * @param version   the request's HTTP version: an HTTP/1.0 client keeps the connection only when told
     */
    static FullHttpResponse of(SimResponse answer, boolean head, boolean keepAlive, HttpVersion version) {
        byte[] body = answer.body();
        HttpResponseStatus status = HttpResponseStatus.valueOf(answer.status());
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        HttpHeaders headers = response.headers();
        if (answer.contentType() != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        }
        // Every answer says its length, so the client finds the next one on the same connection; a
        // HEAD answer gives the length GET would get. 204 and 304 must not carry the header at all.
        if (status.code() != 204 && status.code() != 304) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!version.isKeepAliveDefault()) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return response;
    }
}
