/**
 * The fonte (demurrage): money that sleeps melts. For a period of a strand's {@link
 * coop.sol.ledger.settings.FonteRule}, every account of the strand with a strictly positive balance
 * at the end of the period and no outgoing payment during it loses the rule's rate of that balance,
 * credited to the rule's fund (FONTE transfers). Runs are recorded per network, strand and period;
 * a coordinator previews and runs a period by hand, a scheduler calls {@link
 * coop.sol.ledger.fonte.Fonte#runDue} (see docs/sol-operations.md for every rule).
 */
package coop.sol.ledger.fonte;
