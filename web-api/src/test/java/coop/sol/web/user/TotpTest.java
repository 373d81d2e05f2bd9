package coop.sol.web.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
  /** RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32. */
  private static final String RFC_SECRET =
      TotpSecret.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  @Test
  void codes_are_the_last_six_digits_of_the_rfc_6238_sha1_test_vectors() {
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111111))).isEqualTo("050471");
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(20000000000L))).isEqualTo("353130");
  }

  @Test
  void a_code_is_accepted_one_step_either_side_and_no_further() {
    Instant now = Instant.ofEpochSecond(1_800_000_000L);
    long step = Totp.step(now);

    for (long offset = -1; offset <= 1; offset++) {
      String code = Totp.code(RFC_SECRET, step + offset);
      assertThat(Totp.matchingStep(RFC_SECRET, code, now)).hasValue(step + offset);
    }
    assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now)).isEmpty();
    assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now)).isEmpty();
  }

  @Test
  void anything_but_six_ascii_digits_is_refused() {
    Instant now = Instant.ofEpochSecond(59);
    assertThat(Totp.matchingStep(RFC_SECRET, "287082", now)).isPresent();
    for (String bad : new String[] {null, "", "28708", "2870820", " 287082", "28708a", "２８７０８２"}) {
      assertThat(Totp.matchingStep(RFC_SECRET, bad, now)).as("%s", bad).isEmpty();
    }
  }

  @Test
  void base32_decoding_undoes_encoding() {
    byte[] bytes = {0, 1, 2, (byte) 0xff, 42, 7, 99, (byte) 0x80, 13, 21};
    for (int length = 0; length <= bytes.length; length++) {
      byte[] prefix = java.util.Arrays.copyOf(bytes, length);
      assertThat(TotpSecret.base32Decode(TotpSecret.base32(prefix))).isEqualTo(prefix);
    }
  }
}
