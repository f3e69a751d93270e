package io.github.wxlogin.server;

import io.github.wxlogin.server.config.ConfigurationMistake;
import io.github.wxlogin.server.startup.Arguments;
import io.github.wxlogin.server.startup.StartupFailures;
import io.github.wxlogin.server.startup.Usage;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The wxlogin service. {@code --dev} runs it with the demo apps and the WeChat simulator inside;
 * {@code --help} prints the usage. A mistake in the settings ends the start with one sentence on
 * stderr and exit code 2 ({@link StartupFailures}), before anything is written to the data directory
 * ({@code startup.StartupCheck}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WxLoginApplication {

    /** The JDK's switch for the common pool's size, read once, when CompletableFuture is first used. */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        if (Usage.asked(args)) {
            System.out.print(Usage.text());
            return;
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (ConfigurationMistake mistake) {
            System.err.println(mistake.getMessage());
            System.exit(StartupFailures.EXIT_CODE);
            return;
        }
        // On one or two cores the common pool has a parallelism of 1, and CompletableFuture then runs
        // every async stage it is given no executor for on a NEW thread: the JDK's HttpClient does that
        // once per call (sendAsync's whenCompleteAsync), so each login started a thread (1,032 in 15 s
        // of load, JFR). Two workers make it use the pool instead. An explicit -D setting wins.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        SpringApplication app = new SpringApplication(WxLoginApplication.class);
        if (arguments.dev()) {
            app.setAdditionalProfiles("dev");
        }
        try {
            app.run(arguments.springArgs());
        } catch (RuntimeException failure) {
            // Already reported as one sentence (startup.OneSentenceReporter); anything else keeps its trace.
            if (StartupFailures.sentence(failure).isPresent()) {
                System.exit(StartupFailures.EXIT_CODE);
            }
            throw failure;
        }
    }
}
