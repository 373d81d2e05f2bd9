package coop.sol.web.page.receipt;

import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.receipt.Receipt;
import coop.sol.web.receipt.ReceiptPdf;
import coop.sol.web.receipt.Receipts;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** {@code /receipts/{id}}: a transfer's receipt for whoever is on either side of it; 404 else. */
@Hidden
@Controller
class ReceiptPages {
  private final Receipts receipts;

  ReceiptPages(Receipts receipts) {
    this.receipts = receipts;
  }

  @GetMapping("/receipts/{id}")
  String receipt(@PathVariable long id, Caller caller, Locale locale, Model model) {
    Receipt r =
        receipts.find(caller, id).orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    model.addAttribute("r", r);
    model.addAttribute("amount", Receipts.localized(r.amount(), locale));
    model.addAttribute("when", ReceiptPdf.when(r, locale));
    if (r.purchase() != null) {
      model.addAttribute("euros", Receipts.localized(r.purchase().euros(), locale));
      model.addAttribute("sol", Receipts.localized(r.purchase().sol(), locale));
      model.addAttribute("bonus", Receipts.localized(r.purchase().bonus(), locale));
      model.addAttribute("total", Receipts.localized(r.purchase().total(), locale));
    }
    model.addAttribute("pdf", "/api/v1/transfers/" + r.transferId() + "/receipt.pdf");
    return "receipt/receipt";
  }
}
