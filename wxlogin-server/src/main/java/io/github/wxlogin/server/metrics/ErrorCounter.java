package io.github.wxlogin.server.metrics;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.server.problem.Problem;
import io.github.wxlogin.server.problem.ProblemListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Every problem+json answer counted by its contract code: {@code wxlogin.errors{code}}. */
@Component
class ErrorCounter implements ProblemListener {

    private final Map<ErrorCode, Counter> counters = new EnumMap<>(ErrorCode.class);

    ErrorCounter(MeterRegistry registry) {
        for (ErrorCode code : ErrorCode.values()) {
            counters.put(
                    code,
                    Counter.builder("wxlogin.errors")
                            .description("Error answers (problem+json) by the contract's code")
                            .tag("code", code.code())
                            .register(registry));
        }
    }

    @Override
    public void answered(Problem problem) {
        counters.get(problem.code()).increment();
    }
}
