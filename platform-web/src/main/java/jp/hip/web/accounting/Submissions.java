package jp.hip.web.accounting;

import java.util.function.Consumer;

import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;

/**
 * A valid form's one facade call: when it succeeds, the done message for the page the handler redirects to; when
 * the domain refuses it, its error on the form (by {@code refuse}), so that the handler shows the page again with
 * the input kept.
 */
final class Submissions {

    private Submissions() {}

    /** Whether the command ran: false when the form had errors (the command is not called) or the domain refused it. */
    static boolean done(BindingResult errors, RedirectAttributes redirect, String doneKey, Runnable command,
            Consumer<AccountingException> refuse) {
        if (errors.hasErrors()) {
            return false;
        }
        try {
            command.run();
            redirect.addFlashAttribute("done", doneKey);
            return true;
        } catch (AccountingException e) {
            refuse.accept(e);
            return false;
        }
    }
}
