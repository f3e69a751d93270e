package io.github.wxlogin.core.user;

/** What {@link UserStore#unlinkIdentity} did. */
public enum UnlinkResult {
    /** The identity left the user. */
    UNLINKED,
    /** The user has no such identity (or there is no such user); nothing changed. */
    NOT_FOUND,
    /** It is the user's only identity, which stays; nothing changed. */
    LAST_IDENTITY
}
