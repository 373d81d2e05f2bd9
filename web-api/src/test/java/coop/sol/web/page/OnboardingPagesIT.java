package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.util.HtmlUtils;

/**
 * The onboarding pages without JavaScript, as a browser posts their forms: the administrator
 * creates a network and appoints its coordinator (code shown once, letter printed), who activates
 * on the public page (second factor's QR shown), logs in, enrols a member, who activates and
 * changes their password; a reset of access. Every page in French, labelled, with no inline script
 * or style and no missing message.
 */
@SolApplicationTest
class OnboardingPagesIT {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern CODE =
      Pattern.compile(
          "data-activation-code[^>]*>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})<");
  private static final Pattern SECRET = Pattern.compile("data-totp-secret[^>]*>([A-Z2-7 ]+)<");
  private static final Pattern INLINE =
      Pattern.compile(
          "<script(?![^>]*\\ssrc=)[^>]*>|<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE);

  private final int port;
  private final Callers callers;

  @Autowired
  OnboardingPagesIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
  }

  private final class Client {
    private final HttpClient http =
        HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private String csrf;

    HttpResponse<String> get(String path) {
      HttpResponse<String> page = send(request(path).GET());
      Matcher field = CSRF_FIELD.matcher(page.body());
      if (field.find()) {
        csrf = field.group(1);
      }
      return page;
    }

    HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Accept", "text/html,application/xhtml+xml");
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    HttpResponse<String> post(String path, Map<String, String> fields) {
      StringBuilder form = new StringBuilder("_csrf=").append(encode(csrf));
      fields.forEach((k, v) -> form.append('&').append(k).append('=').append(encode(v)));
      HttpResponse<String> page =
          send(
              request(path)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
      Matcher field = CSRF_FIELD.matcher(page.body());
      if (field.find()) {
        csrf = field.group(1);
      }
      return page;
    }

    Client logIn(String username) {
      get("/login");
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("username", username);
      fields.put("password", callers.password(username));
      if (callers.hasTotp(username)) {
        fields.put("totp", callers.nextTotp(username));
      }
      HttpResponse<String> login = post("/login", fields);
      assertThat(login.statusCode()).isEqualTo(302);
      assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
      return this;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void assertPage(HttpResponse<String> page, String what) {
    assertThat(page.statusCode()).as(what + ": " + page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow())
        .as(what)
        .startsWith("text/html");
    assertThat(INLINE.matcher(page.body()).find()).as("inline code in %s", what).isFalse();
    assertThat(page.body()).as(what).doesNotContain("??");
  }

  private static String code(HttpResponse<String> issued) {
    Matcher code = CODE.matcher(issued.body());
    assertThat(code.find()).as(issued.body()).isTrue();
    return code.group(1);
  }

  private String activate(String code, String username) {
    Client anonymous = new Client();
    HttpResponse<String> form = anonymous.get("/activer?code=" + code);
    assertPage(form, "the activation page");
    assertThat(form.body()).contains("value=\"" + code + "\"").contains("<label for=\"password\"");
    String password = "ma phrase de passe n" + SEQUENCE.incrementAndGet() + " à moi";
    HttpResponse<String> mismatch =
        anonymous.post(
            "/activate", Map.of("code", code, "password", password, "confirmation", "autre"));
    assertPage(mismatch, "a mismatch");
    assertThat(HtmlUtils.htmlUnescape(mismatch.body()))
        .contains("Les deux mots de passe ne sont pas les mêmes.");
    HttpResponse<String> weak =
        anonymous.post(
            "/activate",
            Map.of("code", code, "password", "motdepasse", "confirmation", "motdepasse"));
    assertPage(weak, "a weak password");
    assertThat(HtmlUtils.htmlUnescape(weak.body())).contains("Au moins 12 caractères.");
    HttpResponse<String> done =
        anonymous.post(
            "/activate", Map.of("code", code, "password", password, "confirmation", password));
    assertPage(done, "activated");
    assertThat(done.body()).contains("id=\"activated\"");
    Matcher secret = SECRET.matcher(done.body());
    String totp = null;
    if (secret.find()) {
      totp = secret.group(1).replace(" ", "");
      assertThat(done.body()).contains("<svg");
    }
    callers.remember(username, password, totp);
    return totp;
  }

  @Test
  void from_an_empty_network_to_a_member_who_changes_their_password() {
    Client admin = new Client().logIn("admin");
    HttpResponse<String> networks = admin.get("/admin/networks");
    assertPage(networks, "the administrator's networks");
    String code = "pages-" + SEQUENCE.incrementAndGet();
    HttpResponse<String> created =
        admin.post(
            "/admin/networks",
            Map.of(
                "code",
                code,
                "name",
                "SOL des Pages",
                "currencyName",
                "SOL Pages",
                "euroRate",
                "1.00",
                "purchaseBonus",
                "5",
                "reconversionFee",
                "2",
                "timeZone",
                "Europe/Paris",
                "defaultLanguage",
                "fr"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
    HttpResponse<String> network = admin.get("/admin/networks/" + code);
    assertPage(network, "a network's page");
    String coordinator = "coordo-" + SEQUENCE.incrementAndGet();
    HttpResponse<String> appointed =
        admin.post(
            "/admin/networks/" + code + "/coordinators",
            Map.of("username", coordinator, "displayName", "Coordo des Pages"));
    assertPage(appointed, "the coordinator's activation");
    String activation = code(appointed);
    HttpResponse<String> letter =
        admin.post(
            "/admin/networks/" + code + "/people/" + personId(appointed) + "/letter",
            Map.of("code", activation));
    assertThat(letter.statusCode()).isEqualTo(200);
    assertThat(letter.headers().firstValue("Content-Type").orElseThrow())
        .isEqualTo("application/pdf");
    assertThat(letter.body()).startsWith("%PDF");

    assertThat(activate(activation, coordinator)).as("a coordinator's TOTP secret").isNotNull();
    Client coord = new Client().logIn(coordinator);
    HttpResponse<String> people = coord.get("/coordinator/people");
    assertPage(people, "the people page");
    String member = "membre-" + SEQUENCE.incrementAndGet();
    HttpResponse<String> enrolled =
        coord.post(
            "/coordinator/people",
            Map.of("username", member, "displayName", "Membre des Pages", "roles", "MEMBER"));
    assertPage(enrolled, "the member's activation");
    String memberCode = code(enrolled);
    HttpResponse<String> found = coord.get("/coordinator/people?q=" + member + "&status=PENDING");
    assertPage(found, "a search");
    assertThat(found.body()).contains("data-person=\"" + member + "\"");
    HttpResponse<String> taken =
        coord.post(
            "/coordinator/people",
            Map.of("username", member, "displayName", "Encore", "roles", "MEMBER"));
    assertPage(taken, "a taken username");
    assertThat(HtmlUtils.htmlUnescape(taken.body()))
        .contains("Ce nom d'utilisateur est déjà pris.");

    assertThat(activate(memberCode, member)).as("a member has no second factor").isNull();
    Client memberSession = new Client().logIn(member);
    Client otherSession = new Client().logIn(member);
    HttpResponse<String> passwordPage = memberSession.get("/account/password");
    assertPage(passwordPage, "the password page");
    String newPassword = "une nouvelle phrase de passe pour les pages";
    HttpResponse<String> changed =
        memberSession.post(
            "/account/password",
            Map.of(
                "currentPassword",
                callers.password(member),
                "newPassword",
                newPassword,
                "confirmation",
                newPassword));
    assertPage(changed, "a changed password");
    assertThat(changed.body()).contains("id=\"password-changed\"");
    assertPage(memberSession.get("/account/password"), "this session goes on");
    assertThat(otherSession.get("/account/password").statusCode())
        .as("the other session is over: to the login form")
        .isEqualTo(302);

    // the coordinator resets the member's access
    long memberId = personIdIn(found, member);
    HttpResponse<String> reset = coord.post("/coordinator/people/" + memberId + "/reset", Map.of());
    assertPage(reset, "a reset");
    assertThat(code(reset)).isNotEqualTo(memberCode);
    assertThat(memberSession.get("/account/password").statusCode()).isEqualTo(302);
  }

  private static long personId(HttpResponse<String> issued) {
    Matcher action = Pattern.compile("/people/(\\d+)/letter").matcher(issued.body());
    assertThat(action.find()).isTrue();
    return Long.parseLong(action.group(1));
  }

  private static long personIdIn(HttpResponse<String> page, String username) {
    Matcher reset =
        Pattern.compile(
                "data-person=\""
                    + Pattern.quote(username)
                    + "\".*?/coordinator/people/(\\d+)/reset",
                Pattern.DOTALL)
            .matcher(page.body());
    assertThat(reset.find()).isTrue();
    return Long.parseLong(reset.group(1));
  }
}
