package coop.sol.ledger.settings;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.testing.OperationsFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NetworkSettingsIT {
  static OperationsFixture of;
  static NetworkSettings settings;
  static final Actor ANNE = Actor.of("anne");
  static final Actor BEN = Actor.of("ben");

  @BeforeAll
  static void start() {
    of = OperationsFixture.create();
    settings = of.ops.settings();
  }

  @AfterAll
  static void stop() {
    of.close();
  }

  @AfterEach
  void invariantsHold() {
    of.assertInvariants();
  }

  @Test
  void set_up_gives_every_role_an_account_of_its_strand_adopting_existing_ones_once() {
    SystemAccounts system = settings.setUp(of.network());

    assertThat(settings.setUp(of.network())).isEqualTo(system);
    for (AccountRole role : AccountRole.values()) {
      Account a = of.fx.ledger.accounts().find(of.network(), system.get(role)).orElseThrow();
      assertThat(a.strand()).as("%s", role).isEqualTo(role.strand());
      assertThat(a.ownerKind()).isEqualTo(OwnerKind.SYSTEM);
      assertThat(a.ownerRef()).isEqualTo(role.ownerRef());
      assertThat(a.creditLimit())
          .isEqualTo(role.unlimited() ? OptionalLong.empty() : OptionalLong.of(0));
    }
    // the fixture's issuance accounts, opened before set-up, were adopted
    assertThat(system.issuance(StrandKind.COOPERATION))
        .isEqualTo(of.fx.issuance(StrandKind.COOPERATION).id());
    assertThat(system.get(AccountRole.EURO_RESERVE))
        .isNotEqualTo(system.get(AccountRole.EURO_OUTSIDE));
    var fresh = of.fx.ledger.networks().create("fresh-" + System.nanoTime() % 100_000, "F");
    assertThat(settings.systemAccounts(fresh.id())).isEmpty();
  }

  @Test
  void rates_are_versioned_and_readable_as_of_any_instant() {
    var network = of.fx.ledger.networks().create("rates-" + System.nanoTime() % 100_000, "R");
    assertThat(settings.rates(network.id())).isEmpty();
    var first =
        settings.changeRates(
            network.id(),
            new NetworkRates(EuroRate.of("0.10"), BasisPoints.of(500), BasisPoints.of(500)),
            ANNE);
    Instant between = of.clock.instant();
    of.clock.advance(Duration.ofDays(30));
    var second =
        settings.changeRates(
            network.id(),
            new NetworkRates(EuroRate.of("1"), BasisPoints.ZERO, BasisPoints.of(300)),
            BEN);

    assertThat(second.version()).isGreaterThan(first.version());
    assertThat(settings.rates(network.id())).contains(second);
    assertThat(settings.rates(network.id(), between)).contains(first);
    assertThat(settings.rates(network.id(), between.minusSeconds(1))).isEmpty();
    assertThat(settings.ratesHistory(network.id())).containsExactly(first, second);
    assertThat(second.changedBy()).isEqualTo(BEN);
    assertThat(second.value().euroRate().eurosPerSol()).isEqualByComparingTo(BigDecimal.ONE);
  }

  @Test
  void merchant_categories_come_from_the_network_catalogue() {
    settings.defineCategory(of.network(), new MerchantCategory("FOOD", "Alimentation"));
    settings.defineCategory(of.network(), new MerchantCategory("BOOKS", "Livres"));
    settings.defineCategory(of.network(), new MerchantCategory("BOOKS", "Librairie"));

    assertThat(settings.categories(of.network()))
        .contains(
            new MerchantCategory("BOOKS", "Librairie"),
            new MerchantCategory("FOOD", "Alimentation"));
    assertThat(
            settings.changeMerchantCategories(
                of.network(), "epicerie", Set.of("FOOD", "WINE"), ANNE))
        .isEqualTo(Outcome.refused(OperationReason.UNKNOWN_CATEGORY));
    assertThat(settings.merchantCategories(of.network(), "epicerie")).isEmpty();
    settings
        .changeMerchantCategories(of.network(), "epicerie", Set.of("FOOD", "BOOKS"), ANNE)
        .orElseThrow();
    of.clock.advance(Duration.ofSeconds(1));
    settings.changeMerchantCategories(of.network(), "epicerie", Set.of("FOOD"), BEN).orElseThrow();
    assertThat(settings.merchantCategories(of.network(), "epicerie")).containsExactly("FOOD");
  }

  @Test
  void reward_and_volunteer_rates_are_per_merchant_and_per_association() {
    settings.changeRewardRate(of.network(), "boulangerie", BasisPoints.ofPercent("5"), ANNE);
    settings.changeRewardRate(of.network(), "librairie", BasisPoints.ofPercent("2.5"), ANNE);
    of.clock.advance(Duration.ofSeconds(1));
    settings.changeRewardRate(of.network(), "boulangerie", BasisPoints.ofPercent("3"), BEN);
    settings.changeVolunteerRate(of.network(), "jardin", 6_000, ANNE);

    assertThat(settings.rewardRate(of.network(), "boulangerie").orElseThrow().value().value())
        .isEqualTo(300);
    assertThat(settings.rewardRate(of.network(), "librairie").orElseThrow().value().value())
        .isEqualTo(250);
    assertThat(settings.rewardRate(of.network(), "nobody")).isEmpty();
    assertThat(settings.volunteerRate(of.network(), "jardin").orElseThrow().value())
        .isEqualTo(6_000L);
  }

  @Test
  void a_fonte_rule_credits_a_fund_of_its_own_strand() {
    AccountId coopFund = of.system.fund(StrandKind.COOPERATION);
    FonteRule rule =
        new FonteRule(
            true,
            BasisPoints.ofPercent("2"),
            Period.ofMonths(3),
            LocalDate.of(2030, 1, 1),
            ZoneId.of("Europe/Paris"),
            1,
            coopFund);

    assertThat(settings.changeFonteRule(of.network(), StrandKind.ENGAGEMENT, rule, ANNE))
        .isEqualTo(Outcome.refused(OperationReason.WRONG_STRAND));
    assertThat(
            settings.changeFonteRule(
                of.network(),
                StrandKind.COOPERATION,
                new FonteRule(
                    true,
                    rule.rate(),
                    rule.idle(),
                    rule.firstPeriodStart(),
                    rule.zone(),
                    1,
                    new AccountId(999_999_999L)),
                ANNE))
        .isEqualTo(Outcome.refused(OperationReason.ACCOUNT_NOT_FOUND));
    var stored =
        settings.changeFonteRule(of.network(), StrandKind.COOPERATION, rule, ANNE).orElseThrow();

    assertThat(settings.fonteRule(of.network(), StrandKind.COOPERATION)).contains(stored);
    assertThat(stored.value()).isEqualTo(rule);
    assertThat(settings.fonteRuleVersion(of.network(), stored.version())).contains(stored);
    assertThat(settings.fonteRule(of.network(), StrandKind.ENGAGEMENT)).isEmpty();
  }
}
