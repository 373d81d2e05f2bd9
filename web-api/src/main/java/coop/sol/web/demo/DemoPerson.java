package coop.sol.web.demo;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.web.user.Role;
import java.util.List;

/**
 * Someone in the demo network: their login, their one role, and the ledger accounts they hold.
 *
 * @param merchantRef for a cashier, the merchant's username
 * @param ownerKind the owner kind of their accounts; null when they hold none (which accounts a
 *     holder of each kind has is ledger-core's rule, {@link
 *     coop.sol.ledger.account.HolderAccounts})
 */
record DemoPerson(
    String username,
    String displayName,
    String description,
    Role role,
    String merchantRef,
    OwnerKind ownerKind) {

  /** Everyone in the demo network, one of each role (two where dual roles matter). */
  static final List<DemoPerson> CAST =
      List.of(
          holder("alice", "Alice Martin", "Adhérente", Role.MEMBER, OwnerKind.MEMBER),
          holder("bruno", "Bruno Lefèvre", "Adhérent", Role.MEMBER, OwnerKind.MEMBER),
          holder(
              "boulangerie",
              "La Mie Câline",
              "Commerçant, catégorie boulangerie",
              Role.MERCHANT,
              OwnerKind.MERCHANT),
          holder(
              "librairie",
              "Librairie La Page Tournée",
              "Commerçant, catégorie librairie",
              Role.MERCHANT,
              OwnerKind.MERCHANT),
          new DemoPerson(
              "caisse",
              "Camille, caisse de La Mie Câline",
              "Caissière de la boulangerie",
              Role.CASHIER,
              "boulangerie",
              null),
          holder(
              "comptoir",
              "Comptoir de change de la Maison des associations",
              "Agent du comptoir de change",
              Role.EXCHANGE_AGENT,
              OwnerKind.EXCHANGE_OFFICE),
          holder(
              "asso",
              "Les Jardins Partagés",
              "Association (bénévolat en SOL Engagement)",
              Role.ASSOCIATION,
              OwnerKind.ASSOCIATION),
          holder(
              "mairie",
              "Mairie de Solville",
              "Financeur (SOL Affecté)",
              Role.FUNDER,
              OwnerKind.FUNDER),
          staff("coord1", "Claire, coordinatrice", "Coordinatrice du réseau", Role.COORDINATOR),
          staff("coord2", "David, coordinateur", "Coordinateur du réseau", Role.COORDINATOR),
          staff(
              "admin",
              "Administration SOL",
              "Administrateur de l'installation",
              Role.ADMINISTRATOR));

  private static DemoPerson holder(
      String username, String displayName, String description, Role role, OwnerKind kind) {
    return new DemoPerson(username, displayName, description, role, null, kind);
  }

  private static DemoPerson staff(
      String username, String displayName, String description, Role role) {
    return new DemoPerson(username, displayName, description, role, null, null);
  }
}
