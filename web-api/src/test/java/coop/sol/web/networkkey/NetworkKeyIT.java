package coop.sol.web.networkkey;

import static coop.sol.ledger.jooq.Tables.NETWORK_SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.keys.Decryption;
import coop.sol.keys.EncryptedSigningKey;
import coop.sol.keys.NetworkKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.Verification;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.installation.SolProperties;
import coop.sol.web.user.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A network's keys: made at first need, stored encrypted under the passphrase kept in the data
 * directory, published to anyone, rotated by coordinators (audited) while codes signed with the
 * retired key still verify and can still be used.
 */
@SolApplicationTest
class NetworkKeyIT {
  private final Callers callers;
  private final ApplicationContext context;

  @Autowired
  NetworkKeyIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
  }

  @Test
  void keys_are_published_to_anyone_and_rotation_keeps_old_codes_verifiable_and_usable() {
    Network network = callers.newNetwork("cles");
    String merchant = callers.newUser("boutique", Role.MERCHANT, network, null);
    String member = callers.newUser("membre", Role.MEMBER, network, "50.00");
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    long shop = account(network, OwnerKind.MERCHANT, merchant);
    long payer = account(network, OwnerKind.MEMBER, member);

    JsonNode first = keys(network);
    assertThat(first.get("networkId").asLong()).isEqualTo(network.id().value());
    assertThat(first.get("keys")).hasSize(1);
    JsonNode original = first.get("keys").get(0);
    assertThat(original.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(original.get("algorithm").asString()).isEqualTo("Ed25519");
    assertThat(NetworkKey.fromBase64Url(original.get("publicKey").asString()).id().toString())
        .isEqualTo(original.get("keyId").asString());

    JsonNode request =
        callers
            .as(merchant)
            .post("/api/v1/payment-requests", Api.json("merchantAccountId", shop, "amount", "2.00"))
            .send()
            .json();
    assertThat(request.get("keyId").asString()).isEqualTo(original.get("keyId").asString());

    Api.Response refused =
        callers.as(member).post("/api/v1/networks/" + network.id().value() + "/keys", null).send();
    assertThat(refused.status()).isEqualTo(403);
    Api.Response rotated =
        callers
            .as(coordinator)
            .post("/api/v1/networks/" + network.id().value() + "/keys", null)
            .send();
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
    String newKey = rotated.json().get("keyId").asString();
    assertThat(newKey).isNotEqualTo(original.get("keyId").asString());

    JsonNode after = keys(network);
    assertThat(after.get("keys")).hasSize(2);
    assertThat(after.get("keys").get(0).get("keyId").asString()).isEqualTo(newKey);
    assertThat(after.get("keys").get(0).get("status").asString()).isEqualTo("ACTIVE");
    assertThat(after.get("keys").get(1).get("status").asString()).isEqualTo("RETIRED");
    assertThat(after.get("keys").get(1).get("retiredAt").isNull()).isFalse();

    // the code signed before the rotation verifies with the published keys, and is paid
    Verification verification =
        PaymentCodes.verify(
            request.get("link").asString(), trusted(after), network.id().value(), Instant.now());
    assertThat(verification).isInstanceOf(Verification.Verified.class);
    Api.Response paid =
        callers
            .as(member)
            .post(
                "/api/v1/payment-requests/" + request.get("id").asString() + "/pay",
                Api.json("debitAccountId", payer))
            .header("Idempotency-Key", "avant-rotation")
            .send();
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    // new codes are signed with the new key
    JsonNode newer =
        callers.as(merchant).get("/api/v1/merchants/" + shop + "/static-code").send().json();
    assertThat(newer.get("keyId").asString()).isEqualTo(newKey);
    assertThat(newer.get("networkId").asLong()).isEqualTo(network.id().value());

    List<String> audit = new ArrayList<>();
    for (JsonNode entry : callers.as(coordinator).get("/api/v1/audit").send().json().get("items")) {
      audit.add(entry.get("action").asString() + " " + entry.get("actor").asString());
    }
    assertThat(audit).contains("NETWORK_KEY_ROTATED " + coordinator, "NETWORK_KEY_CREATED sol");
  }

  @Test
  void an_unknown_network_has_no_keys_and_other_networks_coordinators_cannot_rotate() {
    assertThat(callers.api().anonymous().get("/api/v1/networks/987654321/keys").send().status())
        .isEqualTo(404);
    Network network = callers.newNetwork("cles");
    Network other = callers.newNetwork("autre");
    String stranger = callers.newUser("coord", Role.COORDINATOR, other, null);
    Api.Response rotation =
        callers
            .as(stranger)
            .post("/api/v1/networks/" + network.id().value() + "/keys", null)
            .send();
    assertThat(rotation.status()).isEqualTo(404);
    assertThat(rotation.code()).isEqualTo("NOT_FOUND");
  }

  @Test
  void private_keys_are_stored_encrypted_under_the_data_directory_s_owner_only_passphrase()
      throws IOException {
    Network network = callers.newNetwork("cles");
    JsonNode published = keys(network).get("keys").get(0);
    Path file =
        context.getBean(SolProperties.class).dataDirectory().resolve(KeyPassphrase.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String passphrase = Files.readString(file).strip();
    assertThat(passphrase).hasSizeGreaterThanOrEqualTo(43);

    var row =
        DSL.using(context.getBean(DataSource.class), SQLDialect.POSTGRES)
            .selectFrom(NETWORK_SIGNING_KEY)
            .where(NETWORK_SIGNING_KEY.NETWORK_ID.eq(network.id().value()))
            .fetchSingle();
    assertThat(row.getEncryptedPrivateKey()).doesNotContain(passphrase);
    assertThat(EncryptedSigningKey.decrypt(row.getEncryptedPrivateKey(), "wrong".toCharArray()))
        .isEqualTo(new Decryption.Failed(Decryption.Reason.WRONG_PASSPHRASE));
    Decryption decrypted =
        EncryptedSigningKey.decrypt(row.getEncryptedPrivateKey(), passphrase.toCharArray());
    assertThat(decrypted).isInstanceOf(Decryption.Decrypted.class);
    assertThat(((Decryption.Decrypted) decrypted).key().networkKey().toBase64Url())
        .isEqualTo(published.get("publicKey").asString());
  }

  private JsonNode keys(Network network) {
    Api.Response response =
        callers.api().anonymous().get("/api/v1/networks/" + network.id().value() + "/keys").send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static TrustedKeys trusted(JsonNode published) {
    List<NetworkKey> keys = new ArrayList<>();
    for (JsonNode key : published.get("keys")) {
      keys.add(NetworkKey.fromBase64Url(key.get("publicKey").asString()));
    }
    return TrustedKeys.of(keys);
  }

  private long account(Network network, OwnerKind kind, String owner) {
    return callers.account(network, kind, owner, StrandKind.COOPERATION).id().value();
  }
}
