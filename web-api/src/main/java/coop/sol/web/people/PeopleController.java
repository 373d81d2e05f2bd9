package coop.sol.web.people;

import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.user.PeopleStore;
import coop.sol.ledger.user.PersonRow;
import coop.sol.ledger.user.PersonStatus;
import coop.sol.ledger.user.RoleProposal;
import coop.sol.ledger.user.StoredUser;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.Role;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.Users;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/people}: coordinators enrol the people of their network, find them, change their
 * roles and reset their access; a merchant enrols the cashiers of their shop. The activation code
 * is in the answer to the request that issued it, and nowhere else.
 */
@RestController
@Tag(name = "Personnes", description = "Inscrire, retrouver, changer les rôles, réinitialiser")
class PeopleController {
  private static final int SEARCH_LIMIT = 200;

  private final People people;
  private final Users users;
  private final NetworkScope networks;
  private final ActivationLetters letters;

  PeopleController(People people, Users users, NetworkScope networks, ActivationLetters letters) {
    this.people = people;
    this.users = users;
    this.networks = networks;
    this.letters = letters;
  }

  @Schema(name = "PersonCreation")
  record PersonRequest(
      @Schema(
              description = "Code du réseau",
              example = "brest",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String network,
      @Schema(example = "marie.dupont", requiredMode = Schema.RequiredMode.REQUIRED)
          String username,
      @Schema(example = "Marie Dupont", requiredMode = Schema.RequiredMode.REQUIRED)
          String displayName,
      @Schema(nullable = true, example = "marie@example.org") String email,
      @Schema(
              nullable = true,
              allowableValues = {"fr", "en"})
          String language,
      @Schema(
              description =
                  "MEMBER, MERCHANT, CASHIER, EXCHANGE_AGENT (ou EXCHANGE_OFFICE), ASSOCIATION,"
                      + " FUNDER, COORDINATOR",
              example = "[\"MEMBER\"]",
              requiredMode = Schema.RequiredMode.REQUIRED)
          List<String> roles,
      @Schema(
              nullable = true,
              description = "Pour un caissier : le nom d'utilisateur du commerçant")
          String merchant,
      @Schema(
              nullable = true,
              description =
                  "Pour un commerçant : son profil commercial, inscrit à l'annuaire du réseau"
                      + " dans la même transaction que l'inscription")
          BusinessRequest business) {}

  @Schema(name = "BusinessProfile")
  record BusinessRequest(
      @Schema(example = "Boulangerie du Port", requiredMode = Schema.RequiredMode.REQUIRED)
          String tradingName,
      @Schema(
              nullable = true,
              description = "Code d'une catégorie du réseau",
              example = "BOULANGERIE")
          String category,
      @Schema(nullable = true, example = "12 quai de la Douane") String address,
      @Schema(nullable = true, example = "Brest") String town,
      @Schema(nullable = true, example = "02 98 00 00 00") String phone,
      @Schema(nullable = true, example = "https://boulangerie.example") String website,
      @Schema(nullable = true, example = "mar.–sam. 7 h–19 h") String openingHours,
      @Schema(nullable = true, description = "Au plus 2 000 caractères") String description,
      @ArraySchema(schema = @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}))
          List<String> strands) {
    People.Business toBusiness() {
      return new People.Business(
          tradingName, category, address, town, phone, website, openingHours, description, strands);
    }
  }

  @Schema(name = "Activation")
  record ActivationView(
      @Schema(
              description = "Le code d'activation, montré cette seule fois",
              example = "K7QM-3XRD-9PWF-H2TN")
          String code,
      @Schema(example = "https://sol.example.org/activate?code=K7QM-3XRD-9PWF-H2TN") String link,
      Instant expiresAt) {}

  @Schema(name = "Person")
  record PersonView(
      long id,
      String username,
      String displayName,
      @Schema(nullable = true) String email,
      @Schema(nullable = true) String language,
      @Schema(allowableValues = {"PENDING", "ACTIVE", "DISABLED"}) String status,
      List<RoleView> roles,
      @Schema(description = "Réseaux où une nomination de coordinateur attend une approbation")
          List<String> coordinatorPendingIn) {}

  @Schema(name = "PersonRole")
  record RoleView(String role, String network, @Schema(nullable = true) String merchant) {}

  @Schema(name = "EnrolledPerson")
  record CreatedView(
      long id,
      String username,
      String displayName,
      List<String> roles,
      @Schema(description = "Rôles en attente d'approbation par un second coordinateur")
          List<String> pendingRoles,
      ActivationView activation) {}

  @Schema(name = "ActivationIssued")
  record IssuedView(long id, String username, ActivationView activation) {}

  @Schema(name = "RolesChange")
  record RolesRequest(
      @Schema(example = "brest", requiredMode = Schema.RequiredMode.REQUIRED) String network,
      @Schema(example = "[\"MEMBER\", \"MERCHANT\"]", requiredMode = Schema.RequiredMode.REQUIRED)
          List<String> roles,
      @Schema(nullable = true) String merchant) {}

  @Schema(name = "LetterRequest")
  record LetterRequest(
      @Schema(example = "K7QM-3XRD-9PWF-H2TN", requiredMode = Schema.RequiredMode.REQUIRED)
          String code) {}

  @Schema(name = "CoordinatorAppointment")
  record AppointmentView(
      long id,
      String network,
      long personId,
      String username,
      String displayName,
      String proposedBy,
      Instant proposedAt,
      @Schema(allowableValues = {"PENDING", "APPROVED", "DECLINED"}) String status) {}

  @PostMapping(
      path = "/api/v1/people",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Inscrire une personne",
      description =
          "Coordinateurs du réseau : tout rôle ; COORDINATOR attend l'approbation d'un second"
              + " coordinateur. Commerçant : un caissier de sa boutique. Les comptes des branches"
              + " du rôle sont ouverts. La réponse porte le code d'activation (valable 14 jours,"
              + " une fois), montré cette seule fois. Audité.")
  @ApiResponse(responseCode = "201", description = "Personne inscrite")
  ResponseEntity<CreatedView> create(
      @RequestBody PersonRequest request, Caller caller, HttpServletRequest http) {
    Network network = networks.enrolling(caller, request == null ? null : request.network());
    var issued =
        people.enrol(
            caller,
            network,
            new People.Enrolment(
                request.username(),
                request.displayName(),
                request.email(),
                request.language(),
                request.roles(),
                request.merchant(),
                request.business() == null ? null : request.business().toBusiness()),
            ClientAddress.of(http));
    return ResponseEntity.created(URI.create("/api/v1/people/" + issued.personId()))
        .cacheControl(CacheControl.noStore())
        .body(
            new CreatedView(
                issued.personId(),
                issued.username(),
                issued.displayName(),
                issued.roles().stream().map(Role::name).toList(),
                issued.pendingRoles().stream().map(Role::name).toList(),
                activation(issued)));
  }

  @GetMapping(path = "/api/v1/people", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Chercher des personnes du réseau",
      description =
          "Coordinateurs. q : dans le nom, le nom d'utilisateur ou l'email ; role ; status"
              + " (PENDING, ACTIVE, DISABLED). 200 au plus, par nom d'utilisateur.")
  List<PersonView> search(
      @Parameter(description = "Code du réseau, si vous en coordonnez plusieurs")
          @RequestParam(required = false)
          String network,
      @RequestParam(required = false) String q,
      @Parameter(
              schema =
                  @Schema(
                      allowableValues = {
                        "MEMBER",
                        "MERCHANT",
                        "CASHIER",
                        "EXCHANGE_AGENT",
                        "ASSOCIATION",
                        "FUNDER",
                        "COORDINATOR"
                      }))
          @RequestParam(required = false)
          String role,
      @Parameter(schema = @Schema(allowableValues = {"PENDING", "ACTIVE", "DISABLED"}))
          @RequestParam(required = false)
          String status,
      Caller caller) {
    Network n = networks.coordinated(caller, network);
    Role r = null;
    if (role != null && !role.isBlank()) {
      r = People.parseRole(role);
      if (r == null || r == Role.ADMINISTRATOR) {
        throw new ApiProblemException(
            ProblemCode.INVALID_PARAMETER, "role : rôle inconnu.", "role");
      }
    }
    PersonStatus s = null;
    if (status != null && !status.isBlank()) {
      try {
        s = PersonStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ApiProblemException(
            ProblemCode.INVALID_PARAMETER, "status : PENDING, ACTIVE ou DISABLED.", "status");
      }
    }
    if (q != null && q.length() > 200) {
      throw new ApiProblemException(
          ProblemCode.INVALID_PARAMETER, "q : 200 caractères au plus.", "q");
    }
    var pending = people.pendingAppointments(n);
    List<PersonView> found = new ArrayList<>();
    for (PersonRow row : people.search(n, q, r, s, SEARCH_LIMIT)) {
      found.add(view(row.user(), row.status(), pending));
    }
    return found;
  }

  @GetMapping(path = "/api/v1/people/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Une personne", description = "Pour qui la gère ; 404 sinon.")
  PersonView get(@PathVariable long id, Caller caller) {
    AppUser person = people.manageable(caller, id);
    return view(person.id());
  }

  @PutMapping(
      path = "/api/v1/people/{id}/roles",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Changer les rôles d'une personne dans un réseau",
      description =
          "Coordinateurs du réseau. Remplace ses rôles dans ce réseau ; COORDINATOR, s'il n'est pas"
              + " déjà tenu, est proposé et attend un second coordinateur. Les comptes des"
              + " nouveaux rôles sont ouverts. Audité.")
  PersonView changeRoles(
      @PathVariable long id,
      @RequestBody RolesRequest request,
      Caller caller,
      HttpServletRequest http) {
    Network n = networks.coordinated(caller, request == null ? null : request.network());
    people.changeRoles(
        caller,
        n,
        id,
        request.roles() == null ? List.of() : request.roles(),
        request.merchant(),
        ClientAddress.of(http));
    return view(id);
  }

  @PostMapping(path = "/api/v1/people/{id}/activation", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Réinitialiser l'accès d'une personne",
      description =
          "Un nouveau code d'activation, montré cette seule fois ; l'ancien mot de passe, les"
              + " sessions, les jetons et tout code inutilisé cessent de fonctionner. Pour qui gère"
              + " la personne (404 sinon). Audité.")
  @ApiResponse(responseCode = "201", description = "Nouveau code émis")
  ResponseEntity<IssuedView> reset(@PathVariable long id, Caller caller, HttpServletRequest http) {
    var issued = people.reset(caller, id, ClientAddress.of(http));
    return ResponseEntity.status(201)
        .cacheControl(CacheControl.noStore())
        .body(new IssuedView(issued.personId(), issued.username(), activation(issued)));
  }

  @PostMapping(
      path = "/api/v1/people/{id}/activation-letter.pdf",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  @Operation(
      summary = "La lettre d'activation à imprimer",
      description =
          "PDF dans la langue de la personne : réseau, nom d'utilisateur, code, lien en QR code,"
              + " date limite. Le code n'étant gardé que haché, il est fourni dans la requête (celui"
              + " que la création ou la réinitialisation vient de montrer) ; la lettre n'est"
              + " rendue que tant qu'il n'a pas servi. Pour qui gère la personne.")
  @ApiResponse(
      responseCode = "200",
      description = "Lettre PDF",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PDF_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<byte[]> letter(
      @PathVariable long id, @RequestBody LetterRequest request, Caller caller) {
    var letter = people.letter(caller, id, request == null ? null : request.code());
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .cacheControl(CacheControl.noStore())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("activation-" + letter.username() + ".pdf")
                .build()
                .toString())
        .body(letters.render(letter));
  }

  @GetMapping(
      path = "/api/v1/coordinator-appointments",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Nominations de coordinateurs en attente",
      description = "Coordinateurs du réseau : celles qu'un second coordinateur doit décider.")
  List<AppointmentView> appointments(
      @Parameter(description = "Code du réseau, si vous en coordonnez plusieurs")
          @RequestParam(required = false)
          String network,
      Caller caller) {
    Network n = networks.coordinated(caller, network);
    return people.pendingAppointments(n).stream().map(p -> appointment(p, n)).toList();
  }

  @PostMapping(
      path = "/api/v1/coordinator-appointments/{id}/approve",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Approuver une nomination",
      description =
          "Double contrôle : par un autre coordinateur que celui qui l'a proposée (409"
              + " SELF_APPROVAL sinon). La personne devient coordinatrice. Audité.")
  AppointmentView approve(@PathVariable long id, Caller caller, HttpServletRequest http) {
    RoleProposal p = people.decide(caller, id, true, ClientAddress.of(http));
    return appointment(p, networks.network(new NetworkId(p.networkId())));
  }

  @PostMapping(
      path = "/api/v1/coordinator-appointments/{id}/decline",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Refuser une nomination", description = "Par un autre coordinateur. Audité.")
  AppointmentView decline(@PathVariable long id, Caller caller, HttpServletRequest http) {
    RoleProposal p = people.decide(caller, id, false, ClientAddress.of(http));
    return appointment(p, networks.network(new NetworkId(p.networkId())));
  }

  // --- views

  static ActivationView activation(People.Issued issued) {
    return new ActivationView(issued.code(), issued.link(), issued.expiresAt());
  }

  private PersonView view(long id) {
    StoredUser stored = users.stored(id).orElseThrow();
    List<RoleProposal> pending = new ArrayList<>();
    for (var grant : Users.user(stored).roles()) {
      if (grant.network() != null) {
        pending.addAll(people.pendingAppointments(networks.network(grant.network())));
      }
    }
    return view(stored, PeopleStore.status(stored), pending);
  }

  private PersonView view(StoredUser user, PersonStatus status, List<RoleProposal> pending) {
    List<RoleView> roles = new ArrayList<>();
    for (RoleGrant grant : Users.user(user).roles()) {
      roles.add(
          new RoleView(
              grant.role().name(),
              grant.network() == null ? null : networks.network(grant.network()).code(),
              grant.merchantRef()));
    }
    List<String> pendingIn =
        pending.stream()
            .filter(p -> p.userId() == user.id())
            .map(p -> networks.network(new NetworkId(p.networkId())).code())
            .distinct()
            .toList();
    return new PersonView(
        user.id(),
        user.username(),
        user.displayName(),
        user.email(),
        user.language(),
        status.name(),
        roles,
        pendingIn);
  }

  private static AppointmentView appointment(RoleProposal p, Network network) {
    return new AppointmentView(
        p.id(),
        network.code(),
        p.userId(),
        p.username(),
        p.displayName(),
        p.proposedByName(),
        p.proposedAt(),
        p.status());
  }
}
