package io.github.wxlogin.core.user;

/** {@link GuestStoreContract} on {@link InMemoryUserStore}. */
class InMemoryGuestStoreTest extends GuestStoreContract<InMemoryUserStore> {

    @Override
    protected InMemoryUserStore newStore() {
        return new InMemoryUserStore();
    }
}
