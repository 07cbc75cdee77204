package jp.hip.web;

import java.util.ArrayList;
import java.util.List;

import jp.hip.identity.Role;
import jp.hip.identity.SignedInUser;

/** The navigation a signed-in user sees: one home per role, plus administration where the role allows it. */
final class Navigation {

    record Item(String path, String messageKey) {}

    private Navigation() {}

    static List<Item> itemsFor(SignedInUser user) {
        List<Item> items = new ArrayList<>();
        if (user.hasRole(Role.HR_STAFF) || user.hasRole(Role.COMPANY_VIEWER)) {
            items.add(new Item("/company", "nav.company"));
            items.add(new Item("/company/measures", "accounting.nav.measures"));
            items.add(new Item("/company/analyses", "accounting.nav.analyses"));
            items.add(new Item("/company/collabo", "nav.collabo"));
        }
        if (user.hasRole(Role.INSURER_STAFF)) {
            items.add(new Item("/insurer", "nav.insurer"));
            items.add(new Item("/insurer/checkups", "home.insurer.feature1"));
            items.add(new Item("/insurer/members", "home.insurer.members"));
            items.add(new Item("/insurer/collabo", "nav.collabo"));
        }
        if (user.hasRole(Role.REGISTRY_OFFICER)) {
            items.add(new Item("/registry", "nav.registry"));
            items.add(new Item("/registry/guidelines", "guidelines.nav.registry"));
        }
        if (user.hasRole(Role.ASSOCIATION_USER)) {
            items.add(new Item("/association", "nav.association"));
            items.add(new Item("/association/guidelines", "guidelines.nav.association"));
        }
        if (user.hasRole(Role.INDIVIDUAL)) {
            items.add(new Item("/me", "nav.personal"));
        }
        if (user.hasRole(Role.TENANT_ADMIN)) {
            items.add(new Item("/tenant/users", "nav.tenantUsers"));
            items.add(new Item("/tenant/audit", "nav.tenantAudit"));
            if (user.tenantKind() == jp.hip.identity.TenantKind.INSURER || user.tenantKind() == jp.hip.identity.TenantKind.COMPANY) {
                items.add(new Item("/tenant/api-clients", "nav.tenantApiClients"));
            }
        }
        if (user.hasRole(Role.PLATFORM_ADMIN)) {
            items.add(new Item("/admin/tenants", "nav.adminTenants"));
            items.add(new Item("/admin/api-clients", "nav.adminApiClients"));
            items.add(new Item("/admin/mail", "nav.adminMail"));
        }
        return items;
    }

    /** Where "/home" leads: the first page of the user's navigation. */
    static String homeOf(SignedInUser user) {
        List<Item> items = itemsFor(user);
        return items.isEmpty() ? "/" : items.get(0).path();
    }
}
