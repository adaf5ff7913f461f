package io.miaopu.chassis.problem;

import java.util.List;

/** Thrown by a use case to answer with a problem; mapped once, in {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(ProblemType type, String detail, String detailZh) {
        this(type, detail, detailZh, List.of());
    }

    public ProblemException(ProblemType type, String detail, String detailZh, List<Problem.FieldError> errors) {
        super(detail);
        this.problem = Problem.of(type, detail, detailZh).withErrors(errors);
    }

    public Problem problem() {
        return problem;
    }
}
