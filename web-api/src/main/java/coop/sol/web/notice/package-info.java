/**
 * Notices and email: what people are told of what happens to them — a payment received (merchants
 * who asked), vouchers received, the fonte coming (7 days before the end of a period, with the
 * projected charge), an activation or password-reset link — shown on their pages and, when the
 * installation has SMTP ({@code spring.mail.*}) and they have an address, emailed in their language
 * (text templates in {@code resources/mail/<lang>/}).
 *
 * <p>Nothing here can hold up or break a payment: notices of payments are made after the ledger's
 * commit, off the writer's thread ({@link NoticeFeed}); their emails wait in the outbox (the notice
 * rows) and are sent by {@link NoticeMail}, one sender per notice whichever instance, each attempt
 * recorded, failures logged without secrets and retried. Without SMTP, notices are still shown in
 * the application.
 */
package coop.sol.web.notice;
