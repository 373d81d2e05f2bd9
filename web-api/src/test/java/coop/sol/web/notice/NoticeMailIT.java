package coop.sol.web.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.notice.EmailStatus;
import coop.sol.ledger.notice.Notice;
import coop.sol.ledger.notice.NoticeKind;
import coop.sol.ledger.notice.Notices;
import coop.sol.ledger.notice.Preferences;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.MovableClock;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import coop.sol.web.user.Users;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Email through a real SMTP server in the test's process (GreenMail): a merchant who asked is told
 * of a payment, a member of vouchers, an account holder of the fonte coming (once per period,
 * however many runs at once), in their language; and the outbox retries what failed, then gives up,
 * recording each attempt.
 */
@SolApplicationTest
class NoticeMailIT {
  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("sol.mail.from", () -> "SOL Test <sol@example.org>");
  }

  private final Callers callers;
  private final ApplicationContext context;
  private final Notices notices;
  private final MovableClock clock;

  @Autowired
  NoticeMailIT(@LocalServerPort int port, ApplicationContext context, MovableClock clock) {
    this.callers = Callers.of(port, context);
    this.context = context;
    this.notices = context.getBean(Notices.class);
    this.clock = clock;
  }

  @AfterEach
  void timeAsItWas() {
    clock.reset();
  }

  @Test
  void a_merchant_who_asked_is_told_of_a_payment_in_their_language() throws Exception {
    Network network = callers.newNetwork("courriel");
    String member = callers.newUser("marie", Role.MEMBER, network, "20.00");
    String shop = callers.newUser("fromager", Role.MERCHANT, network, null);
    String quiet = callers.newUser("silence", Role.MERCHANT, network, null);
    contact(shop, "fromager@example.org", "en", new Preferences(true, true, true));
    contact(quiet, "silence@example.org", "fr", Preferences.DEFAULT);
    long from = account(network, OwnerKind.MEMBER, member);

    assertThat(pay(member, from, account(network, OwnerKind.MERCHANT, quiet), "q").status())
        .isEqualTo(201);
    assertThat(pay(member, from, account(network, OwnerKind.MERCHANT, shop), "p").status())
        .isEqualTo(201);

    MimeMessage mail = awaitMailTo("fromager@example.org");
    assertThat(mail.getSubject())
        .isEqualTo(network.name() + ": payment of 2.50 SOL Cooperation received");
    assertThat(text(mail)).contains("Hello " + shop, "2.50", "Fromage");
    assertThat(mail.getFrom()[0].toString()).contains("sol@example.org");
    // the merchant who did not ask gets neither a mail nor a notice
    assertThat(recipients()).doesNotContain("silence@example.org");
    assertThat(notices.latest(userId(quiet), 10)).isEmpty();
    Notice notice = notices.latest(userId(shop), 10).get(0);
    assertThat(notice.kind()).isEqualTo(NoticeKind.PAYMENT_RECEIVED);
    await().until(() -> notices.latest(userId(shop), 1).get(0).emailStatus() == EmailStatus.SENT);
  }

  @Test
  void a_member_is_told_of_vouchers_received() throws Exception {
    Network network = callers.newNetwork("bons-courriel");
    Operations operations = context.getBean(Operations.class);
    operations.settings().setUp(network.id());
    operations
        .settings()
        .defineCategory(
            network.id(), new coop.sol.ledger.settings.MerchantCategory("FOOD", "Alimentation"));
    String member = callers.newUser("paul", Role.MEMBER, network, null);
    String funder = callers.newUser("ccas", Role.FUNDER, network, null);
    contact(member, "paul@example.org", "fr", Preferences.DEFAULT);
    var funderAffecte =
        callers
            .ledger()
            .accounts()
            .open(
                network.id(),
                StrandKind.AFFECTE,
                OwnerKind.FUNDER,
                funder,
                funder,
                java.util.OptionalLong.of(0));
    callers.fund(network, funderAffecte, "50.00");
    Api.Response granted =
        callers
            .as(funder)
            .post(
                "/api/v1/vouchers/grants",
                Api.json(
                    "beneficiary",
                    member,
                    "amount",
                    "30.00",
                    "expiresAt",
                    clock.instant().plus(Duration.ofDays(30)).toString(),
                    "categories",
                    List.of("FOOD"),
                    "label",
                    "Chèque alimentation"))
            .header("Idempotency-Key", "bons")
            .send();
    assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
    MimeMessage mail = awaitMailTo("paul@example.org");
    assertThat(mail.getSubject()).isEqualTo(network.name() + " : vous avez reçu 30.00 SOL Affecté");
  }

  @Test
  void the_fonte_coming_is_told_once_per_period_with_the_projected_charge() throws Exception {
    Network network = callers.newNetwork("fonte-courriel");
    Operations operations = context.getBean(Operations.class);
    var system = operations.settings().setUp(network.id());
    ZoneId paris = ZoneId.of("Europe/Paris");
    LocalDate fundedOn = LocalDate.now(clock.withZone(paris));
    // 100.00 that then sleep through the period of 30 days starting tomorrow
    String member = callers.newUser("dormeur", Role.MEMBER, network, "100.00");
    contact(member, "dormeur@example.org", "fr", Preferences.DEFAULT);
    operations
        .settings()
        .changeFonteRule(
            network.id(),
            StrandKind.COOPERATION,
            new FonteRule(
                true,
                BasisPoints.of(200),
                Period.ofDays(30),
                fundedOn.plusDays(1),
                paris,
                1,
                system.fund(StrandKind.COOPERATION)),
            Actor.of("test"))
        .orElseThrow();
    FonteComing job = context.getBean(FonteComing.class);
    // 8 days before the end: too early
    clock.advance(Duration.ofDays(23));
    job.run();
    assertThat(notices.latest(userId(member), 10)).isEmpty();
    // 5 days before the end
    clock.advance(Duration.ofDays(3));
    LocalDate end = fundedOn.plusDays(31);

    // two instances' runs at once: the period is told once
    var pool = Executors.newFixedThreadPool(2);
    Callable<Integer> run = job::run;
    var runs = pool.invokeAll(List.of(run, run));
    pool.shutdown();
    int recorded = runs.get(0).get() + runs.get(1).get();
    assertThat(recorded).isGreaterThanOrEqualTo(1);
    assertThat(job.run()).isZero();
    List<Notice> told = notices.latest(userId(member), 10);
    assertThat(told).hasSize(1);
    assertThat(told.get(0).kind()).isEqualTo(NoticeKind.FONTE_COMING);
    assertThat(told.get(0).params()).containsEntry("amount", "2.00");

    MimeMessage mail = awaitMailTo("dormeur@example.org");
    assertThat(mail.getSubject())
        .isEqualTo(network.name() + " : la fonte prélèvera 2.00 SOL Coopération le " + end);
    assertThat(text(mail)).contains("100.00");
  }

  @Test
  void forgot_password_answers_the_same_and_mails_a_link_to_a_known_address_only()
      throws Exception {
    Network network = callers.newNetwork("oubli");
    String member = callers.newUser("distrait", Role.MEMBER, network, null);
    contact(member, "Distrait@Example.org", "fr", Preferences.DEFAULT);
    Api.Response known = forgot("distrait@example.org");
    Api.Response unknown = forgot("personne@example.org");
    assertThat(known.status()).isEqualTo(202);
    assertThat(unknown.status()).isEqualTo(202);
    assertThat(known.body()).isEqualTo(unknown.body());

    MimeMessage mail = awaitMailTo("Distrait@Example.org");
    assertThat(mail.getSubject()).isEqualTo("SOL : choisir un nouveau mot de passe");
    assertThat(text(mail)).contains("/activate?code=");
    assertThat(recipients()).noneMatch(r -> r.contains("personne@example.org"));
    // a second request within the quarter hour sends nothing more
    forgot("distrait@example.org");
    await()
        .until(
            () ->
                notices.latest(userId(member), 5).stream()
                    .filter(n -> n.kind() == NoticeKind.PASSWORD_RESET)
                    .allMatch(n -> n.emailStatus() == EmailStatus.SENT));
    assertThat(
            notices.latest(userId(member), 5).stream()
                .filter(n -> n.kind() == NoticeKind.PASSWORD_RESET)
                .count())
        .isEqualTo(1);
  }

  private Api.Response forgot(String email) {
    return callers
        .api()
        .anonymous()
        .post("/api/v1/auth/forgot-password", Api.json("email", email))
        .send();
  }

  @Test
  void the_outbox_retries_with_a_growing_delay_then_gives_up_and_records_each_attempt() {
    String who = callers.newUser("retry", Role.MEMBER, callers.newNetwork("retry"), null);
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    Notice notice =
        notices
            .record(
                userId(who),
                null,
                NoticeKind.VOUCHER_RECEIVED,
                "retry-1",
                java.util.Map.of(),
                true,
                now)
            .orElseThrow();
    for (int attempt = 1; attempt <= Notices.MAX_ATTEMPTS; attempt++) {
      // due only once its delay has passed: 1, 2, 4, 8 minutes
      Instant due = now.plus(Duration.ofMinutes(attempt == 1 ? 0 : 1L << (attempt - 2)));
      assertThat(sendOnly(notice.id(), due.minusSeconds(1))).isZero();
      assertThat(sendOnly(notice.id(), due)).isEqualTo(1);
      now = due;
    }
    Notice failed = notices.latest(userId(who), 1).get(0);
    assertThat(failed.emailStatus()).isEqualTo(EmailStatus.FAILED);
    assertThat(failed.emailAttempts()).isEqualTo(Notices.MAX_ATTEMPTS);
    assertThat(sendOnly(notice.id(), now.plus(Duration.ofDays(1)))).isZero();
  }

  /** Attempts due notices at {@code at}, failing this one's email; how many of it were tried. */
  private int sendOnly(long noticeId, Instant at) {
    int[] tried = {0};
    notices.sendDue(
        at,
        100,
        n -> {
          if (n.id() == noticeId) {
            tried[0]++;
            return Optional.of("MailSendException: connection refused");
          }
          return Optional.empty(); // another test's, sent already: its mail is not this test's
        });
    return tried[0];
  }

  private void contact(String username, String email, String language, Preferences preferences) {
    notices.setContact(userId(username), username, email, language, preferences, clock.instant());
  }

  private long userId(String username) {
    return context.getBean(Users.class).find(username).orElseThrow().id();
  }

  private long account(Network network, OwnerKind kind, String owner) {
    return callers.account(network, kind, owner, StrandKind.COOPERATION).id().value();
  }

  private Api.Response pay(String payer, long from, long to, String key) {
    return callers
        .as(payer)
        .post(
            "/api/v1/transfers",
            Api.json(
                "debitAccountId", from, "creditAccountId", to, "amount", "2.50", "memo", "Fromage"))
        .header("Idempotency-Key", key)
        .send();
  }

  private MimeMessage awaitMailTo(String address) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                java.util.Arrays.stream(SMTP.getReceivedMessages())
                    .filter(m -> to(m).contains(address))
                    .findFirst(),
            Optional::isPresent)
        .get();
  }

  /** The body as the reader sees it (decoded from its transfer encoding). */
  private static String text(MimeMessage message) {
    try {
      return message.getContent().toString();
    } catch (jakarta.mail.MessagingException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String to(MimeMessage message) {
    try {
      return GreenMailUtil.getAddressList(message.getAllRecipients());
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> recipients() {
    var list = new java.util.ArrayList<String>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      list.add(to(m));
    }
    return list;
  }
}
