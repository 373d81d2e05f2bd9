package coop.sol.ledger.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.settings.MerchantCategory;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a listing may hold, and how the directory's search matches it. */
class MerchantProfileTest {
  private static final NetworkId NETWORK = new NetworkId(1);

  private static MerchantProfile profile(String name, String town, String phone, String website) {
    return new MerchantProfile(
        NETWORK,
        "boulangerie",
        name,
        " Pain au levain ",
        "12 quai de la Douane",
        town,
        "",
        phone,
        website,
        Set.of(StrandKind.COOPERATION));
  }

  @Test
  void texts_are_trimmed_and_the_address_is_one_line_for_the_map() {
    MerchantProfile p = profile("  Boulangerie du Port ", "Brest", "", "");
    assertThat(p.tradingName()).isEqualTo("Boulangerie du Port");
    assertThat(p.description()).isEqualTo("Pain au levain");
    assertThat(p.fullAddress()).isEqualTo("12 quai de la Douane, Brest");
    assertThat(profile("B", "", "", "").fullAddress()).isEqualTo("12 quai de la Douane");
  }

  @Test
  void what_cannot_be_stored_is_refused_by_field() {
    assertField(() -> profile(" ", "Brest", "", ""), "tradingName");
    assertField(() -> profile("x".repeat(201), "Brest", "", ""), "tradingName");
    assertField(() -> profile("B", "x".repeat(101), "", ""), "town");
    assertField(() -> profile("B", "Brest", "appelez", ""), "phone");
    assertField(() -> profile("B", "Brest", "", "javascript:alert(1)"), "website");
    assertField(() -> profile("B", "Bre\u0000st", "", ""), "town");
    assertField(
        () ->
            new MerchantProfile(NETWORK, "b", "B", "", "", "", "", "", "", Set.of(StrandKind.EURO)),
        "strands");
    assertThat(profile("B", "Brest", "+33 (0)2 98.00-00-01", "https://a.example/b?c=d").phone())
        .isEqualTo("+33 (0)2 98.00-00-01");
  }

  private static void assertField(Runnable make, String field) {
    assertThatThrownBy(make::run)
        .isInstanceOfSatisfying(
            MerchantProfile.InvalidProfile.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void search_ignores_case_and_accents_and_matches_category_codes_and_labels() {
    DirectoryEntry entry =
        new DirectoryEntry(
            profile("Épicerie du Château", "Quimperlé", "", ""),
            List.of(new MerchantCategory("FOOD", "Alimentation")),
            Instant.EPOCH,
            "test");
    assertThat(new DirectorySearch("epicerie", "", "").matches(entry)).isTrue();
    assertThat(new DirectorySearch("LEVAIN", "", "").matches(entry)).isTrue();
    assertThat(new DirectorySearch("", "food", "quimperle").matches(entry)).isTrue();
    assertThat(new DirectorySearch("", "aliment", "").matches(entry)).isTrue();
    assertThat(new DirectorySearch("", "BOOKS", "").matches(entry)).isFalse();
    assertThat(new DirectorySearch("", "", "brest").matches(entry)).isFalse();
    assertThat(DirectorySearch.ALL.matches(entry)).isTrue();
  }
}
