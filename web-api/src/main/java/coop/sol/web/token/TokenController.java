package coop.sol.web.token;

import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.auth.Scope;
import coop.sol.web.login.PasswordLogin;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.Users;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/auth/tokens}: personal access tokens for tills and scripts. */
@RestController
@RequestMapping(path = "/api/v1/auth/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Jetons d'accès", description = "Jetons personnels pour les caisses et les scripts")
class TokenController {
  static final int DEFAULT_LIFETIME_DAYS = 90;
  static final int MAX_LIFETIME_DAYS = 365;

  private final PersonalAccessTokens tokens;
  private final PasswordLogin login;
  private final Users users;

  TokenController(PersonalAccessTokens tokens, PasswordLogin login, Users users) {
    this.tokens = tokens;
    this.login = login;
    this.users = users;
  }

  @Schema(name = "CreateTokenRequest")
  record CreateTokenRequest(
      @NotBlank @Size(max = 63) String username,
      @NotNull @Size(max = 200) @Schema(format = "password") String password,
      @Size(max = 6)
          @Schema(
              description =
                  "Code TOTP à 6 chiffres, obligatoire pour les coordinateurs et les"
                      + " administrateurs",
              example = "123456")
          String totp,
      @NotBlank @Size(max = 100) @Schema(example = "Caisse 1") String name,
      @NotEmpty
          @Size(max = 3)
          @ArraySchema(
              schema = @Schema(allowableValues = {"read", "pay", "admin"}),
              uniqueItems = true)
          List<@NotNull String> scopes,
      @Min(1)
          @Max(MAX_LIFETIME_DAYS)
          @Schema(description = "Durée de validité en jours (90 par défaut)", example = "90")
          Integer expiresInDays) {}

  @Schema(name = "CreatedToken")
  record CreatedToken(
      long id,
      String name,
      @Schema(description = "Le jeton : affiché cette seule fois, conservé haché seulement")
          String token,
      String prefix,
      List<String> scopes,
      Instant createdAt,
      Instant expiresAt) {}

  @Schema(name = "TokenSummary")
  record TokenView(
      long id,
      String name,
      @Schema(description = "Premiers caractères du jeton, pour le reconnaître") String prefix,
      List<String> scopes,
      Instant createdAt,
      Instant expiresAt,
      @Schema(nullable = true) Instant lastUsedAt) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @SecurityRequirements
  @Operation(
      summary = "Créer un jeton d'accès personnel",
      description =
          "Échange nom d'utilisateur, mot de passe (et code TOTP pour les coordinateurs et"
              + " administrateurs) contre un jeton à utiliser en « Authorization: Bearer ». Le"
              + " jeton n'est montré qu'une fois. Les échecs répétés verrouillent temporairement"
              + " le nom d'utilisateur et l'adresse (429 avec Retry-After).")
  @ApiResponse(responseCode = "201", description = "Jeton créé")
  ResponseEntity<CreatedToken> create(
      @Valid @RequestBody CreateTokenRequest request, HttpServletRequest http) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String value : request.scopes()) {
      scopes.add(
          Scope.parse(value)
              .orElseThrow(
                  () ->
                      new ApiProblemException(
                          ProblemCode.SCOPE_NOT_ALLOWED, "Portée inconnue : " + value)));
    }
    String address = ClientAddress.of(http);
    AppUser user =
        login.authenticate(
            new PasswordLogin.Attempt(
                request.username(), request.password(), request.totp(), true, address, "token"));
    List<coop.sol.web.user.Role> roles = user.roles().stream().map(RoleGrant::role).toList();
    for (Scope scope : scopes) {
      if (!scope.usableBy(roles)) {
        throw new ApiProblemException(
            ProblemCode.SCOPE_NOT_ALLOWED,
            "La portée « " + scope.value() + " » ne sert à rien avec vos rôles.");
      }
    }
    int days = request.expiresInDays() == null ? DEFAULT_LIFETIME_DAYS : request.expiresInDays();
    var created = tokens.create(user, request.name(), scopes, Duration.ofDays(days), address);
    var summary = created.summary();
    return ResponseEntity.created(URI.create("/api/v1/auth/tokens/" + summary.id()))
        .body(
            new CreatedToken(
                summary.id(),
                summary.name(),
                created.token(),
                summary.prefix(),
                values(summary.scopes()),
                summary.createdAt(),
                summary.expiresAt()));
  }

  @GetMapping
  @Operation(summary = "Mes jetons actifs (jamais le jeton lui-même)")
  List<TokenView> list(Caller caller) {
    return tokens.active(caller.userId()).stream()
        .map(
            t ->
                new TokenView(
                    t.id(),
                    t.name(),
                    t.prefix(),
                    values(t.scopes()),
                    t.createdAt(),
                    t.expiresAt(),
                    t.lastUsedAt()))
        .toList();
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Révoquer un de mes jetons",
      description = "Refusé dès la requête suivante. 404 pour un jeton inconnu ou d'autrui.")
  @ApiResponse(responseCode = "204", description = "Jeton révoqué")
  void revoke(@PathVariable long id, Caller caller, HttpServletRequest http) {
    AppUser owner = users.find(caller.userId()).orElseThrow();
    if (!tokens.revoke(owner, id, ClientAddress.of(http))) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
  }

  private static List<String> values(Set<Scope> scopes) {
    return scopes.stream().sorted().map(Scope::value).toList();
  }
}
