package dev.ticker.content;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemException;

/**
 * The editorial workflow: which status may follow which, what each transition does to
 * {@code publishAt} and {@code publishedAt}, and what a revision calls it. docs/workflow.md shows
 * the same table for users.
 *
 * <pre>
 *   from \ to   draft  scheduled  published  archived
 *   draft         ·        ✓          ✓          ✗
 *   scheduled     ✓        ✓          ✓          ✗
 *   published     ✓        ✗          ·          ✓
 *   archived      ✓        ✗          ✓          ·
 * </pre>
 *
 * A new item may start in any status; without one it is a draft. A request without a status
 * keeps the current one.
 */
public final class Workflow {

    private static final Map<Status, Set<Status>> NEXT = Map.of(
            Status.DRAFT, EnumSet.of(Status.DRAFT, Status.SCHEDULED, Status.PUBLISHED),
            Status.SCHEDULED, EnumSet.of(Status.DRAFT, Status.SCHEDULED, Status.PUBLISHED),
            Status.PUBLISHED, EnumSet.of(Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED),
            Status.ARCHIVED, EnumSet.of(Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED));

    private Workflow() {
    }

    /** The statuses that may follow this one (itself included). */
    public static Set<Status> next(Status from) {
        return NEXT.get(from);
    }

    /**
     * Applies the workflow fields of a write to an item: {@code before} is its status before the
     * write, null when it is being created. An illegal transition, or a schedule without a future
     * {@code publishAt}, is a 422 naming the field; nothing is changed then.
     *
     * @return what the write did, for its revision
     */
    public static Operation apply(PublishableEntity item, WorkflowFields request, Status before, Instant now) {
        Status target = request.status() != null ? request.status() : before != null ? before : Status.DRAFT;
        if (before != null && !NEXT.get(before).contains(target)) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("status", "cannot change from " + before.value()
                    + " to " + target.value() + "; from " + before.value() + " it can become " + NEXT.get(before).stream()
                            .filter(s -> s != before).map(Status::value).collect(Collectors.joining(" or ")))));
        }
        Instant publishAt = seconds(request.publishAt());
        boolean rescheduled = false;
        if (target == Status.SCHEDULED) {
            if (publishAt == null) {
                throw ProblemException.invalid(List.of(new Problem.FieldError("publishAt", "is required to schedule")));
            }
            boolean unchanged = before == Status.SCHEDULED && publishAt.equals(item.publishAt);
            if (!unchanged && !publishAt.isAfter(now)) {
                throw ProblemException.invalid(List.of(new Problem.FieldError("publishAt",
                        "must be in the future to schedule; to publish now, set status to published")));
            }
            rescheduled = before == Status.SCHEDULED && !unchanged;
            item.publishAt = publishAt;
        } else {
            item.publishAt = null; // only a scheduled item waits for a time
        }
        if (request.publishedAt() != null) {
            item.publishedAt = seconds(request.publishedAt());
        }
        if (target == Status.PUBLISHED && item.publishedAt == null) {
            item.publishedAt = now;
        }
        item.status = target;
        return before == null ? Operation.CREATE : rescheduled ? Operation.SCHEDULE : Operation.of(before, target);
    }

    /** A scheduled item whose time has come: published, dated at the time it was scheduled for. */
    public static void publishDue(PublishableEntity item) {
        if (item.publishedAt == null) {
            item.publishedAt = item.publishAt;
        }
        item.publishAt = null;
        item.status = Status.PUBLISHED;
    }

    /** Published with something else (an issue's content): dated now, unless it has a date already. */
    public static void publishWith(PublishableEntity item, Instant now) {
        if (item.publishedAt == null) {
            item.publishedAt = now;
        }
        item.publishAt = null;
        item.status = Status.PUBLISHED;
    }

    private static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /** What a revision records as the operation of a write. */
    public enum Operation implements ApiValue {
        CREATE("create"), UPDATE("update"), SCHEDULE("schedule"), UNSCHEDULE("unschedule"), PUBLISH("publish"),
        UNPUBLISH("unpublish"), ARCHIVE("archive"), DELETE("delete");

        private final String value;

        Operation(String value) {
            this.value = value;
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String value() {
            return value;
        }

        static Operation of(Status before, Status after) {
            if (before == after) {
                return UPDATE;
            }
            return switch (after) {
                case DRAFT -> before == Status.SCHEDULED ? UNSCHEDULE : UNPUBLISH;
                case SCHEDULED -> SCHEDULE;
                case PUBLISHED -> PUBLISH;
                case ARCHIVED -> ARCHIVE;
            };
        }
    }
}
