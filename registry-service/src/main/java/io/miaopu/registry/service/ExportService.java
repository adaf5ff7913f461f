package io.miaopu.registry.service;

import io.miaopu.chassis.security.Caller;
import io.miaopu.registry.domain.Organization;
import io.miaopu.registry.repository.OrganizationFilter;
import io.miaopu.registry.repository.OrganizationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Organizations for export, read in batches in (community, id) order, each batch in its own short
 * session: an export of any size holds one batch in memory at a time.
 */
@ApplicationScoped
public class ExportService {

    static final int BATCH = 1000;

    private final OrganizationRepository organizations;
    private final Access access;

    public ExportService(OrganizationRepository organizations, Access access) {
        this.organizations = organizations;
        this.access = access;
    }

    /** The filter with the division the caller may export (400/403 before anything is sent). */
    public Uni<OrganizationFilter> scope(String division, OrganizationFilter filter, Caller caller) {
        return Panache.withSession(() -> access.divisionToList(division, caller))
                .map(within -> OrganizationService.withDivision(filter, within));
    }

    public Multi<List<Organization>> batches(OrganizationFilter filter) {
        return Multi.createBy().repeating()
                .uni(Cursor::new, cursor -> cursor.done ? Uni.createFrom().item(List.<Organization>of())
                        : Panache.withSession(() -> organizations.batchAfter(filter, cursor.community, cursor.id, BATCH))
                        .invoke(batch -> cursor.advance(batch)))
                .until(List::isEmpty);
    }

    /** Where the walk stands. */
    private static final class Cursor {
        String community;
        UUID id;
        boolean done;

        void advance(List<Organization> batch) {
            if (batch.size() < BATCH) {
                done = true;
            }
            if (!batch.isEmpty()) {
                Organization last = batch.get(batch.size() - 1);
                community = last.communityCode;
                id = last.id;
            }
        }
    }
}
