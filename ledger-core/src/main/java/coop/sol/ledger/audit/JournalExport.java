package coop.sol.ledger.audit;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;

/**
 * Writes a network's audit export: a zip, streamed from one database snapshot (never the whole
 * journal in memory), with these entries in this order (format in docs/reports-and-audit.md):
 *
 * <pre>
 *   manifest.json              format, version, network, export time, per strand: scale, head
 *   keys.jsonl                 the network's public keys
 *   accounts.jsonl             every account with its stored balances
 *   checkpoints.jsonl          every checkpoint, signed
 *   journal/COOPERATION.jsonl  the rows of each strand in seq order, every canonical field + hash
 *   journal/ENGAGEMENT.jsonl
 *   journal/AFFECTE.jsonl
 *   journal/EURO.jsonl
 *   reports/NAME.json          signed reports given by the caller: the canonical JSON as signed
 *   reports/NAME.sig.json      {"keyId", "signature"}
 * </pre>
 *
 * <p>Version 2 names keys as {@code GET /api/v1/networks/{networkId}/keys} does: {@code keyId} is
 * the key's {@link coop.sol.keys.KeyId} (8 hex digits) and {@code publicKey} its unpadded
 * base64url; a checkpoint or report signed before migration V9 still carries the key's 16-digit
 * legacy id, as signed ({@link SignerIds}). Version 1, written before V9, named keys by their
 * legacy id with hex public keys; {@link ExportVerifier} reads both.
 */
public final class JournalExport {
  public static final String FORMAT = "sol-ledger-export";
  public static final int VERSION = 2;
  private static final Pattern REPORT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  private static final HexFormat HEX = HexFormat.of();

  private final DataSource dataSource;
  private final Clock clock;

  public JournalExport(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** What was exported: rows per strand. */
  public record Summary(Map<StrandKind, Long> rows, long accounts, long checkpoints) {}

  /**
   * Writes the export to {@code out} (closed at the end).
   *
   * @param reports signed reports to include, by name (lower-case letters, digits, '.', '_', '-')
   */
  public Summary write(NetworkId network, Map<String, SignedReport> reports, OutputStream out) {
    reports.keySet().forEach(JournalExport::checkName);
    return AuditStore.snapshot(
        dataSource,
        true,
        store -> {
          try (var zip = new ZipOutputStream(out)) {
            var net = store.network(network);
            var heads = store.heads(network);
            entry(zip, "manifest.json");
            JsonLines.line(
                zip,
                g -> {
                  g.writeStringProperty("format", FORMAT);
                  g.writeNumberProperty("version", VERSION);
                  g.writeName("network");
                  g.writeStartObject();
                  g.writeNumberProperty("id", network.value());
                  g.writeStringProperty("code", net.code());
                  g.writeStringProperty("name", net.name());
                  g.writeEndObject();
                  g.writeStringProperty("exportedAt", clock.instant().toString());
                  g.writeName("strands");
                  g.writeStartArray();
                  for (var h : heads) {
                    g.writeStartObject();
                    g.writeStringProperty("strand", h.strand().name());
                    g.writeNumberProperty("scale", h.scale());
                    g.writeNumberProperty("headSeq", h.seq());
                    g.writeStringProperty("headHash", HEX.formatHex(h.hash()));
                    g.writeEndObject();
                  }
                  g.writeEndArray();
                });

            entry(zip, "keys.jsonl");
            for (var k : store.keys(network)) {
              JsonLines.line(
                  zip,
                  g -> {
                    g.writeStringProperty("keyId", SignerIds.of(k.key()));
                    g.writeStringProperty("publicKey", k.key().toBase64Url());
                    g.writeStringProperty("createdAt", k.createdAt().toInstant().toString());
                  });
            }

            entry(zip, "accounts.jsonl");
            long[] accounts = {0};
            store.accounts(
                network,
                a -> {
                  accounts[0]++;
                  JsonLines.line(
                      zip,
                      g -> {
                        g.writeNumberProperty("id", a.id());
                        g.writeStringProperty("strand", a.strand().name());
                        g.writeStringProperty("ownerKind", a.ownerKind().name());
                        g.writeStringProperty("ownerRef", a.ownerRef());
                        g.writeStringProperty("name", a.name());
                        g.writeStringProperty("status", a.status());
                        if (a.creditLimit() == null) {
                          g.writeNullProperty("creditLimit");
                        } else {
                          g.writeNumberProperty("creditLimit", a.creditLimit());
                        }
                        g.writeNumberProperty("debitsPosted", a.debitsPosted());
                        g.writeNumberProperty("creditsPosted", a.creditsPosted());
                        g.writeNumberProperty("debitsPending", a.debitsPending());
                        g.writeNumberProperty("creditsPending", a.creditsPending());
                      });
                });

            entry(zip, "checkpoints.jsonl");
            List<Checkpoint> checkpoints =
                store.checkpoints(network, "ORDER BY strand_id, head_seq");
            for (Checkpoint c : checkpoints) {
              JsonLines.line(zip, g -> writeCheckpoint(g, c));
            }

            var rows = new EnumMap<StrandKind, Long>(StrandKind.class);
            for (var h : heads) {
              entry(zip, "journal/" + h.strand().name() + ".jsonl");
              rows.put(h.strand(), h.seq());
              store.rows(
                  network, h.strand(), 0, h.seq(), t -> JsonLines.line(zip, g -> writeRow(g, t)));
            }

            for (var e : reports.entrySet()) {
              entry(zip, "reports/" + e.getKey() + ".json");
              zip.write(e.getValue().json());
              entry(zip, "reports/" + e.getKey() + ".sig.json");
              JsonLines.line(
                  zip,
                  g -> {
                    g.writeStringProperty("keyId", e.getValue().keyId());
                    g.writeStringProperty("signature", HEX.formatHex(e.getValue().signature()));
                  });
            }
            zip.closeEntry();
            return new Summary(rows, accounts[0], checkpoints.size());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static void checkName(String name) {
    if (!REPORT_NAME.matcher(name).matches() || name.endsWith(".sig")) {
      throw new IllegalArgumentException("report name " + name + " is not allowed");
    }
  }

  private static void entry(ZipOutputStream zip, String name) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
  }

  static void writeCheckpoint(tools.jackson.core.JsonGenerator g, Checkpoint c) {
    g.writeNumberProperty("id", c.id());
    g.writeStringProperty("strand", c.strand().name());
    g.writeNumberProperty("previousSeq", c.previousSeq());
    g.writeStringProperty("previousHash", HEX.formatHex(c.previousHash()));
    g.writeNumberProperty("headSeq", c.headSeq());
    g.writeStringProperty("headHash", HEX.formatHex(c.headHash()));
    g.writeStringProperty("segmentRoot", HEX.formatHex(c.segmentRoot()));
    g.writeName("totals");
    g.writeStartObject();
    for (OwnerKind k : OwnerKind.values()) {
      g.writeNumberProperty(k.name(), c.totals().get(k));
    }
    g.writeEndObject();
    g.writeStringProperty("takenAt", c.takenAt().toString());
    g.writeStringProperty("keyId", c.keyId());
    g.writeStringProperty("signature", HEX.formatHex(c.signature()));
  }

  static void writeRow(tools.jackson.core.JsonGenerator g, Transfer t) {
    g.writeNumberProperty("id", t.id().value());
    g.writeNumberProperty("seq", t.seq());
    g.writeStringProperty("kind", t.kind().name());
    g.writeNumberProperty("debit", t.debit().value());
    g.writeNumberProperty("credit", t.credit().value());
    g.writeNumberProperty("amount", t.amount());
    g.writeStringProperty("code", t.code().name());
    g.writeStringProperty("key", t.key().value());
    optional(g, "pendingId", t.pendingId().map(TransferId::value).orElse(null));
    optional(g, "reverses", t.reverses().map(TransferId::value).orElse(null));
    if (t.expiresAt().isPresent()) {
      g.writeStringProperty("expiresAt", t.expiresAt().get().toString());
    } else {
      g.writeNullProperty("expiresAt");
    }
    g.writeStringProperty("reference", t.reference());
    g.writeStringProperty("memo", t.memo());
    g.writeStringProperty("createdAt", t.createdAt().toString());
    g.writeStringProperty("hash", HEX.formatHex(t.hash()));
  }

  private static void optional(tools.jackson.core.JsonGenerator g, String name, Long value) {
    if (value == null) {
      g.writeNullProperty(name);
    } else {
      g.writeNumberProperty(name, value);
    }
  }
}
