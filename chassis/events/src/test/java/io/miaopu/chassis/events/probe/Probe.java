package io.miaopu.chassis.events.probe;

import io.miaopu.chassis.events.EventType;

/** The test application's event: the seq-th write for a key. */
public record Probe(String key, int seq) {

    public static final String TOPIC = "miaopu.chassis-test.v1";
    public static final String DEAD_LETTERS = "miaopu.chassis-test.dlq.v1";
    public static final String BATCH_DEAD_LETTERS = "miaopu.chassis-test.batch-dlq.v1";
    public static final EventType RECORDED = new EventType(TOPIC, "io.miaopu.chassis.probe.recorded.v1");
}
