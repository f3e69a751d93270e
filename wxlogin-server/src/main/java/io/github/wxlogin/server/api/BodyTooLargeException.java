package io.github.wxlogin.server.api;

import java.io.IOException;

/** Thrown while reading a request body that grows past the limit. */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException() {
        super("request body over the limit");
    }
}
