package io.github.wxlogin.server;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The wxlogin service. {@code --dev} runs it with the demo apps and the WeChat simulator inside. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WxLoginApplication {

    /** The JDK's switch for the common pool's size, read once, when CompletableFuture is first used. */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        // On one or two cores the common pool has a parallelism of 1, and CompletableFuture then runs
        // every async stage it is given no executor for on a NEW thread: the JDK's HttpClient does that
        // once per call (sendAsync's whenCompleteAsync), so each login started a thread (1,032 in 15 s
        // of load, JFR). Two workers make it use the pool instead. An explicit -D setting wins.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        SpringApplication app = new SpringApplication(WxLoginApplication.class);
        if (Arrays.asList(args).contains("--dev")) {
            app.setAdditionalProfiles("dev");
        }
        app.run(Arrays.stream(args).filter(a -> !a.equals("--dev")).toArray(String[]::new));
    }
}
