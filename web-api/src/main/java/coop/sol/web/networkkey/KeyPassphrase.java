package coop.sol.web.networkkey;

import coop.sol.web.installation.SolProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The passphrase the networks' private keys are encrypted under: {@code sol.keys.passphrase}
 * ({@code SOL_KEYS_PASSPHRASE}) if set, else the one in {@code <data-dir>/keys.passphrase},
 * generated (32 random bytes, readable by the owner only) the first time it is needed. In the
 * latter case one WARN says so, without the secret: whoever can read the data directory can then
 * decrypt the keys, which suits a demo or a single host, not a deployment whose backups travel.
 */
@Component
class KeyPassphrase {
  static final String FILE_NAME = "keys.passphrase";
  private static final Logger log = LoggerFactory.getLogger(KeyPassphrase.class);

  private final KeyProperties properties;
  private final Path file;
  private volatile char[] passphrase;

  KeyPassphrase(KeyProperties properties, SolProperties sol) {
    this.properties = properties;
    this.file = sol.dataDirectory().resolve(FILE_NAME);
  }

  /** The passphrase; a copy, for the caller to wipe. */
  char[] get() {
    char[] known = passphrase;
    if (known == null) {
      synchronized (this) {
        known = passphrase;
        if (known == null) {
          known = properties.isBlank() ? fromFile() : properties.passphrase().toCharArray();
          passphrase = known;
        }
      }
    }
    return known.clone();
  }

  private char[] fromFile() {
    try {
      Files.createDirectories(file.getParent());
      boolean generated = createIfMissing();
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new IllegalStateException(file + " is empty: it must hold the keys' passphrase");
      }
      log.warn(
          "No sol.keys.passphrase (SOL_KEYS_PASSPHRASE) is set: the networks' signing keys are"
              + " encrypted with the random passphrase {} {}, readable by this user only. Anyone"
              + " who can read it and the database can sign payment codes: for a deployment, set"
              + " SOL_KEYS_PASSPHRASE and keep the passphrase apart from the data and its backups.",
          generated ? "just generated in" : "kept in",
          file);
      return text.toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  /** Writes a new random passphrase, owner-only, unless the file exists; true if it wrote one. */
  private boolean createIfMissing() throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try {
      try {
        // created with 600 at once, so that it is never readable by others, even briefly
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException another) {
      // another process created it meanwhile: use theirs
      return false;
    }
    Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    return true;
  }
}
