package coop.sol.web.page.coordinator;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.ledger.transfer.TransferSearch;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.problem.ApiProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A coordinator's way into the journal: any account's history (the drill-down from the accounts'
 * list), and the transfers found by number, reference, amount or day, which a correction names.
 */
@Hidden
@Controller
class TransfersPage {
  static final int FOUND = 50;

  private final Coordination coordination;
  private final AccountPages accounts;
  private final Ledger ledger;
  private final ZoneId zone;

  TransfersPage(
      Coordination coordination,
      AccountPages accounts,
      Ledger ledger,
      @Value("${sol.fonte.zone:Europe/Paris}") String zone) {
    this.coordination = coordination;
    this.accounts = accounts;
    this.ledger = ledger;
    this.zone = ZoneId.of(zone);
  }

  /** One account's history, newest first; 404 for an account outside the caller's network. */
  @GetMapping("/coordinator/accounts/{id}")
  String account(
      @PathVariable long id,
      @RequestParam(required = false) Long before,
      Caller caller,
      Locale locale,
      Model model) {
    Account account = accounts.visible(caller, id);
    model.addAttribute("holder", account.name());
    model.addAttribute("ownerKind", account.ownerKind().name());
    model.addAttribute("page", accounts.history(account, before, locale));
    return "coordinator/account";
  }

  /** A transfer found, as the search lists it. */
  record Found(
      long id,
      String date,
      String strand,
      String operationKey,
      String operationArgument,
      String debit,
      long debitId,
      String credit,
      long creditId,
      String amount,
      String reference) {}

  /**
   * @param id the transfer's number
   * @param reference a part of its reference
   * @param amount its amount, as typed ("12,50")
   * @param day the day it was made (ISO, 2026-12-02), in the network's time zone
   */
  @GetMapping("/coordinator/transfers")
  String search(
      @RequestParam(defaultValue = "") String id,
      @RequestParam(defaultValue = "") String reference,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String day,
      Caller caller,
      Locale locale,
      Model model,
      HttpServletResponse response) {
    NetworkId network = coordination.network(caller);
    model.addAttribute("id", id);
    model.addAttribute("reference", reference);
    model.addAttribute("amount", amount);
    model.addAttribute("day", day);
    List<FormError> errors = new ArrayList<>();
    boolean asked = !(id.isBlank() && reference.isBlank() && amount.isBlank() && day.isBlank());
    TransferId transferId = null;
    if (!id.isBlank()) {
      try {
        long value = Long.parseLong(id.strip());
        transferId = value > 0 ? new TransferId(value) : null;
        if (transferId == null) {
          errors.add(new FormError("id", "journalsearch.id.invalid"));
        }
      } catch (NumberFormatException e) {
        errors.add(new FormError("id", "journalsearch.id.invalid"));
      }
    }
    LocalDate date = null;
    if (!day.isBlank()) {
      try {
        date = LocalDate.parse(day.strip());
      } catch (DateTimeParseException e) {
        errors.add(new FormError("day", "journalsearch.day.invalid"));
      }
    }
    String typedAmount = amount.isBlank() ? null : ApiAmounts.typed(amount);
    model.addAttribute("errors", errors);
    if (!asked || !errors.isEmpty()) {
      if (!errors.isEmpty()) {
        response.setStatus(400);
      }
      model.addAttribute("found", null);
      return "coordinator/transfers";
    }
    List<Found> found = new ArrayList<>();
    Map<Long, String> names = new HashMap<>();
    // an amount is read at each strand's scale: the same text may mean another number of units
    List<Long> amounts = new ArrayList<>();
    if (typedAmount != null) {
      for (var strand : coop.sol.ledger.network.StrandKind.values()) {
        try {
          long units =
              ApiAmounts.parse(typedAmount, coordination.scale(network, strand)).minorUnits();
          if (!amounts.contains(units)) {
            amounts.add(units);
          }
        } catch (ApiProblemException e) {
          // not an amount of this strand
        }
      }
      if (amounts.isEmpty()) {
        errors.add(new FormError("amount", "form.amount.invalid"));
        response.setStatus(400);
        model.addAttribute("found", null);
        return "coordinator/transfers";
      }
    } else {
      amounts.add(null);
    }
    for (Long units : amounts) {
      for (Transfer t :
          ledger
              .transfers()
              .search(
                  network,
                  new TransferSearch(
                      transferId,
                      reference.isBlank() ? null : reference,
                      units,
                      date == null ? null : date.atStartOfDay(zone).toInstant(),
                      date == null ? null : date.plusDays(1).atStartOfDay(zone).toInstant(),
                      FOUND))) {
        if (units != null
            && coordination.scale(network, t.strand()) != scaleOf(typedAmount, t, network)) {
          continue;
        }
        found.add(
            new Found(
                t.id().value(),
                accounts.date(t.createdAt(), locale),
                t.strand().name(),
                coop.sol.web.receipt.TransferWords.operationKey(t),
                coop.sol.web.receipt.TransferWords.operationArgument(
                    t, ledger.accounts().find(network, t.credit()).orElse(null)),
                name(network, t.debit().value(), names),
                t.debit().value(),
                name(network, t.credit().value(), names),
                t.credit().value(),
                Amounts.format(t.amount(), coordination.scale(network, t.strand()), locale),
                coop.sol.web.receipt.TransferWords.reference(t)));
      }
    }
    found.sort((a, b) -> Long.compare(b.id(), a.id()));
    model.addAttribute("found", found);
    return "coordinator/transfers";
  }

  /** The scale at which {@code typed} reads as the transfer's amount (the strand's, if it does). */
  private int scaleOf(String typed, Transfer t, NetworkId network) {
    int scale = coordination.scale(network, t.strand());
    try {
      return ApiAmounts.parse(typed, scale).minorUnits() == t.amount() ? scale : -1;
    } catch (ApiProblemException e) {
      return -1;
    }
  }

  private String name(NetworkId network, long account, Map<Long, String> names) {
    return names.computeIfAbsent(
        account,
        id ->
            ledger
                .accounts()
                .find(network, new coop.sol.ledger.account.AccountId(id))
                .map(Account::name)
                .orElse("#" + id));
  }
}
