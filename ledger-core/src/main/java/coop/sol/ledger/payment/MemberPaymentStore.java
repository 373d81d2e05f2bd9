package coop.sol.ledger.payment;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** {@code member_payment_setting} (V86): one row per network that chose; none keeps the default. */
final class MemberPaymentStore {
  private final DSLContext sql;

  MemberPaymentStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  Optional<MemberPayments.Setting> find(NetworkId network) {
    return sql.fetchOptional(
            "SELECT allowed, changed_by, changed_at FROM member_payment_setting"
                + " WHERE network_id = ?",
            network.value())
        .map(
            r ->
                new MemberPayments.Setting(
                    r.get(0, Boolean.class),
                    Optional.of(new Actor(r.get(1, String.class))),
                    Optional.of(r.get(2, OffsetDateTime.class).toInstant())));
  }

  void save(NetworkId network, boolean allowed, Actor by, Instant at) {
    sql.execute(
        "INSERT INTO member_payment_setting (network_id, allowed, changed_by, changed_at)"
            + " VALUES (?, ?, ?, CAST(? AS timestamptz)) ON CONFLICT (network_id) DO UPDATE SET"
            + " allowed = excluded.allowed, changed_by = excluded.changed_by,"
            + " changed_at = excluded.changed_at",
        network.value(),
        allowed,
        by.id(),
        at.toString());
  }
}
