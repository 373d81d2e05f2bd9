/**
 * The web pages: server-rendered Thymeleaf templates ({@code templates/}), in French by default and
 * in English ({@code ?lang=en}, remembered in a cookie), with progressive JavaScript only in static
 * files (the Content-Security-Policy allows no inline script or style).
 *
 * <p>This package owns what every page shares: the language ({@link PageConfiguration}), the
 * layout's model (who is logged in, their navigation), the home page each role lands on ({@link
 * HomePages}), the decoding of photographed QR codes ({@link QrDecodeController}), the account
 * settings every user has (personal access tokens, second factor), and how errors of page
 * controllers are shown ({@link PageErrors}). Role pages live in sub-packages ({@code page.member},
 * {@code page.merchant}, ...). Page controllers call the same services as the REST controllers;
 * which roles may open which page is {@code security.PageAccessRules}.
 */
package coop.sol.web.page;
