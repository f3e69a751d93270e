package io.github.wxlogin.core.sessionkey;

import io.github.wxlogin.core.user.StoredSessionKeys;

/**
 * What the platform says of an identity's stored session_key, asked only once data did not open under
 * it ({@code POST /v1/me/decrypt}, the {@code encryptedData} form of {@code POST /v1/me/phone}).
 */
@FunctionalInterface
public interface SessionKeyCheck {

    /** The platform's word on the stored current key. */
    enum Verdict {
        /** The platform no longer holds the key (WeChat's checksession: 87009): the user must log in again. */
        STALE,
        /** The platform holds this very key: what did not open under it was not made with it. */
        VALID,
        /** The platform has no such check, or could not be asked: nothing is known. */
        UNKNOWN
    }

    /** Never asks: every key is {@link Verdict#UNKNOWN}, which keeps the answer open data always had. */
    SessionKeyCheck NONE = stored -> Verdict.UNKNOWN;

    Verdict check(StoredSessionKeys stored);
}
