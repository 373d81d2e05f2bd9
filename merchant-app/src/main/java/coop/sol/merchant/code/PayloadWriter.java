package coop.sol.merchant.code;

import java.io.ByteArrayOutputStream;

/** Appends the primitive encodings of the payload layout. */
final class PayloadWriter {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(160);

  PayloadWriter writeByte(int value) {
    out.write(value);
    return this;
  }

  PayloadWriter writeBytes(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /**
   * Unsigned LEB128: seven bits per byte, least significant group first, high bit set on every byte
   * but the last. Values 0..Long.MAX_VALUE take 1..9 bytes.
   */
  PayloadWriter writeVarint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varints hold 0..Long.MAX_VALUE, was " + value);
    }
    while (value >= 0x80) {
      out.write((int) (value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
    return this;
  }

  byte[] toBytes() {
    return out.toByteArray();
  }
}
