/**
 * Coordinators' reports over HTTP (issue 7): the circulation report as JSON, CSV and PDF with its
 * charts, the signed report and the audit export, the signed checkpoints and members' inclusion
 * proofs, the public transparency page, and the scheduled aggregator catch-up and checkpoints. The
 * figures themselves are ledger-core's ({@code coop.sol.ledger.report}, {@code
 * coop.sol.ledger.audit}; see docs/reports-and-audit.md). Checkpoints and reports are signed with
 * the network's active key ({@link coop.sol.web.networkkey.NetworkKeys}, which also signs its
 * payment codes), and keys are shown as {@link coop.sol.web.networkkey.NetworkKeyView}.
 */
package coop.sol.web.report;
