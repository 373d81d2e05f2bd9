package coop.sol.web.page.coordinator;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.auth.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /coordinator/accounts}: the accounts of the coordinator's network, members' and merchants'
 * first (by default), with their status and balances, filtered by kind of holder and strand.
 */
@Hidden
@Controller
class AccountsPage {
  private final Ledger ledger;
  private final Coordination coordination;

  AccountsPage(Ledger ledger, Coordination coordination) {
    this.ledger = ledger;
    this.coordination = coordination;
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
