/**
 * Server-rendered pages (Thymeleaf): the layout, sign-in, each role's home, and administration. The form-login
 * security chain lives here: every page declares who may use it, anything undeclared is denied.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package jp.hip.web;
