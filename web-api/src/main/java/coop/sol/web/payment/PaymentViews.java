package coop.sol.web.payment;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.payment.PayToken;
import coop.sol.ledger.payment.PaymentRequest;
import coop.sol.merchant.qr.Caption;
import coop.sol.web.account.NetworkDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Requests and tokens as responses show them, and the captions of their QR codes. */
@Component
public class PaymentViews {
  private final NetworkDirectory networks;
  private final Ledger ledger;
  private final PublicUrl publicUrl;
  private final Clock clock;

  PaymentViews(NetworkDirectory networks, Ledger ledger, PublicUrl publicUrl, Clock clock) {
    this.clock = clock;
    this.networks = networks;
    this.ledger = ledger;
    this.publicUrl = publicUrl;
  }

  public PaymentRequestView of(PaymentRequest request) {
    Network network = networks.network(request.network());
    Account merchant = account(request.network(), request.merchantAccount());
    int scale = network.scale(merchant.strand());
    return new PaymentRequestView(
        request.id(),
        network.id().value(),
        network.code(),
        merchant.id().value(),
        merchant.name(),
        merchant.strand().name(),
        Decimals.format(request.amount(), scale),
        request.reference(),
        request.status(clock.instant()).name(),
        request.paymentInProgress(),
        request.code(),
        publicUrl.link(request.code()),
        request.keyId(),
        request.expiresAt(),
        request.createdAt(),
        request.paidTransfer() == null ? null : request.paidTransfer().value(),
        request.paidAt());
  }

  public PayTokenView of(PayToken token) {
    Network network = networks.network(token.network());
    Account member = account(token.network(), token.memberAccount());
    int scale = network.scale(member.strand());
    Instant now = clock.instant();
    return new PayTokenView(
        token.id(),
        network.id().value(),
        network.code(),
        member.id().value(),
        member.strand().name(),
        Decimals.format(token.cap(), scale),
        token.status(now).name(),
        token.code(),
        publicUrl.link(token.code()),
        token.keyId(),
        token.expiresAt(),
        token.createdAt(),
        token.usedTransfer() == null ? null : token.usedTransfer().value(),
        token.usedTransfer() == null ? null : Decimals.format(token.amount(), scale),
        token.usedAt());
  }

  /** "12.50 SOL", then the merchant's name. */
  Caption caption(PaymentRequest request) {
    Account merchant = account(request.network(), request.merchantAccount());
    int scale = networks.scale(request.network(), merchant.strand());
    return Caption.amount(request.amount(), QrImages.format(scale), merchant.name());
  }

  /** "≤ 20.00 SOL", then the member's name: what the cashier may charge, and to whom. */
  Caption caption(PayToken token) {
    Account member = account(token.network(), token.memberAccount());
    int scale = networks.scale(token.network(), member.strand());
    return new Caption(
        List.of("≤ " + QrImages.format(scale).format(token.cap()), member.name()), true);
  }

  String link(String code) {
    return publicUrl.link(code);
  }

  public Account account(NetworkId network, AccountId id) {
    return ledger.accounts().find(network, id).orElseThrow();
  }
}
