package io.miaopu.training.repository;

import io.miaopu.chassis.rest.Page;
import io.miaopu.training.domain.AttendanceEntry;
import io.miaopu.training.domain.Vocabulary.EntryKind;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The attendance ledger: entries are only ever added. */
@ApplicationScoped
@WithSession
public class EntryRepository implements PanacheRepositoryBase<AttendanceEntry, UUID> {

    private static final String STANDING = "e.kind = :recorded and not exists "
            + "(select 1 from AttendanceEntry r where r.reverses = e.id)";

    /** The trainee's attendance at the session that no reversal has cancelled, if any. */
    public Uni<AttendanceEntry> standing(UUID sessionId, UUID traineeId) {
        return getSession().chain(s -> s.createQuery("from AttendanceEntry e where e.sessionId = :session "
                        + "and e.traineeId = :trainee and " + STANDING, AttendanceEntry.class)
                .setParameter("session", sessionId).setParameter("trainee", traineeId)
                .setParameter("recorded", EntryKind.RECORDED).getResultList())
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    /** The trainees standing at the session (an attendance no reversal has cancelled). */
    public Uni<Set<UUID>> standingTrainees(UUID sessionId) {
        return getSession().chain(s -> s.createQuery("select e.traineeId from AttendanceEntry e where e.sessionId = :session "
                        + "and " + STANDING, UUID.class)
                .setParameter("session", sessionId).setParameter("recorded", EntryKind.RECORDED).getResultList())
                .map(HashSet::new);
    }

    public Uni<Boolean> isReversed(UUID entryId) {
        return count("reverses", entryId).map(n -> n > 0);
    }

    /** Person-times net of reversals, per session. */
    public Uni<Map<UUID, Long>> personTimes(List<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(s -> s.createQuery("select sessionId, sum(case when kind = :recorded then 1 else -1 end) "
                        + "from AttendanceEntry where sessionId in :ids group by sessionId", Object[].class)
                .setParameter("ids", sessionIds).setParameter("recorded", EntryKind.RECORDED).getResultList())
                .map(rows -> {
                    Map<UUID, Long> net = new HashMap<>();
                    rows.forEach(r -> net.put((UUID) r[0], ((Number) r[1]).longValue()));
                    return net;
                });
    }

    public Uni<Page<AttendanceEntry>> ofSession(UUID sessionId, int page, int size) {
        var find = find("sessionId", Sort.by("recordedAt").and("id"), sessionId);
        return find.page(page, size).list().chain(items -> find.count().map(total -> new Page<>(items, page, size, total)));
    }

    /** Which of these entries a reversal has cancelled. */
    public Uni<Set<UUID>> reversedAmong(List<UUID> entryIds) {
        if (entryIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return getSession().chain(s -> s.createQuery("select reverses from AttendanceEntry where reverses in :ids", UUID.class)
                .setParameter("ids", entryIds).getResultList()).map(HashSet::new);
    }
}
