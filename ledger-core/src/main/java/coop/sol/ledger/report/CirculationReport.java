package coop.sol.ledger.report;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What coordinators audit for one strand of one network over one period. Every amount is in minor
 * units of the report's strand (euros: of the euro ledger), as a {@code long}; ratios are {@link
 * BigDecimal}s with 4 decimals, rounded half-even, and null when their denominator is not > 0.
 *
 * <p>Vocabulary used below:
 *
 * <ul>
 *   <li>a <em>movement</em> is a journal row that moves posted money: kind POSTED, or POST_PENDING
 *       (for the amount it posts). PENDING, VOID_PENDING and EXPIRE_PENDING rows move no posted
 *       money and count in no figure;
 *   <li>a movement is <em>in the period</em> when the local date of its {@code created_at} in the
 *       report's time zone is in {@link ReportPeriod [from, to)};
 *   <li>a <em>system</em> account has owner kind SYSTEM (issuance, fund, fees accounts); every
 *       other owner kind holds money <em>in circulation</em>.
 * </ul>
 *
 * <p>Every figure is computed from the journal rows of the strand (and, for the reserve, of the
 * euro ledger) up to the {@link Header#heads() heads} recorded in the header, so the same journal
 * always gives the same report, whoever computes it.
 */
public record CirculationReport(
    Header header,
    Circulation circulation,
    Optional<Reserve> reserve,
    Issued issued,
    Reconversion reconversion,
    Fonte fonte,
    Payments payments,
    CountAmount corrections,
    List<CodeFigure> byCode) {

  public CirculationReport {
    byCode = List.copyOf(byCode);
  }

  /**
   * What the report is about.
   *
   * @param heads per strand read, the seq of the last journal row taken into account (the strand
   *     itself, and EURO for a Coopération report)
   * @param scale decimals of the strand's minor unit
   * @param euroScale decimals of the euro ledger's minor unit
   * @param asOf when the report was computed; the period's days after the local date of asOf do not
   *     count in the average circulation
   */
  public record Header(
      long networkId,
      String networkCode,
      StrandKind strand,
      ReportPeriod period,
      ZoneId timeZone,
      Instant asOf,
      Map<StrandKind, Long> heads,
      int scale,
      int euroScale,
      BigDecimal euroPerSol,
      int top) {
    public Header {
      heads = Map.copyOf(heads);
    }
  }

  /**
   * Money in circulation: the sum of the posted balances of the strand's non-system accounts, which
   * equals minus the sum of its system accounts' balances (a strand sums to zero). It changes only
   * with movements between a system and a non-system account.
   *
   * @param atStart after every movement dated before the period
   * @param atEnd after every movement dated before the period's end
   * @param daysAveraged the period's days up to the local date of {@code asOf} (all of them for a
   *     past period; 0 if the period starts after asOf)
   * @param average the mean of the circulation at the end of each averaged day, rounded half-even
   *     to the minor unit; null when no day is averaged
   */
  public record Circulation(long atStart, long atEnd, long daysAveraged, Long average) {}

  /**
   * The euro reserve, in a Coopération report only: the euros the network holds, i.e. the sum of
   * the strictly positive posted balances of the euro ledger (the guarantee fund and the exchange
   * offices' tills; the negative balances are where the euros came from). Coverage = euros held /
   * (circulation × euroPerSol), both in euros.
   *
   * @param exchangeOfficesAtEnd the part of {@code atEnd} in EXCHANGE_OFFICE accounts (tills)
   * @param coverageAtStart null when the circulation at start is not > 0
   * @param coverageAtEnd null when the circulation at end is not > 0
   */
  public record Reserve(
      long atStart,
      long atEnd,
      long exchangeOfficesAtEnd,
      BigDecimal coverageAtStart,
      BigDecimal coverageAtEnd) {}

  /**
   * Movements of the period by code: ISSUANCE (SOL bought at exchange offices, or issued by the
   * network), PURCHASE_BONUS, REWARD, VOLUNTEER_CREDIT, GRANT (vouchers issued) and VOUCHER_EXPIRY
   * (unspent vouchers returned to their funder).
   */
  public record Issued(
      CountAmount bought,
      CountAmount bonus,
      CountAmount rewards,
      CountAmount volunteerCredits,
      CountAmount vouchersIssued,
      CountAmount vouchersExpired) {}

  /**
   * RECONVERSION (SOL turned back into euros) and RECONVERSION_FEE movements in the period.
   *
   * @param rate reconverted / bought (amounts); null when nothing was bought
   */
  public record Reconversion(CountAmount reconverted, CountAmount fees, BigDecimal rate) {}

  /**
   * FONTE movements in the period, and the accounts they credited.
   *
   * @param destinations one per credited account, by account id
   */
  public record Fonte(CountAmount charged, List<FonteDestination> destinations) {
    public Fonte {
      destinations = List.copyOf(destinations);
    }
  }

  /**
   * An account fonte went to.
   *
   * @param received the FONTE movements it was credited in the period
   * @param spent everything it was debited in the period, any code: what it put back into
   *     circulation (or elsewhere)
   */
  public record FonteDestination(
      long accountId, OwnerKind ownerKind, String ownerRef, CountAmount received, long spent) {}

  /**
   * PAYMENT movements in the period.
   *
   * @param refunds REFUND movements (not deducted from payments)
   * @param velocity payments volume / average circulation (the exact mean, not the rounded one);
   *     null when the average is not > 0
   * @param activeMembers MEMBER accounts debited or credited by at least one payment
   * @param activeMerchants MERCHANT accounts debited or credited by at least one payment
   * @param topByReceived merchants by payments received, largest first (ties: smaller account id
   *     first), at most {@code top}
   * @param topByRespent merchants by payments made (local re-spending), same order
   */
  public record Payments(
      CountAmount payments,
      CountAmount refunds,
      BigDecimal velocity,
      FlowSplit split,
      long activeMembers,
      long activeMerchants,
      List<MerchantFigure> topByReceived,
      List<MerchantFigure> topByRespent) {
    public Payments {
      topByReceived = List.copyOf(topByReceived);
      topByRespent = List.copyOf(topByRespent);
    }
  }

  /**
   * Where spending went: PAYMENT member → merchant, PAYMENT merchant → merchant (local
   * re-spending), RECONVERSION (merchant → euros, the leakage), and every other PAYMENT (member →
   * member, merchant → member, to or from associations …). The four parts add up to payments +
   * reconversions.
   */
  public record FlowSplit(
      CountAmount memberToMerchant,
      CountAmount merchantToMerchant,
      CountAmount merchantToEuros,
      CountAmount other) {}

  /** A merchant account's payments in the period (received, or made). */
  public record MerchantFigure(long accountId, String ownerRef, String name, CountAmount amount) {}

  /** All movements of one code in the period (every code that has any, by name). */
  public record CodeFigure(String code, CountAmount movements) {}
}
