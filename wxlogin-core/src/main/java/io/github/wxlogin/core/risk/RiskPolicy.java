package io.github.wxlogin.core.risk;

import java.util.Objects;

/**
 * What an app does with WeChat's risk rank of a user at its first login (0 to 4, higher is riskier).
 *
 * @param mode {@link Mode#OFF}: nothing is asked; {@link Mode#RECORD}: the rank is asked and kept in the
 *     login's audit row; {@link Mode#REFUSE}: likewise, and a rank of {@code refuseAt} or more is refused
 * @param refuseAt the lowest rank refused, 0 to 4 (used by {@link Mode#REFUSE} only)
 * @param onFailure what a login is given when WeChat cannot rank the user: it always goes through
 */
public record RiskPolicy(Mode mode, int refuseAt, OnFailure onFailure) {

    public static final int MAX_RANK = 4;
    public static final RiskPolicy OFF = new RiskPolicy(Mode.OFF, MAX_RANK, OnFailure.AUDIT);

    public enum Mode {
        OFF,
        RECORD,
        REFUSE
    }

    /** A login WeChat could not rank goes through either way; this says whether its audit row tells why. */
    public enum OnFailure {
        /** The login's audit row says the rank is unknown and why (the default). */
        AUDIT,
        /** A log line only. */
        LOG
    }

    public RiskPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(onFailure, "onFailure");
        if (refuseAt < 0 || refuseAt > MAX_RANK) {
            throw new IllegalArgumentException("refuseAt must be 0 to " + MAX_RANK);
        }
    }

    /** Whether a user of this rank is refused. */
    public boolean refuses(int rank) {
        return mode == Mode.REFUSE && rank >= refuseAt;
    }
}
