/**
 * What the HTTP edge accepts of a client's input, checked once, as the request is read, for every
 * endpoint and page, and refused with a stable problem code before anything is written:
 *
 * <ul>
 *   <li>free text ({@link coop.sol.web.input.FreeText}): every string of a JSON body and every
 *       query or form parameter, without NUL, other control characters or lone surrogates (line
 *       breaks only in the fields that are paragraphs) — {@code INVALID_TEXT};
 *   <li>dates, instants and periods ({@link coop.sol.web.input.Dates}): ISO 8601, within the years
 *       1900 to 9999, a period's end after its start — {@code INVALID_PERIOD};
 *   <li>whole numbers of paths and parameters ({@link coop.sol.web.input.WholeNumbers}): ASCII
 *       digits only — {@code INVALID_PARAMETER}; also for the parameters a controller's own
 *       resolver reads ({@link coop.sol.web.input.QueryParameters}).
 * </ul>
 *
 * Amounts have their own parser ({@code coop.sol.web.amount.ApiAmounts}).
 */
package coop.sol.web.input;
