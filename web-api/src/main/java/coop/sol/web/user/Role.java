package coop.sol.web.user;

import coop.sol.ledger.account.OwnerKind;
import java.util.Optional;

/**
 * What a user may do in a network (stored by name in {@code user_role.role}). Every role but {@link
 * #ADMINISTRATOR} is held in one network.
 */
public enum Role {
  /** An adhérent: holds SOL, pays merchants, earns rewards and volunteering credits. */
  MEMBER,
  /** A prestataire (the owner): takes payments, refunds, reconverts SOL to euros. */
  MERCHANT,
  /** A merchant's staff at the till: takes payments for the merchant named in the grant. */
  CASHIER,
  /** Staff of an exchange office (comptoir de change): sells SOL for euros. */
  EXCHANGE_AGENT,
  /** An association that credits SOL Engagement for volunteering. */
  ASSOCIATION,
  /** A funder (town hall, social service) that issues earmarked SOL Affecté. */
  FUNDER,
  /** Runs the network: audits, fonte, corrections under dual control. */
  COORDINATOR,
  /** Runs the installation (all networks); belongs to no network. */
  ADMINISTRATOR;

  /**
   * Whether holders of this role must log in with a TOTP code as well as their password: those who
   * can move or correct money that is not theirs, or run the installation.
   */
  public boolean requiresSecondFactor() {
    return this == COORDINATOR || this == ADMINISTRATOR;
  }

  /**
   * The kind of the ledger accounts a holder of this role owns in the role's network (accounts
   * whose owner_ref is the username); empty for roles that act on others' accounts and hold none as
   * such.
   */
  public Optional<OwnerKind> accountKind() {
    return switch (this) {
      case MEMBER -> Optional.of(OwnerKind.MEMBER);
      case MERCHANT -> Optional.of(OwnerKind.MERCHANT);
      case EXCHANGE_AGENT -> Optional.of(OwnerKind.EXCHANGE_OFFICE);
      case ASSOCIATION -> Optional.of(OwnerKind.ASSOCIATION);
      case FUNDER -> Optional.of(OwnerKind.FUNDER);
      case CASHIER, COORDINATOR, ADMINISTRATOR -> Optional.empty();
    };
  }

  /** The Spring Security authority of this role, e.g. {@code ROLE_MEMBER}. */
  public String authority() {
    return "ROLE_" + name();
  }
}
