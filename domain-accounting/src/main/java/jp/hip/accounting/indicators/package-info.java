/**
 * Indicators (健康投資効果) and their yearly values, with tier, direction and the benefit kind of 投資対便益分析
 * ({@link jp.hip.accounting.indicators.Indicator}, {@link jp.hip.accounting.indicators.IndicatorValue}).
 */
@org.springframework.modulith.NamedInterface("indicators")
@jp.hip.accounting.Capability(allowedDependencies = {"years"})
package jp.hip.accounting.indicators;
