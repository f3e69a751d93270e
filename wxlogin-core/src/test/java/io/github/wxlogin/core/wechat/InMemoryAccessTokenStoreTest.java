package io.github.wxlogin.core.wechat;

/** {@link AccessTokenStoreContract} on {@link InMemoryAccessTokenStore}. */
class InMemoryAccessTokenStoreTest extends AccessTokenStoreContract {

    @Override
    protected AccessTokenStore newStore() {
        return new InMemoryAccessTokenStore();
    }
}
