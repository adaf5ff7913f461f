package io.miaopu.metrics.service;

import io.miaopu.metrics.domain.Plan;
import io.miaopu.metrics.domain.Target;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the projections say for one year, read once per request: the figures every target, the
 * county table and the drill-down are computed from.
 *
 * @param at         the day measured: the end of the year, or today in the current year
 * @param elapsed    the share of the year passed at {@code at} (1 for a past year)
 * @param communities per community: organizations existing at the end of the year and of the year before, and new in the year by category
 * @param newInYear  organizations registered in the year by category, city-wide (every community, also retired ones)
 * @param newBefore  the same for the year before
 * @param training   person-times by trainee division, township-level unit and year held, through the year
 * @param sessions   person-times by the session's organizing division and year held, through the year
 */
record Figures(Plan plan, int year, LocalDate at, double elapsed, List<Target> targets, DivisionTree hierarchy,
               Map<String, CommunityCount> communities, Map<String, Long> newInYear,
               List<Dated> federations, List<Dated> demonstrations, List<Dated> incubators,
               List<TrainingCount> training, List<SessionCount> sessions, OffsetDateTime asOf) {

    record CommunityCount(long existing, long existingBefore, Map<String, Long> newInYear) {
    }

    /** A structure at a division, active from {@code from} until {@code until} (exclusive; null: still). */
    record Dated(String division, String level, LocalDate from, LocalDate until) {

        boolean activeOn(LocalDate day) {
            return !from.isAfter(day) && (until == null || until.isAfter(day));
        }
    }

    record TrainingCount(String traineeDivision, String township, int year, long personTimes) {
    }

    record SessionCount(String organizingDivision, int year, long personTimes) {
    }

    LocalDate endOfYearBefore() {
        return LocalDate.of(year - 1, 12, 31);
    }
}
