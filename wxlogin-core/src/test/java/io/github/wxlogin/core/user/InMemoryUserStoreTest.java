package io.github.wxlogin.core.user;

/** {@link UserStoreContract} on {@link InMemoryUserStore}. */
class InMemoryUserStoreTest extends UserStoreContract<InMemoryUserStore> {

    @Override
    protected InMemoryUserStore newStore() {
        return new InMemoryUserStore();
    }
}
