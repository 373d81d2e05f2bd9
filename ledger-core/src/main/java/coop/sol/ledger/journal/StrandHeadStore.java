package coop.sol.ledger.journal;

import static coop.sol.ledger.jooq.Tables.STRAND;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Reads the head the writer recorded for a strand, through jOOQ. */
final class StrandHeadStore {
  /** A strand's recorded head: the seq and hash of its last journal row (0 and genesis if none). */
  record Head(long seq, byte[] hash) {}

  private final DSLContext sql;

  StrandHeadStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** Empty if the network has no such strand. */
  Optional<Head> head(NetworkId network, StrandKind strand) {
    return sql.select(STRAND.HEAD_SEQ, STRAND.HEAD_HASH)
        .from(STRAND)
        .where(STRAND.NETWORK_ID.eq(network.value()))
        .and(STRAND.STRAND_ID.eq(strand.id()))
        .fetchOptional(r -> new Head(r.value1(), r.value2()));
  }
}
