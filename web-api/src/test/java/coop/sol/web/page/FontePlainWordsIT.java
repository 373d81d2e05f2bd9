package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.MovableClock;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The fonte explained to a member on their balances: what it is, when it applies next, and what it
 * would take today — or that it would take nothing from an account they paid from.
 */
@SolApplicationTest
class FontePlainWordsIT {
  private final int port;
  private final Callers callers;
  private final Operations operations;
  private final MovableClock clock;

  @Autowired
  FontePlainWordsIT(@LocalServerPort int port, ApplicationContext context, MovableClock clock) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.operations = context.getBean(Operations.class);
    this.clock = clock;
  }

  @AfterEach
  void backToNow() {
    clock.reset();
  }

  @Test
  void
      a_sleeping_balance_is_told_what_the_fonte_would_take_today_and_a_spender_that_it_is_spared() {
    Network network = callers.newNetwork("fonte-mots");
    var system = operations.settings().setUp(network.id());
    ZoneId paris = ZoneId.of("Europe/Paris");
    LocalDate fundedOn = LocalDate.now(clock.withZone(paris));
    String sleeper = callers.newUser("dormeur", Role.MEMBER, network, "100.00");
    String spender = callers.newUser("depensier", Role.MEMBER, network, "100.00");
    String shop = callers.newUser("epicerie", Role.MERCHANT, network, null);
    operations
        .settings()
        .changeFonteRule(
            network.id(),
            StrandKind.COOPERATION,
            new FonteRule(
                true,
                BasisPoints.of(200),
                Period.ofMonths(3),
                fundedOn.plusDays(1),
                paris,
                1,
                system.fund(StrandKind.COOPERATION)),
            Actor.of("test"))
        .orElseThrow();
    clock.advance(Duration.ofDays(3));
    Account from = callers.account(network, OwnerKind.MEMBER, spender, StrandKind.COOPERATION);
    Account to = callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION);
    assertThat(
            callers
                .as(spender)
                .post(
                    "/api/v1/transfers",
                    Api.json(
                        "debitAccountId",
                        from.id().value(),
                        "creditAccountId",
                        to.id().value(),
                        "amount",
                        "1.00"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .send()
                .status())
        .isEqualTo(201);
    String end =
        fundedOn
            .plusDays(1)
            .plusMonths(3)
            .format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.FRENCH));

    String asleep = PageSession.logIn(port, callers, sleeper, false).get("/member").body();
    assertThat(asleep)
        .contains(
            "Prochaine fonte le "
                + end
                + " : sans paiement d&#39;ici là, ce compte perdrait 2,00 SOL");
    assertThat(asleep).contains("pendant 3 mois perd 2 % de son solde");

    PageSession spenderSession = PageSession.logIn(port, callers, spender, false);
    assertThat(spenderSession.get("/member").body())
        .contains("Prochaine fonte le " + end + " : ce compte n&#39;y est pas soumis");
    assertThat(spenderSession.get("/member?lang=en").body())
        .contains("this account is not subject to it today")
        .contains("made no payment for 3 months loses 2% of its balance");
  }
}
