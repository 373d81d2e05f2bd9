/**
 * The write-path benchmark ({@code ./mvnw -q -pl ledger-core -am -Pbench -DskipTests verify}): not
 * a test; it measures and prints, next to a reference run on the same server.
 */
package coop.sol.ledger.bench;
