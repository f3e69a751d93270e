package io.github.wxlogin.server.problem;

/** Told of every problem answered through Spring (the advice, the filters' writer, the error page): metrics count. */
public interface ProblemListener {

    void answered(Problem problem);
}
