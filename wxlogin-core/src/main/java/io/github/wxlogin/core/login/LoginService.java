package io.github.wxlogin.core.login;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.LoginCodes;
import io.github.wxlogin.core.platform.PlatformLogin;
import io.github.wxlogin.core.support.Futures;
import io.github.wxlogin.core.support.Transactions;
import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.LoginRecord;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/auth/login}: a login code becomes the user's session. Cheap checks first (the
 * app, the code's form), then the {@link CodeExchange} (the app's allowance, the code claimed once,
 * the platform's answer), then one transaction that writes the user ({@link AccountWriter}), opens the
 * session and audits it, and, after its commit, the session's tokens.
 * Every outcome is told to the {@link LoginEvents} once.
 */
public final class LoginService {

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final Apps apps;
    private final CodeExchange exchange;
    private final AccountWriter accounts;
    private final SessionStarter sessions;
    private final LoginEvents events;
    private final Transactions transactions;
    private final LoginScreen screen;

    public LoginService(
            Apps apps,
            CodeExchange exchange,
            AccountWriter accounts,
            SessionStarter sessions,
            LoginEvents events,
            Transactions transactions) {
        this(apps, exchange, accounts, sessions, events, transactions, LoginScreen.NONE);
    }

    /** @param screen looks at each login between the platform's answer and the write (risk control) */
    public LoginService(
            Apps apps,
            CodeExchange exchange,
            AccountWriter accounts,
            SessionStarter sessions,
            LoginEvents events,
            Transactions transactions,
            LoginScreen screen) {
        this.screen = screen;
        this.apps = apps;
        this.exchange = exchange;
        this.accounts = accounts;
        this.sessions = sessions;
        this.events = events;
        this.transactions = transactions;
    }

    /**
     * {@link #loginAsync} waited for: the same answer, the same exceptions.
     *
     * @param appId the app the code is from; may be null when exactly one app is configured
     * @param code the code from {@code wx.login()}
     */
    public SessionGrant login(String appId, String code, ClientInfo client) {
        return Futures.join(loginAsync(appId, code, client));
    }

    /**
     * A login that holds no thread while the platform answers: the checks and the code's claim run on
     * the caller's thread, the unit of work on the store's threads ({@link Transactions#inOneAsync}) once
     * the platform's answer is in. The future fails with the exception {@link #login} throws, unwrapped.
     */
    public CompletableFuture<SessionGrant> loginAsync(String appId, String code, ClientInfo client) {
        return loginAsync(appId, code, null, client);
    }

    /**
     * {@link #loginAsync(String, String, ClientInfo)} with Douyin's {@code anonymousCode}: alone it logs
     * the device's guest in (made at its first login); with {@code code} it is the real login, which the
     * device's guest becomes or joins ({@link AccountWriter#write(App, PlatformLogin)}). Either code may be
     * null, not both; an anonymous code for an app of another platform is {@code unsupported}.
     */
    public CompletableFuture<SessionGrant> loginAsync(
            String appId, String code, String anonymousCode, ClientInfo client) {
        App app;
        try {
            app = LoginInputs.app(apps, appId);
        } catch (RuntimeException e) {
            events.loginRefused(Optional.empty(), e);
            return CompletableFuture.failedFuture(e);
        }
        LoginCodes codes;
        try {
            codes = LoginInputs.codes(code, anonymousCode);
        } catch (RuntimeException e) {
            events.loginRefused(Optional.of(app.appId()), e);
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<SessionGrant> out = new CompletableFuture<>();
        exchange.exchangeAsync(app, codes)
                .thenCompose(login -> screen.screen(app, login, client)
                        .thenCompose(note -> transactions.inOneAsync(() -> {
                            if (out.isDone()) {
                                // The caller gave up (its request timed out or was cancelled) while the
                                // platform answered or the unit waited for a store thread: nothing is
                                // written for it.
                                throw new CancellationException("the login was abandoned by its caller");
                            }
                            return write(app, login, client, note);
                        })))
                .whenComplete(Futures.inCallersContext((written, failure) -> finish(app, written, failure, out)));
        return out;
    }

    /** Completes the caller's future first, then tells the listeners: a failing listener cannot leave it hanging. */
    private void finish(App app, Written written, Throwable failure, CompletableFuture<SessionGrant> out) {
        if (out.isDone()) {
            if (written != null) {
                log.info("Login committed after its caller gave up, app={}", app.appId());
            }
            return;
        }
        SessionGrant grant;
        try {
            if (failure != null) {
                throw Futures.unwrap(failure);
            }
            grant = granted(written);
        } catch (RuntimeException e) {
            out.completeExceptionally(e);
            tell(() -> events.loginRefused(Optional.of(app.appId()), e));
            return;
        } catch (Throwable e) {
            out.completeExceptionally(e);
            return;
        }
        out.complete(grant);
        tell(() -> events.loggedIn(grant));
    }

    private static void tell(Runnable listeners) {
        try {
            listeners.run();
        } catch (RuntimeException e) {
            log.warn("A login listener failed ({})", e.getClass().getSimpleName());
        }
    }

    /**
     * One transaction: the user and identity, the session with its refresh token and the audit row
     * commit together. A disabled user's unit keeps the new session_key and its refusal row.
     */
    private Written write(App app, PlatformLogin login, ClientInfo client, Optional<String> screened) {
        AccountWriter.Written written = accounts.write(app, login);
        LoginRecord record = written.record();
        Account account = record.account();
        if (account.user().disabled()) {
            events.auditDisabledLogin(account, client);
            return new Written(account, null);
        }
        SessionStarter.Opened opened = sessions.open(account, record.newUser(), client);
        events.auditLogin(account, opened.session().id(), record.newUser(), client, note(written, screened));
        return new Written(account, opened);
    }

    /**
     * The login's audit detail: what happened to a guest, else "new user" for a new one, then what the
     * screen noted ("new user, risk rank 1").
     */
    private static Optional<String> note(AccountWriter.Written written, Optional<String> screened) {
        Optional<String> base =
                written.note().or(() -> written.record().newUser() ? Optional.of("new user") : Optional.empty());
        if (screened.isEmpty()) {
            return base;
        }
        return Optional.of(base.map(b -> b + ", " + screened.get()).orElse(screened.get()));
    }

    /** After the commit: the access token signed, or the disabled user refused. */
    private SessionGrant granted(Written written) {
        if (written.opened() == null) {
            events.disabledLoginRefused(written.account());
            throw new WxLoginException(ErrorCode.USER_DISABLED, "this user has been disabled");
        }
        return written.opened().grant();
    }

    /** What a login's unit of work committed: the account, and its new session unless the user is disabled. */
    private record Written(Account account, SessionStarter.Opened opened) {}
}
