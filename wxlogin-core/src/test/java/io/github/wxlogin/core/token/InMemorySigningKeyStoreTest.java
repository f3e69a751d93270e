package io.github.wxlogin.core.token;

/** {@link SigningKeyStoreContract} on {@link InMemorySigningKeyStore}. */
class InMemorySigningKeyStoreTest extends SigningKeyStoreContract {

    @Override
    protected SigningKeyStore newStore() {
        return new InMemorySigningKeyStore();
    }
}
