package io.miaopu.incubation.service.api;

/** The words of the one concurrency convention, shared by the request records. */
public final class Versioning {

    /** The body {@code version} of a correction: deprecated in favour of If-Match, accepted for one release. */
    public static final String BODY_VERSION = "Deprecated (accepted for one release): send If-Match with the ETag you read "
            + "instead. Without If-Match, the version you read; a newer one on the server is a 409 naming version. "
            + "If-Match wins when both are sent; without either the correction is a 428";

    private Versioning() {
    }
}
