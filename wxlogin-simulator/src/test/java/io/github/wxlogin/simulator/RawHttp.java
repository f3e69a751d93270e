package io.github.wxlogin.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 by hand on one socket, to see exactly how answers are framed on a connection kept open:
 * a library client would hide pipelining, HEAD and the end of a connection.
 */
final class RawHttp implements AutoCloseable {

    /** One answer as it came; header names lower-cased. */
    record Answer(int status, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends the text as it is: one request, several, or a part of one. */
    RawHttp send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Reads one answer; {@code head} when it answers a HEAD request, which has no body whatever it says. */
    Answer read(boolean head) throws IOException {
        String statusLine = line();
        Map<String, String> headers = new HashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(
                    h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    h.substring(colon + 1).strip());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = head || status == 204 ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(status, headers, body);
    }

    Answer read() throws IOException {
        return read(false);
    }

    /** Whether the server has closed the connection (reads the end of the stream, or nothing more). */
    boolean closedByServer() throws IOException {
        return in.read() == -1;
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed mid-answer");
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
