package coop.sol.web.notice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/auth/forgot-password}: the same answer whether the address exists or not. */
@RestController
@Tag(name = "Authentification", description = "Jetons d'accès et mots de passe")
class ForgotPasswordController {
  static final String ANSWER =
      "Si cette adresse est celle d'un compte SOL et que l'installation envoie des courriels, un"
          + " lien pour choisir un nouveau mot de passe vient d'y être envoyé.";

  private final PasswordResets resets;

  ForgotPasswordController(PasswordResets resets) {
    this.resets = resets;
  }

  @Schema(name = "ForgotPasswordRequest")
  record ForgotRequest(@NotNull @Size(min = 1, max = 254) String email) {}

  @Schema(name = "ForgotPasswordAnswer")
  record ForgotAnswer(String message) {}

  @PostMapping(
      path = "/api/v1/auth/forgot-password",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Mot de passe oublié",
      description =
          "Sans authentification. Si l'installation envoie des courriels et qu'une personne active"
              + " a cette adresse, elle reçoit un lien (une nouvelle activation) pour choisir un"
              + " nouveau mot de passe, au plus un par quart d'heure. La réponse est la même que"
              + " l'adresse existe ou non, et ne tarde pas plus dans un cas que dans l'autre.")
  @ApiResponse(responseCode = "202", description = "Demande reçue")
  ForgotAnswer forgot(
      @Valid @RequestBody ForgotRequest request, jakarta.servlet.http.HttpServletRequest http) {
    resets.request(request.email(), coop.sol.web.auth.ClientAddress.of(http));
    return new ForgotAnswer(ANSWER);
  }
}
