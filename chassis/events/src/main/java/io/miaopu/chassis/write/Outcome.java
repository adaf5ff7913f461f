package io.miaopu.chassis.write;

import io.miaopu.chassis.events.EventType;

/** What a mutation did: the change type its history names, why (may be null), and the event it announces. */
public record Outcome(ChangeType type, String reason, EventType event) {

    public static Outcome of(ChangeType type, String reason, EventType event) {
        return new Outcome(type, reason, event);
    }
}
