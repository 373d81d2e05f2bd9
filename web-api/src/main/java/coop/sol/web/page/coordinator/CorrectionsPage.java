package coop.sol.web.page.coordinator;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.correction.Correction;
import coop.sol.ledger.correction.CorrectionProposal;
import coop.sol.ledger.correction.Corrections;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.FormError;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /coordinator/corrections}: corrections under dual control, with the services of {@code
 * /api/v1/corrections}. A coordinator proposes the reversal of (part of) a transfer, or a new
 * transfer between two accounts, with its reason; another coordinator approves it (it is posted) or
 * declines it. The proposer sees their own proposals waiting, without the buttons to decide them
 * (the service refuses it anyway). Every step is audited, as in the API.
 */
@Hidden
@Controller
@RequestMapping("/coordinator/corrections")
class CorrectionsPage {
  private final Ledger ledger;
  private final Corrections corrections;
  private final Coordination coordination;
  private final AccountPages accounts;
  private final ProblemMessages problems;

  CorrectionsPage(
      Ledger ledger,
      Operations operations,
      Coordination coordination,
      AccountPages accounts,
      ProblemMessages problems) {
    this.ledger = ledger;
    this.corrections = operations.corrections();
    this.coordination = coordination;
    this.accounts = accounts;
    this.problems = problems;
  }

  record Row(
      long id,
      String strand,
      String debit,
      String credit,
      String amount,
      Long reverses,
      String reason,
      String proposedBy,
      String proposedAt,
      boolean mine) {}

  record ProposalForm(
      String kind,
      String transferId,
      String strand,
      String debit,
      String credit,
      String amount,
      String reason) {}

  @GetMapping
  String page(Caller caller, Locale locale, Model model) {
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new ProposalForm("reversal", "", "COOPERATION", "", "", "", ""));
    }
    model.addAttribute("errors", List.of());
    fill(caller, locale, model);
    return "coordinator/corrections";
  }

  @PostMapping
  String propose(
      @RequestParam(defaultValue = "reversal") String kind,
      @RequestParam(defaultValue = "") String transferId,
      @RequestParam(defaultValue = "") String strand,
      @RequestParam(defaultValue = "") String debit,
      @RequestParam(defaultValue = "") String credit,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String reason,
      Caller caller,
      Locale locale,
      HttpServletRequest http,
      Model model,
      RedirectAttributes redirect) {
    NetworkId network = coordination.network(caller);
    ProposalForm form =
        new ProposalForm(
            "transfer".equals(kind) ? "transfer" : "reversal",
            transferId.strip(),
            strand.strip(),
            debit.strip(),
            credit.strip(),
            amount.strip(),
            reason.strip());
    List<FormError> errors = new ArrayList<>();
    if (form.reason().isEmpty() || form.reason().length() > 500) {
      errors.add(new FormError("reason", "coordinator.corrections.reason.required"));
    }
    CorrectionProposal proposal = null;
    if (form.kind().equals("reversal")) {
      Optional<Transfer> original =
          id(form.transferId())
              .flatMap(id -> ledger.transfers().findIn(Set.of(network), new TransferId(id)));
      if (original.isEmpty()) {
        errors.add(new FormError("transferId", "coordinator.corrections.transfer.unknown"));
      } else {
        Amount parsed = amount(network, original.get().strand(), form.amount(), errors);
        if (parsed != null && errors.isEmpty()) {
          proposal = CorrectionProposal.reversal(original.get().id(), parsed, form.reason());
        }
      }
    } else {
      StrandKind kindOfSol =
          Coordination.strand(
              form.strand(),
              List.of(
                  StrandKind.COOPERATION,
                  StrandKind.ENGAGEMENT,
                  StrandKind.AFFECTE,
                  StrandKind.EURO));
      Optional<Account> debitAccount = account(network, form.debit());
      Optional<Account> creditAccount = account(network, form.credit());
      if (debitAccount.isEmpty()) {
        errors.add(new FormError("debit", "coordinator.corrections.account.unknown"));
      }
      if (creditAccount.isEmpty()) {
        errors.add(new FormError("credit", "coordinator.corrections.account.unknown"));
      } else if (debitAccount.isPresent()
          && debitAccount.get().id().equals(creditAccount.get().id())) {
        errors.add(new FormError("credit", "coordinator.corrections.account.same"));
      }
      Amount parsed = amount(network, kindOfSol, form.amount(), errors);
      if (parsed != null && errors.isEmpty()) {
        proposal =
            CorrectionProposal.transfer(
                kindOfSol,
                debitAccount.get().id(),
                creditAccount.get().id(),
                parsed,
                form.reason());
      }
    }
    if (errors.isEmpty()) {
      try {
        Correction proposed =
            LedgerProblems.done(
                corrections.propose(network, proposal, Actor.of(caller.username())));
        audit(caller, http, AuditAction.CORRECTION_PROPOSED, proposed);
        redirect.addFlashAttribute("done", "coordinator.corrections.proposed");
        redirect.addFlashAttribute("doneId", proposed.id());
        return "redirect:/coordinator/corrections";
      } catch (ApiProblemException e) {
        errors.add(new FormError(null, problems.problemKey(e.code())));
      }
    }
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    fill(caller, locale, model);
    return "coordinator/corrections";
  }

  @PostMapping("/{id}/approve")
  String approve(
      @PathVariable long id, Caller caller, HttpServletRequest http, RedirectAttributes redirect) {
    return decide(id, true, caller, http, redirect);
  }

  @PostMapping("/{id}/decline")
  String decline(
      @PathVariable long id, Caller caller, HttpServletRequest http, RedirectAttributes redirect) {
    return decide(id, false, caller, http, redirect);
  }

  private String decide(
      long id,
      boolean approve,
      Caller caller,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    NetworkId network = coordination.network(caller);
    Correction found =
        (id > 0 ? corrections.find(network, id) : Optional.<Correction>empty())
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    Actor me = Actor.of(caller.username());
    try {
      Correction decided =
          LedgerProblems.done(
              approve
                  ? corrections.approve(found.network(), id, me)
                  : corrections.decline(found.network(), id, me));
      audit(
          caller,
          http,
          approve ? AuditAction.CORRECTION_APPROVED : AuditAction.CORRECTION_DECLINED,
          decided);
      redirect.addFlashAttribute(
          "done",
          approve ? "coordinator.corrections.approved" : "coordinator.corrections.declined");
      redirect.addFlashAttribute("doneId", id);
    } catch (ApiProblemException e) {
      redirect.addFlashAttribute("decisionError", problems.problemKey(e.code()));
    }
    return "redirect:/coordinator/corrections";
  }

  private void fill(Caller caller, Locale locale, Model model) {
    NetworkId network = coordination.network(caller);
    List<Row> rows = new ArrayList<>();
    for (Correction c : corrections.awaitingApproval(network)) {
      rows.add(
          new Row(
              c.id(),
              c.strand().name(),
              name(network, c.debit()),
              name(network, c.credit()),
              coordination.format(network, c.strand(), c.amount(), locale),
              c.reverses().map(TransferId::value).orElse(null),
              c.reason(),
              c.proposedBy().id(),
              accounts.date(c.proposedAt(), locale),
              c.proposedBy().id().equals(caller.username())));
    }
    model.addAttribute("pending", rows);
    model.addAttribute(
        "strands",
        List.of(
            StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE, StrandKind.EURO));
  }

  private String name(NetworkId network, AccountId id) {
    return ledger
        .accounts()
        .find(network, id)
        .map(a -> a.name() + " (n° " + a.id().value() + ")")
        .orElse("n° " + id.value());
  }

  private Amount amount(NetworkId network, StrandKind strand, String text, List<FormError> errors) {
    try {
      return ApiAmounts.parse(ApiAmounts.typed(text), coordination.scale(network, strand));
    } catch (ApiProblemException e) {
      errors.add(new FormError("amount", "form.amount.invalid"));
      return null;
    }
  }

  private Optional<Account> account(NetworkId network, String text) {
    return id(text).flatMap(id -> ledger.accounts().find(network, new AccountId(id)));
  }

  private static Optional<Long> id(String text) {
    try {
      long id = Long.parseLong(text);
      return id > 0 ? Optional.of(id) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void audit(Caller caller, HttpServletRequest http, AuditAction action, Correction c) {
    coordination.audit(
        caller,
        http,
        action,
        c.network(),
        "correction " + c.id(),
        Map.of(
            "strand", c.strand().name(),
            "amount",
                coop.sol.ledger.money.Decimals.format(
                    c.amount(), coordination.scale(c.network(), c.strand())),
            "reason", c.reason(),
            "status", c.status().name()));
  }
}
