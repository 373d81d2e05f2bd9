package coop.sol.web.networkkey;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A network key as the API shows it, wherever it does: the key listing, the checkpoints, inclusion
 * proofs, the transparency page's JSON. The same {@code keyId} names it in payment codes,
 * checkpoints, signed reports and the audit export, and {@code publicKey} is what the offline
 * verifier's {@code --trusted-key} takes.
 *
 * @param keyId the key's id: 8 hex digits, the first 4 bytes of SHA-256 of the public key
 * @param publicKey the raw 32-byte Ed25519 public key, unpadded base64url
 */
@Schema(
    name = "NetworkKey",
    description =
        "Clé Ed25519 du réseau : elle signe ses codes de paiement, ses points de contrôle et ses"
            + " rapports.")
public record NetworkKeyView(
    @Schema(
            example = "21fe31df",
            description =
                "8 chiffres hexadécimaux (4 premiers octets du SHA-256 de la clé) : l'identifiant"
                    + " que portent les codes de paiement, les points de contrôle, les rapports"
                    + " signés et l'export d'audit")
        String keyId,
    @Schema(allowableValues = {"Ed25519"}) String algorithm,
    @Schema(
            example = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
            description =
                "Les 32 octets de la clé publique en base64url sans remplissage : ce que prend"
                    + " --trusted-key du vérificateur hors ligne")
        String publicKey,
    @Schema(allowableValues = {"ACTIVE", "RETIRED"}) String status,
    Instant createdAt,
    @Schema(nullable = true) Instant retiredAt) {

  public static NetworkKeyView of(PublishedKey key) {
    return new NetworkKeyView(
        key.id().toString(),
        NetworkKeys.ALGORITHM,
        key.key().toBase64Url(),
        key.active() ? "ACTIVE" : "RETIRED",
        key.createdAt(),
        key.retiredAt());
  }
}
