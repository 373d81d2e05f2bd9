package coop.sol.merchant.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaymentLinkTest {

  @Test
  void formatsUnderTheBaseUrlIgnoringATrailingSlash() {
    assertThat(PaymentLink.format("https://pay.example.org", "AbC-_9"))
        .isEqualTo("https://pay.example.org/p/AbC-_9");
    assertThat(PaymentLink.format("https://pay.example.org/", "AbC-_9"))
        .isEqualTo("https://pay.example.org/p/AbC-_9");
    assertThat(PaymentLink.format("http://localhost:8080/sol", "x"))
        .isEqualTo("http://localhost:8080/sol/p/x");
  }

  @Test
  void refusesBaseUrlsAPhoneShouldNotOpen() {
    for (String base :
        new String[] {
          "pay.example.org",
          "ftp://pay.example.org",
          "https://pay.example.org?x=1",
          "https://pay.example.org#top",
          "https://user@pay.example.org",
          "javascript:alert(1)"
        }) {
      assertThatThrownBy(() -> PaymentLink.format(base, "x"))
          .as(base)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void readsThePayloadFromALinkOrABarePayload() {
    assertThat(PaymentLink.payloadOf("https://pay.example.org/p/AbC-_9")).contains("AbC-_9");
    assertThat(PaymentLink.payloadOf("HTTPS://pay.example.org/p/AbC")).contains("AbC");
    assertThat(PaymentLink.payloadOf("http://localhost:8080/sol/p/AbC")).contains("AbC");
    assertThat(PaymentLink.payloadOf("https://x.org/p/p/AbC")).contains("AbC");
    assertThat(PaymentLink.payloadOf("  AbC-_9\n")).contains("AbC-_9");
  }

  @Test
  void anythingElseHasNoPayload() {
    assertThat(PaymentLink.payloadOf(null)).isEmpty();
    assertThat(PaymentLink.payloadOf("")).isEmpty();
    assertThat(PaymentLink.payloadOf("https://pay.example.org/q/AbC")).isEmpty();
    assertThat(PaymentLink.payloadOf("https://pay.example.org/p/AbC?x=1")).isEmpty();
    assertThat(PaymentLink.payloadOf("https://pay.example.org/p/AbC/")).isEmpty();
    assertThat(PaymentLink.payloadOf("https:///p/AbC")).isEmpty();
    assertThat(PaymentLink.payloadOf("AbC=")).isEmpty();
    assertThat(PaymentLink.payloadOf("x".repeat(2000))).isEmpty();
  }
}
