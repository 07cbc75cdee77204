/**
 * Health resources (健康資源, facade {@link jp.hip.accounting.resources.HealthResources}) and health issues: the nine
 * 健康経営度調査 categories and the company's own ({@link jp.hip.accounting.resources.HealthIssues}).
 */
@org.springframework.modulith.NamedInterface("resources")
@jp.hip.accounting.Capability(allowedDependencies = {"years"})
package jp.hip.accounting.resources;
