package coop.sol.web.user;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads users from {@code app_user} for Spring Security's password authentication. */
@Service
class SolUserDetailsService implements UserDetailsService {
  private final Users users;

  SolUserDetailsService(Users users) {
    this.users = users;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return users
        .find(username)
        .map(SolUserDetails::new)
        .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }
}
