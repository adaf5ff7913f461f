package io.miaopu.incubation.rest;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The one concurrency convention over HTTP: every answer that shows one versioned resource carries its version
 * as the ETag ({@code "3"}; a division's revision), to send back as If-Match on its next change.
 */
final class ETags {

    static final String IF_MATCH = "The ETag you read (e.g. \"3\"): 412 if the record changed since. Required: without it "
            + "a correction is a 428, unless it sends the deprecated body version (then checked as before: 409).";
    static final String IF_MATCH_OPTIONAL = "Optional: the ETag you read (e.g. \"3\"); 412 if the record changed since.";

    private ETags() {
    }

    static <T> RestResponse<T> ok(T body, long version) {
        return RestResponse.ResponseBuilder.ok(body).tag(tag(version)).build();
    }

    static Response created(String location, Object body, long version) {
        return Response.created(URI.create(location)).tag(tag(version)).entity(body).build();
    }

    private static EntityTag tag(long version) {
        return new EntityTag(String.valueOf(version));
    }
}
