package coop.sol.web.report;

import coop.sol.keys.SigningKey;
import coop.sol.ledger.audit.Checkpoints;
import coop.sol.ledger.audit.NetworkPublicKey;
import coop.sol.ledger.audit.NetworkSigner;
import coop.sol.ledger.network.NetworkId;
import coop.sol.web.networkkey.NetworkKeys;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Signs checkpoints and reports with the network's active Ed25519 key, the one that signs payment
 * codes ({@link NetworkKeys}: passphrase-protected at rest). The signed bytes of checkpoints
 * ({@code "SOL-CHECKPOINT"}) and reports ({@code "SOL-REPORT"}) start with their own domain, unlike
 * a payment code, so a signature of one can never pass for another. Before its first use in this
 * process, a key's public half is registered with the ledger ({@link Checkpoints#registerKey},
 * idempotent), which publishes it with the checkpoints and in the audit export.
 */
@Component
class NetworkSigners {
  private final NetworkKeys keys;
  private final Checkpoints checkpoints;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  NetworkSigners(NetworkKeys keys, Checkpoints checkpoints) {
    this.keys = keys;
    this.checkpoints = checkpoints;
  }

  /** The network's signer, its public key registered with the ledger. */
  NetworkSigner signer(NetworkId network) {
    SigningKey key = keys.signingKey(network);
    NetworkSigner signer = NetworkSigner.fromPrivateKey(key.privateKey());
    if (registered.add(network.value() + "/" + signer.keyId())) {
      checkpoints.registerKey(network, signer.publicKey());
    }
    return signer;
  }

  /**
   * The network's keys as the ledger knows them (oldest first), after registering the active one:
   * what verifies its checkpoints and signed reports.
   */
  List<NetworkPublicKey> publicKeys(NetworkId network) {
    signer(network);
    return checkpoints.keys(network);
  }
}
