package io.miaopu.chassis.events.divisions;

/**
 * The full current state of one division (行政区划), as carried by every record of the compacted
 * topic miaopu.divisions.v1 (event-carried state transfer). {@code revision} grows with every
 * change of the division, so a replica never goes back to an older state.
 */
public record DivisionState(String code, String name, String level, String parentCode, String kind,
                            boolean active, long revision) {
}
