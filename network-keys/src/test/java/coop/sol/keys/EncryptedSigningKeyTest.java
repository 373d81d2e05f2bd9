package coop.sol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.keys.Decryption.Decrypted;
import coop.sol.keys.Decryption.Failed;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EncryptedSigningKeyTest {

  /** Cheap enough for many test runs; production uses {@link ScryptCost#DEFAULT}. */
  private static final ScryptCost FAST = new ScryptCost(10, 8, 1);

  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  private final SecureRandom random = new SecureRandom();
  private final SigningKey key = SigningKey.generate(random);

  @Test
  void decryptsWithThePassphraseItWasEncryptedWith() {
    String stored = EncryptedSigningKey.encrypt(key, PASSPHRASE, FAST, random).toText();

    assertThat(EncryptedSigningKey.decrypt(stored, PASSPHRASE)).isEqualTo(new Decrypted(key));
  }

  @Test
  void defaultCostRoundTrips() {
    EncryptedSigningKey encrypted =
        EncryptedSigningKey.encrypt(key, PASSPHRASE, ScryptCost.DEFAULT, random);

    assertThat(encrypted.cost()).isEqualTo(ScryptCost.DEFAULT);
    assertThat(encrypted.decrypt(PASSPHRASE)).isEqualTo(new Decrypted(key));
  }

  @Test
  void wrongPassphraseIsAnOutcomeNotAnException() {
    EncryptedSigningKey encrypted = EncryptedSigningKey.encrypt(key, PASSPHRASE, FAST, random);

    assertThat(encrypted.decrypt("correct horse battery stapler".toCharArray()))
        .isEqualTo(new Failed(Decryption.Reason.WRONG_PASSPHRASE));
  }

  @Test
  void sameKeyAndPassphraseEncryptDifferentlyEachTime() {
    assertThat(EncryptedSigningKey.encrypt(key, PASSPHRASE, FAST, random).toText())
        .isNotEqualTo(EncryptedSigningKey.encrypt(key, PASSPHRASE, FAST, random).toText());
  }

  @Test
  void passphraseWithAccentsDecryptsWhicheverWayTheAccentWasTyped() {
    String composed = Normalizer.normalize("crème brûlée", Normalizer.Form.NFC);
    String decomposed = Normalizer.normalize("crème brûlée", Normalizer.Form.NFD);
    assertThat(composed).isNotEqualTo(decomposed);

    EncryptedSigningKey encrypted =
        EncryptedSigningKey.encrypt(key, composed.toCharArray(), FAST, random);

    assertThat(encrypted.decrypt(decomposed.toCharArray())).isEqualTo(new Decrypted(key));
  }

  @Test
  void keyIdIsReadableWithoutThePassphraseAndNothingSecretIsPrinted() {
    EncryptedSigningKey encrypted = EncryptedSigningKey.encrypt(key, PASSPHRASE, FAST, random);

    assertThat(encrypted.keyId()).isEqualTo(key.id());
    assertThat(encrypted.toString()).contains(key.id().toString()).doesNotContain("horse");
    assertThat(EncryptedSigningKey.parse(encrypted.toText())).contains(encrypted);
  }

  @Test
  void everyAlteredByteIsRefused() {
    byte[] bytes = EncryptedSigningKey.encrypt(key, PASSPHRASE, FAST, random).toBytes();
    for (int i = 0; i < bytes.length; i++) {
      // Byte 2 is log2(N): keep it within bounds and cheap, so the test stays fast.
      byte[] altered = bytes.clone();
      altered[i] ^= (byte) (i == 2 ? 0x01 : 0x40);
      String text = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);

      assertThat(EncryptedSigningKey.decrypt(text, PASSPHRASE))
          .as("byte %d altered", i)
          .isInstanceOf(Failed.class);
    }
  }

  @Test
  void unreadableTextIsAnOutcome() {
    String valid = EncryptedSigningKey.encrypt(key, PASSPHRASE, FAST, random).toText();
    Failed unreadable = new Failed(Decryption.Reason.UNREADABLE);

    assertThat(EncryptedSigningKey.decrypt("", PASSPHRASE)).isEqualTo(unreadable);
    assertThat(EncryptedSigningKey.decrypt("not base64 at all!", PASSPHRASE)).isEqualTo(unreadable);
    assertThat(EncryptedSigningKey.decrypt(valid.substring(4), PASSPHRASE)).isEqualTo(unreadable);
    assertThat(EncryptedSigningKey.decrypt(valid + "AAAA", PASSPHRASE)).isEqualTo(unreadable);
  }

  @Test
  void costBeyondTheBoundsIsUnreadableRatherThanAGigabyteAllocation() {
    byte[] bytes = EncryptedSigningKey.encrypt(key, PASSPHRASE, FAST, random).toBytes();
    bytes[2] = 30; // N = 2^30 would need 128 GiB
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

    assertThat(EncryptedSigningKey.decrypt(text, PASSPHRASE))
        .isEqualTo(new Failed(Decryption.Reason.UNREADABLE));
  }

  @Test
  void refusesAnEmptyPassphrase() {
    assertThatThrownBy(() -> EncryptedSigningKey.encrypt(key, new char[0], FAST, random))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
