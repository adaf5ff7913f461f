package io.miaopu.chassis.rest;

import jakarta.ws.rs.BadRequestException;

/**
 * A query parameter whose text is not of its declared type. A {@code WebApplicationException}, so
 * that Quarkus REST passes it on instead of turning the conversion failure into a 404 (JAX-RS's rule
 * for query and path parameters); {@code ProblemMappers} answers it as a 400 naming the parameter.
 */
public class InvalidQueryParameter extends BadRequestException {

    private final String parameter;
    private final String reason;
    private final String reasonZh;

    public InvalidQueryParameter(String parameter, String reason, String reasonZh) {
        super(parameter + ": " + reason);
        this.parameter = parameter;
        this.reason = reason;
        this.reasonZh = reasonZh;
    }

    public String parameter() {
        return parameter;
    }

    public String reason() {
        return reason;
    }

    public String reasonZh() {
        return reasonZh;
    }
}
