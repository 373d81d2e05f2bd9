package coop.sol.ledger.network;

/**
 * The ledgers of a network. Each is its own ledger: a transfer never crosses strands. The id is the
 * {@code strand_id} stored in the database and in the hash chain encoding; it never changes.
 */
public enum StrandKind {
  /** SOL Coopération: euro-backed, bought at exchange offices, reconvertible by merchants. */
  COOPERATION(1),
  /** SOL Engagement: earned by volunteering, never convertible to euros. */
  ENGAGEMENT(2),
  /** SOL Affecté: earmarked vouchers with an expiry and allowed merchant categories. */
  AFFECTE(3),
  /** The euro reserve of the network (euros received for SOL Coopération), not a SOL strand. */
  EURO(4);

  private final short id;

  StrandKind(int id) {
    this.id = (short) id;
  }

  public short id() {
    return id;
  }

  public static StrandKind ofId(int id) {
    for (StrandKind kind : values()) {
      if (kind.id == id) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no strand with id " + id);
  }
}
