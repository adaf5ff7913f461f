package io.miaopu.chassis.events.divisions;

/**
 * The full current state of one division (行政区划), as carried by every record of the compacted
 * topic miaopu.divisions.v1 (event-carried state transfer). {@code revision} counts the
 * division's changes (informative; replicas follow the log order).
 */
public record DivisionState(String code, String name, String level, String parentCode, String kind,
                            boolean active, long revision) {
}
