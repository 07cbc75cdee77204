package jp.hip.identity;

/**
 * The named purposes for which work may cross tenants in the database (ADR 0090). Each is the value of the
 * connection setting {@code hip.scope}; row-level security policies accept a scope only on the tables and for the
 * commands that purpose needs (migrations V91, V92). Entered only through {@link CurrentTenant#runInScope} (and
 * {@link CurrentTenant#runAsSystem} for {@link #SYSTEM}).
 */
public enum CrossTenantScope {

    /** Jobs, sign-in look-up by e-mail, OAuth client look-up, invitations, demo data, platform administrators. */
    SYSTEM("system"),
    /** The registry's public view (anyone): reads of listed guidelines and their associations. */
    PUBLIC("public"),
    /** METI's formal check of declarations: reads and decisions on every association's registry rows. */
    REVIEW("review");

    private final String setting;

    CrossTenantScope(String setting) {
        this.setting = setting;
    }

    /** The value of {@code hip.scope}. */
    public String setting() {
        return setting;
    }
}
