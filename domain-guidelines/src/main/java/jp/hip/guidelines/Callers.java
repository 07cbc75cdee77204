package jp.hip.guidelines;

import java.util.function.Supplier;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import jp.hip.identity.Role;
import jp.hip.identity.SignedInUser;
import jp.hip.identity.TenantKind;

/** Who is calling (association user, METI officer, nobody), and races turned into clear messages. */
public final class Callers {

    private Callers() {}

    public static SignedInUser signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            return user;
        }
        return null;
    }

    public static Actor association() {
        SignedInUser me = signedIn();
        if (me == null || me.tenantKind() != TenantKind.ASSOCIATION || !me.hasRole(Role.ASSOCIATION_USER)) {
            throw new AccessDeniedException("association users only");
        }
        return new Actor(me.id().toString(), me.displayName(), Party.ASSOCIATION);
    }

    /** The check before the one tenant crossing: only a METI officer of the registry operator may read across. */
    public static Actor registry() {
        SignedInUser me = signedIn();
        if (me == null || me.tenantKind() != TenantKind.REGISTRY_OPERATOR || !me.hasRole(Role.REGISTRY_OFFICER)) {
            throw new AccessDeniedException("registry officers only");
        }
        return new Actor(me.id().toString(), me.displayName(), Party.REGISTRY);
    }

    public static String actorId() {
        SignedInUser me = signedIn();
        return me == null ? "system" : me.id().toString();
    }

    public static String actorName() {
        SignedInUser me = signedIn();
        return me == null ? null : me.displayName();
    }

    /** Turns races into clear messages: a stale form, or a second open declaration on the same guideline. */
    public static <T> T guard(Supplier<T> work) {
        try {
            return work.get();
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new GuidelineException("guidelines.declaration.stale");
        } catch (DataIntegrityViolationException e) {
            String text = String.valueOf(e.getMostSpecificCause().getMessage());
            if (text.contains("gl_declaration_one_open_uk") || text.contains("gl_declaration_generation_uk")) {
                throw new GuidelineException("guidelines.declaration.openExists");
            }
            if (text.contains("gl_guideline_version_label_uk")) {
                throw new GuidelineException("guidelines.version.label.taken");
            }
            throw e;
        }
    }
}
