package coop.sol.web.page.association;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.voucher.FunderLots;
import coop.sol.ledger.voucher.GrantedLot;
import coop.sol.ledger.voucher.VoucherGrant;
import coop.sol.ledger.voucher.VoucherGranted;
import coop.sol.ledger.voucher.VoucherHolding;
import coop.sol.ledger.voucher.Vouchers;
import coop.sol.merchant.qr.AmountFormat;
import coop.sol.merchant.qr.Caption;
import coop.sol.merchant.qr.PngRenderer;
import coop.sol.merchant.qr.QrSymbol;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.input.Dates;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /funder}: a funder grants a beneficiary an earmarked lot of SOL Affecté (the voucher
 * service of {@code POST /api/v1/vouchers/grants}), valid until a day it chooses at merchants of
 * the categories it ticks; each lot prints as a voucher with a QR code. The code holds the link to
 * the lot's page in the beneficiary's history, which only the beneficiary may open once logged in.
 */
@Hidden
@Controller
@RequestMapping("/funder")
class FunderPages {
  /** Pixels per module of the printed QR: about 2 mm at 96 dpi, sharp in print. */
  static final int MODULE_PIXELS = 8;

  private final Ledger ledger;
  private final Vouchers vouchers;
  private final Operations operations;
  private final NetworkDirectory networks;
  private final ProblemMessages problems;
  private final ZoneId zone;
  private final String publicUrl;
  private final Clock clock;

  FunderPages(
      Ledger ledger,
      Operations operations,
      NetworkDirectory networks,
      ProblemMessages problems,
      Clock clock,
      @Value("${sol.fonte.zone:Europe/Paris}") String zone,
      @Value("${sol.public-url:}") String publicUrl) {
    this.clock = clock;
    this.ledger = ledger;
    this.vouchers = operations.vouchers();
    this.operations = operations;
    this.networks = networks;
    this.problems = problems;
    this.zone = ZoneId.of(zone);
    this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
  }

  record GrantForm(
      String beneficiary,
      String amount,
      String validUntil,
      List<String> categories,
      String label,
      String key) {}

  /** A lot as the voucher prints it. */
  record Voucher(
      long lotId,
      String label,
      String beneficiary,
      String granted,
      String remaining,
      String validUntil,
      List<String> categories,
      String status) {}

  @GetMapping
  String page(Caller caller, Model model) {
    NetworkId network = network(caller);
    LocalDate inThreeMonths = LocalDate.now(clock.withZone(zone)).plusMonths(3);
    model.addAttribute(
        "form",
        new GrantForm(
            "", "", inThreeMonths.toString(), List.of(), "", UUID.randomUUID().toString()));
    model.addAttribute("errors", List.of());
    model.addAttribute("categories", categories(network));
    return "association/vouchers";
  }

  @PostMapping("/vouchers")
  String grant(
      @RequestParam(defaultValue = "") String beneficiary,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String validUntil,
      @RequestParam(required = false) List<String> categories,
      @RequestParam(defaultValue = "") String label,
      @RequestParam(defaultValue = "") String key,
      Caller caller,
      Model model) {
    NetworkId network = network(caller);
    List<String> ticked = categories == null ? List.of() : List.copyOf(new TreeSet<>(categories));
    GrantForm form =
        new GrantForm(
            beneficiary.strip(), amount.strip(), validUntil.strip(), ticked, label.strip(), key);
    List<FormError> errors = new ArrayList<>();
    if (form.beneficiary().isEmpty()) {
      errors.add(new FormError("beneficiary", "funder.grant.beneficiary.required"));
    } else if (ledger
        .accounts()
        .findByOwner(network, OwnerKind.MEMBER, form.beneficiary())
        .isEmpty()) {
      errors.add(new FormError("beneficiary", "funder.grant.beneficiary.unknown"));
    }
    Amount parsed = null;
    try {
      parsed =
          ApiAmounts.parse(
              ApiAmounts.typed(form.amount()), networks.scale(network, StrandKind.AFFECTE));
    } catch (ApiProblemException e) {
      errors.add(new FormError("amount", "form.amount.invalid"));
    }
    LocalDate lastDay = null;
    try {
      // the day after the last must be one the installation takes as well
      lastDay = Dates.day("validUntil", form.validUntil());
      Dates.supported("validUntil", lastDay.plusDays(1));
      if (!lastDay.isAfter(LocalDate.now(clock.withZone(zone)).minusDays(1))) {
        errors.add(new FormError("validUntil", "funder.grant.validUntil.past"));
      }
    } catch (ApiProblemException e) {
      lastDay = null;
      errors.add(new FormError("validUntil", "funder.grant.validUntil.invalid"));
    }
    if (ticked.isEmpty()) {
      errors.add(new FormError("categories", "funder.grant.categories.required"));
    }
    if (form.label().isEmpty() || form.label().length() > 200) {
      errors.add(new FormError("label", "funder.grant.label.required"));
    }
    if (errors.isEmpty()) {
      try {
        Account funder =
            ledger.accounts().findByOwner(network, OwnerKind.FUNDER, caller.username()).stream()
                .filter(a -> a.strand() == StrandKind.AFFECTE)
                .min(Comparator.comparing(a -> a.id().value()))
                .orElseThrow(
                    () ->
                        LedgerProblems.problem(
                            coop.sol.ledger.operation.OperationReason.ACCOUNT_NOT_FOUND));
        VoucherGranted granted =
            LedgerProblems.done(
                vouchers.grant(
                    new VoucherGrant(
                        network,
                        ClientKeys.ledgerKey(caller, key),
                        funder.id(),
                        form.beneficiary(),
                        parsed,
                        // valid through the last day: until the next midnight, local time
                        lastDay.plusDays(1).atStartOfDay(zone).toInstant(),
                        new TreeSet<>(ticked),
                        form.label())));
        return "redirect:/funder/vouchers/" + granted.lot().account().value();
      } catch (ApiProblemException e) {
        errors.add(new FormError(null, problems.problemKey(e.code())));
      }
    }
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("categories", categories(network));
    return "association/vouchers";
  }

  /** Most lots the list shows, the newest; its totals count them all. */
  static final int LOTS_LISTED = 200;

  /**
   * A lot in the funder's list.
   *
   * @param state ACTIVE, FROZEN, EXPIRED, SPENT or SWEPT ({@link GrantedLot.State})
   * @param returned what its expiry gave back to the funder, empty if nothing
   */
  record LotRow(
      long lotId,
      String label,
      String beneficiary,
      String granted,
      String remaining,
      String returned,
      String validUntil,
      String state) {}

  /** The lots this funder granted, with what is left of each, and the totals. */
  @GetMapping("/lots")
  String lots(Caller caller, Locale locale, Model model) {
    NetworkId network = network(caller);
    int scale = networks.scale(network, StrandKind.AFFECTE);
    List<AccountId> funderAccounts =
        ledger.accounts().findByOwner(network, OwnerKind.FUNDER, caller.username()).stream()
            .map(Account::id)
            .toList();
    FunderLots lots = vouchers.grantedBy(network, funderAccounts, LOTS_LISTED);
    java.time.Instant now = clock.instant();
    DateTimeFormatter day =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    List<LotRow> rows = new ArrayList<>();
    for (GrantedLot g : lots.lots()) {
      var lot = g.holding().lot();
      rows.add(
          new LotRow(
              lot.account().value(),
              g.label(),
              lot.beneficiaryRef(),
              Amounts.grouped(lot.amount(), scale, locale),
              Amounts.grouped(g.holding().remaining(), scale, locale),
              g.returned() == 0 ? "" : Amounts.grouped(g.returned(), scale, locale),
              LocalDate.ofInstant(lot.expiresAt(), zone).minusDays(1).format(day),
              g.state(now).name()));
    }
    model.addAttribute("lots", rows);
    model.addAttribute("count", lots.count());
    model.addAttribute("listed", LOTS_LISTED);
    model.addAttribute("totalGranted", Amounts.grouped(lots.granted(), scale, locale));
    model.addAttribute("totalRemaining", Amounts.grouped(lots.remaining(), scale, locale));
    model.addAttribute("totalReturned", Amounts.grouped(lots.returned(), scale, locale));
    return "association/lots";
  }

  /** A lot this funder granted, as a printable voucher. */
  @GetMapping("/vouchers/{id}")
  String voucher(@PathVariable long id, Caller caller, Locale locale, Model model) {
    VoucherHolding holding = lot(caller, id);
    NetworkId network = holding.lot().network();
    int scale = networks.scale(network, StrandKind.AFFECTE);
    String label =
        ledger.accounts().find(network, holding.lot().account()).map(Account::name).orElse("");
    String beneficiary =
        ledger.accounts().find(network, holding.lot().account()).map(Account::ownerRef).orElse("");
    java.util.Map<String, String> names = new java.util.HashMap<>();
    categories(network).forEach(c -> names.put(c.code(), c.label()));
    model.addAttribute(
        "voucher",
        new Voucher(
            id,
            label,
            beneficiary,
            Amounts.format(holding.lot().amount(), scale, locale),
            Amounts.format(holding.remaining(), scale, locale),
            LocalDate.ofInstant(holding.lot().expiresAt(), zone)
                .minusDays(1)
                .format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)),
            holding.lot().categories().stream()
                .sorted()
                .map(c -> names.getOrDefault(c, c))
                .toList(),
            holding.status().name()));
    model.addAttribute("link", link(id));
    return "association/voucher";
  }

  /** The voucher's QR code: the link to the lot in its beneficiary's history. */
  @GetMapping(path = "/vouchers/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
  ResponseEntity<byte[]> qr(@PathVariable long id, Caller caller) {
    VoucherHolding holding = lot(caller, id);
    NetworkId network = holding.lot().network();
    String label =
        ledger.accounts().find(network, holding.lot().account()).map(Account::name).orElse("");
    List<String> lines = new ArrayList<>();
    lines.add(
        new AmountFormat(networks.scale(network, StrandKind.AFFECTE), "SOL")
            .format(holding.lot().amount()));
    if (!label.isBlank()) {
      lines.add(label.length() > 40 ? label.substring(0, 40) : label);
    }
    byte[] png =
        PngRenderer.png(QrSymbol.encode(link(id)), new Caption(lines, true), MODULE_PIXELS);
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .cacheControl(CacheControl.noCache().cachePrivate())
        .body(png);
  }

  private String link(long id) {
    String base =
        publicUrl.isEmpty()
            ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
            : publicUrl;
    return base + "/member/history?account=" + id;
  }

  /** A lot granted from the caller's funder account; 404 for any other. */
  private VoucherHolding lot(Caller caller, long id) {
    if (id > 0) {
      for (NetworkId network : caller.networksAs(Role.FUNDER)) {
        List<AccountId> mine =
            ledger.accounts().findByOwner(network, OwnerKind.FUNDER, caller.username()).stream()
                .map(Account::id)
                .toList();
        Optional<VoucherHolding> found =
            vouchers.lot(network, new AccountId(id)).filter(h -> mine.contains(h.lot().funder()));
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    throw new ApiProblemException(ProblemCode.NOT_FOUND);
  }

  private List<MerchantCategory> categories(NetworkId network) {
    return operations.settings().categories(network);
  }

  static NetworkId network(Caller caller) {
    return caller.networksAs(Role.FUNDER).stream()
        .min(Comparator.comparing(NetworkId::value))
        .orElseThrow(() -> new ApiProblemException(ProblemCode.FORBIDDEN));
  }
}
