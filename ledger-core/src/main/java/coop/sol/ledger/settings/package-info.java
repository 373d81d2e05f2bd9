/**
 * The settings of a network's currency rules, and the accounts that play a role in its operations.
 * Every setting is versioned: a change adds a version effective from the moment it is made, the
 * previous versions stay readable (what rate applied to last March's purchases?), and each records
 * the {@link coop.sol.ledger.operation.Actor} who made it.
 *
 * <ul>
 *   <li>{@link coop.sol.ledger.settings.NetworkRates}: the euro rate ({@link
 *       coop.sol.ledger.settings.EuroRate}, exact), the purchase bonus and the reconversion fee
 *       ({@link coop.sol.ledger.settings.BasisPoints});
 *   <li>per merchant: its reward rate and its categories (from the network's catalogue of {@link
 *       coop.sol.ledger.settings.MerchantCategory});
 *   <li>per association: its volunteer rate (minor units of SOL Engagement per hour);
 *   <li>per strand: the {@link coop.sol.ledger.settings.FonteRule} and its schedule of {@link
 *       coop.sol.ledger.settings.FontePeriod}s;
 *   <li>{@link coop.sol.ledger.settings.SystemAccounts}: issuance and fund accounts per strand, the
 *       euro reserve and the euros outside the network.
 * </ul>
 *
 * Rates are exact integers (basis points) or exact decimals, never floating point; each operation
 * documents how it rounds.
 */
package coop.sol.ledger.settings;
