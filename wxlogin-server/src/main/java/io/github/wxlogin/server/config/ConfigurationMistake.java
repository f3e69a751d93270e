package io.github.wxlogin.server.config;

/**
 * A setting that keeps the service from starting. Its message is one sentence for the operator: the
 * setting, what is wrong with it, and the fix; never a secret. The start prints it alone on stderr
 * and exits with code 2 (startup.StartupFailures), instead of a stack trace.
 */
public final class ConfigurationMistake extends RuntimeException {

    public ConfigurationMistake(String sentence) {
        super(sentence, null, false, false);
    }
}
