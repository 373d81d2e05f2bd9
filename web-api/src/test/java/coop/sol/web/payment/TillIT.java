package coop.sol.web.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.sol.keys.NetworkKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.PaymentRequestCode;
import coop.sol.merchant.code.Verification;
import coop.sol.merchant.qr.Caption;
import coop.sol.merchant.qr.PngRenderer;
import coop.sol.merchant.qr.QrScanner;
import coop.sol.merchant.qr.QrSymbol;
import coop.sol.merchant.till.SolTill;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.MovableClock;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The merchant's till (merchant-app's {@code sol-till}) against the running application, driven
 * through its command line as a cashier would: charge and see the member's payment arrive, scan a
 * member's pay token from a photo, go offline and queue, come back and sync (the ledger deciding
 * single use), verify, read the history, refund.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TillIT {
  private static final String PIN = "4821";

  private final Callers callers;
  private final int port;
  private final MovableClock clock;
  private Shop shop;
  private String coordinator;
  @TempDir Path files;

  /** What the card's holder types on the till's PIN pad, in turn. */
  private final Deque<String> pinsTyped = new ArrayDeque<>();

  @Autowired
  TillIT(@LocalServerPort int port, ApplicationContext context, MovableClock clock) {
    this.callers = Callers.of(port, context);
    this.port = port;
    this.clock = clock;
  }

  @BeforeAll
  void aShopAndTwoMembers() {
    shop = Shop.in(callers).withMembers(2, "200.00");
    coordinator = callers.newUser("coord", Role.COORDINATOR, shop.network, null);
  }

  /** One run of the till: its exit code and everything it printed. */
  record Run(int exit, String output) {}

  private Run till(String url, Path home, String token, String... args) {
    StringWriter out = new StringWriter();
    var commandLine =
        SolTill.commandLine(
            clock,
            (prompt, pad) -> {
              pad.print(prompt);
              String typed = pinsTyped.poll();
              return typed == null ? new char[0] : typed.toCharArray();
            });
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(out, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--url",
            url,
            "--token",
            token,
            "--account",
            Long.toString(shop.merchantAccount),
            "--home",
            home.toString()));
    int exit = commandLine.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString());
  }

  private Run cashier(Path home, String... args) {
    return till("http://localhost:" + port, home, callers.token(shop.cashier), args);
  }

  @Test
  void charge_shows_a_qr_code_a_member_pays_it_and_the_till_prints_paid() throws Exception {
    Path home = files.resolve("charge");
    Path png = files.resolve("charge.png");
    long before = shop.balance(shop.merchantAccount);
    CompletableFuture<Run> charge =
        CompletableFuture.supplyAsync(
            () ->
                cashier(home, "charge", "4.20", "--reference", "Table 3", "--png", png.toString()));

    // the member's phone reads the QR code the till wrote, checks it, and pays
    String link = waitForQrCode(png);
    Verification verification =
        PaymentCodes.verify(link, publishedKeys(), shop.network.id().value(), Instant.now());
    var request = (PaymentRequestCode) ((Verification.Verified) verification).code();
    assertThat(request.amount()).isEqualTo(4_20);
    assertThat(request.reference()).isEqualTo("Table 3");
    Api.Response paid =
        shop.pay(shop.member(0), shop.memberAccount(0), request.nonce().toString(), "tel-1");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);

    Run run = charge.get(30, TimeUnit.SECONDS);
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains(
            "4.20 SOL", "█", link, "PAYÉ : 4.20 SOL (virement " + paid.json().get("id").asLong());
    assertThat(shop.balance(shop.merchantAccount)).isEqualTo(before + 4_20);
  }

  @Test
  void a_charge_nobody_pays_is_cancelled_when_the_till_stops_waiting() {
    Run run = cashier(files.resolve("unpaid"), "charge", "1.00", "--wait", "1");
    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("demande annulée");
  }

  @Test
  void scan_reads_a_member_s_token_from_a_photo_and_charges_it() throws IOException {
    Path photo = tokenPhoto(0, "10.00");
    long member = shop.balance(shop.memberAccount(0));
    Run run = cashier(files.resolve("scan"), "scan", photo.toString(), "--amount", "7.30");
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("Jeton vérifié", "ENCAISSÉ : 7.30 SOL");
    assertThat(shop.balance(shop.memberAccount(0))).isEqualTo(member - 7_30);

    Run again = cashier(files.resolve("scan"), "scan", photo.toString(), "--amount", "7.30");
    assertThat(again.exit()).isZero();
    assertThat(again.output()).contains("déjà encaissé par cette caisse");
    Run overCap =
        cashier(
            files.resolve("scan"), "scan", tokenPhoto(0, "1.00").toString(), "--amount", "2.00");
    assertThat(overCap.exit()).isEqualTo(1);
    assertThat(overCap.output()).contains("dépasse le plafond");
    assertThat(shop.balance(shop.memberAccount(0))).isEqualTo(member - 7_30);
  }

  @Test
  void
      offline_the_till_checks_tokens_with_its_cached_keys_queues_them_and_sync_lets_the_ledger_decide()
          throws IOException {
    Path home = files.resolve("offline");
    try (SwitchableProxy network = new SwitchableProxy(port)) {
      String url = "http://localhost:" + network.port();
      String token = callers.token(shop.cashier);
      // online once: the till caches its network's keys
      Run online = till(url, home, token, "verify", staticCode());
      assertThat(online.exit()).as(online.output()).isZero();
      assertThat(online.output()).contains("AUTHENTIQUE", "code fixe du compte commerçant");

      Path first = tokenPhoto(0, "5.00");
      Path second = tokenPhoto(1, "5.00");
      Path usedMeanwhile = tokenPhoto(1, "5.00");
      long members = shop.balance(shop.memberAccount(0)) + shop.balance(shop.memberAccount(1));
      network.down();
      Run queued = till(url, home, token, "scan", first.toString(), "--amount", "2.00");
      assertThat(queued.exit()).as(queued.output()).isEqualTo(4);
      assertThat(queued.output()).contains("hors ligne, clés en cache", "HORS LIGNE");
      // the cashier scans it again, unsure: the same charge, sent once
      assertThat(till(url, home, token, "scan", first.toString(), "--amount", "2.00").exit())
          .isEqualTo(4);
      assertThat(
              till(url, home, token, "scan", usedMeanwhile.toString(), "--amount", "3.00").exit())
          .isEqualTo(4);
      Run forged = till(url, home, token, "verify", staticCode().replace('A', 'B'));
      assertThat(forged.output()).contains("REFUSÉ");
      assertThat(Files.readAllLines(home.resolve("queue.jsonl"))).hasSize(3);
      assertThat(shop.balance(shop.memberAccount(0)) + shop.balance(shop.memberAccount(1)))
          .isEqualTo(members);

      // meanwhile the member used one of the tokens at another till: the ledger will refuse it
      String usedCode = QrScanner.scan(ImageIO.read(usedMeanwhile.toFile())).get(0);
      assertThat(shop.redeem(shop.merchant, usedCode, "1.00", "ailleurs").status()).isEqualTo(201);

      network.up();
      Run sync = till(url, home, token, "sync");
      assertThat(sync.exit()).as(sync.output()).isEqualTo(1);
      assertThat(sync.output())
          .contains("encaissé, 2.00 SOL", "déjà reçu", "REFUSÉ (PAY_TOKEN_ALREADY_USED)")
          .contains("Envoyés : 2 encaissé(s), 1 refusé(s), 0 en attente.");
      assertThat(home.resolve("queue.jsonl")).doesNotExist();
      assertThat(shop.balance(shop.memberAccount(0)) + shop.balance(shop.memberAccount(1)))
          .isEqualTo(members - 2_00 - 1_00);

      // the next command sends what was queued before doing its own work
      network.down();
      assertThat(till(url, home, token, "scan", second.toString(), "--amount", "1.50").exit())
          .isEqualTo(4);
      network.up();
      Run next = till(url, home, token, "verify", staticCode());
      assertThat(next.output()).contains("File : jeton", "encaissé, 1.50 SOL", "AUTHENTIQUE");
      assertThat(home.resolve("queue.jsonl")).doesNotExist();
    }
  }

  @Test
  void the_merchant_reads_the_history_and_refunds_from_the_till() {
    Path home = files.resolve("merchant");
    String merchantToken = callers.token(shop.merchant);
    String url = "http://localhost:" + port;
    Api.Response paid =
        shop.as(shop.member(1))
            .post(
                "/api/v1/transfers",
                Api.json(
                    "debitAccountId",
                    shop.memberAccount(1),
                    "creditAccountId",
                    shop.merchantAccount,
                    "amount",
                    "6.00",
                    "memo",
                    "Un livre"))
            .header("Idempotency-Key", "livre")
            .send();
    long payment = paid.json().get("id").asLong();
    Run history = till(url, home, merchantToken, "history", "--limit", "5");
    assertThat(history.exit()).as(history.output()).isZero();
    assertThat(history.output())
        .contains(Long.toString(payment), "PAYMENT", "+      6.00", "Un livre");

    Run refund = till(url, home, merchantToken, "refund", Long.toString(payment), "2.50");
    assertThat(refund.exit()).as(refund.output()).isZero();
    assertThat(refund.output()).contains("REMBOURSÉ : 2.50 SOL au compte " + shop.memberAccount(1));
    Run tooMuch = till(url, home, merchantToken, "refund", Long.toString(payment), "4.00");
    assertThat(tooMuch.exit()).isEqualTo(1);
    assertThat(tooMuch.output()).contains("REVERSAL_EXCEEDS_ORIGINAL");

    Run cashierHistory = cashier(home, "history");
    assertThat(cashierHistory.exit()).isEqualTo(1);
    assertThat(cashierHistory.output()).contains("un caissier ne voit pas l'historique");
  }

  @Test
  void the_packaged_jar_runs() throws Exception {
    Path jar = Path.of("..", "merchant-app", "target", "sol-till.jar");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(jar), "sol-till.jar is built");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "verify",
                staticCode(),
                "--url",
                "http://localhost:" + port,
                "--account",
                Long.toString(shop.merchantAccount),
                "--home",
                files.resolve("jar").toString())
            .redirectErrorStream(true);
    // the token through the environment, as a till's service would pass it
    builder.environment().put("SOL_TOKEN", callers.token(shop.cashier));
    Process process = builder.start();
    process.getOutputStream().close();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("AUTHENTIQUE", "code fixe du compte commerçant " + shop.merchantAccount);
    assertThat(files.resolve("jar").resolve("keys.json")).exists();
  }

  @Test
  void a_member_card_pays_online_by_its_photo_or_its_number_with_the_holder_s_pin()
      throws IOException {
    JsonNode card = issueCard(0);
    Path home = files.resolve("card-online");
    long before = shop.balance(shop.memberAccount(0));

    pinsTyped.add(PIN);
    Run paid = cashier(home, "card", cardPhoto(card).toString(), "--amount", "3.20");
    assertThat(paid.exit()).as(paid.output()).isZero();
    assertThat(paid.output())
        .contains("Carte de Jeanne : 3.20 SOL.", "Code PIN du titulaire", "ENCAISSÉ : 3.20 SOL")
        .doesNotContain(PIN);

    pinsTyped.add("0000");
    Run wrong = cashier(home, "card", card.get("number").asString(), "--amount", "1.00");
    assertThat(wrong.exit()).as(wrong.output()).isEqualTo(1);
    assertThat(wrong.output()).contains("Carte de Jeanne", "CARD_WRONG_PIN");
    assertThat(shop.balance(shop.memberAccount(0))).isEqualTo(before - 3_20);
  }

  @Test
  void
      a_replaced_card_s_old_version_is_refused_online_and_after_a_sync_offline_as_is_a_charge_above_the_offline_cap()
          throws IOException {
    Path home = files.resolve("card-replaced");
    JsonNode old = issueCard(1);
    Path oldPhoto = cardPhoto(old);
    JsonNode next =
        shop.as(coordinator)
            .post("/api/v1/cards/" + old.get("id").asLong() + "/replace", null)
            .send()
            .json();
    Path nextPhoto = cardPhoto(next);
    try (SwitchableProxy network = new SwitchableProxy(port)) {
      String url = "http://localhost:" + network.port();
      String token = callers.token(shop.cashier);
      Run online = till(url, home, token, "card", oldPhoto.toString(), "--amount", "1.00");
      assertThat(online.exit()).as(online.output()).isEqualTo(1);
      assertThat(online.output()).containsAnyOf("remplacée", "CARD_REPLACED");

      Run sync = till(url, home, token, "sync");
      assertThat(sync.exit()).as(sync.output()).isZero();
      assertThat(sync.output()).contains("Liste de révocation des cartes à jour", "10.00 SOL");
      assertThat(home.resolve("cards.json")).exists();

      network.down();
      Run offline = till(url, home, token, "card", oldPhoto.toString(), "--amount", "1.00");
      assertThat(offline.exit()).as(offline.output()).isEqualTo(1);
      assertThat(offline.output()).contains("HORS LIGNE : carte remplacée (version 1");
      Run aboveCap = till(url, home, token, "card", nextPhoto.toString(), "--amount", "10.01");
      assertThat(aboveCap.exit()).as(aboveCap.output()).isEqualTo(1);
      assertThat(aboveCap.output())
          .contains("dépasse le plafond hors ligne des cartes (10.00 SOL)");
      Run typed = till(url, home, token, "card", next.get("number").asString(), "--amount", "1");
      assertThat(typed.exit()).isEqualTo(3);
      assertThat(typed.output()).contains("un numéro saisi ne peut pas être vérifié");
      assertThat(home.resolve("queue.jsonl")).doesNotExist();
      assertThat(pinsTyped).isEmpty();
    }
  }

  @Test
  void
      a_card_charge_queued_offline_is_refused_at_send_with_a_wrong_pin_and_posts_once_with_the_right_one()
          throws IOException {
    Path home = files.resolve("card-queued");
    JsonNode card = issueCard(1);
    Path photo = cardPhoto(card);
    long member = shop.balance(shop.memberAccount(1));
    try (SwitchableProxy network = new SwitchableProxy(port)) {
      String url = "http://localhost:" + network.port();
      String token = callers.token(shop.cashier);
      assertThat(till(url, home, token, "verify", staticCode()).exit()).isZero();
      assertThat(till(url, home, token, "sync").exit()).isZero();

      network.down();
      pinsTyped.add("9999");
      Run wrongPin = till(url, home, token, "card", photo.toString(), "--amount", "4.00");
      assertThat(wrongPin.exit()).as(wrongPin.output()).isEqualTo(4);
      assertThat(wrongPin.output()).contains("HORS LIGNE : carte " + card.get("id").asLong());
      List<String> wrongLine = Files.readAllLines(home.resolve("queue.jsonl"));
      pinsTyped.add(PIN);
      Run rightPin = till(url, home, token, "card", photo.toString(), "--amount", "6.00");
      assertThat(rightPin.exit()).as(rightPin.output()).isEqualTo(4);
      List<String> queued = Files.readAllLines(home.resolve("queue.jsonl"));
      assertThat(queued).hasSize(2);
      // the PIN waits sealed for the network's key, never in clear
      assertThat(String.join("\n", queued)).contains("sealedPin").doesNotContain(PIN, "9999");
      String rightLine = queued.get(1);
      assertThat(wrongLine).hasSize(1);
      assertThat(shop.balance(shop.memberAccount(1))).isEqualTo(member);

      network.up();
      Run sync = till(url, home, token, "sync");
      assertThat(sync.exit()).as(sync.output()).isEqualTo(1);
      assertThat(sync.output())
          .contains("REFUSÉ (CARD_WRONG_PIN)", "encaissé, 6.00 SOL")
          .contains("Envoyés : 1 encaissé(s), 1 refusé(s), 0 en attente.");
      assertThat(shop.balance(shop.memberAccount(1))).isEqualTo(member - 6_00);

      // the answer was lost, twice: the same charge is sent again, with its own key, and posts once
      for (int resend = 0; resend < 2; resend++) {
        Files.writeString(home.resolve("queue.jsonl"), rightLine + "\n");
        Run again = till(url, home, token, "sync");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("encaissé, 6.00 SOL", "déjà reçu");
      }
      assertThat(shop.balance(shop.memberAccount(1))).isEqualTo(member - 6_00);
      JsonNode payments =
          shop.as(shop.member(1))
              .get("/api/v1/cards/" + card.get("id").asLong() + "/payments")
              .send()
              .json();
      assertThat(payments).hasSize(1);
      assertThat(payments.get(0).get("offlineAt").isNull()).isFalse();
    }
  }

  private JsonNode issueCard(int member) {
    Api.Response issued =
        shop.as(coordinator)
            .post(
                "/api/v1/cards",
                Api.json(
                    "holderAccountId",
                    shop.memberAccount(member),
                    "holderName",
                    "Jeanne Martin",
                    "pin",
                    PIN))
            .send();
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    return issued.json();
  }

  /** The card's QR code as the till's camera takes it. */
  private Path cardPhoto(JsonNode card) throws IOException {
    BufferedImage printed =
        PngRenderer.render(QrSymbol.encode(card.get("code").asString()), Caption.none(), 6);
    Path file =
        files.resolve("card-" + card.get("id").asLong() + "-" + card.get("version") + ".png");
    ImageIO.write(printed, "png", file.toFile());
    return file;
  }

  /** The bakery's counter code, as printed. */
  private String staticCode() {
    return shop.as(shop.cashier)
        .get("/api/v1/merchants/" + shop.merchantAccount + "/static-code")
        .send()
        .json()
        .get("link")
        .asString();
  }

  /**
   * A new pay token of member {@code i}, as a phone shows it and a camera takes it: the API's PNG
   * turned a little and set on a grey table.
   */
  private Path tokenPhoto(int i, String cap) throws IOException {
    JsonNode token = shop.token(i, cap, null);
    var png =
        Raw.bytes(
            port,
            callers.token(shop.member(i)),
            "/api/v1/pay-tokens/" + token.get("id").asString() + "/qr.png");
    BufferedImage screen = ImageIO.read(new ByteArrayInputStream(png.body()));
    int side = (int) (Math.max(screen.getWidth(), screen.getHeight()) * 1.5);
    BufferedImage photo = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    g.setColor(new Color(150, 140, 130));
    g.fillRect(0, 0, side, side);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.rotate(Math.toRadians(12), side / 2.0, side / 2.0);
    g.drawImage(screen, (side - screen.getWidth()) / 2, (side - screen.getHeight()) / 2, null);
    g.dispose();
    Path file = files.resolve("token-" + token.get("id").asString() + ".jpg");
    ImageIO.write(photo, "jpg", file.toFile());
    return file;
  }

  /** The QR code's text, once the till has written a readable image of it. */
  private String waitForQrCode(Path png) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions() // the image may still be being written
        .until(() -> QrScanner.scan(ImageIO.read(png.toFile())), texts -> !texts.isEmpty())
        .get(0);
  }

  private TrustedKeys publishedKeys() {
    JsonNode published =
        callers
            .api()
            .anonymous()
            .get("/api/v1/networks/" + shop.network.id().value() + "/keys")
            .send()
            .json();
    List<NetworkKey> keys = new ArrayList<>();
    for (JsonNode key : published.get("keys")) {
      keys.add(NetworkKey.fromBase64Url(key.get("publicKey").asString()));
    }
    return TrustedKeys.of(keys);
  }
}
