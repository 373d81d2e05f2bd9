/**
 * The directory of merchants, "où payer en SOL": each merchant's public {@link
 * coop.sol.ledger.directory.MerchantProfile} (trading name, description, address, opening hours,
 * contacts, strands accepted), written by the merchant or a coordinator, and whether the network
 * publishes its directory to everyone or keeps it for its members ({@link
 * coop.sol.ledger.directory.MerchantDirectory}). A merchant's category is not part of its profile:
 * it is the one in the network's settings, which earmarked vouchers follow.
 */
package coop.sol.ledger.directory;
