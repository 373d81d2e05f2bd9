package coop.sol.merchant.code;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.merchant.code.Verification.Verified;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of docs/payment-codes.md, byte for byte. They use the secret key of RFC
 * 8032's first Ed25519 test vector, which is public: never a network's key. Ed25519 signatures are
 * deterministic, so whole links are fixed too; they were also checked with Python's {@code
 * cryptography} package, an independent Ed25519 implementation.
 */
class PayloadFormatTest {

  private static final SigningKey RFC_8032_KEY =
      SigningKey.of(
          HexFormat.of()
              .parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

  private static final Nonce NONCE = Nonce.fromHex("000102030405060708090a0b");

  @Test
  void paymentRequestLayout() {
    PaymentRequestCode request =
        new PaymentRequestCode(
            7, 104_729, 1_250, "Ticket 0042", Instant.parse("2026-03-01T12:05:00Z"), NONCE);

    assertThat(hex(PayloadFormat.unsignedBytes(request, RFC_8032_KEY.id())))
        .isEqualTo(
            "01" // version
                + "01" // kind: payment request
                + "21fe31df" // key id
                + "07" // network 7
                + "99b206" // merchant account 104729
                + "e209" // amount 1250
                + "0b"
                + "5469636b65742030303432" // reference: 11 bytes "Ticket 0042"
                + "ecd690cd06" // expiry 1772366700 = 2026-03-01T12:05:00Z
                + "000102030405060708090a0b"); // nonce
    assertThat(PaymentCodes.sign(request, RFC_8032_KEY).link("https://pay.sol-network.org"))
        .isEqualTo(
            "https://pay.sol-network.org/p/AQEh_jHfB5myBuIJC1RpY2tldCAwMDQy7NaQzQYAAQIDBAUGBwgJCguaqZKz"
                + "Yz-3gUMimDAwHBDQxbqel38W_CLEP40FGQGWXaqg_2I4RVykVtYGzkPbt67aGOCW9frVyjWcuesdEU4E");
  }

  @Test
  void staticMerchantCodeLayout() {
    StaticMerchantCode merchant = new StaticMerchantCode(7, 104_729);
    String link =
        "https://pay.sol-network.org/p/AQIh_jHfB5myBjUPPndf_jy5MmmiwqNpq95P5s0GNjTBV2kcbzAZKMyIf2RIl"
            + "WEu-dCdMj4u5-TZbk3B9di5_Bc7BJEn7P_eOA0";

    assertThat(hex(PayloadFormat.unsignedBytes(merchant, RFC_8032_KEY.id())))
        .isEqualTo("01" + "02" + "21fe31df" + "07" + "99b206");
    assertThat(PaymentCodes.sign(merchant, RFC_8032_KEY).link("https://pay.sol-network.org"))
        .isEqualTo(link);
    assertThat(
            PaymentCodes.verify(
                link,
                TrustedKeys.of(RFC_8032_KEY.networkKey()),
                7,
                Instant.parse("2099-01-01T00:00:00Z")))
        .isEqualTo(new Verified(merchant, RFC_8032_KEY.id()));
  }

  @Test
  void payTokenLayout() {
    PayTokenCode token =
        new PayTokenCode(7, 2_718_281, 3_000, Instant.parse("2026-03-01T12:01:00Z"), NONCE);

    assertThat(hex(PayloadFormat.unsignedBytes(token, RFC_8032_KEY.id())))
        .isEqualTo(
            "01"
                + "03"
                + "21fe31df" // version, kind: pay token, key id
                + "07" // network 7
                + "c9f4a501" // member account 2718281
                + "b817" // cap 3000
                + "fcd490cd06" // expiry 1772366460 = 2026-03-01T12:01:00Z
                + "000102030405060708090a0b");
  }

  @Test
  void varintsAreLeb128WithOneEncodingPerValue() {
    assertThat(hex(new PayloadWriter().writeVarint(0).toBytes())).isEqualTo("00");
    assertThat(hex(new PayloadWriter().writeVarint(127).toBytes())).isEqualTo("7f");
    assertThat(hex(new PayloadWriter().writeVarint(128).toBytes())).isEqualTo("8001");
    assertThat(hex(new PayloadWriter().writeVarint(Long.MAX_VALUE).toBytes()))
        .isEqualTo("ffffffffffffffff7f");
    assertThat(new PayloadReader(HexFormat.of().parseHex("ffffffffffffffff7f"), 0, 9).readVarint())
        .isEqualTo(Long.MAX_VALUE);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
