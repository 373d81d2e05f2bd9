package coop.sol.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.keys.NetworkKey;
import coop.sol.keys.SigningKey;
import coop.sol.ledger.audit.ExportVerifier.Finding;
import coop.sol.ledger.audit.ExportVerifier.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An audit export written before migration V9, byte for byte as the ledger wrote it then (version
 * 1: the key in hex, named by its 16-digit legacy id in keys.jsonl, in each checkpoint's signed
 * bytes and in the report's signature file), still verifies, pinned with the key as {@code GET
 * /api/v1/networks/{networkId}/keys} publishes it now. The fixture holds 9 Coopération and 2 euro
 * rows, 3 checkpoints and a signed report, signed with RFC 8032 §7.1 test 1's key.
 */
class LegacyExportTest {
  static final String FIXTURE = "export-v1-before-keys-v9.zip";

  /** The fixture's key as the API publishes it; its key id is 21fe31df. */
  static final String PUBLISHED = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

  /** The same key as the verifier took it before V9. */
  static final String HEX = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  static final String LEGACY_ID = "21fe31dfa154a261";

  @TempDir Path dir;
  Path export;

  @BeforeEach
  void copyTheFixture() throws IOException {
    export = dir.resolve(FIXTURE);
    try (InputStream in = LegacyExportTest.class.getResourceAsStream(FIXTURE)) {
      Files.copy(in, export);
    }
  }

  @Test
  void it_verifies_with_the_key_as_the_api_publishes_it() {
    var result = new ExportVerifier(Set.of(NetworkKey.fromBase64Url(PUBLISHED))).verify(export);
    assertThat(result.firstDiscrepancy()).isEmpty();
    assertThat(result.checked())
        .contains("keys: [21fe31df] (checked against 1 trusted key(s))")
        .anyMatch(l -> l.startsWith("checkpoints: 3, signatures valid"))
        .anyMatch(l -> l.startsWith("COOPERATION: 9 rows") && l.contains("2 checkpoint(s)"))
        .anyMatch(l -> l.startsWith("reports: 1, signatures valid"));
  }

  @Test
  void the_command_takes_the_published_key_and_still_the_hex_of_older_scripts() {
    assertThat(run(export.toString(), "--trusted-key", PUBLISHED)).isZero();
    assertThat(run(export.toString(), "--trusted-key", HEX)).isZero();
    assertThat(printed).contains("VALID: " + export);
  }

  @Test
  void the_command_refuses_what_is_not_a_public_key_as_published() {
    for (String notAKey :
        new String[] {"21fe31df", LEGACY_ID, PUBLISHED + "=", PUBLISHED.substring(1), "x"}) {
      assertThat(run(export.toString(), "--trusted-key", notAKey)).as(notAKey).isEqualTo(2);
    }
  }

  @Test
  void another_key_is_not_trusted() {
    String other = SigningKey.of(new byte[32]).networkKey().toBase64Url();
    assertThat(run(export.toString(), "--trusted-key", other)).isEqualTo(1);
    assertThat(printed)
        .contains("DISCREPANCY: UNTRUSTED_KEY in checkpoints.jsonl line 1")
        .contains("signed by key " + LEGACY_ID + ", not one of the trusted keys");
  }

  @Test
  void a_legacy_id_that_is_not_the_keys_is_caught() throws IOException {
    Finding f =
        tampered(
            "keys.jsonl",
            text -> text.replace("\"keyId\":\"" + LEGACY_ID, "\"keyId\":\"21fe31dfa154a262"));
    assertThat(f.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(f.where()).isEqualTo("keys.jsonl line 1");
    assertThat(f.detail()).contains("is not the id of its key, " + LEGACY_ID);
  }

  @Test
  void a_checkpoint_relabelled_with_the_short_id_no_longer_verifies() throws IOException {
    // the key id is part of the checkpoint's signed bytes: it cannot be rewritten after the fact
    Finding f =
        tampered(
            "checkpoints.jsonl",
            text -> text.replaceFirst("\"keyId\":\"" + LEGACY_ID, "\"keyId\":\"21fe31df"));
    assertThat(f.kind()).isEqualTo(Kind.BAD_SIGNATURE);
    assertThat(f.where()).isEqualTo("checkpoints.jsonl line 1");
  }

  @Test
  void a_version_1_export_must_name_its_keys_as_version_1_did() throws IOException {
    Finding f =
        tampered(
            "keys.jsonl",
            text ->
                text.replace("\"keyId\":\"" + LEGACY_ID, "\"keyId\":\"21fe31df")
                    .replace(HEX, PUBLISHED));
    assertThat(f.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(f.where()).startsWith("keys.jsonl");
  }

  private String printed = "";

  private int run(String... args) {
    var out = new ByteArrayOutputStream();
    PrintStream previousOut = System.out;
    PrintStream previousErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
      return new CommandLine(new VerifyExport()).execute(args);
    } finally {
      System.setOut(previousOut);
      System.setErr(previousErr);
      printed = printed + out.toString(StandardCharsets.UTF_8);
    }
  }

  private Finding tampered(String entry, UnaryOperator<String> change) throws IOException {
    var entries = new LinkedHashMap<String, byte[]>();
    try (var in = new ZipFile(export.toFile())) {
      for (ZipEntry e : Collections.list(in.entries())) {
        entries.put(e.getName(), in.getInputStream(e).readAllBytes());
      }
    }
    Path copy = dir.resolve("tampered.zip");
    try (var out = new ZipOutputStream(Files.newOutputStream(copy))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        byte[] bytes = e.getValue();
        if (e.getKey().equals(entry)) {
          String before = new String(bytes, StandardCharsets.UTF_8);
          String after = change.apply(before);
          assertThat(after).as("the change to " + entry).isNotEqualTo(before);
          bytes = after.getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(bytes);
      }
    }
    var result = new ExportVerifier(Set.of(NetworkKey.fromBase64Url(PUBLISHED))).verify(copy);
    assertThat(result.valid()).as("an export with %s changed", entry).isFalse();
    return result.firstDiscrepancy().orElseThrow();
  }
}
