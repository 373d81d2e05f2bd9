package coop.sol.web.payment;

import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.payment.PayToken;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.merchant.code.PayTokenCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.SignedCode;
import coop.sol.merchant.code.Verification;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.networkkey.NetworkKeys;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Pay tokens: a member shows a signed, capped, short-lived code; a merchant's till charges it once,
 * up to the cap.
 *
 * <p>Redeeming checks the code as a till does offline (signature with the network's published keys,
 * network), then ledger-core's {@link coop.sol.ledger.payment.PayTokens} decides the rest (expiry,
 * cap, single use, the one payment path); this class authorizes the till and translates.
 */
@Service
public class PayTokens {
  public static final int DEFAULT_EXPIRY_SECONDS = 120;

  /** How far ahead of the server's clock a till's may be. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");

  private final coop.sol.ledger.payment.PayTokens tokens;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final NetworkKeys keys;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  PayTokens(
      coop.sol.ledger.payment.PayTokens tokens,
      AccountAccess access,
      NetworkDirectory networks,
      NetworkKeys keys,
      Clock clock) {
    this.clock = clock;
    this.tokens = tokens;
    this.access = access;
    this.networks = networks;
    this.keys = keys;
  }

  /** A charge posted with a token; {@code replayed} when it answers the till's retry. */
  public record Charged(Transfer transfer, boolean replayed) {}

  /** A new token on an account the caller holds (the account a merchant will debit). */
  public PayToken issue(Caller caller, long memberAccountId, String capText, int expiresInSeconds) {
    Account member =
        access
            .visible(caller, memberAccountId)
            .orElseThrow(() -> LedgerProblems.problem(RejectionReason.DEBIT_ACCOUNT_NOT_FOUND));
    if (!access.holds(caller, member)) {
      throw LedgerProblems.problem(RejectionReason.DEBIT_NOT_ALLOWED);
    }
    NetworkId network = member.network();
    Amount cap = ApiAmounts.parse(capText, networks.scale(network, member.strand()));
    Instant now = clock.instant();
    PayTokenCode code =
        PayTokenCode.issue(
            network.value(),
            member.id().value(),
            cap.minorUnits(),
            now.plusSeconds(expiresInSeconds),
            random);
    SigningKey key = keys.signingKey(network);
    SignedCode signed = PaymentCodes.sign(code, key);
    PayToken token =
        new PayToken(
            network,
            code.nonce().toString(),
            member.id(),
            cap.minorUnits(),
            key.id().toString(),
            signed.text(),
            code.expiresAt(),
            caller.userId(),
            now,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    tokens.issue(token);
    return token;
  }

  /** The token if the caller holds its account or coordinates its network; else empty. */
  public Optional<PayToken> visible(Caller caller, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return tokens
        .find(id, caller.networks())
        .filter(token -> access.visible(caller, token.memberAccount().value()).isPresent());
  }

  /**
   * Charges {@code amountText} (at most the cap) with the token in {@code codeText} (a link or bare
   * payload, as scanned) to a merchant account the caller takes payments for.
   */
  public Charged redeem(
      Caller caller,
      String clientKey,
      String codeText,
      long merchantAccountId,
      String amountText,
      Instant scannedAt) {
    String key = ClientKeys.check(clientKey);
    Account merchant =
        access
            .till(caller, merchantAccountId)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.MERCHANT_ACCOUNT_NOT_FOUND));
    NetworkId network = merchant.network();
    long amount =
        ApiAmounts.parse(amountText, networks.scale(network, merchant.strand())).minorUnits();
    Instant checkedAt = checkedAt(scannedAt, clock.instant());
    PayTokenCode code = verifiedToken(codeText, network, checkedAt);
    var paid =
        LedgerProblems.done(
            tokens.redeem(
                new coop.sol.ledger.payment.PayTokens.Charge(
                    network,
                    code.nonce().toString(),
                    checkedAt,
                    caller.userId(),
                    key,
                    merchant.id(),
                    merchant.strand(),
                    amount,
                    scannedAt)));
    return new Charged(paid.first(), paid.replayed());
  }

  /**
   * When the token's expiry is checked: now, or when an offline till says it checked the token (a
   * charge it queued while the API was unreachable); never in the future (beyond a till's clock
   * skew). How late such a charge may come is the ledger's rule.
   */
  private static Instant checkedAt(Instant scannedAt, Instant now) {
    if (scannedAt == null) {
      return now;
    }
    if (scannedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED,
          "scannedAt : un instant passé (la caisse est-elle à l'heure ?).");
    }
    return scannedAt.isBefore(now) ? scannedAt : now;
  }

  /**
   * The pay token in the text, genuine and for the merchant's network. An expired token is returned
   * too (its expiry is checked after a retry of a charge made in time has had its answer); every
   * other rejection is a {@code PAYMENT_CODE_*} problem.
   */
  private PayTokenCode verifiedToken(String codeText, NetworkId network, Instant now) {
    TrustedKeys trusted = keys.trustedKeys(network);
    Verification verification = PaymentCodes.verify(codeText, trusted, network.value(), now);
    if (verification instanceof Verification.Rejected rejected
        && rejected.reason() == coop.sol.merchant.code.RejectionReason.EXPIRED) {
      // genuine and ours, only late: read it as of its issue
      verification = PaymentCodes.verify(codeText, trusted, network.value(), Instant.EPOCH);
    }
    if (verification instanceof Verification.Rejected rejected) {
      throw PaymentCodeProblems.problem(rejected.reason());
    }
    if (!(((Verification.Verified) verification).code() instanceof PayTokenCode token)) {
      throw new ApiProblemException(ProblemCode.PAYMENT_CODE_WRONG_KIND);
    }
    return token;
  }
}
