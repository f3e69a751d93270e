package io.github.wxlogin.server.startup;

import java.util.Optional;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;

/**
 * Reports a start that failed for a mistake in the settings ({@link StartupFailures}) as its one
 * sentence on stderr, before Spring's own reporters, which would log the stack trace or a failure
 * analysis of many lines. Other failures are left to them. The exit code is set by the main method.
 */
public final class OneSentenceReporter implements SpringBootExceptionReporter, Ordered {

    @Override
    public boolean reportException(Throwable failure) {
        Optional<String> sentence = StartupFailures.sentence(failure);
        sentence.ifPresent(System.err::println);
        return sentence.isPresent();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
