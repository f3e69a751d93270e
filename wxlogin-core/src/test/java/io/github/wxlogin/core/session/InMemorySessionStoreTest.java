package io.github.wxlogin.core.session;

/** {@link SessionStoreContract} on {@link InMemorySessionStore}. */
class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore newStore() {
        return new InMemorySessionStore();
    }

    /** Sessions of any user id are kept: there is no user table to refer to. */
    @Override
    protected void givenUser(String userId) {}
}
