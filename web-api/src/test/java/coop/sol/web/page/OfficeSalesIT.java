package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.EuroRate;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * An exchange office's sales with the limits its network sets from the settings page: a sale above
 * the threshold asks for confirmation, the daily limit refuses what would pass it; the buyer found
 * by name; recent sales with buyer and SOL, thousands grouped in the user's language.
 */
@SolApplicationTest
class OfficeSalesIT {
  private final int port;
  private final Callers callers;
  private final Operations operations;

  @Autowired
  OfficeSalesIT(@LocalServerPort int port, ApplicationContext context, Operations operations) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.operations = operations;
  }

  @Test
  void a_coordinator_sets_the_limits_and_the_office_sells_within_them() {
    Network network = callers.newNetwork("comptoir-limites");
    operations.settings().setUp(network.id());
    operations
        .settings()
        .changeRates(
            network.id(),
            new NetworkRates(EuroRate.of("1.00"), BasisPoints.of(0), BasisPoints.of(0)),
            Actor.of("test"));
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    String agent = callers.newUser("agent", Role.EXCHANGE_AGENT, network, null);
    String zoe = callers.newUser("zoeacheteuse", Role.MEMBER, network, null);
    callers.newUser("dupont", Role.MEMBER, network, null);
    callers.newUser("dupont", Role.MEMBER, network, null);

    // the settings page: confirmation above 1 000,00 €, at most 1 500,00 € a day per office
    PageSession settings = PageSession.logIn(port, callers, coordinator, true);
    HttpResponse<String> invalid =
        settings.submit(
            "/coordinator/settings",
            "/coordinator/settings/exchange",
            "confirmAbove",
            "mille",
            "dailyLimit",
            "");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("href=\"#confirmAbove\"");
    HttpResponse<String> saved =
        settings.submit(
            "/coordinator/settings",
            "/coordinator/settings/exchange",
            "confirmAbove",
            "1000",
            "dailyLimit",
            "1500,00");
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(settings.get("/coordinator/settings").body())
        .contains("value=\"1000,00\"", "value=\"1500,00\"");

    PageSession office = PageSession.logIn(port, callers, agent, false);
    // by name: several people called dupont, the page asks which
    HttpResponse<String> several =
        office.submit("/office", "/office/sales", "buyer", "dupont", "euros", "10", "key", "s0");
    assertThat(several.body()).contains("data-buyer-candidates").contains("Plusieurs personnes");
    // above the threshold: a confirmation first, nothing sold yet
    HttpResponse<String> asks =
        office.submit("/office", "/office/sales", "buyer", "zoeache", "euros", "1200", "key", "s1");
    assertThat(asks.statusCode()).isEqualTo(200);
    assertThat(asks.body()).contains("data-sale-confirm").contains("1\u202f200,00 €");
    assertThat(balance(network, zoe)).isZero();
    HttpResponse<String> sold =
        office.submit(
            "/office",
            "/office/sales",
            "buyerPick",
            zoe,
            "euros",
            "1200",
            "key",
            "s1",
            "confirmed",
            "true");
    assertThat(sold.statusCode()).as(sold.body()).isEqualTo(302);
    assertThat(balance(network, zoe)).isEqualTo(1200_00);
    // the recent sales: buyer and SOL, grouped thousands
    String till = office.get("/office").body();
    assertThat(till).contains("data-office-sales").contains(zoe).contains("1\u202f200,00 SOL");
    // 1 200 + 400 would pass the day's 1 500: refused, in words
    HttpResponse<String> over =
        office.submit("/office", "/office/sales", "buyer", zoe, "euros", "400", "key", "s2");
    assertThat(over.statusCode()).isEqualTo(200);
    assertThat(over.body()).contains("limite journalière du comptoir");
    assertThat(balance(network, zoe)).isEqualTo(1200_00);
    assertThat(operations.exchange().soldToday(network.id(), agent)).isEqualTo(1200_00);
  }

  private long balance(Network network, String member) {
    return callers
        .account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION)
        .balance()
        .posted();
  }
}
