package coop.sol.web.page;

import coop.sol.merchant.code.MemberCardCode;
import coop.sol.merchant.code.PayTokenCode;
import coop.sol.merchant.code.PaymentRequestCode;
import coop.sol.web.auth.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /qr/decode}: a camera frame (or photo) of a QR code, decoded and verified on the
 * server, for the pages' camera scanner ({@code static/js/scanner.js}). Answers the code's payload
 * and kind (REQUEST, TOKEN, CARD, STATIC; MEMBER for a member's receive code, whose link is the
 * prefilled pay-a-member form), or a message in the user's language (422). Part of the pages, not
 * the API: it needs the session and its CSRF token.
 */
@Hidden
@Controller
class QrDecodeController {
  private final PaymentCodeReader reader;
  private final MessageSource messages;

  QrDecodeController(PaymentCodeReader reader, MessageSource messages) {
    this.reader = reader;
    this.messages = messages;
  }

  @PostMapping(path = "/qr/decode", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, String>> decode(
      @RequestParam("image") MultipartFile image, Caller caller, Locale locale) throws IOException {
    PaymentCodeReader.Reading reading;
    try (InputStream in = image.getInputStream()) {
      reading = reader.scanForPayer(caller, in);
    }
    if (reading instanceof PaymentCodeReader.Read read) {
      String kind =
          read.code() instanceof PaymentRequestCode
              ? "REQUEST"
              : read.code() instanceof PayTokenCode
                  ? "TOKEN"
                  : read.code() instanceof MemberCardCode ? "CARD" : "STATIC";
      return ResponseEntity.ok(
          Map.of("payload", read.payload(), "kind", kind, "link", "/p/" + read.payload()));
    }
    if (reading instanceof PaymentCodeReader.MemberRead member) {
      String link = member.link().pathAndQuery();
      return ResponseEntity.ok(Map.of("payload", link, "kind", "MEMBER", "link", link));
    }
    String key = ((PaymentCodeReader.Unreadable) reading).messageKey();
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
        .body(Map.of("message", messages.getMessage(key, null, key, locale)));
  }
}
