package coop.sol.web.people;

import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/auth/activate} (no login: the code is the credential) and {@code
 * /api/v1/auth/password}: a person's own password, which nobody else ever chooses.
 */
@RestController
@Tag(name = "Authentification")
class PasswordController {
  private final Activations activations;

  PasswordController(Activations activations) {
    this.activations = activations;
  }

  @Schema(name = "ActivationRequest")
  record ActivateRequest(
      @Schema(example = "K7QM-3XRD-9PWF-H2TN", requiredMode = Schema.RequiredMode.REQUIRED)
          String code,
      @Schema(
              description =
                  "Au moins 12 caractères, pas un mot de passe courant, sans le nom d'utilisateur",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String password) {
    @Override
    public String toString() {
      return "ActivateRequest[...]";
    }
  }

  /**
   * @param totpSecret for roles that need a second factor, the TOTP secret (base32), shown once:
   *     the first login needs a code
   */
  @Schema(name = "ActivatedAccess")
  record ActivatedView(
      String username,
      boolean totpRequired,
      @Schema(nullable = true, example = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") String totpSecret,
      @Schema(
              nullable = true,
              example = "otpauth://totp/SOL%3Amarie?secret=JBSWY3DPEHPK3PXP&issuer=SOL")
          String otpauthUri) {}

  @Schema(name = "PasswordChange")
  record ChangeRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String currentPassword,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String newPassword) {
    @Override
    public String toString() {
      return "ChangeRequest[...]";
    }
  }

  @PostMapping(
      path = "/api/v1/auth/activate",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Activer son accès avec son code",
      description =
          "Sans authentification. Le code (valable 14 jours) ne sert qu'une fois ; le mot de passe"
              + " suit les règles (400 WEAK_PASSWORD avec reasons). Pour les rôles à double"
              + " authentification, la réponse porte le secret TOTP, montré cette seule fois. Les"
              + " échecs répétés verrouillent l'adresse un moment (429 avec Retry-After).")
  @ApiResponse(responseCode = "200", description = "Accès activé")
  ResponseEntity<ActivatedView> activate(
      @RequestBody ActivateRequest request, HttpServletRequest http) {
    var done =
        activations.activate(
            request == null ? null : request.code(),
            request == null ? null : request.password(),
            ClientAddress.of(http),
            apiLocale(http));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new ActivatedView(
                done.username(), done.totpSecret() != null, done.totpSecret(), done.otpauthUri()));
  }

  @PostMapping(path = "/api/v1/auth/password", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Changer son mot de passe",
      description =
          "Le mot de passe actuel est exigé (les échecs comptent comme des échecs de connexion)."
              + " Toutes vos autres sessions prennent fin, et tous vos jetons d'accès sont révoqués"
              + " sauf celui de cette requête. Audité.")
  @ApiResponse(responseCode = "204", description = "Mot de passe changé")
  void change(
      @RequestBody ChangeRequest request,
      Caller caller,
      HttpServletRequest http,
      HttpServletResponse response) {
    long version =
        activations.change(
            caller.userId(),
            request == null ? null : request.currentPassword(),
            request == null ? null : request.newPassword(),
            caller.tokenId(),
            ClientAddress.of(http),
            apiLocale(http));
    Sessions.keep(version, http, response);
  }

  /**
   * The language of a refusal's reasons: English when the request's Accept-Language prefers it,
   * else French (the problems' detail is always French).
   */
  static java.util.Locale apiLocale(HttpServletRequest http) {
    String header = http.getHeader("Accept-Language");
    return header != null && http.getLocale().getLanguage().equals("en")
        ? java.util.Locale.ENGLISH
        : java.util.Locale.FRENCH;
  }
}
