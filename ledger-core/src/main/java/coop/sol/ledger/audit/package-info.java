/**
 * The verifiable audit: what lets someone who does not trust the server check the ledger. Owns the
 * network's signing keys as public keys ({@link coop.sol.ledger.audit.NetworkPublicKey}; the
 * private key is held by the caller in a {@link coop.sol.ledger.audit.NetworkSigner}), signed
 * {@link coop.sol.ledger.audit.Checkpoint}s of each strand's hash chain, {@link
 * coop.sol.ledger.audit.InclusionProof}s that a transfer is under a checkpoint, signed reports, the
 * journal {@link coop.sol.ledger.audit.JournalExport export} and the offline {@link
 * coop.sol.ledger.audit.ExportVerifier verifier} with its command, {@link
 * coop.sol.ledger.audit.VerifyExport}. Formats and checks are in docs/reports-and-audit.md.
 */
package coop.sol.ledger.audit;
