package coop.sol.ledger.audit;

import static coop.sol.ledger.transfer.TransferCode.FONTE;
import static coop.sol.ledger.transfer.TransferCode.ISSUANCE;
import static coop.sol.ledger.transfer.TransferCode.PAYMENT;
import static coop.sol.ledger.transfer.TransferCode.RECONVERSION;
import static coop.sol.ledger.transfer.TransferCode.RESERVE_DEPOSIT;
import static coop.sol.ledger.transfer.TransferCode.RESERVE_WITHDRAWAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.keys.NetworkKey;
import coop.sol.keys.SigningKey;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.audit.ExportVerifier.Finding;
import coop.sol.ledger.audit.ExportVerifier.Kind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.CirculationReport;
import coop.sol.ledger.report.CirculationReports;
import coop.sol.ledger.report.Journals;
import coop.sol.ledger.report.ReportJson;
import coop.sol.ledger.report.ReportPeriod;
import coop.sol.ledger.report.ReportRequest;
import coop.sol.ledger.report.SettableClock;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.testing.SigningKeys;
import coop.sol.ledger.testing.TestDatabase;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.WriterSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Checkpoints, inclusion proofs, the export and the offline verifier on one journal; each kind of
 * tampering with the export is caught with a precise message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIT {
  static final byte[] PRIVATE_KEY = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      PRIVATE_KEY[i] = (byte) (7 * i + 1);
    }
  }

  LedgerFixture fx;
  Journals j;
  SigningKey signer = SigningKey.of(PRIVATE_KEY);
  NetworkKey publicKey = signer.networkKey();
  Checkpoints checkpoints;
  Account issuance, fund, alice, bob, shop, outside, till;
  Transfer payment;
  Transfer uncovered;
  @TempDir Path dir;
  Path export;
  ReportRequest request;
  CirculationReport report;

  @BeforeAll
  void journal(@TempDir Path tmp) throws IOException {
    var clock = new SettableClock(Instant.parse("2026-03-01T00:00:00Z"));
    fx = LedgerFixture.create(WriterSettings.DEFAULTS, clock);
    j = new Journals(fx, clock);
    checkpoints = new Checkpoints(fx.dataSource, clock, 4); // small segments: several checkpoints
    SigningKeys.storeActive(fx.dataSource, fx.network.id(), signer);
    var coop = StrandKind.COOPERATION;
    issuance = j.open(OwnerKind.SYSTEM, coop, "issuance");
    fund = j.open(OwnerKind.SYSTEM, coop, "fund");
    alice = j.open(OwnerKind.MEMBER, coop, "alice");
    bob = j.open(OwnerKind.MEMBER, coop, "bob");
    shop = j.open(OwnerKind.MERCHANT, coop, "shop");
    outside = j.open(OwnerKind.SYSTEM, StrandKind.EURO, "euro-outside");
    till = j.open(OwnerKind.EXCHANGE_OFFICE, StrandKind.EURO, "office");

    j.at("2026-03-02T10:00").post(ISSUANCE, issuance, alice, 100_00);
    j.post(RESERVE_DEPOSIT, outside, till, 100_00);
    j.post(ISSUANCE, issuance, bob, 40_00);
    j.post(RESERVE_DEPOSIT, outside, till, 40_00);
    payment = j.at("2026-03-03T10:00").post(PAYMENT, alice, shop, 30_00);
    j.post(PAYMENT, bob, shop, 12_34);
    Transfer held = j.pending(PAYMENT, alice, shop, 5_00);
    j.postPending(held, 4_00);
    j.at("2026-03-04T10:00").post(PAYMENT, shop, bob, 2_00);
    j.post(RECONVERSION, shop, issuance, 10_00);
    j.post(RESERVE_WITHDRAWAL, till, outside, 10_00);
    j.at("2026-03-05T10:00").post(FONTE, alice, fund, 1_00);
    assertThat(checkpoints.takeAll(fx.network.id(), signer)).hasSize(4); // 9 + 3 rows
    uncovered = j.at("2026-03-06T10:00").post(PAYMENT, bob, alice, 1_00); // after the checkpoints
    fx.assertInvariants();

    request =
        new ReportRequest(
            fx.network.id(),
            StrandKind.COOPERATION,
            ReportPeriod.custom(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1)),
            BigDecimal.ONE,
            3);
    report = new CirculationReports(fx.dataSource, clock).report(request);
    export = tmp.resolve("export.zip");
    try (var out = Files.newOutputStream(export)) {
      new JournalExport(fx.dataSource, clock)
          .write(fx.network.id(), Map.of("march", SignedReport.sign(report, signer)), out);
    }
  }

  @AfterAll
  void close() {
    fx.close();
  }

  @Test
  void checkpoints_form_one_line_per_strand_and_their_totals_are_the_balances() {
    List<Checkpoint> coop = checkpoints.list(fx.network.id(), StrandKind.COOPERATION);
    assertThat(coop).extracting(Checkpoint::headSeq).containsExactly(4L, 8L, 9L);
    assertThat(coop).extracting(Checkpoint::previousSeq).containsExactly(0L, 4L, 8L);
    assertThat(coop.get(1).previousHash()).isEqualTo(coop.get(0).headHash());
    assertThat(coop).allMatch(c -> c.signedBy(publicKey));
    Checkpoint last = coop.get(2);
    // after the 9 Coopération rows: alice 100-30-4-1 = 65, bob 40-12.34+2 = 29.66,
    // shop 30+12.34+4-2-10 = 34.34; issuance -140+10 = -130, fund 1
    assertThat(last.totals().get(OwnerKind.MEMBER)).isEqualTo(65_00 + 29_66);
    assertThat(last.totals().get(OwnerKind.MERCHANT)).isEqualTo(34_34);
    assertThat(last.totals().get(OwnerKind.SYSTEM)).isEqualTo(-130_00 + 1_00);
    assertThat(last.circulation()).isEqualTo(129_00);
    assertThat(checkpoints.list(fx.network.id(), StrandKind.EURO)).hasSize(1);
    // nothing new: no new checkpoint, take() answers the latest
    assertThat(checkpoints.take(fx.network.id(), StrandKind.EURO, signer))
        .contains(checkpoints.latest(fx.network.id(), StrandKind.EURO).orElseThrow());
  }

  @Test
  void checkpoints_cannot_be_signed_with_a_key_that_is_not_the_networks() {
    var stranger = SigningKey.of(new byte[32]);
    assertThatThrownBy(() -> checkpoints.takeAll(fx.network.id(), stranger))
        .hasMessageContaining("key " + stranger.id() + " is not a key of network");
  }

  @Test
  void checkpoints_reports_and_the_export_name_the_key_by_its_one_id() throws IOException {
    String id = signer.id().toString(); // what every payment code of the network carries
    assertThat(id).hasSize(8);
    assertThat(checkpoints.list(fx.network.id(), StrandKind.COOPERATION))
        .extracting(Checkpoint::keyId)
        .containsOnly(id);
    assertThat(SignedReport.sign(report, signer).keyId()).isEqualTo(id);
    assertThat(checkpoints.keys(fx.network.id()).find(signer.id())).contains(publicKey);
    try (var zip = new ZipFile(export.toFile())) {
      String keys = new String(zip.getInputStream(zip.getEntry("keys.jsonl")).readAllBytes());
      // as GET /api/v1/networks/{networkId}/keys publishes it
      assertThat(keys)
          .contains("\"keyId\":\"" + id + "\"")
          .contains("\"publicKey\":\"" + publicKey.toBase64Url() + "\"");
      String sig =
          new String(zip.getInputStream(zip.getEntry("reports/march.sig.json")).readAllBytes());
      assertThat(sig).contains("\"keyId\":\"" + id + "\"");
      String manifest =
          new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes());
      assertThat(manifest).contains("\"version\":2");
    }
  }

  @Test
  void every_checkpointed_transfer_has_a_proof_that_verifies() {
    var proofs = new InclusionProofs(fx.dataSource);
    int proven = 0;
    for (StrandKind strand : List.of(StrandKind.COOPERATION, StrandKind.EURO)) {
      var rows = new ArrayList<Transfer>();
      fx.ledger.transfers().forEachInJournal(fx.network.id(), strand, rows::add);
      for (Transfer t : rows) {
        if (t.id().equals(uncovered.id())) {
          assertThat(proofs.prove(fx.network.id(), t.id())).as("not checkpointed yet").isEmpty();
          continue;
        }
        InclusionProof proof = proofs.prove(fx.network.id(), t.id()).orElseThrow();
        Checkpoint c = checkpoints.find(fx.network.id(), proof.checkpointId()).orElseThrow();
        assertThat(InclusionProof.verify(proof, c, publicKey)).as("proof of %s", t.id()).isEmpty();
        proven++;
      }
    }
    assertThat(proven).isEqualTo(12);
  }

  @Test
  void an_altered_proof_or_checkpoint_or_key_fails() {
    InclusionProof proof =
        new InclusionProofs(fx.dataSource).prove(fx.network.id(), payment.id()).orElseThrow();
    Checkpoint c = checkpoints.find(fx.network.id(), proof.checkpointId()).orElseThrow();
    Transfer row = proof.row();
    Transfer richer =
        new Transfer(
            row.network(),
            row.id(),
            row.strand(),
            row.seq(),
            row.kind(),
            row.debit(),
            row.credit(),
            300_00,
            row.code(),
            row.key(),
            row.pendingId(),
            row.reverses(),
            row.expiresAt(),
            row.reference(),
            row.memo(),
            row.createdAt(),
            row.hash());
    assertThat(
            InclusionProof.verify(
                new InclusionProof(
                    richer,
                    proof.previousRowHash(),
                    proof.checkpointId(),
                    proof.leafIndex(),
                    proof.path()),
                c,
                publicKey))
        .hasValueSatisfying(reason -> assertThat(reason).contains("not to its stated hash"));

    var path = new ArrayList<>(proof.path());
    byte[] sibling = path.get(0);
    sibling[5] ^= 1;
    path.set(0, sibling);
    assertThat(
            InclusionProof.verify(
                new InclusionProof(
                    row, proof.previousRowHash(), proof.checkpointId(), proof.leafIndex(), path),
                c,
                publicKey))
        .hasValueSatisfying(reason -> assertThat(reason).contains("segment root"));

    Checkpoint other = checkpoints.list(fx.network.id(), StrandKind.COOPERATION).get(2);
    assertThat(InclusionProof.verify(proof, other, publicKey))
        .hasValueSatisfying(reason -> assertThat(reason).contains("not for checkpoint"));

    var stranger = SigningKey.of(new byte[32]).networkKey();
    assertThat(InclusionProof.verify(proof, c, stranger))
        .hasValueSatisfying(reason -> assertThat(reason).contains("signed by key"));

    Checkpoint forged =
        new Checkpoint(
            c.network(),
            c.id(),
            c.strand(),
            c.previousSeq(),
            c.previousHash(),
            c.headSeq(),
            c.headHash(),
            c.segmentRoot(),
            Map.of(OwnerKind.MEMBER, 1L),
            c.takenAt(),
            c.keyId(),
            c.signature());
    assertThat(InclusionProof.verify(proof, forged, publicKey))
        .hasValueSatisfying(reason -> assertThat(reason).contains("signature does not verify"));
  }

  // --- the export and the offline verifier

  Finding tampered(String entry, UnaryOperator<String> change) throws IOException {
    return tampered(entry, change, Set.of());
  }

  Finding tampered(String entry, UnaryOperator<String> change, Set<NetworkKey> trusted)
      throws IOException {
    Path copy = rewrite(export, Map.of(entry, change));
    var result = new ExportVerifier(trusted).verify(copy);
    assertThat(result.valid()).as("verification of an export with %s changed", entry).isFalse();
    return result.firstDiscrepancy().orElseThrow();
  }

  Path rewrite(Path zip, Map<String, UnaryOperator<String>> changes) throws IOException {
    var entries = new LinkedHashMap<String, byte[]>();
    try (var in = new ZipFile(zip.toFile())) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        entries.put(e.getName(), in.getInputStream(e).readAllBytes());
      }
    }
    Path out = Files.createTempFile(dir, "tampered", ".zip");
    try (var zout = new ZipOutputStream(Files.newOutputStream(out))) {
      for (var e : entries.entrySet()) {
        byte[] bytes = e.getValue();
        if (changes.containsKey(e.getKey())) {
          String before = new String(bytes, StandardCharsets.UTF_8);
          String after = changes.get(e.getKey()).apply(before);
          assertThat(after).as("the change to " + e.getKey()).isNotEqualTo(before);
          bytes = after.getBytes(StandardCharsets.UTF_8);
        }
        zout.putNextEntry(new ZipEntry(e.getKey()));
        zout.write(bytes);
      }
    }
    return out;
  }

  /** Changes the line holding {@code marker} with {@code change}. */
  static UnaryOperator<String> onLine(String marker, UnaryOperator<String> change) {
    return text -> {
      var lines = new ArrayList<>(List.of(text.split("\n", -1)));
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(marker)) {
          lines.set(i, change.apply(lines.get(i)));
          return String.join("\n", lines);
        }
      }
      throw new AssertionError("no line with " + marker);
    };
  }

  @Test
  void the_untouched_export_verifies_with_the_published_key() {
    var result = new ExportVerifier(Set.of(publicKey)).verify(export);
    assertThat(result.firstDiscrepancy()).isEmpty();
    assertThat(result.checked())
        .anyMatch(l -> l.startsWith("COOPERATION: 10 rows"))
        .anyMatch(l -> l.startsWith("EURO: 3 rows"))
        .anyMatch(l -> l.startsWith("reports: 1"));
  }

  @Test
  void a_changed_row_is_caught_at_its_line() throws IOException {
    Finding f =
        tampered(
            "journal/COOPERATION.jsonl",
            onLine(
                "\"id\":" + payment.id() + ",",
                l -> l.replace("\"amount\":3000", "\"amount\":300")));
    assertThat(f.kind()).isEqualTo(Kind.HASH_MISMATCH);
    assertThat(f.where()).isEqualTo("journal/COOPERATION.jsonl line " + payment.seq());
    assertThat(f.detail()).contains("transfer " + payment.id()).contains("at seq " + payment.seq());
  }

  @Test
  void a_changed_checkpoint_signature_is_caught() throws IOException {
    Finding f = tampered("checkpoints.jsonl", onLine("\"headSeq\":8,", AuditIT::flipSignature));
    assertThat(f.kind()).isEqualTo(Kind.BAD_SIGNATURE);
    assertThat(f.where()).isEqualTo("checkpoints.jsonl line 2");
    assertThat(f.detail()).contains("(4, 8]").contains("does not verify");
  }

  /** Changes the first hex digit of the line's signature. */
  static String flipSignature(String line) {
    int at = line.indexOf("\"signature\":\"") + "\"signature\":\"".length();
    char c = line.charAt(at);
    return line.substring(0, at) + (c == '0' ? '1' : '0') + line.substring(at + 1);
  }

  @Test
  void a_checkpoint_resigned_over_other_totals_is_caught_against_the_chain() throws IOException {
    // a dishonest server signs wrong totals with the right key: the signature holds, the chain
    // does not agree
    var c = checkpoints.list(fx.network.id(), StrandKind.COOPERATION).get(1);
    var totals = new EnumMap<OwnerKind, Long>(c.totals());
    totals.merge(OwnerKind.MEMBER, 1L, Long::sum);
    totals.merge(OwnerKind.SYSTEM, -1L, Long::sum);
    var lie =
        new Checkpoint(
            c.network(),
            c.id(),
            c.strand(),
            c.previousSeq(),
            c.previousHash(),
            c.headSeq(),
            c.headHash(),
            c.segmentRoot(),
            totals,
            c.takenAt(),
            c.keyId(),
            new byte[64]);
    var signed =
        new Checkpoint(
            c.network(),
            c.id(),
            c.strand(),
            c.previousSeq(),
            c.previousHash(),
            c.headSeq(),
            c.headHash(),
            c.segmentRoot(),
            totals,
            c.takenAt(),
            c.keyId(),
            signer.sign(lie.signedBytes()));
    var line = new ByteArrayOutputStream();
    JsonLines.line(line, g -> JournalExport.writeCheckpoint(g, signed));
    Finding f =
        tampered(
            "checkpoints.jsonl",
            onLine("\"headSeq\":8,", l -> line.toString(StandardCharsets.UTF_8).strip()));
    assertThat(f.kind()).isEqualTo(Kind.CHECKPOINT_MISMATCH);
    assertThat(f.detail())
        .contains("signed total of MEMBER balances " + totals.get(OwnerKind.MEMBER))
        .contains("the journal gives " + c.totals().get(OwnerKind.MEMBER));
  }

  @Test
  void a_changed_report_figure_breaks_its_signature_and_the_verifier_names_the_figure()
      throws IOException {
    long amount = report.payments().payments().amount();
    Finding f =
        tampered(
            "reports/march.json",
            text ->
                text.replace(
                    "\"payments\":{\"payments\":{\"count\":5,\"amount\":" + amount + "}",
                    "\"payments\":{\"payments\":{\"count\":5,\"amount\":" + (amount + 1) + "}"));
    assertThat(f.kind()).isEqualTo(Kind.BAD_SIGNATURE);
    assertThat(f.where()).isEqualTo("reports/march.json");
    assertThat(f.detail())
        .contains(
            "payments.payments.amount: "
                + (amount + 1)
                + " in the report ≠ "
                + amount
                + " from the journal");
  }

  @Test
  void a_wrong_report_signed_by_the_network_is_caught_against_the_journal() throws IOException {
    byte[] json = ReportJson.write(report);
    String wrong =
        new String(json, StandardCharsets.UTF_8)
            .replace("\"activeMembers\":2", "\"activeMembers\":3");
    var resigned =
        new SignedReport(
            wrong.getBytes(StandardCharsets.UTF_8),
            signer.id().toString(),
            signer.sign(SignedReport.signedBytes(wrong.getBytes(StandardCharsets.UTF_8))));
    var sig = new ByteArrayOutputStream();
    JsonLines.line(
        sig,
        g -> {
          g.writeStringProperty("keyId", resigned.keyId());
          g.writeStringProperty(
              "signature", java.util.HexFormat.of().formatHex(resigned.signature()));
        });
    Path copy =
        rewrite(
            export,
            Map.of(
                "reports/march.json", t -> wrong,
                "reports/march.sig.json", t -> sig.toString(StandardCharsets.UTF_8)));
    Finding f = new ExportVerifier(Set.of()).verify(copy).firstDiscrepancy().orElseThrow();
    assertThat(f.kind()).isEqualTo(Kind.REPORT_MISMATCH);
    assertThat(f.detail()).contains("payments.activeMembers: 3 in the report ≠ 2 from the journal");
  }

  @Test
  void a_changed_stored_balance_is_caught() throws IOException {
    Finding f =
        tampered(
            "accounts.jsonl",
            onLine(
                "\"id\":" + bob.id() + ",",
                l -> l.replace("\"creditsPosted\":", "\"creditsPosted\":1")));
    assertThat(f.kind()).isEqualTo(Kind.BALANCE_MISMATCH);
    assertThat(f.detail()).startsWith("account " + bob.id() + " (COOPERATION): stored");
  }

  @Test
  void a_truncated_journal_is_caught() throws IOException {
    Finding f =
        tampered(
            "journal/COOPERATION.jsonl",
            text -> text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1));
    assertThat(f.kind()).isEqualTo(Kind.HEAD_MISMATCH);
    assertThat(f.detail()).contains("ends at seq 9").contains("the manifest says seq 10");
  }

  @Test
  void signatures_by_a_key_the_network_did_not_publish_are_refused() throws IOException {
    var published = SigningKey.of(new byte[32]).networkKey();
    var result = new ExportVerifier(Set.of(published)).verify(export);
    Finding f = result.firstDiscrepancy().orElseThrow();
    assertThat(f.kind()).isEqualTo(Kind.UNTRUSTED_KEY);
    assertThat(f.detail()).contains(signer.id().toString());
  }

  @Test
  void the_command_exits_0_for_a_valid_export_and_1_with_the_discrepancy() throws IOException {
    var out = new ByteArrayOutputStream();
    var previous = System.out;
    int valid;
    int invalid;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      valid =
          new CommandLine(new VerifyExport())
              .execute(export.toString(), "--trusted-key", publicKey.toBase64Url());
      Path broken =
          rewrite(
              export,
              Map.of(
                  "journal/EURO.jsonl",
                  onLine("\"seq\":2,", l -> l.replace("\"memo\":\"\"", "\"memo\":\"x\""))));
      invalid = new CommandLine(new VerifyExport()).execute(broken.toString());
    } finally {
      System.setOut(previous);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(valid).isZero();
    assertThat(invalid).isEqualTo(1);
    assertThat(printed)
        .contains("VALID: " + export)
        .contains("DISCREPANCY: HASH_MISMATCH in journal/EURO.jsonl line 2");
  }

  @Test
  void the_checkpointer_refuses_to_sign_over_a_tampered_journal() {
    try (var other = LedgerFixture.create()) {
      var key = SigningKeys.storeActive(other.dataSource, other.network.id(), signer);
      var cps = new Checkpoints(other.dataSource, java.time.Clock.systemUTC());
      var a = other.aMember().withBalance("10.00");
      other.pay(a, other.aMerchant().open(), "1.00");
      TestDatabase.execute(other.dataSource, "ALTER TABLE transfer DISABLE TRIGGER USER");
      TestDatabase.execute(other.dataSource, "UPDATE transfer SET amount = 2 WHERE seq = 2");
      assertThatThrownBy(() -> cps.takeAll(other.network.id(), key))
          .hasMessageContaining("does not verify at seq 2")
          .hasMessageContaining("no checkpoint is signed");
      assertThat(cps.list(other.network.id(), StrandKind.COOPERATION)).isEmpty();
    }
  }
}
