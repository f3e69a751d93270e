package io.github.wxlogin.core.session;

/** What {@link SessionStore#replaceSuccessor} did with a spent refresh token's successor. */
public enum SuccessorReplacement {
    /** The successor was unspent: it is revoked now and the new token has taken its place. */
    REPLACED,
    /**
     * There is no unspent successor: it was spent (used for a refresh, or revoked by an earlier
     * replacement), or the token has none (never spent by a refresh, or unknown). Nothing was written.
     */
    NO_UNSPENT_SUCCESSOR,
    /** The session has ended (whatever its tokens are). Nothing was written. */
    SESSION_ENDED
}
