package coop.sol.web.report;

import coop.sol.ledger.audit.Checkpoint;
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
    @Schema(
            description =
                "La clé qui a signé : son identifiant (8 chiffres hexadécimaux, celui de"
                    + " GET /api/v1/networks/{networkId}/keys) ; 16 chiffres pour un point de"
                    + " contrôle signé avant la migration V9, dont les 8 premiers sont cet"
                    + " identifiant",
            example = "21fe31df")
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
}
