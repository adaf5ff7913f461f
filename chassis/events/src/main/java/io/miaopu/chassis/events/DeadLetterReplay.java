package io.miaopu.chassis.events;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Replays a dead letter into its consumer once its cause is fixed (a newer consumer, a division that
 * now exists, a rule relaxed): in one transaction, the dead letter is taken (row-locked, so two replays
 * of it are serialized), its record applied as the consumer applies any record (claimed once, or
 * applied to a replica that keeps the newest state), and the dead letter marked replayed. A dead letter
 * already replayed, or whose event the consumer had already applied, changes nothing.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    public static final String APPLIED = "APPLIED";
    public static final String ALREADY_APPLIED = "ALREADY_APPLIED";

    private static final String TAKE = "update dead_letter set last_attempt_at = now() where id = :id and replayed_at is null "
            + "returning cast(id as text)";
    private static final String MARK = "update dead_letter set replayed_at = now(), replayed_by = :actor, outcome = :outcome, "
            + "attempts = attempts + 1 where id = :id";

    private final DeadLetters deadLetters;
    private final Inbox inbox;

    public DeadLetterReplay(DeadLetters deadLetters, Inbox inbox) {
        this.deadLetters = deadLetters;
        this.inbox = inbox;
    }

    /** The dead letter after the replay; 404 if there is none, 409 if its consumer does not run here, 422 if still poison. */
    public Uni<DeadLetters.DeadLetter> replay(long id, String actor) {
        return deadLetters.find(id).chain(found -> {
            if (found == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No dead letter " + id + ".", "死信 " + id + " 不存在。");
            }
            if (!found.open()) {
                return Uni.createFrom().item(found); // replayed before: nothing to do
            }
            InboxConsumer consumer = deadLetters.consumer(found.consumer()).orElseThrow(() -> new ProblemException(
                    ProblemType.CONFLICT, "The consumer " + found.consumer() + " does not run in this service any more.",
                    "本服务已无消费者 " + found.consumer() + "。"));
            RecordHeaders headers = new RecordHeaders();
            found.headers().forEach((name, value) -> headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
            return Panache.withTransaction(() -> Panache.getSession()
                            .chain(s -> s.createNativeQuery(TAKE, String.class).setParameter("id", id).getResultList())
                            .chain(taken -> taken.isEmpty() ? Uni.createFrom().voidItem() // replayed meanwhile
                                    : inbox.replay(consumer, found.key(), found.value(), headers)
                                            .chain(applied -> mark(id, actor, applied.isEmpty() ? ALREADY_APPLIED : APPLIED))))
                    .onFailure(PoisonEventException.class).recoverWithUni(e -> deadLetters.failedAttempt(id, e.getMessage())
                            .chain(() -> Uni.createFrom().failure(new ProblemException(ProblemType.RULE_VIOLATION,
                                    "The record is still refused by " + found.consumer() + ": " + e.getMessage(),
                                    "该记录仍被消费者 " + found.consumer() + " 拒绝：" + e.getMessage()))))
                    .chain(() -> deadLetters.find(id))
                    .invoke(after -> {
                        LOG.infof("Dead letter %d (event %s of type %s, subject %s, consumer %s) replayed by %s: %s", id,
                                after.eventId(), after.type(), after.subject(), after.consumer(), actor, after.outcome());
                        deadLetters.refresh();
                    });
        });
    }

    private Uni<Void> mark(long id, String actor, String outcome) {
        return Panache.getSession().chain(s -> s.createNativeQuery(MARK).setParameter("id", id).setParameter("actor", actor)
                .setParameter("outcome", outcome).executeUpdate()).replaceWithVoid();
    }
}
