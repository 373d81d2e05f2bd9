package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import coop.sol.ledger.Operations;
import coop.sol.ledger.network.Network;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * {@code /coordinator/people/import} over HTTP: upload → the dry run's table → confirm → the
 * letters' PDF offered on the answer, which is never stored.
 */
@SolApplicationTest
class PeopleImportPageIT {
  private static final Pattern CONTENT = Pattern.compile("name=\"content\" value=\"([^\"]+)\"");
  private static final Pattern LETTERS =
      Pattern.compile("href=\"data:application/pdf;base64,([A-Za-z0-9+/=]+)\"");

  private final int port;
  private final Callers callers;
  private final Operations operations;

  @Autowired
  PeopleImportPageIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.operations = context.getBean(Operations.class);
  }

  @Test
  void a_coordinator_tries_a_file_then_imports_it_and_gets_the_letters() throws Exception {
    Network network = callers.newNetwork("import-page");
    operations.settings().setUp(network.id());
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    PageSession session = PageSession.logIn(port, callers, coordinator, true);
    HttpResponse<String> page = session.get("/coordinator/people/import");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"upload-form\"").doesNotContain("??");

    String s = "-" + network.id().value();
    String csv =
        "identifiant;nom;rôles;sol_engagement\n"
            + "lea"
            + s
            + ";Léa Page;MEMBER;4\n"
            + "roi"
            + s
            + ";Roi;KING;\n";
    String boundary = "----import" + s;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + PageSession.csrf(page.body())
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(csv.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> trial =
        session.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/coordinator/people/import"))
                .header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    assertThat(trial.statusCode()).as(trial.body()).isEqualTo(200);
    assertThat(trial.body())
        .contains("data-status=\"WOULD_CREATE\"")
        .contains("data-status=\"SKIPPED\"")
        .contains("UNKNOWN_ROLE")
        .doesNotContain("??");
    Matcher content = CONTENT.matcher(trial.body());
    assertThat(content.find()).isTrue();

    HttpResponse<String> done =
        session.post(
            "/coordinator/people/import/confirm",
            "_csrf="
                + PageSession.encode(PageSession.csrf(trial.body()))
                + "&content="
                + PageSession.encode(content.group(1)));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(done.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    assertThat(done.body()).contains("data-status=\"CREATED\"").doesNotContain("??");
    Matcher letters = LETTERS.matcher(done.body());
    assertThat(letters.find()).as("the letters' link").isTrue();
    try (PdfReader pdf = new PdfReader(Base64.getDecoder().decode(letters.group(1)))) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(1);
    }
  }
}
