package io.github.wxlogin.core.login;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.platform.PlatformLogin;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A look at a login after the platform answered and before anything is written (the risk control of
 * first logins is one): it lets the login through, with a note for the login's audit row, or refuses it
 * by failing the future with the {@link io.github.wxlogin.core.error.WxLoginException} the client is
 * answered, and then nothing of the login is written (its code stays spent, as the platform spent it).
 */
@FunctionalInterface
public interface LoginScreen {

    /** The future's value: what the login's audit row adds, if anything ("risk rank 2"). */
    CompletableFuture<Optional<String>> screen(App app, PlatformLogin login, ClientInfo client);

    /** No screen: every login goes through at once, nothing asked, nothing added. */
    LoginScreen NONE = new LoginScreen() {
        private final CompletableFuture<Optional<String>> through = CompletableFuture.completedFuture(Optional.empty());

        @Override
        public CompletableFuture<Optional<String>> screen(App app, PlatformLogin login, ClientInfo client) {
            return through;
        }
    };
}
