package io.miaopu.metrics.service;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What {@link ProgressService} keeps between requests: division trees and one year's figures of a plan with the
 * answers measured from them. Every entry is kept under the state it was read from, and each request reads that state
 * again (one small query) before using the entry: an entry whose state differs is stale and read again. Summing the
 * tallies (tens of thousands of rows at a province's scale) and measuring every target on each request is what made
 * progress slower as organizations grew.
 */
final class ProgressCache {

    /** Past days' trees kept (31 December of the years asked). */
    static final int MAX_PAST_TREES = 16;
    /** Plans' years kept. */
    static final int MAX_SNAPSHOTS = 32;
    /** Divisions' progress kept per snapshot (the city, its counties and the divisions asked most). */
    static final int MAX_ANSWERS = 512;

    /**
     * The division replica's stamp: its row count, highest revision and latest update. The replica changes only by
     * adding a division, raising a division's revision or updating a row (its dated versions change in the same
     * transactions as its rows), and each of these moves at least one of the three.
     */
    record HierarchyStamp(long divisions, long revision, String updatedAt) {
    }

    /**
     * The state a plan's year's figures were read from: the projections' version ({@link ProjectionClock#VERSION}) and
     * the plan's targets' (count, sum of versions, latest update: adding, removing, editing or revising a target moves
     * one of them; a revision's figures by year, target_revision, are written in the same transaction as its version).
     */
    record FiguresState(String projections, long targets, long targetVersions, String targetsUpdatedAt) {
    }

    private record CurrentTree(HierarchyStamp stamp, DivisionTree tree) {
    }

    private record PastTree(LocalDate day, HierarchyStamp stamp) {
    }

    private record Year(String plan, int year) {
    }

    private final AtomicReference<CurrentTree> current = new AtomicReference<>();
    private final Map<PastTree, DivisionTree> pastTrees = new ConcurrentHashMap<>();
    private final Map<Year, Snapshot> snapshots = new ConcurrentHashMap<>();

    /** Today's active divisions read under {@code stamp}, else null: a tree is stale once the replica's stamp moved. */
    DivisionTree tree(HierarchyStamp stamp) {
        CurrentTree kept = current.get();
        return kept != null && kept.stamp().equals(stamp) ? kept.tree() : null;
    }

    DivisionTree keepTree(HierarchyStamp stamp, DivisionTree tree) {
        current.set(new CurrentTree(stamp, tree));
        return tree;
    }

    /**
     * The tree as it stood on a past day, read under {@code stamp}, else null: the same stamp rule as today's (a
     * division's dated versions are written with its row, a change of the past moves the stamp too).
     */
    DivisionTree treeOn(LocalDate day, HierarchyStamp stamp) {
        return pastTrees.get(new PastTree(day, stamp));
    }

    DivisionTree keepTreeOn(LocalDate day, HierarchyStamp stamp, DivisionTree tree) {
        if (pastTrees.size() > MAX_PAST_TREES) {
            pastTrees.clear();
        }
        pastTrees.put(new PastTree(day, stamp), tree);
        return tree;
    }

    /** The plan's year's snapshot if it still holds for this state, day and tree (see {@link Snapshot#holdsFor}), else null. */
    Snapshot snapshot(String plan, int year, FiguresState state, LocalDate today, DivisionTree hierarchy) {
        Snapshot kept = snapshots.get(new Year(plan, year));
        return kept != null && kept.holdsFor(state, today, hierarchy) ? kept : null;
    }

    Snapshot keep(String plan, int year, FiguresState state, LocalDate today, Figures figures) {
        Snapshot fresh = new Snapshot(state, today, figures);
        if (snapshots.size() > MAX_SNAPSHOTS) {
            snapshots.clear();
        }
        snapshots.put(new Year(plan, year), fresh);
        return fresh;
    }

    /** One year's figures of a plan and the answers already measured from them. */
    static final class Snapshot {

        private final FiguresState state;
        private final LocalDate day;
        private final Figures figures;
        private final Map<String, Measurements.Progress> progress = new ConcurrentHashMap<>();
        private final AtomicReference<Measurements.Counties> counties = new AtomicReference<>();

        Snapshot(FiguresState state, LocalDate day, Figures figures) {
            this.state = state;
            this.day = day;
            this.figures = figures;
        }

        /**
         * Whether the figures (and so every answer measured from them) still hold. They are stale when:
         * the projections changed (another clock version: every applying transaction writes the clock row,
         * {@link ProjectionClock}); the plan's targets changed (count, versions or time); the hierarchy changed (the
         * tree measured on is not the one current for the year: trees are shared until their stamp moves, so another
         * tree object means another replica state); or the day changed (the current year is measured to date: "today"
         * and the share of the year elapsed move at midnight, China Standard Time). Nothing else enters the figures.
         */
        boolean holdsFor(FiguresState now, LocalDate today, DivisionTree hierarchy) {
            return state.equals(now) && day.equals(today) && figures.hierarchy() == hierarchy;
        }

        Figures figures() {
            return figures;
        }

        /** Every target for a division, measured once per snapshot (two callers may measure it once each). */
        Measurements.Progress progress(String division, Supplier<Measurements.Progress> measure) {
            Measurements.Progress known = progress.get(division);
            if (known != null) {
                return known;
            }
            Measurements.Progress measured = measure.get();
            if (progress.size() < MAX_ANSWERS) {
                progress.putIfAbsent(division, measured);
            }
            return measured;
        }

        /** The county table, measured once per snapshot. */
        Measurements.Counties counties(Supplier<Measurements.Counties> measure) {
            Measurements.Counties known = counties.get();
            if (known != null) {
                return known;
            }
            Measurements.Counties measured = measure.get();
            counties.compareAndSet(null, measured);
            return measured;
        }
    }
}
