package io.miaopu.chassis.write;

import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Hierarchy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Use cases of the probe aggregate, written as a service writes them: rules plus one Writes call. */
@ApplicationScoped
public class ProbeItems {

    /** Two divisions, 51 above 5111: a caller of 5111 may change items of 5111 only, one of 51 both. */
    static final Hierarchy DIVISIONS = new Hierarchy() {
        @Override
        public Uni<Boolean> isWithin(String code, String ancestor) {
            return Uni.createFrom().item(code.startsWith(ancestor));
        }

        @Override
        public Uni<Boolean> exists(String code) {
            return Uni.createFrom().item(true);
        }

        @Override
        public Uni<List<String>> selfAndDescendants(String code) {
            return Uni.createFrom().item(List.of(code));
        }
    };

    private final Writes writes;

    public ProbeItems(Writes writes) {
        this.writes = writes;
    }

    @WithTransaction
    public Uni<ProbeItem> create(String division, String label, BigDecimal amount, String actor) {
        ProbeItem item = new ProbeItem();
        item.id = UUID.randomUUID();
        item.division = division;
        item.label = label;
        item.amount = amount;
        item.version = 1;
        item.updatedAt = Writes.now();
        return writes.create(ProbeItem.KIND, item, actor, ProbeItem.Type.CREATED, ProbeItem.CHANGED);
    }

    @WithTransaction
    public Uni<List<ProbeItem>> createAll(List<String> labels, String actor) {
        List<ProbeItem> items = labels.stream().map(label -> {
            ProbeItem item = new ProbeItem();
            item.id = UUID.randomUUID();
            item.division = "5111";
            item.label = label;
            item.version = 1;
            item.updatedAt = Writes.now();
            return item;
        }).toList();
        return writes.createAll(ProbeItem.KIND, items, actor, i -> ProbeItem.Type.CREATED, i -> ProbeItem.CHANGED);
    }

    @WithTransaction
    public Uni<ProbeItem> relabel(UUID id, String label, String ifMatch, Caller caller) {
        return writes.change(ProbeItem.KIND, lock(id), caller)
                .within(DIVISIONS)
                .ifMatch(ifMatch)
                .apply(item -> {
                    item.label = label;
                    return Outcome.of(ProbeItem.Type.RELABELLED, "relabelled", ProbeItem.CHANGED);
                });
    }

    /** The deprecated convention: the version in the body, 409 when stale. */
    @WithTransaction
    public Uni<ProbeItem> relabelByBodyVersion(UUID id, String label, String ifMatch, Long version, Caller caller) {
        return writes.change(ProbeItem.KIND, lock(id), caller)
                .ifMatchOrBodyVersion(ifMatch, version, "version")
                .apply(item -> {
                    item.label = label;
                    return Outcome.of(ProbeItem.Type.RELABELLED, null, ProbeItem.CHANGED);
                });
    }

    @WithSession
    public Uni<ProbeItem> find(UUID id) {
        return Panache.getSession().chain(s -> s.find(ProbeItem.class, id));
    }

    private static Uni<ProbeItem> lock(UUID id) {
        return Panache.getSession().chain(s -> s.find(ProbeItem.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

}
