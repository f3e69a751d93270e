package io.github.wxlogin.simulator;

/** A control request the simulator refuses; the message names the field, never a value. */
final class BadInput extends RuntimeException {

    private final int status;

    BadInput(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static BadInput badRequest(String message) {
        return new BadInput(400, message);
    }

    int status() {
        return status;
    }
}
