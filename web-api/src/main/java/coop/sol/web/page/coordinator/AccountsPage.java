package coop.sol.web.page.coordinator;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.lifecycle.StatusChange;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.Outcome;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.LedgerProblems;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /coordinator/accounts}: the accounts of the coordinator's network, members' and merchants'
 * first (by default), with their status and balances, filtered by kind of holder and strand.
 */
@Hidden
@Controller
class AccountsPage {
  private final Ledger ledger;
  private final Coordination coordination;
  private final Operations operations;
  private final AuditLog audit;

  AccountsPage(Ledger ledger, Coordination coordination, Operations operations, AuditLog audit) {
    this.ledger = ledger;
    this.coordination = coordination;
    this.operations = operations;
    this.audit = audit;
  }

  record Row(
      long id,
      String name,
      String owner,
      String kind,
      String strand,
      String status,
      String available,
      String posted) {}

  /**
   * Freezes or unfreezes an account of the coordinator's network, with a reason: the same rule,
   * record and audit entry as {@code POST /api/v1/accounts/{id}/freeze}.
   */
  @PostMapping("/coordinator/accounts/{id}/status")
  String status(
      @PathVariable long id,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String reason,
      Caller caller,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    NetworkId network = coordination.network(caller);
    Optional<Account> account =
        id <= 0 ? Optional.empty() : ledger.accounts().find(network, new AccountId(id));
    boolean freeze = "freeze".equals(action);
    String why = reason == null ? "" : reason.strip();
    if (account.isEmpty() || (!freeze && !"unfreeze".equals(action))) {
      redirect.addFlashAttribute("messageKey", "problem.NOT_FOUND");
    } else if (why.isEmpty() || why.length() > 500) {
      redirect.addFlashAttribute("messageKey", "coordinator.accounts.reason.required");
    } else {
      Actor by = Actor.of(caller.username());
      Outcome<List<StatusChange>> outcome =
          freeze
              ? operations.lifecycle().freeze(network, account.get().id(), why, by)
              : operations.lifecycle().unfreeze(network, account.get().id(), why, by);
      if (outcome instanceof Outcome.Done<List<StatusChange>> done) {
        if (!done.value().isEmpty()) {
          audit.record(
              caller,
              http,
              freeze ? AuditAction.ACCOUNT_FROZEN : AuditAction.ACCOUNT_UNFROZEN,
              network,
              "account " + id,
              Map.of("reason", why, "status", done.value().get(0).to().name()));
        }
        redirect.addFlashAttribute(
            "messageKey", freeze ? "coordinator.accounts.frozen" : "coordinator.accounts.unfrozen");
      } else {
        redirect.addFlashAttribute("messageKey", "problem." + LedgerProblems.code(outcome));
      }
    }
    redirect.addAttribute("kind", account.map(a -> a.ownerKind().name()).orElse(""));
    return "redirect:/coordinator/accounts";
  }

  @GetMapping("/coordinator/accounts")
  String accounts(
      @RequestParam(defaultValue = "MEMBER") String kind,
      @RequestParam(defaultValue = "") String strand,
      @RequestParam(defaultValue = "") String q,
      Caller caller,
      Locale locale,
      Model model) {
    NetworkId network = coordination.network(caller);
    OwnerKind ownerKind =
        Arrays.stream(OwnerKind.values())
            .filter(k -> k.name().equals(kind))
            .findFirst()
            .orElse(null);
    StrandKind strandKind =
        Arrays.stream(StrandKind.values())
            .filter(s -> s.name().equals(strand))
            .findFirst()
            .orElse(null);
    String search = q.strip().toLowerCase(Locale.ROOT);
    List<Row> rows =
        ledger.accounts().list(network).stream()
            .filter(a -> ownerKind == null || a.ownerKind() == ownerKind)
            .filter(a -> strandKind == null || a.strand() == strandKind)
            .filter(
                a ->
                    search.isEmpty()
                        || a.ownerRef().toLowerCase(Locale.ROOT).contains(search)
                        || a.name().toLowerCase(Locale.ROOT).contains(search))
            .sorted(
                Comparator.comparing(Account::ownerRef)
                    .thenComparing(a -> a.strand().ordinal())
                    .thenComparing(a -> a.id().value()))
            .map(
                a ->
                    new Row(
                        a.id().value(),
                        a.name(),
                        a.ownerRef(),
                        a.ownerKind().name(),
                        a.strand().name(),
                        a.status().name(),
                        coordination.format(network, a.strand(), a.balance().available(), locale),
                        coordination.format(network, a.strand(), a.balance().posted(), locale)))
            .toList();
    model.addAttribute("rows", rows);
    model.addAttribute("kinds", OwnerKind.values());
    model.addAttribute("strands", StrandKind.values());
    model.addAttribute("kind", ownerKind == null ? "" : ownerKind.name());
    model.addAttribute("strand", strandKind == null ? "" : strandKind.name());
    model.addAttribute("q", q.strip());
    return "coordinator/accounts";
  }
}
