package coop.sol.ledger.user;

/**
 * A {@code user_role} row.
 *
 * @param role the role's name (MEMBER, MERCHANT, CASHIER, ..., ADMINISTRATOR)
 * @param networkId its network; null for an administrator
 * @param merchantRef for a cashier, the merchant whose till they work; else null
 */
public record StoredRole(String role, Long networkId, String merchantRef) {}
