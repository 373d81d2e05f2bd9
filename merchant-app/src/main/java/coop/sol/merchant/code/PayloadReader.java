package coop.sol.merchant.code;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the primitive encodings of the payload layout from a byte range, strictly: every value has
 * exactly one accepted encoding, so one code has exactly one byte string. Anything else throws
 * {@link MalformedPayload}.
 */
final class PayloadReader {

  private static final int MAX_VARINT_BYTES = 9;

  private final byte[] bytes;
  private final int end;
  private int position;

  PayloadReader(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    this.position = from;
    this.end = to;
  }

  int readByte() {
    require(1);
    return bytes[position++] & 0xff;
  }

  byte[] readBytes(int length) {
    require(length);
    byte[] read = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return read;
  }

  /** The inverse of {@link PayloadWriter#writeVarint}; refuses overlong forms and overflow. */
  long readVarint() {
    long value = 0;
    for (int i = 0; i < MAX_VARINT_BYTES; i++) {
      int b = readByte();
      value |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new MalformedPayload("overlong varint");
        }
        return value;
      }
    }
    throw new MalformedPayload("varint longer than " + MAX_VARINT_BYTES + " bytes");
  }

  /** A length byte then that many bytes of well-formed UTF-8. */
  String readShortUtf8(int maxBytes) {
    int length = readByte();
    if (length > maxBytes) {
      throw new MalformedPayload("text of " + length + " bytes, at most " + maxBytes);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(readBytes(length)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedPayload("text is not UTF-8");
    }
  }

  void requireEnd() {
    if (position != end) {
      throw new MalformedPayload((end - position) + " bytes after the last field");
    }
  }

  private void require(int length) {
    if (end - position < length) {
      throw new MalformedPayload("payload ends inside a field");
    }
  }
}
