package coop.sol.web.people;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.peopleimport.ImportLine;
import coop.sol.ledger.peopleimport.ImportProblem;
import coop.sol.ledger.peopleimport.LineProblem;
import coop.sol.ledger.peopleimport.OpeningBalances;
import coop.sol.ledger.peopleimport.ParsedImport;
import coop.sol.ledger.peopleimport.PeopleCsv;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.Role;
import coop.sol.web.user.Users;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Imports a file of people into a network for one of its coordinators (docs/people-and-access.md,
 * "Bulk import"). The file is read and checked by ledger-core ({@link PeopleCsv}); here each line
 * is checked against what exists (the username, the cashier's merchant, the categories, the
 * network's set-up) and then, unless it is a dry run, enrolled through {@link People#enrol} (the
 * one door of enrolment: its rules, its audit entry, its activation), given its directory listing
 * and its opening balances ({@link OpeningBalances}).
 *
 * <p>A line with a problem is skipped and reported; the other lines proceed. Idempotent: a username
 * that exists in the network is "already created" (not an error, and nothing of it is changed but
 * what an earlier run left undone: a listing it lacks, an opening balance not posted); opening
 * balances are keyed by network, username and strand. Nothing is kept in memory between requests:
 * two runs at once, on one instance or two, create each person once (the username is unique in the
 * database) and post each balance once (the ledger's idempotency keys).
 */
@Service
public class PeopleImports {
  private final People people;
  private final Users users;
  private final Ledger ledger;
  private final Operations operations;
  private final ActivationLetters letters;
  private final AuditLog audit;
  private final PeopleCsv csv;

  PeopleImports(
      People people,
      Users users,
      Ledger ledger,
      Operations operations,
      ActivationLetters letters,
      AuditLog audit) {
    this.people = people;
    this.users = users;
    this.ledger = ledger;
    this.operations = operations;
    this.letters = letters;
    this.audit = audit;
    Map<String, String> names = new HashMap<>();
    Map<String, OwnerKind> accounts = new HashMap<>();
    for (Role role : People.NETWORK_ROLES) {
      names.put(role.name(), role.name());
      role.accountKind().ifPresent(kind -> accounts.put(role.name(), kind));
    }
    names.put("EXCHANGE_OFFICE", Role.EXCHANGE_AGENT.name());
    this.csv = new PeopleCsv(names, accounts);
  }

  /** What became (or would become) of a line. */
  public enum Status {
    /** A dry run: the person would be created. */
    WOULD_CREATE,
    CREATED,
    /** The username exists in the network: nothing created. */
    ALREADY_CREATED,
    /** The line has problems: skipped. */
    SKIPPED
  }

  /**
   * One line's outcome.
   *
   * @param balances the opening balances the line gives (minor units by strand)
   * @param balancesPosted how many of them this run posted (0 in a dry run, and for those an
   *     earlier run posted)
   */
  public record LineOutcome(
      int line,
      String username,
      Status status,
      List<String> roles,
      Map<StrandKind, Long> balances,
      int balancesPosted,
      boolean listing,
      List<LineProblem> problems) {
    public LineOutcome {
      roles = List.copyOf(roles);
      balances = Map.copyOf(balances);
      problems = List.copyOf(problems);
    }
  }

  /**
   * An import's report.
   *
   * @param fileProblems if not empty, the file could not be read and nothing was done
   * @param letters the activation letters of the people this run created, one PDF; null when nobody
   *     was created (and in a dry run)
   */
  public record Report(
      boolean dryRun,
      String sha256,
      List<LineProblem> fileProblems,
      List<LineOutcome> lines,
      byte[] letters) {
    public Report {
      fileProblems = List.copyOf(fileProblems);
      lines = List.copyOf(lines);
    }

    public long count(Status status) {
      return lines.stream().filter(l -> l.status() == status).count();
    }

    public int balancesPosted() {
      return lines.stream().mapToInt(LineOutcome::balancesPosted).sum();
    }

    @Override
    public String toString() {
      return "Report[" + sha256 + ", " + lines.size() + " lines]";
    }
  }

  /** What the file would do: changes nothing. For the network's coordinators (404 otherwise). */
  public Report dryRun(Caller caller, Network network, byte[] file) {
    authorize(caller, network);
    ParsedImport parsed = csv.parse(file, network);
    if (!parsed.readable()) {
      return new Report(true, parsed.sha256(), parsed.fileProblems(), List.of(), null);
    }
    List<LineOutcome> outcomes = new ArrayList<>();
    Set<String> merchants = new HashSet<>();
    for (ParsedImport.Line line : parsed.lines()) {
      Checked checked = check(network, line, merchants);
      outcomes.add(
          checked.outcome(
              checked.problems.isEmpty()
                  ? checked.existing ? Status.ALREADY_CREATED : Status.WOULD_CREATE
                  : Status.SKIPPED,
              0));
    }
    return new Report(true, parsed.sha256(), List.of(), outcomes, null);
  }

  /**
   * Imports the file: each line without problems is created (or found already created), listed and
   * given its opening balances; the letters of those created come back as one PDF. Audited.
   */
  public Report run(Caller caller, Network network, byte[] file, String clientAddress) {
    authorize(caller, network);
    ParsedImport parsed = csv.parse(file, network);
    if (!parsed.readable()) {
      return new Report(false, parsed.sha256(), parsed.fileProblems(), List.of(), null);
    }
    List<LineOutcome> outcomes = new ArrayList<>();
    List<People.Letter> created = new ArrayList<>();
    Set<String> merchants = new HashSet<>();
    String defaultLanguage =
        ledger.networks().profile(network.id()).map(p -> p.defaultLanguage()).orElse("fr");
    for (ParsedImport.Line line : parsed.lines()) {
      Checked checked = check(network, line, merchants);
      if (!checked.problems.isEmpty()) {
        outcomes.add(checked.outcome(Status.SKIPPED, 0));
        continue;
      }
      ImportLine person = line.person();
      Status status = Status.ALREADY_CREATED;
      if (!checked.existing) {
        try {
          People.Issued issued =
              people.enrol(
                  caller,
                  network,
                  new People.Enrolment(
                      person.username(),
                      person.displayName(),
                      person.email(),
                      person.language(),
                      person.roles(),
                      person.merchant()),
                  clientAddress);
          status = Status.CREATED;
          created.add(
              new People.Letter(
                  issued.username(),
                  issued.displayName(),
                  network.name(),
                  grouped(issued.code()),
                  issued.link(),
                  issued.expiresAt(),
                  person.language() == null ? defaultLanguage : person.language()));
        } catch (ApiProblemException e) {
          if (!ProblemCode.USERNAME_TAKEN.name().equals(e.code())) {
            checked.problems.add(
                new LineProblem(
                    line.line(), null, ImportProblem.ENROLMENT_REFUSED, List.of(e.code())));
            outcomes.add(checked.outcome(Status.SKIPPED, 0));
            continue;
          }
          // created meanwhile by another run: already created
        }
      }
      list(network, person, caller, status == Status.CREATED);
      int posted = 0;
      for (ImportLine.OpeningBalance balance : person.balances()) {
        Outcome<OpeningBalances.Posted> outcome =
            operations.openingBalances().post(network.id(), person.username(), balance);
        if (outcome instanceof Outcome.Done<OpeningBalances.Posted> done) {
          posted += done.value().replayed() ? 0 : 1;
        } else {
          checked.problems.add(balanceProblem(line.line(), balance.strand(), outcome));
        }
      }
      outcomes.add(checked.outcome(status, posted));
    }
    Report report =
        new Report(
            false,
            parsed.sha256(),
            List.of(),
            outcomes,
            created.isEmpty() ? null : letters.renderAll(created));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sha256", parsed.sha256());
    details.put("lines", outcomes.size());
    details.put("created", report.count(Status.CREATED));
    details.put("alreadyCreated", report.count(Status.ALREADY_CREATED));
    details.put("skipped", report.count(Status.SKIPPED));
    details.put("balancesPosted", report.balancesPosted());
    audit.record(
        new AuditRecord(
            AuditAction.PEOPLE_IMPORTED,
            Set.of(network.id()),
            false,
            caller.userId(),
            caller.username(),
            "import " + parsed.sha256().substring(0, 12),
            clientAddress,
            details));
    return report;
  }

  // --- checks against what exists

  private final class Checked {
    final ParsedImport.Line line;
    final List<LineProblem> problems;
    boolean existing;

    Checked(ParsedImport.Line line) {
      this.line = line;
      this.problems = new ArrayList<>(line.problems());
    }

    LineOutcome outcome(Status status, int posted) {
      ImportLine person = line.person();
      Map<StrandKind, Long> balances = new LinkedHashMap<>();
      if (person != null) {
        person.balances().forEach(b -> balances.put(b.strand(), b.amount()));
      }
      return new LineOutcome(
          line.line(),
          line.username(),
          status,
          person == null ? List.of() : person.roles(),
          balances,
          posted,
          person != null && person.listing() != null,
          problems);
    }
  }

  private Checked check(Network network, ParsedImport.Line line, Set<String> merchants) {
    Checked checked = new Checked(line);
    ImportLine person = line.person();
    if (person == null) {
      return checked;
    }
    int n = line.line();
    Optional<AppUser> user = users.find(person.username());
    if (user.isPresent()) {
      boolean inNetwork =
          user.get().roles().stream().anyMatch(g -> network.id().equals(g.network()))
              || people.coordinatorPending(network, user.get().id());
      if (inNetwork) {
        checked.existing = true;
      } else {
        checked.problems.add(problem(n, "username", ImportProblem.USERNAME_TAKEN));
      }
    }
    if (person.merchant() != null
        && !merchants.contains(person.merchant())
        && !isMerchant(network, person.merchant())) {
      checked.problems.add(
          problem(n, "merchant", ImportProblem.UNKNOWN_MERCHANT, person.merchant()));
    }
    if (!person.categories().isEmpty()) {
      Set<String> unknown =
          operations.settings().unknownCategories(network.id(), person.categories());
      if (!unknown.isEmpty()) {
        checked.problems.add(
            problem(n, "category", ImportProblem.UNKNOWN_CATEGORY, String.join(", ", unknown)));
      }
    }
    if (!person.balances().isEmpty()) {
      boolean cooperation =
          person.balances().stream().anyMatch(b -> b.strand() == StrandKind.COOPERATION);
      if (operations.openingBalances().unavailable(network.id(), cooperation).isPresent()) {
        checked.problems.add(problem(n, null, ImportProblem.NETWORK_NOT_SET_UP));
      }
      for (ImportLine.OpeningBalance balance : person.balances()) {
        var posted =
            ledger
                .transfers()
                .findByKey(
                    network.id(),
                    OperationKeys.leg(
                        OpeningBalances.key(network.id(), person.username(), balance.strand()),
                        "sol"));
        if (posted.isPresent() && posted.get().amount() != balance.amount()) {
          checked.problems.add(
              problem(
                  n,
                  column(balance.strand()),
                  ImportProblem.OPENING_BALANCE_DIFFERS,
                  coop.sol.ledger.money.Decimals.format(
                      posted.get().amount(), network.scale(balance.strand()))));
        }
      }
    }
    if (checked.problems.isEmpty() && person.roles().contains(Role.MERCHANT.name())) {
      merchants.add(person.username());
    }
    return checked;
  }

  /**
   * The listing and categories of a merchant, unless it has them (a coordinator may have edited).
   */
  private void list(Network network, ImportLine person, Caller caller, boolean created) {
    if (person.listing() == null && person.categories().isEmpty()) {
      return;
    }
    var settings = operations.settings();
    if (!person.categories().isEmpty()
        && (created || settings.merchantCategories(network.id(), person.username()).isEmpty())) {
      settings.changeMerchantCategories(
          network.id(), person.username(), person.categories(), Actor.of(caller.username()));
    }
    var directory = operations.directory();
    if (person.listing() != null && directory.entry(network.id(), person.username()).isEmpty()) {
      directory.save(person.listing(), caller.username());
    }
  }

  private boolean isMerchant(Network network, String username) {
    return users
        .find(username)
        .map(
            m ->
                m.roles().stream()
                    .anyMatch(g -> g.role() == Role.MERCHANT && network.id().equals(g.network())))
        .orElse(false);
  }

  private static LineProblem balanceProblem(
      int line, StrandKind strand, Outcome<OpeningBalances.Posted> outcome) {
    if (outcome instanceof Outcome.Rejected<OpeningBalances.Posted> r
        && r.reason() == RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT) {
      return problem(line, column(strand), ImportProblem.OPENING_BALANCE_DIFFERS, "?");
    }
    String reason =
        outcome instanceof Outcome.Rejected<OpeningBalances.Posted> r
            ? r.reason().name()
            : ((Outcome.Refused<OpeningBalances.Posted>) outcome).reason().name();
    return problem(line, column(strand), ImportProblem.OPENING_BALANCE_REFUSED, reason);
  }

  private static String column(StrandKind strand) {
    return coop.sol.ledger.peopleimport.ImportColumn.balance(strand).orElseThrow().english();
  }

  private static LineProblem problem(
      int line, String column, ImportProblem code, String... arguments) {
    return new LineProblem(line, column, code, List.of(arguments));
  }

  private static String grouped(String code) {
    String plain = ActivationCodes.normalise(code).orElse(code);
    return plain.replaceAll("(.{4})(?!$)", "$1-");
  }

  private void authorize(Caller caller, Network network) {
    if (!caller.holds(Role.COORDINATOR, network.id())) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
  }
}
