package io.github.wxlogin.simulator;

/** The settings {@code POST /sim/settings} can change while the simulator runs. */
final class LiveSettings {

    private final SimulatorSettings initial;
    private volatile boolean rotateSessionKey;
    private volatile int minuteLimit;

    LiveSettings(SimulatorSettings initial) {
        this.initial = initial;
        reset();
    }

    boolean rotateSessionKey() {
        return rotateSessionKey;
    }

    int minuteLimit() {
        return minuteLimit;
    }

    void rotateSessionKey(boolean rotate) {
        this.rotateSessionKey = rotate;
    }

    void minuteLimit(int limit) {
        this.minuteLimit = limit;
    }

    void reset() {
        rotateSessionKey = initial.rotateSessionKeyOnLogin();
        minuteLimit = initial.perUserMinuteLimit();
    }
}
