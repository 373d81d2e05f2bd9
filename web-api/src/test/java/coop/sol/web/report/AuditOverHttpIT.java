package coop.sol.web.report;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.keys.KeyId;
import coop.sol.keys.NetworkKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.audit.Checkpoint;
import coop.sol.ledger.audit.ExportVerifier;
import coop.sol.ledger.audit.MerkleTree;
import coop.sol.ledger.audit.SignedReport;
import coop.sol.ledger.audit.VerifyExport;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.ReportJson;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.Verification;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The verifiable audit over HTTP: the signed report (and a tampered figure caught), the audit
 * export verified offline, checkpoints taken on demand, and members' inclusion proofs.
 */
@SolApplicationTest
class AuditOverHttpIT {
  private static final HexFormat HEX = HexFormat.of();

  private final Callers callers;
  private final ApplicationContext context;
  private final ReportHttp http;
  private SmallJournal j;

  @Autowired
  AuditOverHttpIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
    this.http = new ReportHttp(port);
  }

  @BeforeEach
  void aJournal() {
    j = new SmallJournal(callers);
  }

  @Test
  void the_signed_report_verifies_with_the_published_key_and_a_changed_figure_does_not() {
    Api.Response r =
        callers
            .as(j.coordinator)
            .get("/api/v1/reports/circulation/signed?period=month&date=" + SmallJournal.month())
            .send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode body = r.json();
    String json = body.get("report").asString();
    var key = NetworkKey.fromBase64Url(body.get("publicKey").asString());
    // the key is the one published with the checkpoints
    JsonNode published = callers.as(j.member).get("/api/v1/reports/checkpoints").send().json();
    assertThat(published.get("keys").findValuesAsString("publicKey")).contains(key.toBase64Url());
    assertThat(body.get("keyId").asString()).isEqualTo(key.id().toString());

    var signed =
        new SignedReport(
            json.getBytes(StandardCharsets.UTF_8),
            body.get("keyId").asString(),
            HEX.parseHex(body.get("signature").asString()));
    assertThat(signed.signedBy(key)).isTrue();
    assertThat(ReportJson.parameters(signed.json()).request().network().value())
        .isEqualTo(j.network.id().value());
    assertThat(json).contains("3500");

    // one figure changed: payments 35.00 → 35.01 (minor units in the canonical JSON)
    String tampered = json.replaceFirst("3500", "3501");
    assertThat(tampered).isNotEqualTo(json);
    var forged =
        new SignedReport(
            tampered.getBytes(StandardCharsets.UTF_8), signed.keyId(), signed.signature());
    assertThat(forged.signedBy(key)).isFalse();
    assertThat(ReportJson.firstDifference(signed.json(), forged.json())).isPresent();

    assertThat(callers.as(j.member).get("/api/v1/reports/circulation/signed").send().status())
        .isEqualTo(403);
  }

  @Test
  void the_audit_export_verifies_offline_with_the_networks_key(@TempDir Path dir)
      throws IOException {
    // a checkpoint first, so the export carries one
    assertThat(
            callers
                .as(j.coordinator)
                .post("/api/v1/reports/checkpoints?network=" + j.network.code(), "")
                .send()
                .status())
        .isEqualTo(201);
    HttpResponse<byte[]> zip = http.get("/api/v1/reports/export.zip", callers.token(j.coordinator));
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.headers().firstValue("Content-Disposition").orElse(""))
        .contains("sol-export-" + j.network.code());
    Path file = dir.resolve("export.zip");
    Files.write(file, zip.body());

    String publicKey =
        callers
            .as(j.coordinator)
            .get("/api/v1/reports/checkpoints")
            .send()
            .json()
            .get("keys")
            .get(0)
            .get("publicKey")
            .asString();
    var result = new ExportVerifier(Set.of(NetworkKey.fromBase64Url(publicKey))).verify(file);
    assertThat(result.firstDiscrepancy()).isEmpty();
    assertThat(result.valid()).isTrue();
    assertThat(String.join("\n", result.checked())).contains("report");

    // downloading it is audited; members may not
    assertThat(
            callers
                .as(j.coordinator)
                .get("/api/v1/audit")
                .send()
                .json()
                .get("items")
                .findValuesAsString("action"))
        .contains("AUDIT_EXPORT_DOWNLOADED", "CHECKPOINTS_TAKEN");
    assertThat(http.get("/api/v1/reports/export.zip", callers.token(j.member)).statusCode())
        .isEqualTo(403);
  }

  @Test
  void one_key_one_id_from_the_published_keys_to_the_offline_verifier(@TempDir Path dir)
      throws IOException {
    // what the network publishes, to anyone
    JsonNode listing =
        callers.api().get("/api/v1/networks/" + j.network.id().value() + "/keys").send().json();
    JsonNode active = listing.get("keys").get(0);
    assertThat(active.get("status").asString()).isEqualTo("ACTIVE");
    String keyId = active.get("keyId").asString();
    String publicKey = active.get("publicKey").asString();
    NetworkKey key = NetworkKey.fromBase64Url(publicKey);
    assertThat(key.id()).isEqualTo(KeyId.fromHex(keyId));

    // a payment code carries it
    long shop =
        callers
            .account(j.network, OwnerKind.MERCHANT, j.merchant, StrandKind.COOPERATION)
            .id()
            .value();
    JsonNode code =
        callers.as(j.merchant).get("/api/v1/merchants/" + shop + "/static-code").send().json();
    assertThat(code.get("keyId").asString()).isEqualTo(keyId);
    var verified =
        PaymentCodes.verify(
            code.get("link").asString(),
            TrustedKeys.of(key),
            j.network.id().value(),
            Instant.now());
    assertThat(verified).isInstanceOf(Verification.Verified.class);
    assertThat(((Verification.Verified) verified).keyId()).hasToString(keyId);

    // a checkpoint, and the checkpoints' listing of keys
    Api.Response taken = callers.as(j.coordinator).post("/api/v1/reports/checkpoints", "").send();
    assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
    assertThat(taken.json().findValuesAsString("keyId")).isNotEmpty().containsOnly(keyId);
    JsonNode listed = callers.as(j.member).get("/api/v1/reports/checkpoints").send().json();
    assertThat(listed.get("keys").get(0)).isEqualTo(active);

    // a signed report
    JsonNode report =
        callers
            .as(j.coordinator)
            .get("/api/v1/reports/circulation/signed?period=month&date=" + SmallJournal.month())
            .send()
            .json();
    assertThat(report.get("keyId").asString()).isEqualTo(keyId);
    assertThat(report.get("publicKey").asString()).isEqualTo(publicKey);

    // the export names it the same way, and verifies with exactly what the listing published
    HttpResponse<byte[]> zip = http.get("/api/v1/reports/export.zip", callers.token(j.coordinator));
    assertThat(zip.statusCode()).isEqualTo(200);
    Path file = dir.resolve("export.zip");
    Files.write(file, zip.body());
    try (var entries = new ZipFile(file.toFile())) {
      assertThat(entry(entries, "keys.jsonl"))
          .contains("\"keyId\":\"" + keyId + "\",\"publicKey\":\"" + publicKey + "\"");
      assertThat(entry(entries, "checkpoints.jsonl")).contains("\"keyId\":\"" + keyId + "\"");
      String signature =
          entries.stream()
              .filter(e -> e.getName().endsWith(".sig.json"))
              .map(e -> entry(entries, e.getName()))
              .findFirst()
              .orElseThrow();
      assertThat(signature).contains("\"keyId\":\"" + keyId + "\"");
    }
    var printed = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    int status;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      status =
          new CommandLine(new VerifyExport()).execute(file.toString(), "--trusted-key", publicKey);
    } finally {
      System.setOut(previous);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("keys: [" + keyId + "] (checked against 1 trusted key(s))")
        .contains("VALID: " + file);
    assertThat(status).isZero();
  }

  @Test
  void after_a_rotation_the_export_verifies_with_every_key_the_network_publishes(@TempDir Path dir)
      throws IOException {
    String keys = "/api/v1/networks/" + j.network.id().value() + "/keys";
    assertThat(callers.as(j.coordinator).post("/api/v1/reports/checkpoints", "").send().status())
        .isEqualTo(201);
    Api.Response rotated = callers.as(j.coordinator).post(keys, null).send();
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
    String newKeyId = rotated.json().get("keyId").asString();
    j.pay(j.member, OwnerKind.MEMBER, j.merchant, 100, "after-rotation");
    Api.Response taken = callers.as(j.coordinator).post("/api/v1/reports/checkpoints", "").send();
    assertThat(taken.json().findValuesAsString("keyId")).containsOnly(newKeyId);

    JsonNode published = callers.api().get(keys).send().json().get("keys");
    assertThat(published).hasSize(2);
    String active = published.get(0).get("publicKey").asString();
    String retired = published.get(1).get("publicKey").asString();
    Path file = dir.resolve("export.zip");
    Files.write(file, http.get("/api/v1/reports/export.zip", callers.token(j.coordinator)).body());
    assertThat(verifyExport(file, "--trusted-key", active, "--trusted-key", retired)).isZero();
    // pinned to the active key alone, the checkpoints of the retired one are not trusted
    assertThat(verifyExport(file, "--trusted-key", active)).isEqualTo(1);
  }

  private static int verifyExport(Path file, String... options) {
    var args = new ArrayList<String>();
    args.add(file.toString());
    args.addAll(List.of(options));
    PrintStream previous = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return new CommandLine(new VerifyExport()).execute(args.toArray(String[]::new));
    } finally {
      System.setOut(previous);
    }
  }

  private static String entry(ZipFile zip, String name) {
    try (var in = zip.getInputStream(zip.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void a_member_gets_a_proof_of_their_own_transfer_once_a_checkpoint_covers_it() {
    String proofPath = "/api/v1/transfers/" + j.memberPays.id().value() + "/inclusion-proof";
    Api.Response early = callers.as(j.member).get(proofPath).send();
    assertThat(early.status()).as(early.toString()).isEqualTo(409);
    assertThat(early.code()).isEqualTo("NOT_YET_CHECKPOINTED");

    Api.Response taken = callers.as(j.coordinator).post("/api/v1/reports/checkpoints", "").send();
    assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
    assertThat(taken.json().findValuesAsString("strand")).contains("COOPERATION");
    // nothing new: nothing taken
    assertThat(callers.as(j.coordinator).post("/api/v1/reports/checkpoints", "").send().json())
        .isEmpty();

    Api.Response proof = callers.as(j.member).get(proofPath).send();
    assertThat(proof.status()).as(proof.toString()).isEqualTo(200);
    JsonNode p = proof.json();
    JsonNode c = p.get("checkpoint");
    assertThat(p.get("row").get("id").asLong()).isEqualTo(j.memberPays.id().value());
    assertThat(p.get("row").get("amount").asLong()).isEqualTo(3000);

    // the path leads to the signed segment root, and the checkpoint's signature verifies
    byte[] root =
        MerkleTree.rootFromPath(
            HEX.parseHex(p.get("row").get("hash").asString()),
            p.get("leafIndex").asLong(),
            c.get("headSeq").asLong() - c.get("previousSeq").asLong(),
            hexes(p.get("path")));
    assertThat(HEX.formatHex(root)).isEqualTo(c.get("segmentRoot").asString());
    var totals = new EnumMap<OwnerKind, Long>(OwnerKind.class);
    c.get("totals")
        .properties()
        .forEach(e -> totals.put(OwnerKind.valueOf(e.getKey()), e.getValue().asLong()));
    var checkpoint =
        new Checkpoint(
            j.network.id(),
            c.get("id").asLong(),
            StrandKind.valueOf(c.get("strand").asString()),
            c.get("previousSeq").asLong(),
            HEX.parseHex(c.get("previousHash").asString()),
            c.get("headSeq").asLong(),
            HEX.parseHex(c.get("headHash").asString()),
            HEX.parseHex(c.get("segmentRoot").asString()),
            totals,
            Instant.parse(c.get("takenAt").asString()),
            c.get("keyId").asString(),
            HEX.parseHex(c.get("signature").asString()));
    assertThat(
            checkpoint.signedBy(NetworkKey.fromBase64Url(p.get("key").get("publicKey").asString())))
        .isTrue();
    assertThat(p.get("key").get("keyId").asString()).isEqualTo(c.get("keyId").asString());
    assertThat(c.get("circulation").asLong()).isEqualTo(10_000);

    // the merchant it paid may ask too; nobody else may, not even the coordinator
    assertThat(callers.as(j.merchant).get(proofPath).send().status()).isEqualTo(200);
    assertThat(callers.as(j.member2).get(proofPath).send().status()).isEqualTo(404);
    assertThat(callers.as(j.coordinator).get(proofPath).send().status()).isEqualTo(404);
    assertThat(callers.as("alice").get(proofPath).send().status()).isEqualTo(404);
    assertThat(
            callers.as(j.member).get("/api/v1/transfers/987654321/inclusion-proof").send().status())
        .isEqualTo(404);
  }

  @Test
  void the_scheduled_jobs_fold_the_aggregates_and_sign_checkpoints() {
    // each job's work for this test's network (the "all" variants walk every network the shared
    // test database holds, hundreds by then, one at a time through these same calls)
    ReportJobs jobs = context.getBean(ReportJobs.class);
    var aggregator = context.getBean(coop.sol.ledger.report.Aggregator.class);
    aggregator.catchUp(j.network.id());
    var heads = callers.ledger().verifier().verify(j.network.id()).rows();
    assertThat(aggregator.watermarks(j.network.id()).get(StrandKind.COOPERATION))
        .isEqualTo(heads.get(StrandKind.COOPERATION));
    assertThat(jobs.checkpoint(j.network)).isNotEmpty();
    var latest =
        context
            .getBean(coop.sol.ledger.audit.Checkpoints.class)
            .latest(j.network.id(), StrandKind.COOPERATION)
            .orElseThrow();
    assertThat(latest.headSeq()).isEqualTo(heads.get(StrandKind.COOPERATION));
    // nothing new in this network: its next run signs nothing more
    int before =
        context
            .getBean(coop.sol.ledger.audit.Checkpoints.class)
            .list(j.network.id(), StrandKind.COOPERATION)
            .size();
    assertThat(jobs.checkpoint(j.network)).isEmpty();
    assertThat(
            context
                .getBean(coop.sol.ledger.audit.Checkpoints.class)
                .list(j.network.id(), StrandKind.COOPERATION))
        .hasSize(before);
  }

  private static List<byte[]> hexes(JsonNode array) {
    var list = new ArrayList<byte[]>();
    for (JsonNode n : array) {
      list.add(HEX.parseHex(n.asString()));
    }
    return list;
  }
}
