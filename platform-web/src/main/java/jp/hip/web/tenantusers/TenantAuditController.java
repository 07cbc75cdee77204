package jp.hip.web.tenantusers;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.hip.identity.AuditLog;
import jp.hip.identity.SignedInUser;

/** A tenant's administrator reads the tenant's own audit trail (sign-ins, invitations, changes), newest first. */
@Controller
class TenantAuditController {

    static final int SHOWN = 200;

    private final AuditLog audit;

    TenantAuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/tenant/audit")
    String audit(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("entries", audit.latestOf(me.tenantId(), SHOWN));
        model.addAttribute("shown", SHOWN);
        return "tenant/audit";
    }
}
