package be.tocsin.platform.problem;

import java.util.List;
import java.util.Map;

/** Thrown anywhere to answer with a given problem (and optional headers such as Retry-After). */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = headers;
    }

    /** 422 with the fields at fault. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.invalidFields(errors));
    }

    /** 422 for one field. */
    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
