package coop.sol.web.networkkey;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sol.keys.*}.
 *
 * @param passphrase encrypts the networks' private keys at rest (environment variable {@code
 *     SOL_KEYS_PASSPHRASE}); when blank, a random one is generated into {@code
 *     <data-dir>/keys.passphrase}
 */
@ConfigurationProperties("sol.keys")
record KeyProperties(String passphrase) {

  /** Never shows the passphrase, should the properties be logged. */
  @Override
  public String toString() {
    return "KeyProperties[passphrase=" + (isBlank() ? "(none)" : "(hidden)") + "]";
  }

  boolean isBlank() {
    return passphrase == null || passphrase.isBlank();
  }
}
