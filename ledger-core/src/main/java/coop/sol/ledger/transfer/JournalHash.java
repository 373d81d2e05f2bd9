package coop.sol.ledger.transfer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The hash chain of a strand: {@code hash(row) = SHA-256(hash(previous row) || canonical(row))},
 * with 32 zero bytes before the first row. The canonical encoding (version 1), big-endian:
 *
 * <pre>
 *   u8  version = 1
 *   i64 network_id      i16 strand_id     i64 seq          i64 transfer_id
 *   u8  kind code       i64 debit account i64 credit account i64 amount
 *   str code            str idempotency key
 *   i64 pending_id  (0 if none)   i64 reverses_id (0 if none)
 *   i64 expires_at  (microseconds since the epoch, 0 if none)
 *   str reference       str memo
 *   i64 created_at  (microseconds since the epoch)
 * </pre>
 *
 * where {@code str} is a u16 byte length followed by UTF-8 bytes. Timestamps are microseconds
 * because that is what PostgreSQL stores.
 */
public final class JournalHash {

  public static final int LENGTH = 32;
  public static final byte VERSION = 1;

  private JournalHash() {}

  public static byte[] genesis() {
    return new byte[LENGTH];
  }

  /** The hash of {@code row} chained after {@code previous}; ignores the hash stored in the row. */
  public static byte[] chain(byte[] previous, Transfer row) {
    MessageDigest sha = sha256();
    sha.update(previous);
    sha.update(canonical(row));
    return sha.digest();
  }

  /** The canonical bytes of a row (everything but its hash). */
  public static byte[] canonical(Transfer row) {
    var bytes = new ByteArrayOutputStream(160);
    try (var out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(row.network().value());
      out.writeShort(row.strand().id());
      out.writeLong(row.seq());
      out.writeLong(row.id().value());
      out.writeByte(row.kind().code());
      out.writeLong(row.debit().value());
      out.writeLong(row.credit().value());
      out.writeLong(row.amount());
      writeString(out, row.code().name());
      writeString(out, row.key().value());
      out.writeLong(row.pendingId().map(id -> id.value()).orElse(0L));
      out.writeLong(row.reverses().map(id -> id.value()).orElse(0L));
      out.writeLong(row.expiresAt().map(JournalHash::micros).orElse(0L));
      writeString(out, row.reference());
      writeString(out, row.memo());
      out.writeLong(micros(row.createdAt()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeShort(utf8.length);
    out.write(utf8);
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
