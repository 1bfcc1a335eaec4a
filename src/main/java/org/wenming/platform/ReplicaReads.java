package org.wenming.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the {@code JdbcClient} for read-only work that tolerates a few seconds of lag (the public
 * dashboard, the directories, Open311 searches, statistics): the streaming replica's pool when
 * {@code wenming.db.replica.url} is set and the replica is reachable and current enough, a read-only
 * pool on the primary otherwise, and without a replica simply the primary's {@code JdbcClient}. Code
 * reads the same either way. Never use it for what must see its own writes (a form's redirect to the
 * record just saved, sign-up, check-in, the ledger, login), nor for writes: its connections are read-only.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
public @interface ReplicaReads {
}
