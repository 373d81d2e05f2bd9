package coop.sol.web.report;

import coop.sol.ledger.card.CardEvent;
import coop.sol.ledger.card.Cards;
import coop.sol.ledger.network.NetworkId;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Member cards issued (replacements included), blocked (by wrong PINs among them) and replaced in a
 * report's period, for the coordinators' dashboard and the report's PDF (docs/member-card.md).
 */
public final class CardCounts {
  private CardCounts() {}

  /**
   * The counts in [from, to) local days of {@code zone}, keyed {@code issued}, {@code blocked},
   * {@code unblocked}, {@code replaced}, {@code pinReset}, in this order.
   */
  public static Map<String, Long> of(
      Cards cards, NetworkId network, LocalDate from, LocalDate to, ZoneId zone) {
    Map<CardEvent, Long> counts =
        cards.counts(
            network, from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant());
    Map<String, Long> shown = new LinkedHashMap<>();
    shown.put("issued", counts.get(CardEvent.ISSUED));
    shown.put("blocked", counts.get(CardEvent.BLOCKED));
    shown.put("unblocked", counts.get(CardEvent.UNBLOCKED));
    shown.put("replaced", counts.get(CardEvent.REPLACED));
    shown.put("pinReset", counts.get(CardEvent.PIN_RESET));
    return shown;
  }

  static Map<String, Long> of(Cards cards, ReportService.Computed computed) {
    var header = computed.report().header();
    return of(
        cards,
        computed.network().id(),
        header.period().from(),
        header.period().to(),
        header.timeZone());
  }
}
