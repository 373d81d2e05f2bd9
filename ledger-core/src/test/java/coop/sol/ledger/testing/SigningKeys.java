package coop.sol.ledger.testing;

import coop.sol.keys.EncryptedSigningKey;
import coop.sol.keys.ScryptCost;
import coop.sol.keys.SigningKey;
import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.signing.SigningKeyStore;
import coop.sol.ledger.signing.StoredSigningKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Stores a network's signing key in {@code network_signing_key}, as the web application does
 * (encrypted, with its audit entry), so that checkpoints and reports can be signed with it.
 */
public final class SigningKeys {
  /** Cheap scrypt: tests store keys often; the web application uses ScryptCost.DEFAULT. */
  private static final ScryptCost FAST = new ScryptCost(10, 1, 1);

  private static final Instant CREATED_AT = Instant.parse("2026-01-01T00:00:00Z");

  private SigningKeys() {}

  /** Makes {@code key} the network's active key; the network must have none yet. */
  public static SigningKey storeActive(DataSource dataSource, NetworkId network, SigningKey key) {
    var encrypted =
        EncryptedSigningKey.encrypt(key, "test passphrase".toCharArray(), FAST, new SecureRandom());
    boolean stored =
        new SigningKeyStore(dataSource)
            .insertFirst(
                new StoredSigningKey(
                    network, key.networkKey(), encrypted.toText(), CREATED_AT, null),
                new AuditEntry(
                    "NETWORK_KEY_CREATED",
                    Set.of(network),
                    false,
                    null,
                    "test",
                    "network key " + key.id(),
                    "local",
                    null));
    if (!stored) {
      throw new IllegalStateException("network " + network + " has an active key already");
    }
    return key;
  }
}
