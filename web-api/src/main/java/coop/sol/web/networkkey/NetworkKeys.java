package coop.sol.web.networkkey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import coop.sol.keys.Decryption;
import coop.sol.keys.EncryptedSigningKey;
import coop.sol.keys.KeyId;
import coop.sol.keys.ScryptCost;
import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.signing.SigningKeyStore;
import coop.sol.ledger.signing.StoredSigningKey;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The networks' signing keys: the one key of a network signs its payment codes, checkpoints and
 * reports, and its retired keys still verify what they signed. A network gets its first key the
 * first time one is needed (a code, a checkpoint or a report to sign, its keys to publish).
 * Rotation makes a new active key and retires the previous one, which stays published: codes it
 * signed (printed counter codes last for years) and checkpoints (forever) still verify.
 *
 * <p>The active key is read from the database at each signature (one indexed row), so a rotation
 * made by another instance takes effect at once; decrypting it (scrypt, about half a second and 128
 * MiB) happens once per key and process.
 */
@Service
public class NetworkKeys {
  static final String ALGORITHM = "Ed25519";

  /** Who the audit log names for keys the application makes by itself. */
  private static final String SYSTEM_ACTOR = "sol";

  private static final String SYSTEM_ADDRESS = "local";

  private static final Logger log = LoggerFactory.getLogger(NetworkKeys.class);

  private final SigningKeyStore store;
  private final KeyPassphrase passphrase;
  private final AuditLog audit;
  private final SecureRandom random = new SecureRandom();

  /** Decrypted private keys by network and key id ("7/21fe31df"). */
  private final Cache<String, SigningKey> decrypted =
      Caffeine.newBuilder().maximumSize(10_000).build();

  /**
   * Serialises key creation in this process: scrypt is costly, and one new key per network does.
   */
  private final Object creation = new Object();

  private final Clock clock;

  public NetworkKeys(DataSource dataSource, KeyPassphrase passphrase, AuditLog audit, Clock clock) {
    this.store = new SigningKeyStore(dataSource);
    this.passphrase = passphrase;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The key that signs the network's new codes, checkpoints and reports, made if the network has
   * none yet.
   */
  public SigningKey signingKey(NetworkId network) {
    StoredSigningKey stored = activeKey(network).orElseGet(() -> createFirstKey(network));
    return decrypted.get(cacheKey(network, stored.keyId()), k -> decrypt(stored));
  }

  /**
   * Every key whose signatures the network's verifiers accept (codes, checkpoints, reports): the
   * active one and the retired ones.
   */
  public TrustedKeys trustedKeys(NetworkId network) {
    return TrustedKeys.of(published(network).stream().map(PublishedKey::key).toList());
  }

  /**
   * The network's public keys, newest first, the active one included (made if the network has none
   * yet: publishing is a need).
   */
  public List<PublishedKey> published(NetworkId network) {
    if (activeKey(network).isEmpty()) {
      createFirstKey(network);
    }
    return store.all(network).stream()
        .map(k -> new PublishedKey(k.key(), k.createdAt(), k.retiredAt()))
        .toList();
  }

  /**
   * Makes a new active key for the network and retires the current one, in one transaction with its
   * audit entry.
   *
   * @return the new key
   */
  public PublishedKey rotate(
      NetworkId network, long actorUserId, String actorName, String clientAddress) {
    synchronized (creation) {
      Set<KeyId> taken = Set.copyOf(published(network).stream().map(PublishedKey::id).toList());
      NewKey fresh = newKey(taken);
      Instant now = clock.instant();
      store.rotate(
          row(network, fresh, now),
          retired -> {
            Map<String, Object> details = new HashMap<>();
            details.put("keyId", fresh.key.id().toString());
            if (retired != null) {
              details.put("retiredKeyId", retired.toString());
            }
            return audit.entry(
                new AuditRecord(
                    AuditAction.NETWORK_KEY_ROTATED,
                    Set.of(network),
                    false,
                    actorUserId,
                    actorName,
                    "network key " + fresh.key.id(),
                    clientAddress,
                    details));
          });
      decrypted.put(cacheKey(network, fresh.key.id()), fresh.key);
      log.info(
          "Network {}: new signing key {} (the previous one is retired)",
          network.value(),
          fresh.key.id());
      return new PublishedKey(fresh.key.networkKey(), now, null);
    }
  }

  private Optional<StoredSigningKey> activeKey(NetworkId network) {
    return store.active(network);
  }

  private StoredSigningKey createFirstKey(NetworkId network) {
    synchronized (creation) {
      Optional<StoredSigningKey> existing = activeKey(network);
      if (existing.isPresent()) {
        return existing.get();
      }
      NewKey fresh = newKey(Set.of());
      Instant now = clock.instant();
      // another instance may have made one meanwhile: then keep theirs
      boolean made =
          store.insertFirst(
              row(network, fresh, now),
              audit.entry(
                  new AuditRecord(
                      AuditAction.NETWORK_KEY_CREATED,
                      Set.of(network),
                      false,
                      null,
                      SYSTEM_ACTOR,
                      "network key " + fresh.key.id(),
                      SYSTEM_ADDRESS,
                      Map.of("keyId", fresh.key.id().toString()))));
      if (made) {
        log.info("Network {}: first signing key {}", network.value(), fresh.key.id());
      }
      // already in hand: no need to decrypt it on first use
      decrypted.put(cacheKey(network, fresh.key.id()), fresh.key);
      return activeKey(network)
          .orElseThrow(() -> new IllegalStateException("no active key after creating one"));
    }
  }

  /** A generated key and its encrypted form (the slow part: scrypt). */
  private record NewKey(SigningKey key, EncryptedSigningKey encrypted) {}

  private NewKey newKey(Set<KeyId> taken) {
    SigningKey key = SigningKey.generate(random);
    while (taken.contains(key.id())) {
      // 4-byte ids: a collision is rare, but a verifier could not tell the two keys apart
      key = SigningKey.generate(random);
    }
    char[] secret = passphrase.get();
    try {
      return new NewKey(key, EncryptedSigningKey.encrypt(key, secret, ScryptCost.DEFAULT, random));
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static StoredSigningKey row(NetworkId network, NewKey fresh, Instant now) {
    return new StoredSigningKey(
        network, fresh.key.networkKey(), fresh.encrypted.toText(), now, null);
  }

  /** Decrypts an active key's private half (an active key always has one: a table constraint). */
  private SigningKey decrypt(StoredSigningKey stored) {
    char[] secret = passphrase.get();
    try {
      Decryption result = EncryptedSigningKey.decrypt(stored.encryptedPrivateKey(), secret);
      if (result instanceof Decryption.Decrypted ok) {
        return ok.key();
      }
      // the operator changed the passphrase, or the row was altered: signing is impossible
      throw new IllegalStateException(
          "cannot decrypt signing key "
              + stored.keyId()
              + " of network "
              + stored.network().value()
              + ": "
              + ((Decryption.Failed) result).reason()
              + " (is sol.keys.passphrase the one the key was stored with?)");
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static String cacheKey(NetworkId network, KeyId id) {
    return network.value() + "/" + id;
  }
}
