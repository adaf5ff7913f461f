package io.miaopu.incubation.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * The full current state of one division (行政区划), as carried by every record of the compacted
 * topic miaopu.divisions.v1 (event-carried state transfer). {@code revision} counts the
 * division's changes (informative; replicas follow the log order).
 *
 * <p>Because compaction keeps only a division's latest record, the record also carries the division's
 * whole dated history: {@code effectiveOn} is the day the current state took effect (null: since
 * always, as seeded), and {@code versions} the division's states over time, oldest first, the last
 * being the current one. Records published before the versions existed have none: a replica then
 * takes the current state as the only version, since always.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DivisionState(String code, String name, String level, String parentCode, String kind,
                            boolean active, long revision, LocalDate effectiveOn,
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<Version> versions) {

    /** A state without dates (since always, one version): as seeded, and as records of earlier versions read. */
    public DivisionState(String code, String name, String level, String parentCode, String kind, boolean active, long revision) {
        this(code, name, level, parentCode, kind, active, revision, null, null);
    }

    /**
     * One spell of the division: its name, parent, kind and whether it was active from {@code effectiveOn}
     * (null: since always) until the next version's day.
     */
    public record Version(LocalDate effectiveOn, String name, String parentCode, String kind, boolean active) {
    }

    /** The versions the record carries, or for a record without them its current state as the only one, since always. */
    public List<Version> versionsOrCurrent() {
        return versions == null || versions.isEmpty() ? List.of(new Version(null, name, parentCode, kind, active)) : versions;
    }
}
