package coop.sol.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  static List<byte[]> hashes(int n) {
    var list = new ArrayList<byte[]>();
    for (int i = 0; i < n; i++) {
      byte[] h = new byte[32];
      h[0] = (byte) i;
      h[1] = (byte) (i >> 8);
      list.add(h);
    }
    return list;
  }

  @Test
  void every_leaf_of_every_tree_up_to_70_leaves_proves_its_inclusion_and_nothing_else() {
    for (int n = 1; n <= 70; n++) {
      List<byte[]> leaves = hashes(n);
      byte[] root = MerkleTree.root(leaves);
      for (int i = 0; i < n; i++) {
        List<byte[]> path = MerkleTree.path(leaves, i);
        assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, path))
            .as("leaf %d of %d", i, n)
            .isEqualTo(root);
        // another leaf's hash, another index or a changed sibling: another root (the size is not
        // the prover's to choose: it is the signed checkpoint's)
        byte[] other = leaves.get((i + 1) % n).clone();
        other[31] ^= 1;
        assertThat(MerkleTree.same(MerkleTree.rootFromPath(other, i, n, path), root)).isFalse();
        if (n > 1) {
          assertThat(
                  MerkleTree.same(
                      MerkleTree.rootFromPath(leaves.get(i), (i + 1) % n, n, path), root))
              .isFalse();
          var changed = new ArrayList<>(path);
          byte[] sibling = changed.get(0).clone();
          sibling[0] ^= 1;
          changed.set(0, sibling);
          assertThat(MerkleTree.same(MerkleTree.rootFromPath(leaves.get(i), i, n, changed), root))
              .isFalse();
        }
      }
    }
  }

  @Test
  void the_shape_is_rfc_6962s() {
    List<byte[]> l = hashes(3);
    byte[] expected =
        MerkleTree.node(
            MerkleTree.node(MerkleTree.leaf(l.get(0)), MerkleTree.leaf(l.get(1))),
            MerkleTree.leaf(l.get(2)));
    assertThat(MerkleTree.root(l)).isEqualTo(expected);
    assertThat(MerkleTree.root(List.of())).hasSize(32);
  }
}
