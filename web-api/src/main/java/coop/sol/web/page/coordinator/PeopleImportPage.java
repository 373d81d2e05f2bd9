package coop.sol.web.page.coordinator;

import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.peopleimport.LineProblem;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.people.PeopleImports;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /coordinator/people/import}: a coordinator uploads a CSV file of people; the page shows
 * the dry run, line by line (what would be created, each problem); confirming imports the same file
 * (it travels back in the form, nothing is kept on the server) and the answer offers the activation
 * letters of the people created as one PDF, on this page only ({@code no-store}).
 */
@Hidden
@Controller
@RequestMapping("/coordinator/people/import")
class PeopleImportPage {
  private final PeopleImports imports;
  private final Coordination coordination;
  private final MessageSource messages;

  PeopleImportPage(PeopleImports imports, Coordination coordination, MessageSource messages) {
    this.imports = imports;
    this.coordination = coordination;
    this.messages = messages;
  }

  record Row(
      int line,
      String username,
      String status,
      String roles,
      String balances,
      List<String> problems) {}

  @GetMapping
  String page(Model model) {
    model.addAttribute("rows", List.of());
    return "coordinator/people-import";
  }

  @PostMapping
  String dryRun(
      @RequestParam(name = "file", required = false) MultipartFile file,
      Caller caller,
      Locale locale,
      Model model)
      throws IOException {
    Network network = coordination.details(coordination.network(caller));
    byte[] bytes = file == null ? new byte[0] : file.getBytes();
    PeopleImports.Report report = imports.dryRun(caller, network, bytes);
    fill(report, network, locale, model);
    if (report.fileProblems().isEmpty() && report.count(PeopleImports.Status.WOULD_CREATE) > 0) {
      model.addAttribute("content", Base64.getEncoder().encodeToString(bytes));
    }
    return "coordinator/people-import";
  }

  @PostMapping("/confirm")
  String confirm(
      @RequestParam(defaultValue = "") String content,
      Caller caller,
      HttpServletRequest http,
      HttpServletResponse response,
      Locale locale,
      Model model) {
    Network network = coordination.details(coordination.network(caller));
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    PeopleImports.Report report = imports.run(caller, network, bytes, ClientAddress.of(http));
    // the letters carry activation codes: this answer is never stored
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    fill(report, network, locale, model);
    if (report.letters() != null) {
      model.addAttribute(
          "letters",
          "data:application/pdf;base64," + Base64.getEncoder().encodeToString(report.letters()));
    }
    return "coordinator/people-import";
  }

  private void fill(PeopleImports.Report report, Network network, Locale locale, Model model) {
    model.addAttribute("report", report);
    model.addAttribute(
        "fileProblems", report.fileProblems().stream().map(p -> text(p, locale)).toList());
    List<Row> rows = new ArrayList<>();
    for (PeopleImports.LineOutcome line : report.lines()) {
      List<String> balances = new ArrayList<>();
      line.balances()
          .forEach(
              (strand, amount) ->
                  balances.add(
                      messages.getMessage("peopleimport.strand." + strand.name(), null, locale)
                          + " "
                          + Decimals.format(amount, network.scale(strand))));
      rows.add(
          new Row(
              line.line(),
              line.username(),
              line.status().name(),
              String.join(", ", line.roles()),
              String.join(", ", balances),
              line.problems().stream().map(p -> text(p, locale)).toList()));
    }
    model.addAttribute("rows", rows);
    model.addAttribute("created", report.count(PeopleImports.Status.CREATED));
    model.addAttribute("wouldCreate", report.count(PeopleImports.Status.WOULD_CREATE));
    model.addAttribute("alreadyCreated", report.count(PeopleImports.Status.ALREADY_CREATED));
    model.addAttribute("skipped", report.count(PeopleImports.Status.SKIPPED));
  }

  private String text(LineProblem problem, Locale locale) {
    String message =
        messages.getMessage(
            "peopleimport.problem." + problem.code().name(),
            problem.arguments().toArray(),
            problem.code().name(),
            locale);
    String where =
        problem.column() == null
            ? messages.getMessage("peopleimport.at.line", new Object[] {problem.line()}, locale)
            : messages.getMessage(
                "peopleimport.at.column", new Object[] {problem.line(), problem.column()}, locale);
    return where + " " + message + " (" + problem.code().name() + ")";
  }
}
