package coop.sol.web.security;

import coop.sol.ledger.network.Network;
import coop.sol.web.Api;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.util.List;
import java.util.function.Function;

/**
 * The authorization matrix's probes for members paying members (issue 17): the network's setting
 * through the API (read by anyone in the network, changed by its coordinators), and the pages (for
 * a browser's session only: a token gets 403; MemberPaymentsIT and PageAccessIT use sessions).
 */
final class MemberPayProbes {
  static final List<String> PAGES =
      List.of(
          "GET /member/pay-member",
          "POST /member/pay-member",
          "GET /member/receive",
          "GET /member/receive.png",
          "POST /coordinator/settings/member-payments");

  private final Function<String, Api> api;
  private final Network demo;
  private final Network other;
  private final String otherMember;
  private final String otherCoordinator;

  MemberPayProbes(
      Function<String, Api> api,
      Network demo,
      Network other,
      String otherMember,
      String otherCoordinator) {
    this.api = api;
    this.demo = demo;
    this.other = other;
    this.otherMember = otherMember;
    this.otherCoordinator = otherCoordinator;
  }

  void addTo(OperationProbes.Registry r) {
    String endpoint = "/api/v1/networks/{id}/settings/member-payments";
    String demoSetting = "/api/v1/networks/" + demo.id().value() + "/settings/member-payments";
    String[] demoNetwork =
        AuthorizationMatrixIT.DEMO.stream().filter(c -> !c.equals("admin")).toArray(String[]::new);
    r.probe(
        "GET " + endpoint,
        "the demo network's",
        c -> api.apply(c).get(demoSetting),
        Expect.authenticated(404).only(200, demoNetwork));
    r.probe(
        "GET " + endpoint,
        "another network's",
        c ->
            api.apply(c)
                .get("/api/v1/networks/" + other.id().value() + "/settings/member-payments"),
        Expect.authenticated(404).only(200, otherMember, otherCoordinator));
    r.probe(
        "PUT " + endpoint,
        "the demo's, unchanged (allowed)",
        c -> api.apply(c).put(demoSetting, Api.json("allowed", true)),
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
    for (String page : PAGES) {
      String path = page.substring(page.indexOf(' ') + 1);
      boolean get = page.startsWith("GET ");
      r.probe(
          page,
          "a page of payments between members",
          c -> get ? api.apply(c).get(path) : api.apply(c).post(path, ""),
          Expect.authenticated(403).anonymous(get ? 401 : 403));
    }
  }
}
