package coop.sol.web.people;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.MovableClock;
import coop.sol.web.SolApplicationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A real network from an empty start, through the API: an administrator creates a network and
 * appoints its first coordinator, who activates with a second factor, enrols a merchant (who enrols
 * a cashier) and a member, each activating their own access; a coordinator's appointment under dual
 * control; the activation code working once and expiring; the password rules; a password change
 * ending the other sessions and tokens; a reset of access.
 */
@SolApplicationTest
class OnboardingIT {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final Callers callers;
  private final Api api;
  private final ApplicationContext context;
  private final int port;

  @Autowired
  OnboardingIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.api = callers.api();
    this.context = context;
    this.port = port;
  }

  private static String unique(String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
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
                    "SOL Pays de Test",
                    "currencyName",
                    "SOL Pays de Test",
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

  /** Appoints a first coordinator and activates them; returns their username. */
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

  /** Activates with a good password and remembers it; returns the answer. */
  private JsonNode activate(String username, String code) {
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
    return body;
  }

  private Api.Response enrol(String by, String network, String username, String... roles) {
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
                username + "@example.org",
                "roles",
                List.of(roles)))
        .send();
  }

  @Test
  void an_administrator_creates_a_network_and_sees_no_ledger_data() {
    String code = newNetwork();
    var again =
        callers
            .as("admin")
            .post(
                "/api/v1/networks",
                Api.json("code", code, "name", "x", "euroRate", "1", "purchaseBonus", "0"))
            .send();
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("NETWORK_CODE_TAKEN");
    var badRate =
        callers
            .as("admin")
            .post(
                "/api/v1/networks",
                Api.json(
                    "code", unique("bad"), "name", "x", "euroRate", "-1", "purchaseBonus", "0"))
            .send();
    assertThat(badRate.status()).isEqualTo(400);
    assertThat(badRate.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(badRate.json().get("field").asString()).isEqualTo("euroRate");
    var badZone =
        callers
            .as("admin")
            .post(
                "/api/v1/networks",
                Api.json(
                    "code",
                    unique("bad"),
                    "name",
                    "x",
                    "euroRate",
                    "1",
                    "purchaseBonus",
                    "0",
                    "timeZone",
                    "Mars/Olympus"))
            .send();
    assertThat(badZone.code()).isEqualTo("VALIDATION_FAILED");

    JsonNode network = callers.as("admin").get("/api/v1/networks/" + code).send().json();
    assertThat(network.get("euroRate").asString()).isEqualTo("1.00");
    assertThat(network.get("purchaseBonus").asString()).isEqualTo("5.00");
    assertThat(network.get("reconversionFee").asString()).isEqualTo("0.00");
    assertThat(network.get("currencyName").asString()).isEqualTo("SOL Pays de Test");

    var changed =
        callers
            .as("admin")
            .put(
                "/api/v1/networks/" + code,
                Api.json(
                    "name",
                    "SOL Pays de Brest",
                    "currencyName",
                    "SOL Brest",
                    "purchaseBonus",
                    "3",
                    "defaultLanguage",
                    "en"))
            .send();
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.json().get("name").asString()).isEqualTo("SOL Pays de Brest");
    assertThat(changed.json().get("purchaseBonus").asString()).isEqualTo("3.00");
    assertThat(changed.json().get("euroRate").asString()).isEqualTo("1.00");
    assertThat(changed.json().get("defaultLanguage").asString()).isEqualTo("en");

    var list = callers.as("admin").get("/api/v1/networks").send();
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("\"code\":\"" + code + "\"");
    // system accounts and rates are set up: the network can sell SOL from day one
    Ledger ledger = context.getBean(Ledger.class);
    Network n = ledger.networks().findByCode(code).orElseThrow();
    assertThat(ledger.accounts().findByOwner(n.id(), OwnerKind.SYSTEM, "issuance")).isNotNull();
    // the administrator reads no ledger data of it
    assertThat(
            callers.as("admin").get("/api/v1/reports/circulation?network=" + code).send().status())
        .isEqualTo(403);
    // nor does anyone else create networks
    assertThat(
            callers
                .as("coord1")
                .post("/api/v1/networks", Api.json("code", unique("x"), "name", "x"))
                .send()
                .status())
        .isEqualTo(403);
  }

  @Test
  void a_coordinator_activates_with_totp_and_enrols_a_merchant_a_cashier_and_a_member() {
    String network = newNetwork();
    String claire = unique("claire");
    var appointed =
        callers
            .as("admin")
            .post(
                "/api/v1/networks/" + network + "/coordinators",
                Api.json("username", claire, "displayName", "Claire", "language", "fr"))
            .send();
    assertThat(appointed.status()).isEqualTo(201);
    JsonNode activation = appointed.json().get("activation");
    String code = activation.get("code").asString();
    assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
    assertThat(activation.get("link").asString()).endsWith("/activate?code=" + code);
    // not activated: no password opens the account
    assertThat(api.basic(claire, "").get("/api/v1/me").send().status()).isEqualTo(401);

    // the password rules, each with its reason
    var tooShort =
        api.anonymous()
            .post("/api/v1/auth/activate", Api.json("code", code, "password", "court"))
            .send();
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.code()).isEqualTo("WEAK_PASSWORD");
    assertThat(tooShort.json().get("reasons").get(0).get("code").asString()).isEqualTo("TOO_SHORT");
    assertThat(tooShort.json().get("reasons").get(0).get("message").asString())
        .isEqualTo("Au moins 12 caractères.");
    var common =
        api.anonymous()
            .post("/api/v1/auth/activate", Api.json("code", code, "password", "Qwerty123456"))
            .header("Accept-Language", "en")
            .send();
    assertThat(common.code()).isEqualTo("WEAK_PASSWORD");
    assertThat(common.json().get("reasons").get(0).get("code").asString()).isEqualTo("COMMON");
    assertThat(common.json().get("reasons").get(0).get("message").asString())
        .startsWith("It is one of the most common passwords");
    var withUsername =
        api.anonymous()
            .post(
                "/api/v1/auth/activate",
                Api.json("code", code, "password", "mon nom est " + claire.toUpperCase()))
            .send();
    assertThat(withUsername.json().get("reasons").get(0).get("code").asString())
        .isEqualTo("CONTAINS_USERNAME");

    // a refused password does not use the code; the right one does, once
    JsonNode activated = activate(claire, code.toLowerCase().replace("-", ""));
    assertThat(activated.get("totpRequired").asBoolean()).isTrue();
    assertThat(activated.get("otpauthUri").asString()).startsWith("otpauth://totp/SOL");
    var twice =
        api.anonymous()
            .post(
                "/api/v1/auth/activate",
                Api.json("code", code, "password", "une autre phrase de passe"))
            .send();
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.code()).isEqualTo("ACTIVATION_INVALID");
    // the first login needs a TOTP code: HTTP Basic cannot carry one
    assertThat(api.basic(claire, callers.password(claire)).get("/api/v1/me").send().code())
        .isEqualTo("SECOND_FACTOR_REQUIRED");
    assertThat(callers.as(claire).get("/api/v1/me").send().status()).isEqualTo(200);

    // the coordinator enrols a merchant and a member; their accounts are opened
    String shop = unique("boutique");
    var merchant = enrol(claire, network, shop, "MERCHANT");
    assertThat(merchant.status()).as(merchant.toString()).isEqualTo(201);
    assertThat(merchant.header("Cache-Control")).contains("no-store");
    String member = unique("marie");
    var created = enrol(claire, network, member, "MEMBER");
    assertThat(created.status()).isEqualTo(201);
    Ledger ledger = context.getBean(Ledger.class);
    Network n = ledger.networks().findByCode(network).orElseThrow();
    assertThat(ledger.accounts().findByOwner(n.id(), OwnerKind.MERCHANT, shop))
        .extracting(a -> a.strand())
        .containsExactlyInAnyOrder(
            StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);
    assertThat(ledger.accounts().findByOwner(n.id(), OwnerKind.MEMBER, member))
        .extracting(a -> a.strand())
        .containsExactlyInAnyOrder(StrandKind.COOPERATION, StrandKind.ENGAGEMENT);
    assertThat(enrol(claire, network, member, "MEMBER").code()).isEqualTo("USERNAME_TAKEN");
    assertThat(enrol(claire, network, unique("x"), "ADMINISTRATOR").code())
        .isEqualTo("INVALID_ROLES");
    assertThat(enrol(claire, network, "Pas Valide", "MEMBER").code())
        .isEqualTo("VALIDATION_FAILED");
    // another network's coordinator cannot enrol here
    assertThat(enrol("coord1", network, unique("x"), "MEMBER").status()).isEqualTo(404);

    // the merchant activates and enrols a cashier of their own shop, and nobody else
    activate(shop, merchant.json().get("activation").get("code").asString());
    assertThat(merchant.json().get("activation").has("expiresAt")).isTrue();
    String cashier = unique("caisse");
    var cashierCreated = enrol(shop, network, cashier, "CASHIER");
    assertThat(cashierCreated.status()).as(cashierCreated.toString()).isEqualTo(201);
    assertThat(enrol(shop, network, unique("x"), "MEMBER").status()).isEqualTo(403);
    assertThat(callers.as(shop).get("/api/v1/cashiers").send().body()).contains(cashier);
    activate(cashier, cashierCreated.json().get("activation").get("code").asString());
    assertThat(callers.as(cashier).get("/api/v1/me").send().status()).isEqualTo(200);

    // the member activates: no second factor
    JsonNode memberActivated =
        activate(member, created.json().get("activation").get("code").asString());
    assertThat(memberActivated.get("totpRequired").asBoolean()).isFalse();
    assertThat(memberActivated.get("totpSecret").isNull()).isTrue();
    assertThat(api.basic(member, callers.password(member)).get("/api/v1/me").send().status())
        .isEqualTo(200);

    // the coordinator finds people by name, role and status
    var found =
        callers
            .as(claire)
            .get("/api/v1/people?q=" + member.substring(0, 8) + "&role=MEMBER&status=ACTIVE")
            .send();
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json()).hasSize(1);
    assertThat(found.json().get(0).get("username").asString()).isEqualTo(member);
    assertThat(callers.as(claire).get("/api/v1/people?status=PENDING").send().json().size())
        .isZero();
    assertThat(callers.as(claire).get("/api/v1/people?status=LOST").send().code())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(callers.as("coord1").get("/api/v1/people?network=" + network).send().status())
        .isEqualTo(404);

    // roles change: the member also becomes an association; its accounts are opened
    long memberId = found.json().get(0).get("id").asLong();
    var roles =
        callers
            .as(claire)
            .put(
                "/api/v1/people/" + memberId + "/roles",
                Api.json("network", network, "roles", List.of("MEMBER", "ASSOCIATION")))
            .send();
    assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
    assertThat(roles.body()).contains("ASSOCIATION");
    assertThat(ledger.accounts().findByOwner(n.id(), OwnerKind.ASSOCIATION, member)).hasSize(2);

    // everything is in the network's audit log
    String audit = callers.as(claire).get("/api/v1/audit").send().body();
    assertThat(audit)
        .contains("PERSON_CREATED", "ACCESS_ACTIVATED", "PERSON_ROLES_CHANGED")
        .doesNotContain(code);
  }

  @Test
  void a_merchant_enrolled_with_a_business_profile_is_in_the_directory_at_once() {
    String network = newNetwork();
    String claire = coordinator(network);
    var n = callers.ledger().networks().findByCode(network).orElseThrow();
    context
        .getBean(coop.sol.ledger.Operations.class)
        .settings()
        .defineCategory(
            n.id(), new coop.sol.ledger.settings.MerchantCategory("EPICERIE", "Épicerie fine"));
    String shop = unique("epicerie");
    java.util.Map<String, Object> business = new java.util.LinkedHashMap<>();
    business.put("tradingName", "Épicerie du Marché");
    business.put("category", "EPICERIE");
    business.put("address", "5 place Guérin");
    business.put("town", "Brest");
    business.put("phone", "02 98 00 00 02");
    business.put("website", "https://epicerie.example");
    business.put("openingHours", "mar.–sam. 9 h–19 h");
    business.put("description", "Produits locaux");
    var created =
        callers
            .as(claire)
            .post(
                "/api/v1/people",
                Api.json(
                    "network", network,
                    "username", shop,
                    "displayName", "Lucie " + shop,
                    "roles", List.of("MERCHANT"),
                    "business", business))
            .send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);

    var directory = callers.as(claire).get("/api/v1/directory?network=" + network).send();
    assertThat(directory.status()).as(directory.toString()).isEqualTo(200);
    JsonNode listed = directory.json().get("merchants").get(0);
    assertThat(listed.get("merchant").asString()).isEqualTo(shop);
    assertThat(listed.get("tradingName").asString()).isEqualTo("Épicerie du Marché");
    assertThat(listed.get("town").asString()).isEqualTo("Brest");
    assertThat(listed.get("openingHours").asString()).isEqualTo("mar.–sam. 9 h–19 h");
    assertThat(listed.get("categories").findValuesAsString("code")).containsExactly("EPICERIE");

    // a profile that cannot be stored refuses the whole enrolment: no person, no listing
    String bad = unique("mauvais");
    business.put("website", "ftp://nope");
    var refused =
        callers
            .as(claire)
            .post(
                "/api/v1/people",
                Api.json(
                    "network", network,
                    "username", bad,
                    "displayName", "Bad",
                    "roles", List.of("MERCHANT"),
                    "business", business))
            .send();
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().get("field").asString()).isEqualTo("website");
    assertThat(context.getBean(coop.sol.web.user.Users.class).find(bad)).isEmpty();
    // and a business profile goes with the merchant role only
    business.put("website", "");
    var notMerchant =
        callers
            .as(claire)
            .post(
                "/api/v1/people",
                Api.json(
                    "network", network,
                    "username", bad,
                    "displayName", "Bad",
                    "roles", List.of("MEMBER"),
                    "business", business))
            .send();
    assertThat(notMerchant.status()).as(notMerchant.toString()).isEqualTo(400);
    assertThat(notMerchant.json().get("field").asString()).isEqualTo("business");
  }

  @Test
  void appointing_a_coordinator_needs_a_second_coordinator() {
    String network = newNetwork();
    String claire = coordinator(network);
    String david = coordinator(network);
    String eve = unique("eve");
    var proposed = enrol(claire, network, eve, "MEMBER", "COORDINATOR");
    assertThat(proposed.status()).isEqualTo(201);
    assertThat(proposed.json().get("roles").toString()).isEqualTo("[\"MEMBER\"]");
    assertThat(proposed.json().get("pendingRoles").toString()).isEqualTo("[\"COORDINATOR\"]");
    activate(eve, proposed.json().get("activation").get("code").asString());
    assertThat(callers.as(eve).get("/api/v1/people").send().status()).isEqualTo(403);

    JsonNode pending = callers.as(claire).get("/api/v1/coordinator-appointments").send().json();
    assertThat(pending).hasSize(1);
    long id = pending.get(0).get("id").asLong();
    var self =
        callers.as(claire).post("/api/v1/coordinator-appointments/" + id + "/approve", "").send();
    assertThat(self.status()).isEqualTo(409);
    assertThat(self.code()).isEqualTo("SELF_APPROVAL");
    assertThat(
            callers
                .as("coord1")
                .post("/api/v1/coordinator-appointments/" + id + "/approve", "")
                .send()
                .status())
        .isEqualTo(404);
    var approved =
        callers.as(david).post("/api/v1/coordinator-appointments/" + id + "/approve", "").send();
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
    assertThat(
            callers
                .as(david)
                .post("/api/v1/coordinator-appointments/" + id + "/decline", "")
                .send()
                .code())
        .isEqualTo("CONFLICT");
    // eve's token was made before she was a coordinator: a new login carries the role (and,
    // since her role now needs one, a second factor she sets up on her security page)
    JsonNode person = callers.as(claire).get("/api/v1/people?q=" + eve).send().json().get(0);
    assertThat(person.get("roles").toString()).contains("COORDINATOR");
  }

  @Test
  void an_activation_code_expires_after_14_days() {
    String network = newNetwork();
    String claire = coordinator(network);
    String late = unique("tardif");
    var created = enrol(claire, network, late, "MEMBER");
    String code = created.json().get("activation").get("code").asString();
    context.getBean(MovableClock.class).advance(Duration.ofDays(14).plusSeconds(1));
    var expired =
        api.anonymous()
            .post(
                "/api/v1/auth/activate",
                Api.json("code", code, "password", "une phrase de passe bien longue"))
            .send();
    assertThat(expired.status()).isEqualTo(400);
    assertThat(expired.code()).isEqualTo("ACTIVATION_INVALID");
    // a new activation is the way out
    long id = created.json().get("id").asLong();
    var reissued = callers.as(claire).post("/api/v1/people/" + id + "/activation", "").send();
    assertThat(reissued.status()).as(reissued.toString()).isEqualTo(201);
    activate(late, reissued.json().get("activation").get("code").asString());
  }

  @Test
  void the_activation_letter_is_printed_with_the_code_until_it_is_used() {
    String network = newNetwork();
    String claire = coordinator(network);
    String member = unique("lettre");
    var created = enrol(claire, network, member, "MEMBER");
    long id = created.json().get("id").asLong();
    String code = created.json().get("activation").get("code").asString();
    var letter =
        callers
            .as(claire)
            .post("/api/v1/people/" + id + "/activation-letter.pdf", Api.json("code", code))
            .send();
    assertThat(letter.status()).as(letter.toString()).isEqualTo(200);
    assertThat(letter.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(letter.body()).startsWith("%PDF");
    var wrongCode =
        callers
            .as(claire)
            .post(
                "/api/v1/people/" + id + "/activation-letter.pdf",
                Api.json("code", "AAAA-BBBB-CCCC-DDDD"))
            .send();
    assertThat(wrongCode.code()).isEqualTo("ACTIVATION_INVALID");
    assertThat(
            callers
                .as("coord1")
                .post("/api/v1/people/" + id + "/activation-letter.pdf", Api.json("code", code))
                .send()
                .status())
        .isEqualTo(404);
    activate(member, code);
    assertThat(
            callers
                .as(claire)
                .post("/api/v1/people/" + id + "/activation-letter.pdf", Api.json("code", code))
                .send()
                .code())
        .isEqualTo("ACTIVATION_INVALID");
  }

  @Test
  void changing_ones_password_ends_the_other_sessions_and_tokens() {
    String network = newNetwork();
    String claire = coordinator(network);
    String member = unique("change");
    var created = enrol(claire, network, member, "MEMBER");
    activate(member, created.json().get("activation").get("code").asString());
    String oldPassword = callers.password(member);
    String kept = callers.createToken(member, List.of("read"));
    String other = callers.createToken(member, List.of("read"));
    Session session = new Session();
    session.logIn(member, oldPassword);
    assertThat(session.get("/api/v1/me").statusCode()).isEqualTo(200);
    Session current = new Session();
    current.logIn(member, oldPassword);

    // the current password is required, and the new one follows the rules
    var wrong =
        api.as(kept)
            .post(
                "/api/v1/auth/password",
                Api.json("currentPassword", "pas le bon", "newPassword", "une nouvelle phrase"))
            .send();
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.code()).isEqualTo("CURRENT_PASSWORD_INVALID");
    var weak =
        api.as(kept)
            .post(
                "/api/v1/auth/password",
                Api.json("currentPassword", oldPassword, "newPassword", "trop court"))
            .send();
    assertThat(weak.code()).isEqualTo("WEAK_PASSWORD");

    String newPassword = "une toute nouvelle phrase de passe";
    var changed =
        api.as(kept)
            .post(
                "/api/v1/auth/password",
                Api.json("currentPassword", oldPassword, "newPassword", newPassword))
            .send();
    assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
    // the token of the request goes on; the other token and the session end
    assertThat(api.as(kept).get("/api/v1/me").send().status()).isEqualTo(200);
    assertThat(api.as(other).get("/api/v1/me").send().status()).isEqualTo(401);
    assertThat(session.get("/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(api.basic(member, oldPassword).get("/api/v1/me").send().status()).isEqualTo(401);
    assertThat(api.basic(member, newPassword).get("/api/v1/me").send().status()).isEqualTo(200);

    // from a session, the session that changed it goes on and the others end
    Session third = new Session();
    third.logIn(member, newPassword);
    var fromSession =
        current.post(
            "/api/v1/auth/password",
            Api.json("currentPassword", newPassword, "newPassword", "encore une autre phrase"));
    assertThat(fromSession.statusCode()).as(fromSession.body()).isEqualTo(401);
    // (current was logged in under the old password: it had ended with the first change)
    Session fourth = new Session();
    fourth.logIn(member, newPassword);
    var changedInSession =
        fourth.post(
            "/api/v1/auth/password",
            Api.json("currentPassword", newPassword, "newPassword", "encore une autre phrase"));
    assertThat(changedInSession.statusCode()).as(changedInSession.body()).isEqualTo(204);
    assertThat(fourth.get("/api/v1/me").statusCode()).isEqualTo(200);
    assertThat(third.get("/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(api.as(kept).get("/api/v1/me").send().status()).isEqualTo(401);
    String audit = callers.as(claire).get("/api/v1/audit").send().body();
    assertThat(audit).contains("PASSWORD_CHANGED");
  }

  @Test
  void a_coordinator_resets_a_members_access() {
    String network = newNetwork();
    String claire = coordinator(network);
    String member = unique("oubli");
    var created = enrol(claire, network, member, "MEMBER");
    long id = created.json().get("id").asLong();
    String first = created.json().get("activation").get("code").asString();
    activate(member, first);
    String token = callers.createToken(member, List.of("read"));
    Session session = new Session();
    session.logIn(member, callers.password(member));

    var reset = callers.as(claire).post("/api/v1/people/" + id + "/activation", "").send();
    assertThat(reset.status()).isEqualTo(201);
    String second = reset.json().get("activation").get("code").asString();
    assertThat(second).isNotEqualTo(first);
    assertThat(api.as(token).get("/api/v1/me").send().status()).isEqualTo(401);
    assertThat(session.get("/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(api.basic(member, callers.password(member)).get("/api/v1/me").send().status())
        .isEqualTo(401);
    JsonNode person = callers.as(claire).get("/api/v1/people/" + id).send().json();
    assertThat(person.get("status").asString()).isEqualTo("PENDING");
    // a second reset replaces the unused code
    String third =
        callers
            .as(claire)
            .post("/api/v1/people/" + id + "/activation", "")
            .send()
            .json()
            .get("activation")
            .get("code")
            .asString();
    assertThat(
            api.anonymous()
                .post(
                    "/api/v1/auth/activate",
                    Api.json("code", second, "password", "une phrase de passe bien longue"))
                .send()
                .code())
        .isEqualTo("ACTIVATION_INVALID");
    activate(member, third);
    assertThat(api.basic(member, callers.password(member)).get("/api/v1/me").send().status())
        .isEqualTo(200);
    // nobody resets their own access, and a member resets nobody's
    assertThat(callers.as(member).post("/api/v1/people/" + id + "/activation", "").send().status())
        .isEqualTo(403);
  }

  @Test
  void activation_attempts_are_throttled_per_address() {
    int refused = 0;
    for (int i = 0; i < 40 && refused == 0; i++) {
      var attempt =
          api.anonymous()
              .post(
                  "/api/v1/auth/activate",
                  Api.json("code", "ZZZZ-ZZZZ-ZZZZ-ZZZ" + (i % 8 + 2), "password", "x"))
              .send();
      if (attempt.status() == 429) {
        refused++;
        assertThat(attempt.code()).isEqualTo("LOGIN_THROTTLED");
        assertThat(attempt.header("Retry-After")).isNotBlank();
      } else {
        assertThat(attempt.code()).isEqualTo("ACTIVATION_INVALID");
      }
    }
    assertThat(refused).isEqualTo(1);
    // a malformed code is refused without counting
    assertThat(
            api.anonymous()
                .post("/api/v1/auth/activate", Api.json("code", "x", "password", "x"))
                .send()
                .code())
        .isEqualTo("ACTIVATION_INVALID");
    // the lock ends with its time, for the other tests of this address
    context.getBean(MovableClock.class).advance(Duration.ofMinutes(31));
  }

  @Test
  void a_network_from_scratch_sells_sol_to_a_member_who_pays_a_merchant() {
    String network = newNetwork();
    String claire = coordinator(network);
    String office = unique("comptoir");
    String shop = unique("epicerie");
    String member = unique("adherent");
    activate(
        office,
        enrol(claire, network, office, "EXCHANGE_OFFICE")
            .json()
            .get("activation")
            .get("code")
            .asString());
    activate(
        shop,
        enrol(claire, network, shop, "MERCHANT").json().get("activation").get("code").asString());
    activate(
        member,
        enrol(claire, network, member, "MEMBER").json().get("activation").get("code").asString());
    Ledger ledger = context.getBean(Ledger.class);
    Network n = ledger.networks().findByCode(network).orElseThrow();
    long memberAccount =
        callers.account(n, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    long shopAccount =
        callers.account(n, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION).id().value();

    // the exchange office sells SOL for euros, at the network's rate and bonus (1.00, 5 %)
    var purchase =
        callers
            .as(office)
            .post(
                "/api/v1/exchange/purchases",
                Api.json("accountId", memberAccount, "euros", "20.00"))
            .header("Idempotency-Key", "achat-" + member)
            .send();
    assertThat(purchase.status()).as(purchase.toString()).isEqualTo(201);
    // the member pays the merchant
    var payment =
        callers
            .as(member)
            .post(
                "/api/v1/transfers",
                Api.json(
                    "debitAccountId",
                    memberAccount,
                    "creditAccountId",
                    shopAccount,
                    "amount",
                    "2.50",
                    "memo",
                    "Légumes"))
            .header("Idempotency-Key", "paiement-" + member)
            .send();
    assertThat(payment.status()).as(payment.toString()).isEqualTo(201);
    var account = callers.as(shop).get("/api/v1/accounts/" + shopAccount).send();
    assertThat(account.body()).contains("2.50");
  }

  /** A browser's session: cookies kept, redirects not followed. */
  private final class Session {
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

    HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    void logIn(String username, String password) {
      HttpResponse<String> page = send(request("/login").GET());
      Matcher field = CSRF_FIELD.matcher(page.body());
      assertThat(field.find()).isTrue();
      String form =
          "username="
              + encode(username)
              + "&password="
              + encode(password)
              + "&_csrf="
              + encode(field.group(1));
      HttpResponse<String> login =
          send(
              request("/login")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form)));
      assertThat(login.statusCode()).isEqualTo(302);
      assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    HttpResponse<String> get(String path) {
      return send(request(path).header("Accept", "application/json").GET());
    }

    HttpResponse<String> post(String path, String json) {
      send(request("/api/v1/me").GET()); // the XSRF-TOKEN cookie
      String xsrf =
          cookies.getCookieStore().getCookies().stream()
              .filter(c -> c.getName().equals("XSRF-TOKEN"))
              .map(c -> c.getValue())
              .findFirst()
              .orElse("");
      return send(
          request(path)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .header("X-XSRF-TOKEN", xsrf)
              .POST(HttpRequest.BodyPublishers.ofString(json)));
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
