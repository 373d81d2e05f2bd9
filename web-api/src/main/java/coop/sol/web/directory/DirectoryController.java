package coop.sol.web.directory;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.directory.DirectoryEntry;
import coop.sol.ledger.directory.DirectorySearch;
import coop.sol.ledger.directory.MerchantProfile;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.auth.Caller;
import coop.sol.web.directory.DirectoryViews.DirectoryView;
import coop.sol.web.directory.DirectoryViews.MerchantView;
import coop.sol.web.directory.DirectoryViews.ProfileView;
import coop.sol.web.directory.DirectoryViews.PublicationView;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The directory of merchants over HTTP: the list (JSON) and its printable guide (PDF), public when
 * the network publishes it and for its members otherwise; a merchant's profile, written by the
 * merchant or a coordinator; the coordinators' switch that publishes the directory.
 */
@RestController
@Tag(name = "Annuaire", description = "Où payer en SOL : les commerçants d'un réseau")
class DirectoryController {
  private final Directory directory;
  private final DirectoryGuide guide;
  private final AuditLog audit;

  DirectoryController(Directory directory, DirectoryGuide guide, AuditLog audit) {
    this.directory = directory;
    this.guide = guide;
    this.audit = audit;
  }

  @GetMapping(path = "/api/v1/directory", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "L'annuaire des commerçants d'un réseau",
      description =
          "Les commerçants qui ont un profil, par nom commercial, avec leurs catégories, adresse"
              + " (et son lien OpenStreetMap), horaires, contacts et volets acceptés. Recherche"
              + " sans tenir compte des majuscules ni des accents : q (nom ou description),"
              + " category (code ou libellé), town. Public, sans connexion, si le réseau publie"
              + " son annuaire ; sinon pour qui a un rôle dans le réseau ; 404 pour les autres.")
  ResponseEntity<DirectoryView> list(
      @RequestParam(required = false) String network,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String town) {
    var caller = directory.caller();
    Network n = directory.readable(caller, network);
    List<MerchantView> merchants =
        directory.search(n, new DirectorySearch(q, category, town)).stream()
            .map(MerchantView::of)
            .toList();
    boolean published = directory.merchants().published(n.id());
    return ResponseEntity.ok()
        .cacheControl(
            published
                ? CacheControl.maxAge(java.time.Duration.ofMinutes(1)).cachePublic()
                : CacheControl.noStore())
        .body(
            new DirectoryView(
                n.code(),
                n.name(),
                published,
                DirectoryViews.page(n),
                DirectoryViews.guide(n),
                merchants));
  }

  @GetMapping(path = "/api/v1/directory/guide.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(
      summary = "Le guide imprimable de l'annuaire (PDF)",
      description =
          "Le livret papier que le réseau distribue : les commerçants par ville, avec catégories,"
              + " adresse, horaires, contacts et volets acceptés. Français par défaut, anglais avec"
              + " lang=en. Mêmes accès que GET /api/v1/directory.")
  @ApiResponse(
      responseCode = "200",
      description = "PDF",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PDF_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<byte[]> guide(
      @RequestParam(required = false) String network,
      @Schema(allowableValues = {"fr", "en"}) @RequestParam(required = false) String lang,
      Locale locale) {
    var caller = directory.caller();
    Network n = directory.readable(caller, network);
    Locale language =
        "en".equals(lang) ? Locale.ENGLISH : "fr".equals(lang) ? Locale.FRENCH : locale;
    byte[] pdf = guide.write(n, directory.search(n, DirectorySearch.ALL), language);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .cacheControl(CacheControl.noStore())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline()
                .filename("sol-annuaire-" + n.code() + ".pdf")
                .build()
                .toString())
        .body(pdf);
  }

  /** A profile as written: every field; one left out or empty is cleared. */
  @Schema(name = "MerchantProfileChange")
  record ProfileChange(
      @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Boulangerie du Port")
          String tradingName,
      @Schema(nullable = true, description = "Au plus 2 000 caractères, retours à la ligne admis")
          String description,
      @Schema(nullable = true, example = "12 quai de la Douane") String address,
      @Schema(nullable = true, example = "Brest") String town,
      @Schema(nullable = true, example = "mar.–sam. 7 h–19 h") String openingHours,
      @Schema(nullable = true, example = "02 98 00 00 00") String phone,
      @Schema(nullable = true, example = "https://boulangerie.example") String website,
      @ArraySchema(schema = @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}))
          List<String> strands) {}

  @GetMapping(
      path = "/api/v1/merchants/{accountId}/profile",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Le profil d'un commerçant dans l'annuaire",
      description =
          "{accountId} : l'un des comptes du commerçant (celui de sa caisse). Pour le commerçant"
              + " et les coordinateurs du réseau ; 404 pour les autres, et tant qu'il n'a pas de"
              + " profil.")
  ProfileView profile(@PathVariable long accountId, Caller caller) {
    Account account = directory.writable(caller, accountId);
    DirectoryEntry entry =
        directory
            .merchants()
            .entry(account.network(), account.ownerRef())
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    return view(account, entry);
  }

  @PutMapping(
      path = "/api/v1/merchants/{accountId}/profile",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Écrire le profil d'un commerçant dans l'annuaire",
      description =
          "{accountId} : l'un des comptes du commerçant. Le profil entier (un champ absent ou"
              + " vide est effacé). La catégorie n'en fait pas partie : c'est celle des réglages du"
              + " réseau (PUT /api/v1/networks/{id}/settings/merchants/{merchant}/categories),"
              + " que suivent les bons affectés. Le commerçant ou un coordinateur du réseau ;"
              + " inscrit au journal d'audit.")
  ProfileView write(
      @PathVariable long accountId,
      @Valid @RequestBody ProfileChange change,
      Caller caller,
      HttpServletRequest http) {
    Account account = directory.writable(caller, accountId);
    MerchantProfile profile = profile(account.network(), account.ownerRef(), change);
    DirectoryEntry entry =
        LedgerProblems.done(directory.merchants().save(profile, caller.username()));
    audit.record(
        caller,
        http,
        AuditAction.MERCHANT_PROFILE_CHANGED,
        account.network(),
        "merchant " + account.ownerRef(),
        Map.of("tradingName", profile.tradingName()));
    return view(account, entry);
  }

  static MerchantProfile profile(NetworkId network, String merchant, ProfileChange c) {
    return Directory.profile(
        network,
        merchant,
        c.tradingName(),
        c.description(),
        c.address(),
        c.town(),
        c.openingHours(),
        c.phone(),
        c.website(),
        c.strands());
  }

  private ProfileView view(Account account, DirectoryEntry entry) {
    return new ProfileView(
        account.id().value(),
        directory.network(account.network()).code(),
        MerchantView.of(entry),
        entry.changedAt(),
        entry.changedBy());
  }

  @Schema(name = "DirectoryPublicationChange")
  record PublicationChange(
      @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean published,
      @Schema(nullable = true, description = "Code du réseau, si vous en coordonnez plusieurs")
          String network) {}

  @GetMapping(path = "/api/v1/directory/publication", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "L'annuaire est-il public ?", description = "Coordinateurs.")
  PublicationView publication(@RequestParam(required = false) String network, Caller caller) {
    Network n = coordinated(caller, network);
    return new PublicationView(
        n.code(), directory.merchants().published(n.id()), DirectoryViews.page(n));
  }

  @PutMapping(
      path = "/api/v1/directory/publication",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Publier l'annuaire ou le réserver aux membres",
      description =
          "Publié, l'annuaire (page, JSON, guide PDF) se lit sans connexion. Coordinateurs ;"
              + " inscrit au journal d'audit.")
  PublicationView publish(
      @Valid @RequestBody PublicationChange change, Caller caller, HttpServletRequest http) {
    Network n = coordinated(caller, change.network());
    if (directory.merchants().publish(n.id(), change.published(), caller.username())) {
      audit.record(
          caller,
          http,
          AuditAction.DIRECTORY_PUBLICATION_CHANGED,
          n.id(),
          "directory",
          Map.of("published", change.published()));
    }
    return new PublicationView(n.code(), change.published(), DirectoryViews.page(n));
  }

  private Network coordinated(Caller caller, String code) {
    Set<NetworkId> mine = caller.networksAs(Role.COORDINATOR);
    if ((code == null || code.isBlank()) && mine.size() == 1) {
      return directory.network(mine.iterator().next());
    }
    Network n = directory.network(java.util.Optional.of(caller), code);
    if (!mine.contains(n.id())) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return n;
  }
}
