package coop.sol.web.networkkey;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.installation.SolProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Where the keys' passphrase comes from, and what is said about it (never the secret). */
@ExtendWith(OutputCaptureExtension.class)
class KeyPassphraseTest {

  @Test
  void without_a_configured_passphrase_one_is_generated_owner_only_and_kept(
      @TempDir Path dataDir, CapturedOutput output) throws IOException {
    char[] first =
        new KeyPassphrase(new KeyProperties(""), new SolProperties(dataDir, false)).get();
    Path file = dataDir.resolve(KeyPassphrase.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String secret = new String(first);
    assertThat(secret).hasSize(43);
    assertThat(Files.readString(file).strip()).isEqualTo(secret);

    KeyPassphrase again =
        new KeyPassphrase(new KeyProperties(null), new SolProperties(dataDir, false));
    assertThat(again.get()).isEqualTo(first);
    assertThat(again.get()).as("asked twice, read once").isEqualTo(first);

    assertThat(output.getAll()).doesNotContain(secret);
    assertThat(output.getAll().lines().filter(l -> l.contains("WARN")))
        .hasSize(2)
        .anyMatch(l -> l.contains("just generated in " + file))
        .anyMatch(l -> l.contains("kept in " + file));
  }

  @Test
  void a_configured_passphrase_is_used_as_is_and_no_file_is_written(
      @TempDir Path dataDir, CapturedOutput output) {
    KeyProperties properties = new KeyProperties("correct horse battery staple");
    char[] passphrase = new KeyPassphrase(properties, new SolProperties(dataDir, false)).get();
    assertThat(new String(passphrase)).isEqualTo("correct horse battery staple");
    assertThat(dataDir.resolve(KeyPassphrase.FILE_NAME)).doesNotExist();
    assertThat(output.getAll()).doesNotContain("WARN");
    assertThat(properties.toString()).doesNotContain("horse");
  }
}
