/**
 * Coordinator reports. Owns the report aggregates (maintained after the fact by the {@link
 * coop.sol.ledger.report.Aggregator}, behind a per-strand watermark, never by the write path), the
 * {@link coop.sol.ledger.report.CirculationReport} and its two computations: from the aggregates
 * plus the journal rows after the watermark ({@link coop.sol.ledger.report.CirculationReports}),
 * and straight from the journal ({@link coop.sol.ledger.report.CirculationScan}, used by tests, by
 * the benchmark and by the offline verifier). Every figure is defined in docs/reports-and-audit.md.
 */
package coop.sol.ledger.report;
