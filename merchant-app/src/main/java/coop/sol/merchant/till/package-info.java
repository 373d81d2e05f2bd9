/**
 * The merchant's till on the command line ({@code java -jar sol-till.jar}, picocli): charge an
 * amount with a payment request shown as a QR code and wait until it is paid, scan a member's pay
 * token from a photo and charge it, charge a member card with its holder's PIN, verify any code,
 * read the history, refund. It talks to the REST API with a personal access token (java.net.http,
 * Jackson), and keeps in {@code ~/.sol-till} the network's public keys ({@code keys.json}), so that
 * it can still check codes offline, the member cards' revocation list of the last sync ({@code
 * cards.json}), and the charges it could not send ({@code queue.jsonl}, a card's PIN sealed for the
 * network's key), sent by {@code sync} or the next command: the ledger then decides (single use,
 * PIN, caps, funds).
 *
 * <p>It uses the other packages of the module; nothing depends on it.
 */
package coop.sol.merchant.till;
