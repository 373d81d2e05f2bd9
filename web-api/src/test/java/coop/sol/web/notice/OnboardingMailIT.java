package coop.sol.web.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import coop.sol.ledger.notice.EmailStatus;
import coop.sol.ledger.notice.NoticeKind;
import coop.sol.ledger.notice.Notices;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Users;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Onboarding's activations by email, through a real SMTP server in the test's process (GreenMail):
 * a person enrolled with an address gets the link and activates with it; "forgot password" mails a
 * link, the old password working until the link is used, which replaces it (once); an unknown
 * address gets the same answer and no mail; repeated requests send one mail, a later one replaces
 * the first link; a coordinator's link keeps their second factor.
 */
@SolApplicationTest
class OnboardingMailIT {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Pattern LINK = Pattern.compile("(https?://\\S*/activate\\?code=\\S+)");

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
  private final Api api;
  private final ApplicationContext context;

  @Autowired
  OnboardingMailIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.api = callers.api();
    this.context = context;
  }

  private static String unique(String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
  }

  @Test
  void a_person_enrolled_with_an_email_gets_a_working_link() throws Exception {
    String network = newNetwork();
    String claire = coordinator(network);
    String member = unique("courriel");
    var created = enrol(claire, network, member, member + "@example.org");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);

    MimeMessage mail = awaitMailTo(member + "@example.org");
    assertThat(mail.getSubject()).isEqualTo("SOL : activez votre accès");
    String code = code(text(mail));
    assertThat(code).isEqualTo(created.json().get("activation").get("code").asString());
    activate(member, code);
    assertThat(api.basic(member, callers.password(member)).get("/api/v1/me").send().status())
        .isEqualTo(200);
    // the in-app notice records the email sent
    Notices notices = context.getBean(Notices.class);
    long id = userId(member);
    await()
        .until(
            () ->
                notices.latest(id, 5).stream()
                    .anyMatch(
                        n ->
                            n.kind() == NoticeKind.ACTIVATION
                                && n.emailStatus() == EmailStatus.SENT));
  }

  @Test
  void forgot_password_mails_a_link_that_replaces_the_old_password() throws Exception {
    String network = newNetwork();
    String claire = coordinator(network);
    String member = unique("oublieux");
    String email = member + "@example.org";
    var created = enrol(claire, network, member, email);
    activate(member, created.json().get("activation").get("code").asString());
    String oldPassword = callers.password(member);
    awaitMailTo(email); // the enrolment's email
    int before = SMTP.getReceivedMessages().length;

    Api.Response known = forgot(email);
    Api.Response unknown = forgot(unique("personne") + "@example.org");
    assertThat(known.status()).isEqualTo(202);
    assertThat(unknown.status()).isEqualTo(202);
    assertThat(known.body()).isEqualTo(unknown.body());

    MimeMessage reset = awaitMailSince(before, email);
    assertThat(reset.getSubject()).isEqualTo("SOL : choisir un nouveau mot de passe");
    // asking again at once sends nothing new, however many times
    assertThat(forgot(email).status()).isEqualTo(202);
    assertThat(forgot(email.toUpperCase(java.util.Locale.ROOT)).status()).isEqualTo(202);
    // the request changed nothing: the old password still works, until the link is used
    assertThat(api.basic(member, oldPassword).get("/api/v1/me").send().status()).isEqualTo(200);
    activate(member, code(text(reset)));
    assertThat(api.basic(member, oldPassword).get("/api/v1/me").send().status()).isEqualTo(401);
    assertThat(api.basic(member, callers.password(member)).get("/api/v1/me").send().status())
        .isEqualTo(200);
    // the link works once
    var again =
        api.anonymous()
            .post(
                "/api/v1/auth/activate",
                Api.json("code", code(text(reset)), "password", "encore une phrase bien longue 7"))
            .send();
    assertThat(again.status()).as(again.toString()).isEqualTo(400);
    // one mail only for the three requests, and none to the unknown address: requests are
    // handled in order on the one mail thread, so once a later request's mail has come, every
    // mail of the earlier ones would have too
    String witness = unique("temoin");
    enrol(claire, network, witness, witness + "@example.org");
    awaitMailTo(witness + "@example.org");
    int beforeMarker = SMTP.getReceivedMessages().length;
    forgot(witness + "@example.org");
    MimeMessage marker = awaitMailSince(beforeMarker, witness + "@example.org");
    assertThat(marker.getSubject()).isEqualTo("SOL : choisir un nouveau mot de passe");
    assertThat(java.util.Arrays.stream(SMTP.getReceivedMessages()).skip(before))
        .filteredOn(m -> to(m).contains(email))
        .hasSize(1);
    assertThat(java.util.Arrays.stream(SMTP.getReceivedMessages()).skip(before))
        .allMatch(m -> to(m).contains(email) || to(m).contains(witness + "@example.org"));
  }

  @Test
  void a_reset_link_is_limited_in_the_database_and_keeps_the_second_factor() throws Exception {
    String network = newNetwork();
    String claire = coordinator(network);
    String email = claire + "@example.org";
    coop.sol.web.MovableClock clock = context.getBean(coop.sol.web.MovableClock.class);
    context
        .getBean(Notices.class)
        .setContact(
            userId(claire),
            "Claire",
            email,
            "en",
            coop.sol.ledger.notice.Preferences.DEFAULT,
            clock.instant());
    try {
      int before = SMTP.getReceivedMessages().length;
      forgot(email);
      MimeMessage first = awaitMailSince(before, email);
      assertThat(first.getSubject()).isEqualTo("SOL: choose a new password");
      // a quarter of an hour later, a new link replaces the first one
      clock.advance(Duration.ofMinutes(16));
      forgot(email);
      MimeMessage second = awaitMailSince(before + 1, email);
      String stale = code(text(first));
      var refused =
          api.anonymous()
              .post(
                  "/api/v1/auth/activate",
                  Api.json("code", stale, "password", "une phrase de passe toute neuve 1"))
              .send();
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      String totp = callers.totpSecret(claire);
      var used =
          api.anonymous()
              .post(
                  "/api/v1/auth/activate",
                  Api.json(
                      "code", code(text(second)), "password", "une phrase de passe toute neuve 2"))
              .send();
      assertThat(used.status()).as(used.toString()).isEqualTo(200);
      // the link replaced the password only: the coordinator's authenticator still holds
      assertThat(used.json().get("totpSecret").isNull()).isTrue();
      callers.remember(claire, "une phrase de passe toute neuve 2", totp);
      assertThat(callers.as(claire).get("/api/v1/me").send().status()).isEqualTo(200);
    } finally {
      clock.reset();
    }
  }

  private MimeMessage awaitMailSince(int before, String email) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                java.util.Arrays.stream(SMTP.getReceivedMessages())
                    .skip(before)
                    .filter(m -> to(m).contains(email))
                    .findFirst(),
            Optional::isPresent)
        .get();
  }

  private Api.Response forgot(String email) {
    return api.anonymous().post("/api/v1/auth/forgot-password", Api.json("email", email)).send();
  }

  private String newNetwork() {
    String code = unique("reseau");
    var created =
        callers
            .as("admin")
            .post(
                "/api/v1/networks",
                Api.json(
                    "code",
                    code,
                    "name",
                    "SOL Courriel",
                    "currencyName",
                    "SOL Courriel",
                    "euroRate",
                    "1.00",
                    "purchaseBonus",
                    "5",
                    "timeZone",
                    "Europe/Paris",
                    "defaultLanguage",
                    "fr"))
            .send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return code;
  }

  private String coordinator(String network) {
    String username = unique("coord");
    var appointed =
        callers
            .as("admin")
            .post(
                "/api/v1/networks/" + network + "/coordinators",
                Api.json("username", username, "displayName", "Claire " + username))
            .send();
    assertThat(appointed.status()).as(appointed.toString()).isEqualTo(201);
    activate(username, appointed.json().get("activation").get("code").asString());
    return username;
  }

  private Api.Response enrol(String by, String network, String username, String email) {
    return callers
        .as(by)
        .post(
            "/api/v1/people",
            Api.json(
                "network",
                network,
                "username",
                username,
                "displayName",
                "Personne " + username,
                "email",
                email,
                "roles",
                List.of("MEMBER")))
        .send();
  }

  private void activate(String username, String code) {
    String password = "une phrase de passe n" + SEQUENCE.incrementAndGet() + " bien à moi";
    var activated =
        api.anonymous()
            .post("/api/v1/auth/activate", Api.json("code", code, "password", password))
            .send();
    assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
    JsonNode body = activated.json();
    callers.remember(
        username,
        password,
        body.get("totpSecret").isNull() ? null : body.get("totpSecret").asString());
  }

  private long userId(String username) {
    return context.getBean(Users.class).find(username).orElseThrow().id();
  }

  /** The code of the activation link in a mail's text. */
  private static String code(String text) {
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).as(text).isTrue();
    String query = URI.create(link.group(1)).getRawQuery();
    return URLDecoder.decode(query.substring("code=".length()), StandardCharsets.UTF_8);
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
}
