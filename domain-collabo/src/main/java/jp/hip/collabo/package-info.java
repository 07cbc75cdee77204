/**
 * コラボヘルス (collabo-health, product.md §6, issue 12): the link between a company and an insurer (one proposes,
 * the other accepts, either ends it; the company names its 事業所, the insurer groups them into 事業主), the
 * employer report modelled on the 健康スコアリングレポート built from the insurer's statutory 特定健診 holdings with
 * suppression applied where the aggregate is computed, its review (下書き → 共有済み → 確認済み, comments both ways),
 * 特定保健指導 records, and the company's investment per 健康課題 shared beside the outcome trend.
 *
 * <p>Links, reports and comments belong to two tenants, so they are plain JDBC, and every query names the acting
 * tenant as one side of the link (ADR 0050). Services: {@link jp.hip.collabo.CollaboLinks},
 * {@link jp.hip.collabo.EmployerReports}, {@link jp.hip.collabo.GuidanceRecords},
 * {@link jp.hip.collabo.InvestmentOutcomes}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Collabo-health",
        allowedDependencies = {"identity", "phr :: statistics", "accounting", "accounting :: analysis"})
package jp.hip.collabo;
