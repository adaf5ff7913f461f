package io.miaopu.metrics.service;

/**
 * The projections' clock: one row ({@code projection_clock}, name 'events') that is both the figures' "as of" and the
 * proof that the projections changed. The contract between the consumers and the progress reads:
 * <ul>
 * <li>every transaction that changes a projection table (organization, incubation and training projections, the
 *     tallies) writes this row with {@link #ADVANCE}, even when the time does not move, in the same transaction
 *     ({@code event/ProjectionWrites.advanceClock});</li>
 * <li>so the row's version ({@code xmin}, the id of the last transaction that wrote it) changes with every committed
 *     change of the projections, and a reader that sees the same {@code xmin} sees the same projections;</li>
 * <li>a rebuild swaps in tables of its own, its clock row written by its own transactions: another {@code xmin}.</li>
 * </ul>
 * {@link ProgressService} keeps measured figures while the version it reads with {@link #VERSION} stays the same.
 */
public final class ProjectionClock {

    /** Moves "as of" to the event's time (never back; an event without a time leaves it, the first row starts at now). */
    public static final String ADVANCE = "insert into projection_clock (name, event_time) "
            + "values ('events', coalesce(cast(:time as timestamptz), now())) "
            + "on conflict (name) do update set event_time = greatest(projection_clock.event_time, "
            + "coalesce(cast(:time as timestamptz), projection_clock.event_time))";

    /** The time of the newest event applied. */
    static final String AS_OF = "select event_time from projection_clock where name = 'events'";

    /** The row's version and time as text (no row before the first event: null). */
    static final String VERSION = "(select cast(xmin as text) || ':' || cast(event_time as text) "
            + "from projection_clock where name = 'events')";

    private ProjectionClock() {
    }
}
