package io.miaopu.metrics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.metrics.config.MetricsConfig;
import io.miaopu.metrics.exchange.ExchangeFeed;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/exchange/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data exchange", description = "The government data-exchange feed (政务数据共享交换): the stream of topic "
        + "gov.exchange.v1 over REST, in the same order. Organization records (no personal data) each time an organization's "
        + "registration, filing, correction or status changes, and a daily snapshot of the targets' progress. A versioned "
        + "public contract: docs/events/io.miaopu.exchange.*.schema.json.")
public class ExchangeResource {

    private final ExchangeFeed feed;
    private final ObjectMapper json;
    private final MetricsConfig config;

    public ExchangeResource(ExchangeFeed feed, ObjectMapper json, MetricsConfig config) {
        this.feed = feed;
        this.json = json;
        this.config = config;
    }

    @Schema(description = "A page of the feed. Resume with after = next; next equals the cursor sent when nothing newer exists.")
    public record Page(@Schema(description = "CloudEvents (JSON format) with the extension position, the record's cursor")
                       List<JsonNode> events,
                       @Schema(description = "The cursor to send as after for the next page") String next) {
    }

    @GET
    @RolesAllowed({"exchange-reader", "province-platform"})
    @WithSession
    @Operation(summary = "Read the exchange feed / 读取数据共享交换流", description = "Records after the cursor, oldest first, at "
            + "most limit (1–1000, default 100). A cursor is the position of the last record read (0 or absent: from the "
            + "beginning); any cursor can be resumed from, and a record never appears before one with a lower position. For "
            + "the roles exchange-reader and province-platform.")
    public Uni<Page> read(@Parameter(description = "Cursor: the position of the last record read") @QueryParam("after") String after,
                          @Parameter(description = "Most records (1–1000, default 100)") @QueryParam("limit") String limit) {
        long cursor = QueryParams.whole("after", after, 0, Long.MAX_VALUE, 0);
        int size = (int) QueryParams.whole("limit", limit, 1, config.exchange().pageMax(), 100);
        return feed.after(cursor, size).map(records -> new Page(records.stream().map(this::cloudEvent).toList(),
                String.valueOf(records.isEmpty() ? cursor : records.get(records.size() - 1).position())));
    }

    private JsonNode cloudEvent(ExchangeFeed.Stored r) {
        try {
            ObjectNode event = (ObjectNode) json.readTree(new EventEnvelope(r.id(), r.source(), r.type(), r.subject(), r.time(),
                    r.data()).structured());
            event.put("position", String.valueOf(r.position()));
            return event;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
