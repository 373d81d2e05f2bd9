package coop.sol.web.report;

import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.report.CirculationReport;
import coop.sol.ledger.report.CountAmount;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The circulation report as the API answers it: every amount a decimal string at its ledger's scale
 * (SOL amounts at the strand's, euros at the euro ledger's), ratios as decimal strings with 4
 * places; the definitions are ledger-core's ({@link CirculationReport}, docs/reports-and-audit.md).
 */
@Schema(
    name = "CirculationReport",
    description =
        "Rapport de circulation d'un volet SOL sur une période (jours entiers du fuseau du réseau)."
            + " Un « mouvement » est une ligne du journal qui déplace de l'argent comptabilisé (POSTED,"
            + " ou POST_PENDING pour le montant comptabilisé). Les comptes « système » (émission, fonds,"
            + " frais) ne sont pas en circulation ; tous les autres le sont.")
record CirculationReportView(
    @Schema(description = "Ce sur quoi porte le rapport") HeaderView header,
    @Schema(description = "Monnaie en circulation") CirculationView circulation,
    @Schema(
            nullable = true,
            description = "Réserve en euros : rapports du volet Coopération seulement (null sinon)")
        ReserveView reserve,
    @Schema(description = "SOL émis dans la période, par code") IssuedView issued,
    @Schema(description = "Reconversion des SOL en euros") ReconversionView reconversion,
    @Schema(description = "Fonte (la monnaie qui dort fond)") FonteView fonte,
    @Schema(description = "Paiements") PaymentsView payments,
    @Schema(description = "Mouvements CORRECTION de la période") Figure corrections,
    @Schema(
            description =
                "Chaque code ayant des mouvements dans la période : nombre et montant (les codes"
                    + " ajoutés plus tard y figurent sans changement du rapport)")
        List<CodeView> byCode,
    @Schema(
            description =
                "Circulation en fin de chaque jour de la période jusqu'à aujourd'hui : la série que"
                    + " trace le graphique circulation (alternative textuelle)")
        List<DayView> circulationByDay) {

  @Schema(name = "ReportFigure", description = "Nombre de mouvements et leur montant total")
  record Figure(
      @Schema(description = "Lignes du journal") long count,
      @Schema(description = "Montant total, chaîne décimale", example = "1234.50") String amount) {}

  @Schema(name = "ReportHeader")
  record HeaderView(
      @Schema(description = "Code du réseau") String network,
      @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}) String strand,
      @Schema(allowableValues = {"DAY", "MONTH", "YEAR", "CUSTOM"}) String granularity,
      @Schema(description = "Premier jour de la période, inclus") LocalDate from,
      @Schema(description = "Jour suivant le dernier, exclu") LocalDate to,
      @Schema(description = "Fuseau horaire des rapports du réseau", example = "Europe/Paris")
          String timeZone,
      @Schema(description = "Calcul du rapport ; ne décide que des jours moyennés") Instant asOf,
      @Schema(
              description =
                  "Par volet lu, seq de la dernière ligne du journal prise en compte (le volet ; et"
                      + " EURO pour un rapport Coopération)")
          Map<String, Long> heads,
      @Schema(
              description =
                  "Taux utilisé pour la couverture : 1 SOL = euroPerSol EUR (celui en"
                      + " vigueur à la fin de la période)",
              example = "1.00")
          String euroPerSol,
      @Schema(description = "Taille des classements de commerçants") int top) {}

  @Schema(name = "ReportCirculation")
  record CirculationView(
      @Schema(
              description =
                  "Somme des soldes comptabilisés des comptes non système du volet après tous les"
                      + " mouvements datés d'avant la période (= −somme des comptes système). Les"
                      + " soldes négatifs (découverts autorisés) la réduisent.")
          String atStart,
      @Schema(description = "La même après tous les mouvements datés d'avant la fin de la période")
          String atEnd,
      @Schema(
              description =
                  "Jours de la période jusqu'à la date locale d'asOf (tous pour une période passée ;"
                      + " 0 si elle commence après)")
          long daysAveraged,
      @Schema(
              nullable = true,
              description =
                  "Moyenne de la circulation en fin de chaque jour moyenné, arrondie au demi pair ;"
                      + " null si aucun jour")
          String average) {}

  @Schema(name = "ReportReserve")
  record ReserveView(
      @Schema(
              description =
                  "Euros détenus par le réseau : somme des soldes strictement positifs du registre"
                      + " euro (fonds de garantie et caisses des comptoirs) avant la période")
          String atStart,
      @Schema(description = "Les mêmes avant la fin de la période") String atEnd,
      @Schema(description = "Part de atEnd dans les caisses des comptoirs (pas encore déposée)")
          String exchangeOfficesAtEnd,
      @Schema(
              nullable = true,
              description =
                  "Taux de couverture au début : euros détenus / (circulation × euroPerSol), 4"
                      + " décimales ; null si la circulation n'est pas > 0")
          String coverageAtStart,
      @Schema(nullable = true, description = "Le même à la fin de la période")
          String coverageAtEnd) {}

  @Schema(name = "ReportIssued")
  record IssuedView(
      @Schema(description = "Mouvements ISSUANCE : SOL achetés aux comptoirs ou émis par le réseau")
          Figure bought,
      @Schema(description = "Mouvements PURCHASE_BONUS (bonus à l'achat)") Figure bonus,
      @Schema(description = "Mouvements REWARD (commerçant → membre)") Figure rewards,
      @Schema(description = "Mouvements VOLUNTEER_CREDIT (bénévolat)") Figure volunteerCredits,
      @Schema(description = "Mouvements GRANT (bons émis)") Figure vouchersIssued,
      @Schema(description = "Mouvements VOUCHER_EXPIRY (bons expirés rendus)")
          Figure vouchersExpired) {}

  @Schema(name = "ReportReconversion")
  record ReconversionView(
      @Schema(description = "Mouvements RECONVERSION (SOL rendus en euros)") Figure reconverted,
      @Schema(description = "Mouvements RECONVERSION_FEE") Figure fees,
      @Schema(
              nullable = true,
              description =
                  "Montant reconverti / montant acheté (bonus exclu), 4 décimales ; null si rien"
                      + " acheté")
          String rate) {}

  @Schema(name = "ReportFonte")
  record FonteView(
      @Schema(description = "Mouvements FONTE") Figure charged,
      @Schema(description = "Par compte crédité par la fonte")
          List<FonteDestinationView> destinations) {}

  @Schema(name = "ReportFonteDestination")
  record FonteDestinationView(
      long accountId,
      String ownerKind,
      String owner,
      @Schema(description = "Mouvements FONTE reçus dans la période") Figure received,
      @Schema(
              description =
                  "Tout ce dont le compte a été débité dans la période, tout code : ce qu'il a"
                      + " remis en circulation")
          String spent) {}

  @Schema(name = "ReportPayments")
  record PaymentsView(
      @Schema(
              description =
                  "Mouvements PAYMENT (bruts : remboursements non déduits ; un paiement en deux"
                      + " temps compte le jour où il est comptabilisé)")
          Figure payments,
      @Schema(description = "Mouvements REFUND") Figure refunds,
      @Schema(
              nullable = true,
              description =
                  "Vélocité : montant des paiements / circulation moyenne (moyenne exacte), 4"
                      + " décimales ; null si la moyenne n'est pas > 0")
          String velocity,
      @Schema(description = "Répartition des flux") SplitView split,
      @Schema(description = "Comptes MEMBER débités ou crédités par au moins un paiement")
          long activeMembers,
      @Schema(description = "Comptes MERCHANT débités ou crédités par au moins un paiement")
          long activeMerchants,
      @Schema(
              description =
                  "Commerçants par montant de paiements reçus, du plus grand (égalité : plus petit"
                      + " identifiant de compte d'abord)")
          List<MerchantView> topByReceived,
      @Schema(description = "Commerçants par paiements effectués (re-dépense locale), même ordre")
          List<MerchantView> topByRespent) {}

  @Schema(name = "ReportFlowSplit", description = "Les quatre parts font paiements + reconversions")
  record SplitView(
      @Schema(description = "PAYMENT débit MEMBER, crédit MERCHANT") Figure memberToMerchant,
      @Schema(description = "PAYMENT MERCHANT → MERCHANT (re-dépense locale)")
          Figure merchantToMerchant,
      @Schema(description = "Mouvements RECONVERSION (la fuite vers l'euro)")
          Figure merchantToEuros,
      @Schema(
              description =
                  "Tout autre PAYMENT (membre → membre, vers ou depuis les associations…)")
          Figure other) {}

  @Schema(name = "ReportMerchant")
  record MerchantView(long accountId, String owner, String name, Figure amount) {}

  @Schema(name = "ReportCode")
  record CodeView(String code, Figure movements) {}

  @Schema(name = "ReportDay")
  record DayView(
      LocalDate day,
      @Schema(description = "Circulation après les mouvements de ce jour") String circulation) {}

  static CirculationReportView of(ReportService.Computed computed) {
    CirculationReport r = computed.report();
    int scale = r.header().scale();
    int euroScale = r.header().euroScale();
    var h = r.header();
    Map<String, Long> heads = new TreeMap<>();
    h.heads().forEach((s, v) -> heads.put(s.name(), v));
    var header =
        new HeaderView(
            h.networkCode(),
            h.strand().name(),
            h.period().granularity().name(),
            h.period().from(),
            h.period().to(),
            h.timeZone().getId(),
            h.asOf(),
            heads,
            h.euroPerSol().toPlainString(),
            h.top());
    var c = r.circulation();
    var circulation =
        new CirculationView(
            amount(c.atStart(), scale),
            amount(c.atEnd(), scale),
            c.daysAveraged(),
            c.average() == null ? null : amount(c.average(), scale));
    ReserveView reserve =
        r.reserve()
            .map(
                v ->
                    new ReserveView(
                        amount(v.atStart(), euroScale),
                        amount(v.atEnd(), euroScale),
                        amount(v.exchangeOfficesAtEnd(), euroScale),
                        ratio(v.coverageAtStart()),
                        ratio(v.coverageAtEnd())))
            .orElse(null);
    var i = r.issued();
    var issued =
        new IssuedView(
            figure(i.bought(), scale),
            figure(i.bonus(), scale),
            figure(i.rewards(), scale),
            figure(i.volunteerCredits(), scale),
            figure(i.vouchersIssued(), scale),
            figure(i.vouchersExpired(), scale));
    var rc = r.reconversion();
    var reconversion =
        new ReconversionView(
            figure(rc.reconverted(), scale), figure(rc.fees(), scale), ratio(rc.rate()));
    var fonte =
        new FonteView(
            figure(r.fonte().charged(), scale),
            r.fonte().destinations().stream()
                .map(
                    d ->
                        new FonteDestinationView(
                            d.accountId(),
                            d.ownerKind().name(),
                            d.ownerRef(),
                            figure(d.received(), scale),
                            amount(d.spent(), scale)))
                .toList());
    var p = r.payments();
    var payments =
        new PaymentsView(
            figure(p.payments(), scale),
            figure(p.refunds(), scale),
            ratio(p.velocity()),
            new SplitView(
                figure(p.split().memberToMerchant(), scale),
                figure(p.split().merchantToMerchant(), scale),
                figure(p.split().merchantToEuros(), scale),
                figure(p.split().other(), scale)),
            p.activeMembers(),
            p.activeMerchants(),
            merchants(p.topByReceived(), scale),
            merchants(p.topByRespent(), scale));
    return new CirculationReportView(
        header,
        circulation,
        reserve,
        issued,
        reconversion,
        fonte,
        payments,
        figure(r.corrections(), scale),
        r.byCode().stream()
            .map(cf -> new CodeView(cf.code(), figure(cf.movements(), scale)))
            .toList(),
        computed.circulationByDay().entrySet().stream()
            .map(e -> new DayView(e.getKey(), amount(e.getValue(), scale)))
            .toList());
  }

  private static List<MerchantView> merchants(
      List<CirculationReport.MerchantFigure> list, int scale) {
    return list.stream()
        .map(
            m -> new MerchantView(m.accountId(), m.ownerRef(), m.name(), figure(m.amount(), scale)))
        .toList();
  }

  static Figure figure(CountAmount ca, int scale) {
    return new Figure(ca.count(), amount(ca.amount(), scale));
  }

  static String amount(long minorUnits, int scale) {
    return Decimals.format(minorUnits, scale);
  }

  static String ratio(BigDecimal ratio) {
    return ratio == null ? null : ratio.toPlainString();
  }
}
