package coop.sol.web.page;

import coop.sol.ledger.network.NetworkId;
import coop.sol.merchant.code.PaymentCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.PaymentLink;
import coop.sol.merchant.code.RejectionReason;
import coop.sol.merchant.code.Verification;
import coop.sol.merchant.qr.QrScanner;
import coop.sol.web.auth.Caller;
import coop.sol.web.networkkey.NetworkKeys;
import coop.sol.web.user.Role;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.springframework.stereotype.Component;

/**
 * Reads a payment code from what a page was given: a photo or camera frame (merchant-app's ZXing
 * scanner, which copes with angles, glare and dark mode), or a link or payload typed or opened. The
 * code is verified against the keys of the user's networks, as a till does offline, before any page
 * acts on it.
 */
@Component
public class PaymentCodeReader {
  private final NetworkKeys keys;
  private final Clock clock;

  PaymentCodeReader(NetworkKeys keys, Clock clock) {
    this.clock = clock;
    this.keys = keys;
  }

  /** What came of reading: a genuine code of one of the user's networks, or why not. */
  public sealed interface Reading {}

  /**
   * @param payload the code's text, for {@code /p/<payload>}
   */
  public record Read(String payload, PaymentCode code, NetworkId network) implements Reading {}

  /**
   * @param messageKey the message explaining the refusal ({@code problem.PAYMENT_CODE_*})
   */
  public record Unreadable(String messageKey) implements Reading {}

  /**
   * A member's "receive" code ({@link MemberPayLink}): not verified (it is not signed), only
   * recognised; the pay-a-member form checks the network and the member.
   */
  public record MemberRead(MemberPayLink link) implements Reading {}

  /** The first genuine code in the image, or why there is none. */
  public Reading scan(Caller caller, InputStream image) {
    return scan(caller, image, false);
  }

  /**
   * What a payer's scan finds: as {@link #scan}, and a member's receive code too ({@link
   * MemberRead}), for members only.
   */
  public Reading scanForPayer(Caller caller, InputStream image) {
    return scan(caller, image, caller.hasRole(Role.MEMBER));
  }

  /** What a payer pasted: as {@link #read}, and a member's receive link too, for members only. */
  public Reading readForPayer(Caller caller, String text) {
    if (caller.hasRole(Role.MEMBER)) {
      Optional<MemberPayLink> member = MemberPayLink.parse(text);
      if (member.isPresent()) {
        return new MemberRead(member.get());
      }
    }
    return read(caller, text);
  }

  private Reading scan(Caller caller, InputStream image, boolean members) {
    BufferedImage picture;
    try {
      picture = ImageIO.read(image);
    } catch (IOException | RuntimeException e) {
      picture = null;
    }
    if (picture == null) {
      return unreadable(RejectionReason.NOT_A_QR_CODE);
    }
    List<String> texts = QrScanner.scan(picture);
    if (texts.isEmpty()) {
      return unreadable(RejectionReason.NOT_A_QR_CODE);
    }
    Reading first = null;
    for (String text : texts) {
      Reading reading = members ? readForPayer(caller, text) : read(caller, text);
      if (reading instanceof Read || reading instanceof MemberRead) {
        return reading;
      }
      if (first == null) {
        first = reading;
      }
    }
    return first;
  }

  /** A link ({@code https://.../p/<payload>}) or bare payload, verified. */
  public Reading read(Caller caller, String text) {
    Optional<String> payload = PaymentLink.payloadOf(text);
    if (payload.isEmpty()) {
      return unreadable(RejectionReason.NOT_OURS);
    }
    RejectionReason reason = RejectionReason.NOT_OURS;
    for (NetworkId network : caller.networks()) {
      Verification verification =
          PaymentCodes.verify(
              payload.get(), keys.trustedKeys(network), network.value(), clock.instant());
      if (verification instanceof Verification.Verified verified) {
        return new Read(payload.get(), verified.code(), network);
      }
      RejectionReason rejected = ((Verification.Rejected) verification).reason();
      // a code signed by another of the user's networks says more than "not ours"
      if (reason == RejectionReason.NOT_OURS || reason == RejectionReason.UNKNOWN_KEY) {
        reason = rejected;
      }
    }
    return unreadable(reason);
  }

  private static Unreadable unreadable(RejectionReason reason) {
    return new Unreadable(
        reason == RejectionReason.NOT_A_QR_CODE
            ? "problem.NOT_A_QR_CODE"
            : "problem.PAYMENT_CODE_" + reason.name());
  }
}
