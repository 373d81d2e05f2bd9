package coop.sol.ledger.audit;

import coop.sol.keys.NetworkKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.Balance;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.journal.Discrepancy;
import coop.sol.ledger.journal.JournalReplay;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.AccountInfo;
import coop.sol.ledger.report.CirculationScan;
import coop.sol.ledger.report.ReportJson;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.ledger.transfer.TransferKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Verifies an audit export ({@link JournalExport}, version 2, or version 1 as written before
 * migration V9) with nothing but the file, and optionally the network's published public keys.
 * Checks, in this order, and stops at the first discrepancy:
 *
 * <ol>
 *   <li>every key's id is the one its bytes give; with trusted keys given, every signature must be
 *       by one of them (a signature names its key by its key id, or by its legacy id if it was made
 *       before V9: {@link SignerIds});
 *   <li>every checkpoint's signature, and that each strand's checkpoints form one line;
 *   <li>per strand, every row in seq order: seq, hash chain, pending rows (the ledger's own {@link
 *       JournalReplay}); at each checkpoint's head, that the chain's hash, the segment's Merkle
 *       root and the totals per owner kind are those signed; that the journal ends at the
 *       manifest's head and no checkpoint lies beyond it;
 *   <li>per strand, every stored balance equals the replay, and the balances sum to zero;
 *   <li>every included report: its signature, and each of its figures against the same report
 *       computed again from the journal rows ({@link CirculationScan}).
 * </ol>
 */
public final class ExportVerifier {
  private static final HexFormat HEX = HexFormat.of();

  /** What kind of discrepancy. The journal's own kinds keep their names. */
  public enum Kind {
    MALFORMED,
    UNTRUSTED_KEY,
    BAD_SIGNATURE,
    SEQUENCE_GAP,
    HASH_MISMATCH,
    DANGLING_PENDING,
    HEAD_MISMATCH,
    CHECKPOINT_MISMATCH,
    BALANCE_MISMATCH,
    NONZERO_SUM,
    REPORT_MISMATCH
  }

  /**
   * The first thing found wrong.
   *
   * @param where the export entry, with the line when there is one (e.g. "journal/EURO.jsonl line
   *     12")
   */
  public record Finding(Kind kind, String where, String detail) {
    @Override
    public String toString() {
      return kind + " in " + where + ": " + detail;
    }
  }

  /** The checks passed, and the first discrepancy if any. */
  public record Result(List<String> checked, Optional<Finding> firstDiscrepancy) {
    public boolean valid() {
      return firstDiscrepancy.isEmpty();
    }
  }

  private static final class Stop extends RuntimeException {
    final Finding finding;

    Stop(Kind kind, String where, String detail) {
      super(detail, null, false, false);
      this.finding = new Finding(kind, where, detail);
    }
  }

  private final Set<NetworkKey> trusted;

  /**
   * @param trusted the network's published keys ({@code GET /api/v1/networks/{networkId}/keys});
   *     empty = trust the keys in the export
   */
  public ExportVerifier(Set<NetworkKey> trusted) {
    this.trusted = Set.copyOf(trusted);
  }

  public Result verify(Path export) {
    var checked = new ArrayList<String>();
    try (var zip = new ZipFile(export.toFile())) {
      new Run(zip, checked).all();
      return new Result(checked, Optional.empty());
    } catch (Stop stop) {
      return new Result(checked, Optional.of(stop.finding));
    } catch (IOException e) {
      return new Result(
          checked,
          Optional.of(new Finding(Kind.MALFORMED, export.toString(), "not a readable zip: " + e)));
    }
  }

  private record StrandInfo(int scale, long headSeq, byte[] headHash) {}

  private final class Run {
    final ZipFile zip;
    final List<String> checked;
    NetworkId network;
    String networkCode;
    final Map<StrandKind, StrandInfo> strands = new EnumMap<>(StrandKind.class);
    int version;
    TrustedKeys keys;
    final Map<Long, AccountInfo> infos = new HashMap<>();
    final Map<Long, Balance> stored = new HashMap<>();
    final Map<StrandKind, List<Checkpoint>> checkpoints = new EnumMap<>(StrandKind.class);

    Run(ZipFile zip, List<String> checked) {
      this.zip = zip;
      this.checked = checked;
    }

    void all() {
      manifest();
      keys();
      accounts();
      checkpoints();
      for (StrandKind strand : StrandKind.values()) {
        journal(strand);
      }
      reports();
    }

    InputStream open(String name) {
      ZipEntry entry = zip.getEntry(name);
      if (entry == null) {
        throw new Stop(Kind.MALFORMED, name, "the export has no such entry");
      }
      try {
        return zip.getInputStream(entry);
      } catch (IOException e) {
        throw new Stop(Kind.MALFORMED, name, "unreadable: " + e.getMessage());
      }
    }

    void lines(String name, Consumer<JsonLines.Line> action) {
      try (InputStream in = open(name)) {
        JsonLines.read(in, action);
      } catch (JsonLines.Malformed m) {
        throw new Stop(Kind.MALFORMED, name + " line " + m.line, m.getMessage());
      } catch (IllegalArgumentException
          | java.time.DateTimeException
          | ArithmeticException
          | ClassCastException
          | NullPointerException e) {
        throw new Stop(Kind.MALFORMED, name, "unexpected content (" + e.getMessage() + ")");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void manifest() {
      var seen = new ArrayList<JsonLines.Line>();
      lines("manifest.json", seen::add);
      if (seen.size() != 1) {
        throw new Stop(Kind.MALFORMED, "manifest.json", "expected one JSON object");
      }
      var m = seen.get(0);
      Object v = m.fields().get("version");
      if (!JournalExport.FORMAT.equals(m.fields().get("format"))
          || !(v instanceof Long n)
          || n < 1
          || n > JournalExport.VERSION) {
        throw new Stop(
            Kind.MALFORMED,
            "manifest.json",
            "not a " + JournalExport.FORMAT + " of version 1 to " + JournalExport.VERSION);
      }
      version = ((Long) v).intValue();
      var net = m.object("network");
      network = new NetworkId((Long) net.get("id"));
      networkCode = (String) net.get("code");
      @SuppressWarnings("unchecked")
      var list = (List<Map<String, Object>>) m.fields().get("strands");
      for (var s : list) {
        strands.put(
            StrandKind.valueOf((String) s.get("strand")),
            new StrandInfo(
                Math.toIntExact((Long) s.get("scale")),
                (Long) s.get("headSeq"),
                HEX.parseHex((String) s.get("headHash"))));
      }
      if (strands.size() != StrandKind.values().length) {
        throw new Stop(Kind.MALFORMED, "manifest.json", "every strand must be listed");
      }
      checked.add("manifest: network " + networkCode + " (" + network + ")");
    }

    void keys() {
      var exported = new ArrayList<NetworkKey>();
      lines(
          "keys.jsonl",
          l -> {
            // version 1 (before V9): the legacy id and the key in hex; since: as the API names them
            NetworkKey key =
                version == 1
                    ? NetworkKey.of(HEX.parseHex(l.string("publicKey")))
                    : NetworkKey.fromBase64Url(l.string("publicKey"));
            String id = version == 1 ? SignerIds.legacyOf(key) : SignerIds.of(key);
            if (!id.equals(l.string("keyId"))) {
              throw new Stop(
                  Kind.MALFORMED,
                  "keys.jsonl line " + l.number(),
                  "key id " + l.string("keyId") + " is not the id of its key, " + id);
            }
            exported.add(key);
          });
      try {
        keys = TrustedKeys.of(exported);
      } catch (IllegalArgumentException e) {
        throw new Stop(Kind.MALFORMED, "keys.jsonl", e.getMessage());
      }
      checked.add(
          "keys: "
              + exported.stream().map(k -> k.id().toString()).toList()
              + (trusted.isEmpty()
                  ? " (taken from the export: pass the network's published keys to pin them)"
                  : " (checked against " + trusted.size() + " trusted key(s))"));
    }

    /**
     * The key a signature claims, if the export has it and (when keys are pinned) it is trusted.
     */
    NetworkKey key(String keyId, String where) {
      NetworkKey key =
          SignerIds.in(keys, keyId)
              .orElseThrow(
                  () ->
                      new Stop(
                          Kind.UNTRUSTED_KEY,
                          where,
                          "signed by key " + keyId + ", not in keys.jsonl"));
      if (!trusted.isEmpty() && !trusted.contains(key)) {
        throw new Stop(
            Kind.UNTRUSTED_KEY, where, "signed by key " + keyId + ", not one of the trusted keys");
      }
      return key;
    }

    void accounts() {
      lines(
          "accounts.jsonl",
          l -> {
            long id = l.number("id");
            infos.put(
                id,
                new AccountInfo(
                    id,
                    StrandKind.valueOf(l.string("strand")),
                    OwnerKind.valueOf(l.string("ownerKind")),
                    l.string("ownerRef"),
                    l.string("name")));
            stored.put(
                id,
                new Balance(
                    l.number("debitsPosted"),
                    l.number("creditsPosted"),
                    l.number("debitsPending"),
                    l.number("creditsPending")));
          });
      checked.add("accounts: " + infos.size());
    }

    void checkpoints() {
      for (StrandKind s : StrandKind.values()) {
        checkpoints.put(s, new ArrayList<>());
      }
      lines(
          "checkpoints.jsonl",
          l -> {
            String where = "checkpoints.jsonl line " + l.number();
            var totals = new EnumMap<OwnerKind, Long>(OwnerKind.class);
            l.object("totals").forEach((k, v) -> totals.put(OwnerKind.valueOf(k), (Long) v));
            var c =
                new Checkpoint(
                    network,
                    l.number("id"),
                    StrandKind.valueOf(l.string("strand")),
                    l.number("previousSeq"),
                    HEX.parseHex(l.string("previousHash")),
                    l.number("headSeq"),
                    HEX.parseHex(l.string("headHash")),
                    HEX.parseHex(l.string("segmentRoot")),
                    totals,
                    Instant.parse(l.string("takenAt")),
                    l.string("keyId"),
                    HEX.parseHex(l.string("signature")));
            NetworkKey key = key(c.keyId(), where);
            if (!c.signedBy(key)) {
              throw new Stop(
                  Kind.BAD_SIGNATURE,
                  where,
                  c + ": the signature does not verify with key " + c.keyId());
            }
            List<Checkpoint> line = checkpoints.get(c.strand());
            long expectedPrevious = line.isEmpty() ? 0 : line.get(line.size() - 1).headSeq();
            byte[] expectedHash =
                line.isEmpty() ? new byte[32] : line.get(line.size() - 1).headHash();
            if (c.previousSeq() != expectedPrevious
                || !Arrays.equals(c.previousHash(), expectedHash)) {
              throw new Stop(
                  Kind.CHECKPOINT_MISMATCH,
                  where,
                  c
                      + " does not start where the previous checkpoint of "
                      + c.strand()
                      + " ended (seq "
                      + expectedPrevious
                      + ")");
            }
            line.add(c);
          });
      checked.add(
          "checkpoints: "
              + checkpoints.values().stream().mapToInt(List::size).sum()
              + ", signatures valid, one line per strand");
    }

    Transfer row(StrandKind strand, JsonLines.Line l) {
      return new Transfer(
          network,
          new TransferId(l.number("id")),
          strand,
          l.number("seq"),
          TransferKind.valueOf(l.string("kind")),
          new AccountId(l.number("debit")),
          new AccountId(l.number("credit")),
          l.number("amount"),
          TransferCode.valueOf(l.string("code")),
          new IdempotencyKey(l.string("key")),
          Optional.ofNullable(l.numberOrNull("pendingId")).map(TransferId::new),
          Optional.ofNullable(l.numberOrNull("reverses")).map(TransferId::new),
          Optional.ofNullable(l.stringOrNull("expiresAt")).map(Instant::parse),
          l.string("reference"),
          l.string("memo"),
          Instant.parse(l.string("createdAt")),
          HEX.parseHex(l.string("hash")));
    }

    void journal(StrandKind strand) {
      String name = "journal/" + strand.name() + ".jsonl";
      var replay = new JournalReplay(strand);
      var totals = new EnumMap<OwnerKind, Long>(OwnerKind.class);
      for (OwnerKind k : OwnerKind.values()) {
        totals.put(k, 0L);
      }
      var kinds = new HashMap<Long, OwnerKind>();
      infos.values().stream()
          .filter(a -> a.strand() == strand)
          .forEach(a -> kinds.put(a.accountId(), a.ownerKind()));
      List<Checkpoint> line = checkpoints.get(strand);
      int[] next = {0};
      var segment = new ArrayList<byte[]>();
      lines(
          name,
          l -> {
            Transfer row;
            try {
              row = row(strand, l);
            } catch (IllegalArgumentException
                | java.time.DateTimeException
                | ClassCastException
                | NullPointerException e) {
              throw new Stop(
                  Kind.MALFORMED,
                  name + " line " + l.number(),
                  "not a journal row (" + e.getMessage() + ")");
            }
            replay.accept(row);
            Optional<Discrepancy> d = replay.discrepancy();
            if (d.isPresent()) {
              throw new Stop(
                  Kind.valueOf(d.get().kind().name()),
                  name + " line " + l.number(),
                  d.get().toString());
            }
            try {
              Checkpoints.addMovement(totals, row, kinds);
            } catch (IllegalStateException e) {
              throw new Stop(
                  Kind.BALANCE_MISMATCH,
                  name + " line " + l.number(),
                  "transfer " + row.id() + " names an account that is not an account of " + strand);
            }
            if (next[0] < line.size()) {
              Checkpoint c = line.get(next[0]);
              segment.add(row.hash());
              if (row.seq() == c.headSeq()) {
                checkAt(c, replay, totals, segment);
                segment.clear();
                next[0]++;
              }
            }
          });
      StrandInfo info = strands.get(strand);
      if (replay.lastSeq() != info.headSeq()
          || !Arrays.equals(replay.lastHash(), info.headHash())) {
        throw new Stop(
            Kind.HEAD_MISMATCH,
            name,
            "the journal ends at seq "
                + replay.lastSeq()
                + " "
                + HEX.formatHex(replay.lastHash())
                + ", the manifest says seq "
                + info.headSeq()
                + " "
                + HEX.formatHex(info.headHash()));
      }
      if (next[0] < line.size()) {
        throw new Stop(
            Kind.CHECKPOINT_MISMATCH,
            "checkpoints.jsonl",
            line.get(next[0])
                + " is signed over rows up to seq "
                + line.get(next[0]).headSeq()
                + ", but the journal of "
                + strand
                + " ends at seq "
                + replay.lastSeq());
      }
      balances(strand, replay);
      checked.add(
          strand
              + ": "
              + replay.lastSeq()
              + " rows, hash chain valid up to the manifest's head, "
              + line.size()
              + " checkpoint(s) match the chain, balances equal the replay, zero sum");
    }

    void checkAt(
        Checkpoint c, JournalReplay replay, Map<OwnerKind, Long> totals, List<byte[]> segment) {
      if (!Arrays.equals(replay.lastHash(), c.headHash())) {
        throw new Stop(
            Kind.CHECKPOINT_MISMATCH,
            "checkpoints.jsonl",
            c
                + ": signed head hash "
                + HEX.formatHex(c.headHash())
                + ", the chain gives "
                + HEX.formatHex(replay.lastHash()));
      }
      if (!Arrays.equals(MerkleTree.root(segment), c.segmentRoot())) {
        throw new Stop(
            Kind.CHECKPOINT_MISMATCH,
            "checkpoints.jsonl",
            c + ": the segment's Merkle root is not the one signed");
      }
      for (OwnerKind k : OwnerKind.values()) {
        if (!totals.get(k).equals(c.totals().get(k))) {
          throw new Stop(
              Kind.CHECKPOINT_MISMATCH,
              "checkpoints.jsonl",
              c
                  + ": signed total of "
                  + k
                  + " balances "
                  + c.totals().get(k)
                  + ", the journal gives "
                  + totals.get(k));
        }
      }
    }

    void balances(StrandKind strand, JournalReplay replay) {
      String where = "accounts.jsonl";
      long posted = 0;
      long pending = 0;
      for (var e : new TreeMap<>(infos).entrySet()) {
        long id = e.getKey();
        if (e.getValue().strand() != strand) {
          continue;
        }
        Balance expected = replay.balance(id);
        Balance actual = stored.get(id);
        if (!expected.equals(actual)) {
          throw new Stop(
              Kind.BALANCE_MISMATCH,
              where,
              "account "
                  + id
                  + " ("
                  + strand
                  + "): stored "
                  + actual
                  + ", the journal gives "
                  + expected);
        }
        posted = Math.addExact(posted, actual.posted());
        pending = Math.addExact(pending, actual.pending());
      }
      if (posted != 0 || pending != 0) {
        throw new Stop(
            Kind.NONZERO_SUM,
            where,
            strand + ": posted balances sum to " + posted + ", pending to " + pending);
      }
    }

    void reports() {
      var names = new ArrayList<String>();
      zip.stream()
          .map(ZipEntry::getName)
          .filter(n -> n.startsWith("reports/") && n.endsWith(".json") && !n.endsWith(".sig.json"))
          .sorted()
          .forEach(names::add);
      for (String name : names) {
        report(name);
      }
      checked.add(
          "reports: " + names.size() + ", signatures valid, every figure matches the journal");
    }

    void report(String name) {
      byte[] json;
      try (InputStream in = open(name)) {
        json = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String sigName = name.substring(0, name.length() - ".json".length()) + ".sig.json";
      var sigs = new ArrayList<JsonLines.Line>();
      lines(sigName, sigs::add);
      if (sigs.size() != 1) {
        throw new Stop(Kind.MALFORMED, sigName, "expected one JSON object");
      }
      SignedReport signed;
      try {
        signed =
            new SignedReport(
                json, sigs.get(0).string("keyId"), HEX.parseHex(sigs.get(0).string("signature")));
      } catch (JsonLines.Malformed | IllegalArgumentException e) {
        throw new Stop(Kind.MALFORMED, sigName, "not a signature (" + e.getMessage() + ")");
      }
      NetworkKey key = key(signed.keyId(), sigName);
      ReportJson.Parameters p;
      try {
        p = ReportJson.parameters(json);
      } catch (RuntimeException e) {
        throw new Stop(
            signed.signedBy(key) ? Kind.MALFORMED : Kind.BAD_SIGNATURE,
            name,
            "not a readable report (" + e.getMessage() + ")");
      }
      Optional<String> difference = recomputeAndCompare(name, json, p);
      if (!signed.signedBy(key)) {
        throw new Stop(
            Kind.BAD_SIGNATURE,
            name,
            "the signature does not verify with key "
                + signed.keyId()
                + difference.map(d -> "; it differs from the journal at " + d).orElse(""));
      }
      if (difference.isPresent()) {
        throw new Stop(
            Kind.REPORT_MISMATCH,
            name,
            "the signed report differs from the journal at " + difference.get());
      }
    }

    /** "figure: value in the report ≠ value from the journal", or empty when they agree. */
    Optional<String> recomputeAndCompare(String name, byte[] json, ReportJson.Parameters p) {
      if (!p.request().network().equals(network)) {
        return Optional.of("network: " + p.request().network() + " ≠ " + network);
      }
      for (var h : p.heads().entrySet()) {
        if (h.getValue() > strands.get(h.getKey()).headSeq()) {
          throw new Stop(
              Kind.REPORT_MISMATCH,
              name,
              "the report reads "
                  + h.getKey()
                  + " up to seq "
                  + h.getValue()
                  + ", the export holds rows up to seq "
                  + strands.get(h.getKey()).headSeq());
        }
      }
      CirculationScan scan;
      try {
        scan = new CirculationScan(p.request(), p.timeZone(), p.heads(), infos);
      } catch (IllegalArgumentException e) {
        return Optional.of("heads: " + e.getMessage());
      }
      for (StrandKind s : p.heads().keySet()) {
        lines("journal/" + s.name() + ".jsonl", l -> scan.accept(row(s, l)));
      }
      var recomputed =
          scan.finish(
              p.networkCode(),
              p.asOf(),
              strands.get(p.request().strand()).scale(),
              strands.get(StrandKind.EURO).scale());
      return ReportJson.firstDifference(json, ReportJson.write(recomputed))
          .map(d -> d.replace(" ≠ ", " in the report ≠ ") + " from the journal");
    }
  }
}
