package jp.hip.accounting.strategy;

/**
 * Node kinds of the 戦略マップ, from cause to effect: 施策 → 取組状況 → 意識・行動変容 → 最終目標 → 健康課題 →
 * 経営課題 (guideline 2020; the 2025 guidebook's KGI fits as a 経営課題 node).
 */
public enum StrategyNodeKind {
    MEASURE, PARTICIPATION, BEHAVIOUR, FINAL, HEALTH_ISSUE, MANAGEMENT_ISSUE;

    /** Column of the diagram, 0 = measures (left). An edge always goes to a higher layer, so the map stays acyclic. */
    public int layer() {
        return ordinal();
    }
}
