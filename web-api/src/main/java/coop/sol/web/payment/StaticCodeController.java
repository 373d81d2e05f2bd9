package coop.sol.web.payment;

import coop.sol.keys.SigningKey;
import coop.sol.ledger.account.Account;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.SignedCode;
import coop.sol.merchant.code.StaticMerchantCode;
import coop.sol.merchant.qr.Caption;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.auth.Caller;
import coop.sol.web.networkkey.NetworkKeys;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/merchants/{accountId}/static-code}: the code a merchant prints for the counter. It
 * names the account to pay; the payer types the amount and pays with {@code POST
 * /api/v1/transfers}. It never expires: rotating the network's key does not stop it either (retired
 * keys still verify), and it is signed anew, with the same text, for as long as the key is active.
 */
@RestController
@RequestMapping(path = "/api/v1/merchants/{accountId}/static-code")
@Tag(name = "Demandes de paiement")
class StaticCodeController {
  private final AccountAccess access;
  private final NetworkKeys keys;
  private final PaymentViews views;

  StaticCodeController(AccountAccess access, NetworkKeys keys, PaymentViews views) {
    this.access = access;
    this.keys = keys;
    this.views = views;
  }

  /**
   * @param networkId the network the code is for, which a till needs to fetch its keys
   * @param code the signed code, unpadded base64url
   * @param link what the QR code holds
   */
  @Schema(name = "StaticMerchantCode")
  record StaticCodeView(
      long networkId,
      long merchantAccountId,
      @Schema(example = "La Mie Câline") String merchantName,
      @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}) String strand,
      String code,
      String link,
      @Schema(example = "21fe31df") String keyId) {}

  /** A signed static code of a merchant account the caller takes payments for. */
  private record Signed(Account merchant, SignedCode code) {}

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Le code fixe d'un commerçant",
      description =
          "Le QR code à imprimer pour le comptoir, sans montant : le payeur saisit le montant et"
              + " paie par POST /api/v1/transfers. Pour le commerçant et ses caissiers ; la caisse"
              + " y apprend aussi l'identifiant de son réseau.")
  StaticCodeView get(@PathVariable long accountId, Caller caller) {
    Signed signed = sign(caller, accountId);
    return new StaticCodeView(
        signed.merchant().network().value(),
        signed.merchant().id().value(),
        signed.merchant().name(),
        signed.merchant().strand().name(),
        signed.code().text(),
        views.link(signed.code().text()),
        signed.code().keyId().toString());
  }

  @GetMapping(path = "/qr.png", produces = QrImages.PNG)
  @Operation(summary = "Le code fixe en QR code (PNG)", description = "Avec le nom du commerçant.")
  @ApiResponse(
      responseCode = "200",
      description = "Image PNG",
      content =
          @Content(mediaType = QrImages.PNG, schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<byte[]> png(@PathVariable long accountId, Caller caller) {
    Signed signed = sign(caller, accountId);
    return QrImages.png(
        views.link(signed.code().text()), Caption.merchant(signed.merchant().name()));
  }

  @GetMapping(path = "/qr.svg", produces = QrImages.SVG)
  @Operation(summary = "Le code fixe en QR code (SVG)", description = "Avec le nom du commerçant.")
  @ApiResponse(
      responseCode = "200",
      description = "Image SVG",
      content = @Content(mediaType = QrImages.SVG, schema = @Schema(type = "string")))
  ResponseEntity<String> svg(@PathVariable long accountId, Caller caller) {
    Signed signed = sign(caller, accountId);
    return QrImages.svg(
        views.link(signed.code().text()), Caption.merchant(signed.merchant().name()));
  }

  private Signed sign(Caller caller, long accountId) {
    Account merchant =
        access
            .till(caller, accountId)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    SigningKey key = keys.signingKey(merchant.network());
    StaticMerchantCode code =
        new StaticMerchantCode(merchant.network().value(), merchant.id().value());
    return new Signed(merchant, PaymentCodes.sign(code, key));
  }
}
