package io.miaopu.chassis.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.miaopu.chassis.events.EventType;
import io.miaopu.chassis.events.Outbox;
import io.miaopu.chassis.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one way a service changes state (docs/architecture.md, "The one write path"): lock → jurisdiction
 * → version → snapshot → mutate → next version → history ({@link ChangeLog}) and event ({@link Outbox})
 * in one statement, all in the caller's transaction. Call it inside a {@code @WithTransaction} chain.
 */
@ApplicationScoped
public class Writes {

    /** One aggregate's recorded change: what {@link #record} writes as one history row and one event. */
    public record Recorded<A extends Audited>(A aggregate, ChangeType type, String before, String reason, String actor,
                                              EventType event, OffsetDateTime at) {
    }

    private final Outbox outbox;
    private final ObjectMapper json;

    public Writes(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** Starts a change of an existing aggregate, read with a write lock in the caller's transaction. */
    public <A extends Audited> Change<A> change(AggregateKind<A> kind, Uni<A> locked, Caller caller) {
        return new Change<>(this, kind, locked, caller);
    }

    /** Persists a new aggregate (its version set by the caller) with its history entry (no state before) and event, dated now. */
    public <A extends Audited> Uni<A> create(AggregateKind<A> kind, A fresh, String actor, ChangeType type, EventType event) {
        return create(kind, new Recorded<>(fresh, type, null, null, actor, event, now()));
    }

    /** As above, dated and explained as {@code created} says (its time: the aggregate's own createdAt, so that both agree). */
    public <A extends Audited> Uni<A> create(AggregateKind<A> kind, Recorded<A> created) {
        return createAll(kind, List.of(created)).replaceWith(created.aggregate());
    }

    /** Many new aggregates (an import chunk), dated now: one persist batch, then one statement for all their history and events. */
    public <A extends Audited> Uni<List<A>> createAll(AggregateKind<A> kind, List<A> fresh, String actor,
                                                    Function<A, ChangeType> type, Function<A, EventType> event) {
        OffsetDateTime at = now();
        return createAll(kind, fresh.stream().map(a -> new Recorded<>(a, type.apply(a), null, null, actor, event.apply(a), at)).toList());
    }

    /** Many new aggregates, each dated and explained as its {@link Recorded} says: one persist batch, one statement. */
    public <A extends Audited> Uni<List<A>> createAll(AggregateKind<A> kind, List<Recorded<A>> created) {
        if (created.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<A> fresh = created.stream().map(Recorded::aggregate).toList();
        return Panache.getSession().chain(session -> session.persistAll(fresh.toArray()))
                .chain(() -> record(kind, created))
                .replaceWith(fresh);
    }

    /**
     * History rows and events of changes already made to the aggregates (their version and time
     * advanced): one statement for all of them. {@link Change} and {@link #createAll} end here.
     */
    public <A extends Audited> Uni<Void> record(AggregateKind<A> kind, List<Recorded<A>> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode history = json.createArrayNode();
        List<Outbox.Pending> events = new ArrayList<>(changes.size());
        boolean eventIsState = kind.event() == kind.state();
        for (Recorded<A> c : changes) {
            A a = c.aggregate();
            String after = serialize(kind.state().apply(a));
            ObjectNode row = history.addObject();
            row.put("aggregate_type", kind.type()).put("aggregate_id", a.aggregateId())
                    .put("version", a.version()).put("change_type", c.type().name())
                    .putRawValue("after", new RawValue(after))
                    .put("reason", c.reason()).put("changed_by", c.actor())
                    .put("changed_at", c.at().truncatedTo(ChronoUnit.MICROS).toString());
            if (c.before() == null) {
                row.putNull("before");
            } else {
                row.putRawValue("before", new RawValue(c.before()));
            }
            if (c.event() != null) {
                events.add(new Outbox.Pending(c.event(), a.aggregateId(),
                        eventIsState ? new RawValue(after) : kind.event().apply(a)));
            }
        }
        return outbox.appendAll(events, ChangeLog.INSERT, "history", history.toString()).replaceWithVoid();
    }

    String serialize(Object state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state not serializable", e);
        }
    }

    /** The instant of a change, as PostgreSQL keeps it (microseconds), the same in the entity and its history. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
