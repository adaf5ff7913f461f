package io.miaopu.chassis.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An {@code application/problem+json} body (RFC 9457). {@code title}/{@code detail} are English,
 * {@code titleZh}/{@code detailZh} their Chinese counterparts; {@code errors} names the offending
 * fields of the request.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type,
        String title,
        String titleZh,
        int status,
        String detail,
        String detailZh,
        String instance,
        String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field: a JSON path into the request, with the reason in both languages. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, String messageZh) {
    }

    public static Problem of(ProblemType type, String detail, String detailZh) {
        return new Problem(type.uri(), type.title(), type.titleZh(), type.status(), detail, detailZh,
                null, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, titleZh, status, detail, detailZh, instance, requestId,
                fieldErrors == null || fieldErrors.isEmpty() ? null : List.copyOf(fieldErrors));
    }

    public Problem at(String requestPath, String id) {
        return new Problem(type, title, titleZh, status, detail, detailZh, requestPath, id, errors);
    }
}
