package io.miaopu.metrics.exchange;

import io.miaopu.chassis.events.SafeContext;
import io.miaopu.metrics.config.MetricsConfig;
import io.miaopu.metrics.service.Measurements;
import io.miaopu.metrics.service.ProgressService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The daily snapshot of the city's progress on the exchange feed: tried at start and every five
 * minutes, taken by the first try of a day (China Standard Time) that finds the hierarchy, so a
 * service that was down at midnight still publishes the day's; one per day whoever takes it.
 */
@ApplicationScoped
public class ExchangeSnapshots {

    private static final Logger LOG = Logger.getLogger(ExchangeSnapshots.class);

    public record Snapshot(LocalDate date, String plan, int year, String division, OffsetDateTime asOf, List<Figure> targets) {
    }

    public record Figure(String target, String kind, String unit, java.math.BigDecimal value, java.math.BigDecimal threshold,
                         Boolean met, java.math.BigDecimal gap, Boolean onTrack) {
    }

    private final ProgressService progress;
    private final ExchangeFeed feed;
    private final MetricsConfig config;
    private final Vertx vertx;

    public ExchangeSnapshots(ProgressService progress, ExchangeFeed feed, MetricsConfig config, Vertx vertx) {
        this.progress = progress;
        this.feed = feed;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        daily().subscribe().with(taken -> { }, failure -> LOG.infof("Progress snapshot not taken at start: %s", failure.getMessage()));
    }

    @Scheduled(cron = "{miaopu.metrics.exchange.snapshot-cron:0 */5 * * * ?}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return daily().onFailure().invoke(failure -> LOG.warnf("Progress snapshot not taken: %s", failure.getMessage())).onFailure()
                .recoverWithNull().replaceWithVoid();
    }

    /** Takes today's snapshot unless it exists; true when taken now. */
    public Uni<Boolean> daily() {
        LocalDate today = ProgressService.today();
        String origin = "progress:" + today;
        return SafeContext.run(vertx, () -> Panache.withTransaction(() -> feed.made(origin).chain(made -> made
                ? Uni.createFrom().item(false)
                : measured().chain(p -> feed.append(origin, ExchangeFeed.PROGRESS_SNAPSHOT, "progress-" + today, snapshot(today, p))))));
    }

    /**
     * The plan measured today (the ACTIVE plan whose years include this year, else the last before it), at this year
     * or, for a plan whose years have ended, at its last year: never a year against another plan's targets.
     */
    private Uni<Measurements.Progress> measured() {
        return progress.progress(null, null, null, null).chain(today -> today.plan().lastYear >= today.answer().year()
                ? Uni.createFrom().item(today.answer())
                : progress.progress(today.plan().id, today.plan().lastYear, null, null).map(ProgressService.Measured::answer));
    }

    private static Snapshot snapshot(LocalDate day, Measurements.Progress p) {
        return new Snapshot(day, p.plan(), p.year(), p.division().code(), p.asOf(), p.targets().stream()
                .map(t -> new Figure(t.target(), t.kind(), t.unit(), t.value(), t.threshold(), t.met(), t.gap(),
                        t.forecast() == null ? null : t.forecast().onTrack())).toList());
    }
}
