package coop.sol.ledger.payment;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A network's choice whether members may pay members (a PAYMENT whose two accounts are owned by
 * MEMBERs). The ledger's writer applies it to every payment, whatever the door
 * (RejectionReason.MEMBER_PAYMENTS_NOT_ALLOWED), reading it in the batch's own transaction; this
 * class reads it for the pages and the API, and changes it.
 *
 * <p>Default, when a network never chose: allowed (docs/architecture.md, "Members paying members").
 */
public final class MemberPayments {
  private final MemberPaymentStore store;
  private final Clock clock;

  public MemberPayments(DataSource dataSource, Clock clock) {
    this.store = new MemberPaymentStore(dataSource);
    this.clock = clock;
  }

  /**
   * The setting and who changed it last.
   *
   * @param changedBy empty while the network keeps the default
   * @param changedAt empty while the network keeps the default
   */
  public record Setting(boolean allowed, Optional<Actor> changedBy, Optional<Instant> changedAt) {
    public static final Setting DEFAULT = new Setting(true, Optional.empty(), Optional.empty());
  }

  /** Whether members of the network may pay each other now. */
  public boolean allowed(NetworkId network) {
    return setting(network).allowed();
  }

  public Setting setting(NetworkId network) {
    return store.find(network).orElse(Setting.DEFAULT);
  }

  /** Sets it from now on: the next batch any instance writes applies it. */
  public Setting set(NetworkId network, boolean allowed, Actor by) {
    store.save(network, allowed, by, clock.instant());
    return setting(network);
  }
}
