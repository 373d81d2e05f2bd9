package coop.sol.web.report;

import coop.sol.ledger.audit.Checkpoint;
import coop.sol.ledger.audit.NetworkPublicKey;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed checkpoint as published: every field of its signed bytes (docs/reports-and-audit.md,
 * "Checkpoints"), hashes and signature in lower-case hex, totals in minor units.
 */
@Schema(
    name = "Checkpoint",
    description =
        "Point de contrôle signé (Ed25519) de la tête d'un volet : couvre les lignes"
            + " (previousSeq, headSeq] ; segmentRoot est la racine de Merkle (RFC 6962) de leurs"
            + " empreintes. Vérifiable avec la clé publique du réseau.")
record CheckpointView(
    long id,
    String strand,
    long previousSeq,
    String previousHash,
    long headSeq,
    String headHash,
    String segmentRoot,
    @Schema(
            description =
                "Soldes comptabilisés sommés par type de titulaire après headSeq (unités"
                    + " mineures) ; leur somme est nulle")
        Map<String, Long> totals,
    @Schema(description = "Circulation à headSeq en unités mineures : −totals.SYSTEM")
        long circulation,
    Instant takenAt,
    String keyId,
    String signature) {

  private static final HexFormat HEX = HexFormat.of();

  static CheckpointView of(Checkpoint c) {
    var totals = new LinkedHashMap<String, Long>();
    c.totals().forEach((k, v) -> totals.put(k.name(), v));
    return new CheckpointView(
        c.id(),
        c.strand().name(),
        c.previousSeq(),
        HEX.formatHex(c.previousHash()),
        c.headSeq(),
        HEX.formatHex(c.headHash()),
        HEX.formatHex(c.segmentRoot()),
        totals,
        c.circulation(),
        c.takenAt(),
        c.keyId(),
        HEX.formatHex(c.signature()));
  }

  /** A network public key as the ledger names it (16 hex digits of SHA-256 of its 32 bytes). */
  @Schema(name = "CheckpointKey")
  record KeyView(
      @Schema(description = "16 premiers chiffres hexadécimaux du SHA-256 de la clé") String keyId,
      @Schema(description = "Clé publique Ed25519, 32 octets en hexadécimal") String publicKey) {
    static KeyView of(NetworkPublicKey key) {
      return new KeyView(key.keyId(), key.hex());
    }
  }
}
