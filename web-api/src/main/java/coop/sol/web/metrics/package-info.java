/**
 * The ledger's metrics for Prometheus ({@code /actuator/prometheus}, administrators only):
 * transfers posted, replayed and rejected by reason, the time from submission to answer, and the
 * writer's commits. Fed by the ledger core's {@code WriteObserver}.
 */
package coop.sol.web.metrics;
