package coop.sol.web.page.coordinator;

import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.Amounts;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /coordinator/audit}: the audit log of the coordinator's networks (as {@code GET
 * /api/v1/audit} reads it), newest first, {@value #PAGE_SIZE} entries a page, filtered by action
 * and by who acted. The filter reads the log by batches of {@value #BATCH} entries, at most {@value
 * #MAX_SCANNED} for one page, so that a rare action in a long log still answers quickly; the next
 * page carries on from where it stopped.
 */
@Hidden
@Controller
class AuditPage {
  static final int PAGE_SIZE = 50;
  static final int BATCH = 200;
  static final int MAX_SCANNED = 5_000;

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+\\.[0-9]+");
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]+");

  private final AuditLog audit;
  private final AccountPages accounts;
  private final MessageSource messages;

  AuditPage(AuditLog audit, AccountPages accounts, MessageSource messages) {
    this.audit = audit;
    this.accounts = accounts;
    this.messages = messages;
  }

  record Row(
      long id,
      String date,
      String actor,
      String action,
      String target,
      String address,
      String details) {}

  @GetMapping("/coordinator/audit")
  String page(
      @RequestParam(defaultValue = "") String action,
      @RequestParam(defaultValue = "") String actor,
      @RequestParam(required = false) Long before,
      Caller caller,
      Locale locale,
      Model model) {
    String wantedAction = action.strip();
    String wantedActor = actor.strip().toLowerCase(Locale.ROOT);
    Long cursor = before == null || before <= 0 ? null : before;
    List<Row> rows = new ArrayList<>();
    int scanned = 0;
    boolean more = true;
    while (rows.size() < PAGE_SIZE && scanned < MAX_SCANNED) {
      List<AuditLog.AuditEvent> batch =
          audit.page(caller.networksAs(Role.COORDINATOR), false, cursor, BATCH);
      if (batch.isEmpty()) {
        more = false;
        break;
      }
      for (AuditLog.AuditEvent e : batch) {
        scanned++;
        cursor = e.id();
        if ((wantedAction.isEmpty() || e.action().equals(wantedAction))
            && (wantedActor.isEmpty()
                || e.actor().toLowerCase(Locale.ROOT).contains(wantedActor))) {
          rows.add(
              new Row(
                  e.id(),
                  accounts.date(e.occurredAt(), locale),
                  e.actor(),
                  e.action(),
                  e.target(),
                  e.clientAddress(),
                  details(e.details(), locale)));
          if (rows.size() == PAGE_SIZE) {
            break;
          }
        }
      }
      if (batch.size() < BATCH && rows.size() < PAGE_SIZE) {
        more = false;
        break;
      }
    }
    model.addAttribute("rows", rows);
    model.addAttribute("next", more ? cursor : null);
    model.addAttribute("action", wantedAction);
    model.addAttribute("actor", actor.strip());
    model.addAttribute("actions", AuditAction.values());
    return "coordinator/audit";
  }

  /**
   * The entry's details as "label: value" pairs in a stable order, in the reader's language: each
   * key labelled ({@code audit.detail.<key>}, the key itself when it has none), decimal amounts
   * with the reader's decimal mark, known codes (a status, a strand) in words.
   */
  String details(Map<String, Object> details, Locale locale) {
    return new TreeMap<>(details)
        .entrySet().stream()
            .map(
                e ->
                    messages.getMessage("audit.detail." + e.getKey(), null, e.getKey(), locale)
                        + " : "
                        + value(e.getValue(), locale))
            .collect(Collectors.joining(" · "));
  }

  private String value(Object value, Locale locale) {
    String text = String.valueOf(value);
    if (DECIMAL.matcher(text).matches()) {
      return Amounts.localized(text, locale);
    }
    if (CODE.matcher(text).matches()) {
      String words = messages.getMessage("strand." + text, null, null, locale);
      if (words == null) {
        words = messages.getMessage("audit.value." + text, null, null, locale);
      }
      return words == null ? text : words;
    }
    if (value instanceof Boolean b) {
      return messages.getMessage("audit.value." + b, null, text, locale);
    }
    return text;
  }
}
