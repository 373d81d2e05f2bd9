/**
 * The verifiable audit: what lets someone who does not trust the server check the ledger. Owns
 * signed {@link coop.sol.ledger.audit.Checkpoint}s of each strand's hash chain, {@link
 * coop.sol.ledger.audit.InclusionProof}s that a transfer is under a checkpoint, signed reports, the
 * journal {@link coop.sol.ledger.audit.JournalExport export} and the offline {@link
 * coop.sol.ledger.audit.ExportVerifier verifier} with its command, {@link
 * coop.sol.ledger.audit.VerifyExport}. Formats and checks are in docs/reports-and-audit.md.
 *
 * <p>The keys are not its own: checkpoints and reports are signed by the network's key ({@link
 * coop.sol.keys.SigningKey}, the one that signs payment codes, held by the caller), verified with
 * its {@link coop.sol.keys.NetworkKey}, and name it by its {@link coop.sol.keys.KeyId}; the
 * network's keys are those of {@code network_signing_key}. Those signed before migration V9 name
 * their key by a 16-digit legacy id, which {@code SignerIds} resolves: the one compatibility path.
 */
package coop.sol.ledger.audit;
