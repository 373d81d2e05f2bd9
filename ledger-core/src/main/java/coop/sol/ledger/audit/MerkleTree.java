package coop.sol.ledger.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 6962 (Certificate Transparency), section 2.1, over the hashes of a
 * checkpoint's journal rows: leaf = SHA-256(0x00 || row hash), node = SHA-256(0x01 || left ||
 * right), a tree of n leaves splits at the largest power of two below n, and the empty tree's root
 * is SHA-256 of nothing. An audit path proves a leaf is in the tree with log2(n) hashes.
 */
public final class MerkleTree {
  private MerkleTree() {}

  public static byte[] leaf(byte[] rowHash) {
    MessageDigest sha = sha256();
    sha.update((byte) 0);
    sha.update(rowHash);
    return sha.digest();
  }

  static byte[] node(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update((byte) 1);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** The root over the given row hashes, in order. */
  public static byte[] root(List<byte[]> rowHashes) {
    if (rowHashes.isEmpty()) {
      return sha256().digest();
    }
    return subtree(rowHashes, 0, rowHashes.size());
  }

  private static byte[] subtree(List<byte[]> hashes, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaf(hashes.get(from));
    }
    int k = Integer.highestOneBit(n - 1);
    return node(subtree(hashes, from, from + k), subtree(hashes, from + k, to));
  }

  /** The audit path of leaf {@code index}: sibling hashes from the leaf up. */
  public static List<byte[]> path(List<byte[]> rowHashes, int index) {
    if (index < 0 || index >= rowHashes.size()) {
      throw new IllegalArgumentException("no leaf " + index + " among " + rowHashes.size());
    }
    var path = new ArrayList<byte[]>();
    path(rowHashes, 0, rowHashes.size(), index, path);
    return path;
  }

  private static void path(List<byte[]> hashes, int from, int to, int index, List<byte[]> into) {
    int n = to - from;
    if (n == 1) {
      return;
    }
    int k = Integer.highestOneBit(n - 1);
    if (index < k) {
      path(hashes, from, from + k, index, into);
      into.add(subtree(hashes, from + k, to));
    } else {
      path(hashes, from + k, to, index - k, into);
      into.add(subtree(hashes, from, from + k));
    }
  }

  /**
   * The root a leaf and its audit path lead to, in a tree of {@code size} leaves (RFC 9162's
   * verification algorithm, section 2.1.3.2); null when the path has the wrong length.
   */
  public static byte[] rootFromPath(byte[] rowHash, long index, long size, List<byte[]> path) {
    if (index < 0 || index >= size) {
      return null;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leaf(rowHash);
    for (byte[] p : path) {
      if (sn == 0) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }

  static boolean same(byte[] a, byte[] b) {
    return a != null && b != null && MessageDigest.isEqual(a, b);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static byte[] copy(byte[] b) {
    return Arrays.copyOf(b, b.length);
  }
}
