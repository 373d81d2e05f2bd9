package coop.sol.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.network.NetworkId;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.Role;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.SolUserDetails;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class TokenAuthenticationTest {

  @Test
  void another_requests_authentication_is_a_new_one_standing_for_the_same_token() {
    NetworkId network = new NetworkId(7);
    AppUser user =
        new AppUser(
            42,
            "commercante",
            "Commerçante",
            "",
            Optional.empty(),
            true,
            List.of(RoleGrant.in(network, Role.MEMBER), RoleGrant.in(network, Role.MERCHANT)),
            3);
    var first =
        new TokenAuthentication(SolUserDetails.of(user), 9, EnumSet.of(Scope.READ, Scope.PAY));
    first.setDetails("the first request's");

    TokenAuthentication next = first.forAnotherRequest();

    assertThat(next).isNotSameAs(first);
    assertThat(next.getDetails()).isNull();
    assertThat(next.isAuthenticated()).isTrue();
    assertThat(next.getPrincipal()).isSameAs(first.getPrincipal());
    assertThat(next.tokenId()).isEqualTo(9);
    assertThat(next.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.PAY);
    assertThat(next.getAuthorities())
        .map(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder(
            Role.MEMBER.authority(),
            Role.MERCHANT.authority(),
            Scope.READ.authority(),
            Scope.PAY.authority());
  }
}
