package coop.sol.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.keys.NetworkKey;
import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one key id of checkpoints and reports, and the legacy ids of those signed before V9. */
class SignerIdsTest {
  /** RFC 8032 §7.1, test 1: public, never a network's key. */
  static final SigningKey RFC_8032 =
      SigningKey.of(
          HexFormat.of()
              .parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

  static final NetworkKey KEY = RFC_8032.networkKey();
  static final NetworkKey OTHER = SigningKey.of(new byte[32]).networkKey();

  @Test
  void the_id_is_the_payment_codes_key_id_and_the_legacy_id_extends_it() {
    // SHA-256 of d75a…511a starts 21fe31dfa154a261 (Python's hashlib, not this code)
    assertThat(SignerIds.of(KEY)).isEqualTo("21fe31df").isEqualTo(KEY.id().toString());
    assertThat(SignerIds.legacyOf(KEY)).isEqualTo("21fe31dfa154a261");
  }

  @Test
  void a_key_is_named_by_its_id_or_its_legacy_id_and_by_nothing_else() {
    assertThat(SignerIds.names("21fe31df", KEY)).isTrue();
    assertThat(SignerIds.names("21fe31dfa154a261", KEY)).isTrue();
    assertThat(SignerIds.names("21fe31dfa154a262", KEY)).isFalse();
    assertThat(SignerIds.names("21FE31DF", KEY)).isFalse();
    assertThat(SignerIds.names(SignerIds.of(OTHER), KEY)).isFalse();
    assertThat(SignerIds.isWellFormed("21fe31df")).isTrue();
    assertThat(SignerIds.isWellFormed("21fe31dfa154a261")).isTrue();
    for (String text : new String[] {"21FE31DF", "21fe31d", "21fe31dfa", "", "21fe31dfa154a261a"}) {
      assertThat(SignerIds.isWellFormed(text)).as(text).isFalse();
    }
  }

  @Test
  void a_legacy_id_resolves_to_the_trusted_key_it_is_computed_from() {
    TrustedKeys trusted = TrustedKeys.of(KEY, OTHER);
    assertThat(SignerIds.in(trusted, "21fe31df")).contains(KEY);
    assertThat(SignerIds.in(trusted, "21fe31dfa154a261")).contains(KEY);
    assertThat(SignerIds.in(trusted, SignerIds.legacyOf(OTHER))).contains(OTHER);
    // the right first 8 digits are not enough: the whole legacy id must be the key's
    assertThat(SignerIds.in(trusted, "21fe31dfa154a262")).isEmpty();
    assertThat(SignerIds.in(TrustedKeys.of(OTHER), "21fe31dfa154a261")).isEmpty();
    assertThat(SignerIds.in(TrustedKeys.of(OTHER), "21fe31df")).isEmpty();
  }

  @Test
  void a_checkpoint_signed_the_old_way_verifies_and_its_id_cannot_be_swapped() {
    Checkpoint legacy = signed(checkpoint("21fe31dfa154a261"));
    assertThat(legacy.signedBy(KEY)).isTrue();
    assertThat(legacy.signedBy(OTHER)).isFalse();
    assertThat(legacy.namedKey(TrustedKeys.of(OTHER, KEY))).contains(KEY);
    // the key id is signed: the same checkpoint relabelled with the short id does not verify
    Checkpoint relabelled = withSignature(checkpoint("21fe31df"), legacy.signature());
    assertThat(relabelled.signedBy(KEY)).isFalse();

    Checkpoint current = signed(checkpoint("21fe31df"));
    assertThat(current.signedBy(KEY)).isTrue();
    assertThat(current.namedKey(TrustedKeys.of(KEY))).contains(KEY);

    assertThatThrownBy(() -> checkpoint("21FE31DF")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> checkpoint("key-1")).isInstanceOf(IllegalArgumentException.class);
  }

  static Checkpoint checkpoint(String keyId) {
    return new Checkpoint(
        new NetworkId(7),
        12,
        StrandKind.COOPERATION,
        0,
        new byte[32],
        3,
        new byte[32],
        new byte[32],
        Map.of(OwnerKind.MEMBER, 500L, OwnerKind.SYSTEM, -500L),
        Instant.parse("2026-03-05T09:00:00Z"),
        keyId,
        new byte[64]);
  }

  static Checkpoint signed(Checkpoint c) {
    return withSignature(c, RFC_8032.sign(c.signedBytes()));
  }

  static Checkpoint withSignature(Checkpoint c, byte[] signature) {
    return new Checkpoint(
        c.network(),
        c.id(),
        c.strand(),
        c.previousSeq(),
        c.previousHash(),
        c.headSeq(),
        c.headHash(),
        c.segmentRoot(),
        c.totals(),
        c.takenAt(),
        c.keyId(),
        signature);
  }
}
