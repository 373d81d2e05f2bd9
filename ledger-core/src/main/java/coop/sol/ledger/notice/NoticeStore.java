package coop.sol.ledger.notice;

import static coop.sol.ledger.jooq.Tables.APP_USER;
import static coop.sol.ledger.jooq.Tables.NOTICE;
import static coop.sol.ledger.jooq.Tables.NOTICE_JOB_CLAIM;
import static coop.sol.ledger.jooq.Tables.NOTIFICATION_PREFERENCE;

import coop.sol.ledger.jooq.tables.records.NoticeRecord;
import coop.sol.ledger.json.JsonTree;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** The notice tables and a person's contact columns through jOOQ. */
final class NoticeStore {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final DSLContext sql;

  NoticeStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  private NoticeStore(DSLContext sql) {
    this.sql = sql;
  }

  Optional<Contact> contact(org.jooq.Condition who) {
    return sql.select(
            APP_USER.USER_ID,
            APP_USER.USERNAME,
            APP_USER.DISPLAY_NAME,
            APP_USER.EMAIL,
            APP_USER.LANGUAGE,
            APP_USER.ENABLED,
            NOTIFICATION_PREFERENCE.PAYMENT_RECEIVED,
            NOTIFICATION_PREFERENCE.VOUCHER_RECEIVED,
            NOTIFICATION_PREFERENCE.FONTE_COMING)
        .from(APP_USER)
        .leftJoin(NOTIFICATION_PREFERENCE)
        .on(NOTIFICATION_PREFERENCE.USER_ID.eq(APP_USER.USER_ID))
        .where(who)
        .fetchOptional(NoticeStore::toContact);
  }

  Optional<Contact> contactByUsername(String username) {
    return contact(APP_USER.USERNAME.eq(username));
  }

  Optional<Contact> contactById(long userId) {
    return contact(APP_USER.USER_ID.eq(userId));
  }

  /** The enabled person with this email address (compared without case), if exactly one. */
  Optional<Contact> contactByEmail(String email) {
    List<Contact> found =
        sql.select(
                APP_USER.USER_ID,
                APP_USER.USERNAME,
                APP_USER.DISPLAY_NAME,
                APP_USER.EMAIL,
                APP_USER.LANGUAGE,
                APP_USER.ENABLED,
                NOTIFICATION_PREFERENCE.PAYMENT_RECEIVED,
                NOTIFICATION_PREFERENCE.VOUCHER_RECEIVED,
                NOTIFICATION_PREFERENCE.FONTE_COMING)
            .from(APP_USER)
            .leftJoin(NOTIFICATION_PREFERENCE)
            .on(NOTIFICATION_PREFERENCE.USER_ID.eq(APP_USER.USER_ID))
            .where(DSL.lower(APP_USER.EMAIL).eq(email.toLowerCase(java.util.Locale.ROOT)))
            .and(APP_USER.ENABLED)
            .limit(2)
            .fetch(NoticeStore::toContact);
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  void setContact(
      long userId,
      String displayName,
      String email,
      String language,
      Preferences preferences,
      Instant now) {
    sql.transaction(
        tx -> {
          tx.dsl()
              .update(APP_USER)
              .set(APP_USER.DISPLAY_NAME, displayName)
              .set(APP_USER.EMAIL, email)
              .set(APP_USER.LANGUAGE, language)
              .where(APP_USER.USER_ID.eq(userId))
              .execute();
          tx.dsl()
              .insertInto(NOTIFICATION_PREFERENCE)
              .set(NOTIFICATION_PREFERENCE.USER_ID, userId)
              .set(NOTIFICATION_PREFERENCE.PAYMENT_RECEIVED, preferences.paymentReceived())
              .set(NOTIFICATION_PREFERENCE.VOUCHER_RECEIVED, preferences.voucherReceived())
              .set(NOTIFICATION_PREFERENCE.FONTE_COMING, preferences.fonteComing())
              .set(NOTIFICATION_PREFERENCE.CHANGED_AT, utc(now))
              .onConflict(NOTIFICATION_PREFERENCE.USER_ID)
              .doUpdate()
              .set(NOTIFICATION_PREFERENCE.PAYMENT_RECEIVED, preferences.paymentReceived())
              .set(NOTIFICATION_PREFERENCE.VOUCHER_RECEIVED, preferences.voucherReceived())
              .set(NOTIFICATION_PREFERENCE.FONTE_COMING, preferences.fonteComing())
              .set(NOTIFICATION_PREFERENCE.CHANGED_AT, utc(now))
              .execute();
        });
  }

  /** Inserts the notice unless one exists for the same person, kind and event. */
  Optional<Notice> insert(
      long userId,
      Long network,
      NoticeKind kind,
      String eventKey,
      Map<String, String> params,
      EmailStatus email,
      Instant now) {
    return sql.insertInto(NOTICE)
        .set(NOTICE.USER_ID, userId)
        .set(NOTICE.NETWORK_ID, network)
        .set(NOTICE.KIND, kind.name())
        .set(NOTICE.EVENT_KEY, eventKey)
        .set(NOTICE.PARAMS, JSONB.valueOf(json(params)))
        .set(NOTICE.CREATED_AT, utc(now))
        .set(NOTICE.EMAIL_STATUS, email.name())
        .set(NOTICE.EMAIL_NEXT_ATTEMPT_AT, email == EmailStatus.PENDING ? utc(now) : null)
        .onConflictDoNothing()
        .returning()
        .fetchOptional()
        .map(NoticeStore::toNotice);
  }

  List<Notice> latest(long userId, int limit) {
    return sql.selectFrom(NOTICE)
        .where(NOTICE.USER_ID.eq(userId))
        .orderBy(NOTICE.NOTICE_ID.desc())
        .limit(limit)
        .fetch(NoticeStore::toNotice);
  }

  int unread(long userId) {
    return sql.fetchCount(
        sql.selectOne().from(NOTICE).where(NOTICE.USER_ID.eq(userId)).and(NOTICE.READ_AT.isNull()));
  }

  int markRead(long userId, Instant now) {
    return sql.update(NOTICE)
        .set(NOTICE.READ_AT, utc(now))
        .where(NOTICE.USER_ID.eq(userId))
        .and(NOTICE.READ_AT.isNull())
        .execute();
  }

  /**
   * In one transaction: claims the oldest notice whose email is due (skipping those another sender
   * holds), gives it to {@code send}, and records what it answered. Empty when none is due.
   */
  Optional<Notice> sendOne(Instant now, Function<Notice, EmailAttempt> send) {
    return sql.transactionResult(
        tx -> {
          Optional<Notice> due =
              tx.dsl()
                  .selectFrom(NOTICE)
                  .where(NOTICE.EMAIL_STATUS.eq(EmailStatus.PENDING.name()))
                  .and(NOTICE.EMAIL_NEXT_ATTEMPT_AT.le(utc(now)))
                  .orderBy(NOTICE.EMAIL_NEXT_ATTEMPT_AT, NOTICE.NOTICE_ID)
                  .limit(1)
                  .forUpdate()
                  .skipLocked()
                  .fetchOptional()
                  .map(NoticeStore::toNotice);
          if (due.isEmpty()) {
            return Optional.empty();
          }
          EmailAttempt attempt = send.apply(due.get());
          new NoticeStore(tx.dsl()).recordAttempt(due.get(), attempt, now);
          return due;
        });
  }

  void recordAttempt(Notice notice, EmailAttempt attempt, Instant now) {
    var update = sql.update(NOTICE).set(NOTICE.EMAIL_ATTEMPTS, notice.emailAttempts() + 1);
    if (attempt.sent()) {
      update
          .set(NOTICE.EMAIL_STATUS, EmailStatus.SENT.name())
          .set(NOTICE.EMAIL_SENT_AT, utc(now))
          .set(NOTICE.EMAIL_NEXT_ATTEMPT_AT, (OffsetDateTime) null)
          .set(NOTICE.EMAIL_LAST_ERROR, (String) null)
          .where(NOTICE.NOTICE_ID.eq(notice.id()))
          .execute();
      return;
    }
    String error =
        attempt.error().length() > 500 ? attempt.error().substring(0, 500) : attempt.error();
    if (attempt.retryAt().isPresent()) {
      update
          .set(NOTICE.EMAIL_STATUS, EmailStatus.PENDING.name())
          .set(NOTICE.EMAIL_NEXT_ATTEMPT_AT, utc(attempt.retryAt().get()))
          .set(NOTICE.EMAIL_LAST_ERROR, error)
          .where(NOTICE.NOTICE_ID.eq(notice.id()))
          .execute();
    } else {
      update
          .set(NOTICE.EMAIL_STATUS, EmailStatus.FAILED.name())
          .set(NOTICE.EMAIL_NEXT_ATTEMPT_AT, (OffsetDateTime) null)
          .set(NOTICE.EMAIL_LAST_ERROR, error)
          .where(NOTICE.NOTICE_ID.eq(notice.id()))
          .execute();
    }
  }

  boolean claimJob(String job, long network, short strand, LocalDate periodEnd, Instant now) {
    return sql.insertInto(NOTICE_JOB_CLAIM)
            .set(NOTICE_JOB_CLAIM.JOB, job)
            .set(NOTICE_JOB_CLAIM.NETWORK_ID, network)
            .set(NOTICE_JOB_CLAIM.STRAND_ID, strand)
            .set(NOTICE_JOB_CLAIM.PERIOD_END, periodEnd)
            .set(NOTICE_JOB_CLAIM.CLAIMED_AT, utc(now))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  private static Contact toContact(Record r) {
    Boolean payment = r.get(NOTIFICATION_PREFERENCE.PAYMENT_RECEIVED);
    Preferences preferences =
        payment == null
            ? Preferences.DEFAULT
            : new Preferences(
                payment,
                r.get(NOTIFICATION_PREFERENCE.VOUCHER_RECEIVED),
                r.get(NOTIFICATION_PREFERENCE.FONTE_COMING));
    return new Contact(
        r.get(APP_USER.USER_ID),
        r.get(APP_USER.USERNAME),
        r.get(APP_USER.DISPLAY_NAME),
        Optional.ofNullable(r.get(APP_USER.EMAIL)),
        Optional.ofNullable(r.get(APP_USER.LANGUAGE)),
        r.get(APP_USER.ENABLED),
        preferences);
  }

  private static Notice toNotice(NoticeRecord r) {
    return new Notice(
        r.getNoticeId(),
        r.getUserId(),
        r.getNetworkId(),
        NoticeKind.valueOf(r.getKind()),
        r.getEventKey(),
        params(r.getParams().data()),
        r.getCreatedAt().toInstant(),
        Optional.ofNullable(r.getReadAt()).map(OffsetDateTime::toInstant),
        EmailStatus.valueOf(r.getEmailStatus()),
        r.getEmailAttempts());
  }

  private static String json(Map<String, String> params) {
    var out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      for (var e : params.entrySet()) {
        g.writeStringProperty(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    return out.toString();
  }

  private static Map<String, String> params(String json) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      p.nextToken();
      Map<String, String> params = new LinkedHashMap<>();
      if (JsonTree.value(p) instanceof Map<?, ?> map) {
        map.forEach((k, v) -> params.put(k.toString(), String.valueOf(v)));
      }
      return params;
    }
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
