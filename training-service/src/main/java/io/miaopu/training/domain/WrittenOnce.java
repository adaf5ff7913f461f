package io.miaopu.training.domain;

import io.miaopu.chassis.write.Audited;
import java.time.OffsetDateTime;

/**
 * A record written once and never changed (a ledger entry, a session, an exam record): a correction is a new record
 * (a reversal), never an update. Its only version is 1.
 */
public interface WrittenOnce extends Audited {

    @Override
    default long version() {
        return 1;
    }

    @Override
    default void advance(OffsetDateTime at) {
        throw new UnsupportedOperationException("a record written once is never changed");
    }
}
