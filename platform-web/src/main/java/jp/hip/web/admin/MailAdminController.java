package jp.hip.web.admin;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import jp.hip.identity.mail.MailCatcher;
import jp.hip.identity.mail.MailOutbox;

/**
 * Platform administrators see the mail the platform sends (ADR 0009): the outbox with each mail's state and
 * attempts, and, in the demo, every mail the embedded mail catcher received, so a newcomer reads the invitations.
 */
@Controller
@RequestMapping("/admin/mail")
class MailAdminController {

    private final MailOutbox outbox;
    private final ObjectProvider<MailCatcher> catcher;

    MailAdminController(MailOutbox outbox, ObjectProvider<MailCatcher> catcher) {
        this.outbox = outbox;
        this.catcher = catcher;
    }

    @GetMapping
    String mail(Model model) {
        MailCatcher local = catcher.getIfAvailable();
        model.addAttribute("catcher", local != null);
        model.addAttribute("caught", local == null ? List.of() : local.caught());
        model.addAttribute("outbox", outbox.latest(100));
        return "admin/mail";
    }
}
