package coop.sol.web.network;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkProfile;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.settings.Versioned;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.people.People;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/networks}: the installation's administrators create and edit networks and appoint
 * their first coordinators; a network's coordinators read its profile.
 */
@RestController
@Tag(name = "Réseaux", description = "Créer et modifier les réseaux, nommer leurs coordinateurs")
class NetworkController {
  private final Ledger ledger;
  private final NetworkSettings settings;
  private final NetworkAdministration administration;
  private final People people;

  NetworkController(
      Ledger ledger, Operations operations, NetworkAdministration administration, People people) {
    this.ledger = ledger;
    this.settings = operations.settings();
    this.administration = administration;
    this.people = people;
  }

  @Schema(name = "NetworkCreation")
  record CreateRequest(
      @Schema(example = "brest", requiredMode = Schema.RequiredMode.REQUIRED) String code,
      @Schema(example = "SOL Pays de Brest", requiredMode = Schema.RequiredMode.REQUIRED)
          String name,
      @Schema(nullable = true, example = "SOL Pays de Brest", description = "Par défaut, le nom")
          String currencyName,
      @Schema(
              example = "1.00",
              description = "1 SOL = ce nombre d'euros",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String euroRate,
      @Schema(
              example = "5",
              description = "Bonus d'achat, en pourcentage",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String purchaseBonus,
      @Schema(
              nullable = true,
              example = "3",
              description = "Frais de reconversion en pourcentage ; 0 par défaut")
          String reconversionFee,
      @Schema(nullable = true, example = "Europe/Paris") String timeZone,
      @Schema(
              nullable = true,
              allowableValues = {"fr", "en"})
          String defaultLanguage) {}

  @Schema(name = "NetworkChange")
  record UpdateRequest(
      @Schema(example = "SOL Pays de Brest", requiredMode = Schema.RequiredMode.REQUIRED)
          String name,
      @Schema(nullable = true) String currencyName,
      @Schema(nullable = true, example = "1.00", description = "Inchangé si absent")
          String euroRate,
      @Schema(nullable = true, example = "5", description = "Inchangé si absent")
          String purchaseBonus,
      @Schema(nullable = true, example = "3", description = "Inchangé si absent")
          String reconversionFee,
      @Schema(nullable = true, example = "Europe/Paris") String timeZone,
      @Schema(
              nullable = true,
              allowableValues = {"fr", "en"})
          String defaultLanguage) {}

  @Schema(name = "Network")
  record NetworkView(
      long id,
      String code,
      String name,
      String currencyName,
      String timeZone,
      String defaultLanguage,
      @Schema(nullable = true, example = "1.00") String euroRate,
      @Schema(nullable = true, example = "5.00") String purchaseBonus,
      @Schema(nullable = true, example = "0.00") String reconversionFee,
      @Schema(description = "Noms d'utilisateur des coordinateurs") List<String> coordinators) {}

  @Schema(name = "CoordinatorAppointmentRequest")
  record CoordinatorRequest(
      @Schema(example = "claire", requiredMode = Schema.RequiredMode.REQUIRED) String username,
      @Schema(example = "Claire Le Gall", requiredMode = Schema.RequiredMode.REQUIRED)
          String displayName,
      @Schema(nullable = true) String email,
      @Schema(
              nullable = true,
              allowableValues = {"fr", "en"})
          String language) {}

  @Schema(name = "AppointedCoordinator")
  record AppointedView(long id, String username, String network, ActivationView activation) {}

  @Schema(name = "CoordinatorActivation")
  record ActivationView(String code, String link, Instant expiresAt) {}

  @PostMapping(
      path = "/api/v1/networks",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Créer un réseau",
      description =
          "Administrateurs. Le réseau, ses branches, ses comptes système et ses premiers taux."
              + " 409 NETWORK_CODE_TAKEN si le code est pris. Audité.")
  @ApiResponse(responseCode = "201", description = "Réseau créé")
  ResponseEntity<NetworkView> create(
      @RequestBody CreateRequest request, Caller caller, HttpServletRequest http) {
    if (request == null) {
      throw new ApiProblemException(ProblemCode.MALFORMED_REQUEST);
    }
    Network network =
        administration.create(
            caller,
            request.code(),
            new NetworkAdministration.NetworkForm(
                request.name(),
                request.currencyName(),
                request.euroRate(),
                request.purchaseBonus(),
                request.reconversionFee(),
                request.timeZone(),
                request.defaultLanguage()),
            ClientAddress.of(http));
    return ResponseEntity.created(URI.create("/api/v1/networks/" + network.code()))
        .body(view(network));
  }

  @GetMapping(path = "/api/v1/networks", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Les réseaux de l'installation", description = "Administrateurs.")
  List<NetworkView> list() {
    return ledger.networks().list().stream().map(this::view).toList();
  }

  @GetMapping(path = "/api/v1/networks/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Un réseau",
      description = "Administrateurs, et coordinateurs de ce réseau (404 pour les autres).")
  NetworkView get(@PathVariable String code, Caller caller) {
    return view(visible(caller, code));
  }

  @PutMapping(
      path = "/api/v1/networks/{code}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Modifier un réseau",
      description =
          "Administrateurs. Nom, nom de la monnaie, fuseau, langue ; les taux, s'ils changent,"
              + " prennent effet maintenant (une nouvelle version). Le code ne change pas. Audité.")
  NetworkView update(
      @PathVariable String code,
      @RequestBody UpdateRequest request,
      Caller caller,
      HttpServletRequest http) {
    if (request == null) {
      throw new ApiProblemException(ProblemCode.MALFORMED_REQUEST);
    }
    Network network = byCode(code);
    return view(
        administration.update(
            caller,
            network,
            new NetworkAdministration.NetworkForm(
                request.name(),
                request.currencyName(),
                request.euroRate(),
                request.purchaseBonus(),
                request.reconversionFee(),
                request.timeZone(),
                request.defaultLanguage()),
            ClientAddress.of(http)));
  }

  @PostMapping(
      path = "/api/v1/networks/{code}/coordinators",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Nommer un coordinateur du réseau",
      description =
          "Administrateurs : les premiers coordinateurs d'un réseau (ensuite, les coordinateurs en"
              + " nomment d'autres sous double contrôle). La personne est créée sans mot de passe ;"
              + " la réponse porte son code d'activation, montré cette seule fois. Audité.")
  @ApiResponse(responseCode = "201", description = "Coordinateur nommé")
  ResponseEntity<AppointedView> appoint(
      @PathVariable String code,
      @RequestBody CoordinatorRequest request,
      Caller caller,
      HttpServletRequest http) {
    if (request == null) {
      throw new ApiProblemException(ProblemCode.MALFORMED_REQUEST);
    }
    Network network = byCode(code);
    var issued =
        people.enrol(
            caller,
            network,
            new People.Enrolment(
                request.username(),
                request.displayName(),
                request.email(),
                request.language(),
                List.of(Role.COORDINATOR.name()),
                null),
            ClientAddress.of(http));
    return ResponseEntity.created(URI.create("/api/v1/people/" + issued.personId()))
        .cacheControl(CacheControl.noStore())
        .body(
            new AppointedView(
                issued.personId(),
                issued.username(),
                network.code(),
                new ActivationView(issued.code(), issued.link(), issued.expiresAt())));
  }

  private Network visible(Caller caller, String code) {
    Network network = byCode(code);
    if (caller.isAdministrator() || caller.holds(Role.COORDINATOR, network.id())) {
      return network;
    }
    throw new ApiProblemException(ProblemCode.NOT_FOUND);
  }

  private Network byCode(String code) {
    return ledger
        .networks()
        .findByCode(code)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  private NetworkView view(Network network) {
    NetworkProfile profile = ledger.networks().profile(network.id()).orElseThrow();
    var rates = settings.rates(network.id()).map(Versioned::value);
    List<String> coordinators =
        people.search(network, null, Role.COORDINATOR, null, 100).stream()
            .filter(
                row ->
                    row.user().roles().stream()
                        .anyMatch(
                            r ->
                                r.role().equals(Role.COORDINATOR.name())
                                    && r.networkId() == network.id().value()))
            .map(row -> row.user().username())
            .toList();
    return new NetworkView(
        network.id().value(),
        network.code(),
        network.name(),
        profile.currencyName(),
        profile.timeZone().getId(),
        profile.defaultLanguage(),
        rates.map(r -> euros(r.euroRate().eurosPerSol())).orElse(null),
        rates.map(r -> percent(r.purchaseBonus().value())).orElse(null),
        rates.map(r -> percent(r.reconversionFee().value())).orElse(null),
        coordinators);
  }

  /** "1.00" rather than "1": at least two decimals, no trailing zeros beyond. */
  private static String euros(java.math.BigDecimal value) {
    var stripped = value.stripTrailingZeros();
    return stripped.setScale(Math.max(2, stripped.scale())).toPlainString();
  }

  private static String percent(int basisPoints) {
    return Decimals.format(basisPoints, 2);
  }
}
