package coop.sol.web.networkkey;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/networks/{networkId}/keys}: a network's public keys, and their rotation. */
@RestController
@RequestMapping(
    path = "/api/v1/networks/{networkId}/keys",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Clés du réseau", description = "Clés publiques qui signent les codes de paiement")
class NetworkKeyController {
  private final NetworkKeys keys;
  private final Ledger ledger;

  NetworkKeyController(NetworkKeys keys, Ledger ledger) {
    this.keys = keys;
    this.ledger = ledger;
  }

  /**
   * @param networkId the id payment codes carry
   * @param keys newest first; exactly one is ACTIVE
   */
  @Schema(name = "NetworkKeys")
  record NetworkKeysView(long networkId, String network, List<NetworkKeyView> keys) {}

  @GetMapping
  @SecurityRequirements
  @Operation(
      summary = "Clés publiques d'un réseau",
      description =
          "Public : les clés Ed25519 avec lesquelles vérifier hors ligne les codes de paiement du"
              + " réseau (docs/payment-codes.md), ses points de contrôle et ses rapports signés, et"
              + " l'export d'audit (--trusted-key de VerifyExport prend publicKey). La clé ACTIVE"
              + " signe ; les clés RETIRED restent valables pour ce qu'elles ont signé.")
  ResponseEntity<NetworkKeysView> published(@PathVariable long networkId) {
    Network network = network(networkId);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noCache())
        .body(view(network, keys.published(network.id())));
  }

  @PostMapping
  @Operation(
      summary = "Faire tourner la clé de signature",
      description =
          "Crée une nouvelle clé active ; l'ancienne est retirée mais reste publiée, si bien que"
              + " les codes qu'elle a signés restent vérifiables. Coordinateurs du réseau et"
              + " administrateurs ; inscrit au journal d'audit.")
  ResponseEntity<NetworkKeyView> rotate(
      @PathVariable long networkId, Caller caller, HttpServletRequest http) {
    Network network = network(networkId);
    if (!caller.isAdministrator() && !caller.holds(Role.COORDINATOR, network.id())) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    PublishedKey key =
        keys.rotate(network.id(), caller.userId(), caller.username(), ClientAddress.of(http));
    return ResponseEntity.status(HttpStatus.CREATED).body(NetworkKeyView.of(key));
  }

  private Network network(long id) {
    if (id <= 0) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return ledger
        .networks()
        .find(new NetworkId(id))
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  private static NetworkKeysView view(Network network, List<PublishedKey> keys) {
    return new NetworkKeysView(
        network.id().value(), network.code(), keys.stream().map(NetworkKeyView::of).toList());
  }
}
