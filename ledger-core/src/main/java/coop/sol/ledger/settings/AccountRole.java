package coop.sol.ledger.settings;

import coop.sol.ledger.network.StrandKind;

/**
 * The part a system account plays in a network's operations. Each role has one account, opened by
 * {@code NetworkSettings.setUp}, which adopts an existing SYSTEM account with the conventional
 * {@code ownerRef} in the role's strand (so a network set up by hand, or the demo, keeps its
 * accounts).
 */
public enum AccountRole {
  /** Money created in SOL Coopération: debited by purchases, credited by reconversions. */
  COOPERATION_ISSUANCE(StrandKind.COOPERATION, "issuance", true),
  /** Money created in SOL Engagement: debited by associations' volunteer allowances. */
  ENGAGEMENT_ISSUANCE(StrandKind.ENGAGEMENT, "issuance", true),
  /** Money created in SOL Affecté (funders' budgets). */
  AFFECTE_ISSUANCE(StrandKind.AFFECTE, "issuance", true),
  /** The association's fund in Coopération: reconversion fees and fonte. */
  COOPERATION_FUND(StrandKind.COOPERATION, "fund", false),
  /** The association's fund in Engagement: fonte. */
  ENGAGEMENT_FUND(StrandKind.ENGAGEMENT, "fund", false),
  /** The association's fund in Affecté: fonte, if the network melts vouchers. */
  AFFECTE_FUND(StrandKind.AFFECTE, "fund", false),
  /**
   * The guarantee fund at the cooperative bank (euro ledger): where tills are banked, what pays
   * reconversions. Cannot go below zero.
   */
  EURO_RESERVE(StrandKind.EURO, "euro-reserve", false),
  /**
   * The euros outside the network's reserve (euro ledger): the counterpart of euros coming in at
   * offices and going out to merchants. Its balance is minus what the network holds.
   */
  EURO_OUTSIDE(StrandKind.EURO, "euro-outside", true);

  private final StrandKind strand;
  private final String ownerRef;
  private final boolean unlimited;

  AccountRole(StrandKind strand, String ownerRef, boolean unlimited) {
    this.strand = strand;
    this.ownerRef = ownerRef;
    this.unlimited = unlimited;
  }

  public StrandKind strand() {
    return strand;
  }

  /** The owner_ref of the SYSTEM account playing this role. */
  public String ownerRef() {
    return ownerRef;
  }

  /** Whether the account may go below zero without limit (it stands for money created). */
  public boolean unlimited() {
    return unlimited;
  }

  public static AccountRole issuance(StrandKind strand) {
    return switch (strand) {
      case COOPERATION -> COOPERATION_ISSUANCE;
      case ENGAGEMENT -> ENGAGEMENT_ISSUANCE;
      case AFFECTE -> AFFECTE_ISSUANCE;
      case EURO -> throw new IllegalArgumentException("the euro ledger issues nothing");
    };
  }

  public static AccountRole fund(StrandKind strand) {
    return switch (strand) {
      case COOPERATION -> COOPERATION_FUND;
      case ENGAGEMENT -> ENGAGEMENT_FUND;
      case AFFECTE -> AFFECTE_FUND;
      case EURO -> throw new IllegalArgumentException("the euro ledger has no fund");
    };
  }
}
