package coop.sol.web.network;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkProfile;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.EuroRate;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.settings.Versioned;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Creating and editing networks: the network and its ledgers, its profile, its system accounts and
 * its first rates, in that order and each idempotent, so a creation interrupted half-way is
 * completed by editing the network. Audited installation-wide and in the network.
 */
@Service
public class NetworkAdministration {
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  private final Ledger ledger;
  private final NetworkSettings settings;
  private final AuditLog audit;

  NetworkAdministration(Ledger ledger, Operations operations, AuditLog audit) {
    this.ledger = ledger;
    this.settings = operations.settings();
    this.audit = audit;
  }

  /**
   * What an administrator says of a network.
   *
   * @param euroRate euros per SOL, e.g. "1.00"
   * @param purchaseBonus percent, e.g. "5"
   * @param reconversionFee percent; null for 0 at creation, or unchanged
   */
  public record NetworkForm(
      String name,
      String currencyName,
      String euroRate,
      String purchaseBonus,
      String reconversionFee,
      String timeZone,
      String defaultLanguage) {}

  public Network create(Caller caller, String code, NetworkForm form, String clientAddress) {
    if (code == null || !CODE.matcher(code).matches()) {
      throw invalid(
          "code", "code : 2 à 63 caractères, minuscules, chiffres et « - », comme « brest ».");
    }
    String name = name(form.name());
    NetworkProfile profile = profile(form, name);
    NetworkRates rates = rates(form, Optional.empty());
    if (ledger.networks().findByCode(code).isPresent()) {
      throw new ApiProblemException(ProblemCode.NETWORK_CODE_TAKEN);
    }
    Network network =
        ledger
            .networks()
            .create(code, name, profile)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NETWORK_CODE_TAKEN));
    settings.setUp(network.id());
    settings.changeRates(network.id(), rates, Actor.of(caller.username()));
    audit.record(
        new AuditRecord(
            AuditAction.NETWORK_CREATED,
            Set.of(network.id()),
            true,
            caller.userId(),
            caller.username(),
            "network " + code,
            clientAddress,
            details(profile, rates)));
    return network;
  }

  public Network update(Caller caller, Network network, NetworkForm form, String clientAddress) {
    String name = name(form.name());
    NetworkProfile profile = profile(form, name);
    Optional<NetworkRates> current = settings.rates(network.id()).map(Versioned::value);
    NetworkRates rates = rates(form, current);
    ledger.networks().update(network.id(), name, profile);
    settings.setUp(network.id());
    if (current.isEmpty() || !same(current.get(), rates)) {
      settings.changeRates(network.id(), rates, Actor.of(caller.username()));
    }
    audit.record(
        new AuditRecord(
            AuditAction.NETWORK_CHANGED,
            Set.of(network.id()),
            true,
            caller.userId(),
            caller.username(),
            "network " + network.code(),
            clientAddress,
            details(profile, rates)));
    return ledger.networks().find(network.id()).orElseThrow();
  }

  private static boolean same(NetworkRates a, NetworkRates b) {
    return a.euroRate().eurosPerSol().compareTo(b.euroRate().eurosPerSol()) == 0
        && a.purchaseBonus().equals(b.purchaseBonus())
        && a.reconversionFee().equals(b.reconversionFee());
  }

  private static Map<String, Object> details(NetworkProfile profile, NetworkRates rates) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("currencyName", profile.currencyName());
    details.put("timeZone", profile.timeZone().getId());
    details.put("defaultLanguage", profile.defaultLanguage());
    details.put("euroPerSol", rates.euroRate().eurosPerSol().toPlainString());
    details.put("purchaseBonusBp", rates.purchaseBonus().value());
    details.put("reconversionFeeBp", rates.reconversionFee().value());
    return details;
  }

  private static String name(String name) {
    if (name == null || name.isBlank() || name.strip().length() > 200) {
      throw invalid("name", "name : de 1 à 200 caractères.");
    }
    return name.strip();
  }

  private static NetworkProfile profile(NetworkForm form, String name) {
    String currency =
        form.currencyName() == null || form.currencyName().isBlank()
            ? name
            : form.currencyName().strip();
    if (currency.length() > 100) {
      throw invalid("currencyName", "currencyName : de 1 à 100 caractères.");
    }
    ZoneId zone;
    try {
      zone =
          ZoneId.of(
              form.timeZone() == null || form.timeZone().isBlank()
                  ? "Europe/Paris"
                  : form.timeZone().strip());
    } catch (DateTimeException e) {
      throw invalid("timeZone", "timeZone : un fuseau horaire IANA, comme « Europe/Paris ».");
    }
    String language =
        form.defaultLanguage() == null || form.defaultLanguage().isBlank()
            ? "fr"
            : form.defaultLanguage().strip();
    if (!NetworkProfile.LANGUAGES.contains(language)) {
      throw invalid("defaultLanguage", "defaultLanguage : fr ou en.");
    }
    return new NetworkProfile(currency, zone, language);
  }

  private static NetworkRates rates(NetworkForm form, Optional<NetworkRates> current) {
    EuroRate rate;
    if (form.euroRate() == null && current.isPresent()) {
      rate = current.get().euroRate();
    } else {
      try {
        rate = EuroRate.of(form.euroRate());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw invalid("euroRate", "euroRate : un décimal > 0, six décimales au plus (\"1.00\").");
      }
    }
    BasisPoints bonus =
        percent(
            "purchaseBonus",
            form.purchaseBonus(),
            current.map(NetworkRates::purchaseBonus).orElse(null));
    BasisPoints fee =
        percent(
            "reconversionFee",
            form.reconversionFee(),
            current.map(NetworkRates::reconversionFee).orElse(BasisPoints.ZERO));
    return new NetworkRates(rate, bonus, fee);
  }

  private static BasisPoints percent(String field, String text, BasisPoints otherwise) {
    if (text == null && otherwise != null) {
      return otherwise;
    }
    try {
      return BasisPoints.ofPercent(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalid(field, field + " : un pourcentage de 0 à 100, deux décimales au plus (\"5\").");
    }
  }

  private static ApiProblemException invalid(String field, String detail) {
    return new ApiProblemException(ProblemCode.VALIDATION_FAILED, detail, field);
  }
}
