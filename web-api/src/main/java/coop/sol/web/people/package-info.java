/**
 * People and their access: coordinators enrol people with roles ({@code /api/v1/people}), a second
 * coordinator approves a coordinator's appointment, a one-time activation code (and its printable
 * letter) lets each person choose their own password ({@code /api/v1/auth/activate}), and a person
 * changes their password ({@code /api/v1/auth/password}), which ends their other sessions and
 * tokens. {@link coop.sol.web.people.OnboardingNotifier} is the seam for email. Coordinators import
 * many people at once from a CSV file ({@code /api/v1/people/imports}, {@link
 * coop.sol.web.people.PeopleImports}, over ledger-core's {@code peopleimport}).
 */
package coop.sol.web.people;
