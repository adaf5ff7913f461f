package io.miaopu.chassis.write;

import java.time.OffsetDateTime;

/** An entity that {@link Writes} changes: it has an identity, a version, and knows how to move to the next one. */
public interface Audited {

    /** The aggregate's id as its history and its events (the Kafka key) name it. */
    String aggregateId();

    /** The optimistic-concurrency version (the ETag); a division's revision. */
    long version();

    /** Moves to the next version at {@code at}: version + 1 and the entity's updated-at. */
    void advance(OffsetDateTime at);
}
