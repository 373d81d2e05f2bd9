package coop.sol.web.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Values filed under text prefixes, and found for a text as those whose prefix the text starts
 * with, in one walk along the text (a character trie): the work is the length of the text, not the
 * number of prefixes. Immutable once built ({@link Builder}), so it may be read by any thread once
 * published.
 */
final class Prefixes<T> {
  private final Node<T> root;

  private Prefixes(Node<T> root) {
    this.root = root;
  }

  /**
   * The values filed under a prefix of {@code text} (the empty prefix included), each once, those
   * of shorter prefixes first.
   */
  List<T> startingWith(String text) {
    List<T> found = new ArrayList<>();
    Node<T> node = root;
    int i = 0;
    while (true) {
      for (T value : node.values) {
        if (!containsSame(found, value)) {
          found.add(value);
        }
      }
      if (i == text.length()) {
        return found;
      }
      int child = Arrays.binarySearch(node.keys, text.charAt(i));
      if (child < 0) {
        return found;
      }
      node = node.children[child];
      i++;
    }
  }

  /** By identity: a value filed under two prefixes of the text is found once. */
  private static boolean containsSame(List<?> found, Object value) {
    for (Object each : found) {
      if (each == value) {
        return true;
      }
    }
    return false;
  }

  /** A node: the characters that lead on (sorted), where they lead, and the values filed here. */
  private record Node<T>(char[] keys, Node<T>[] children, T[] values) {}

  static final class Builder<T> {
    private final IntFunction<T[]> arrays;
    private final Draft<T> root = new Draft<>();

    /**
     * @param arrays makes arrays of the values' type ({@code Candidate[]::new})
     */
    Builder(IntFunction<T[]> arrays) {
      this.arrays = arrays;
    }

    /** Files {@code value} under {@code prefix}; filing it twice under one prefix keeps it once. */
    Builder<T> add(String prefix, T value) {
      Draft<T> node = root;
      for (int i = 0; i < prefix.length(); i++) {
        node = node.children.computeIfAbsent(prefix.charAt(i), c -> new Draft<>());
      }
      if (!containsSame(node.values, value)) {
        node.values.add(value);
      }
      return this;
    }

    Prefixes<T> build() {
      return new Prefixes<>(freeze(root));
    }

    private Node<T> freeze(Draft<T> draft) {
      char[] keys = new char[draft.children.size()];
      @SuppressWarnings("unchecked")
      Node<T>[] children = new Node[keys.length];
      int i = 0;
      for (Map.Entry<Character, Draft<T>> child : draft.children.entrySet()) {
        keys[i] = child.getKey();
        children[i] = freeze(child.getValue());
        i++;
      }
      return new Node<>(keys, children, draft.values.toArray(arrays));
    }

    /** A node while the prefixes are being filed; its children sorted by character. */
    private static final class Draft<T> {
      final Map<Character, Draft<T>> children = new TreeMap<>();
      final List<T> values = new ArrayList<>();
    }
  }
}
