package io.miaopu.registry.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.write.ChangeLog;
import io.miaopu.registry.service.OrganizationApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** History entries with the fields each change touched. */
public final class HistoryMapper {

    private static final Set<String> BOOKKEEPING = Set.of("version", "updatedAt", "createdAt");

    private HistoryMapper() {
    }

    public static OrganizationApi.HistoryEntry toEntry(ChangeLog.Entry change, ObjectMapper json) {
        JsonNode before = read(change.before(), json);
        JsonNode after = read(change.after(), json);
        List<String> changed = new ArrayList<>();
        if (before != null && after != null) {
            Set<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!BOOKKEEPING.contains(name) && !Objects.equals(before.get(name), after.get(name))) {
                    changed.add(name);
                }
            }
        }
        return new OrganizationApi.HistoryEntry(change.version(), change.changeType(), change.changedBy(), change.changedAt(),
                change.reason(), changed, before, after);
    }

    private static JsonNode read(String text, ObjectMapper json) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
