package jp.hip.guidelines.rules;

/** チェックリストの観点 (透明性・客観性・継続性) */
public enum Viewpoint {
    TRANSPARENCY, OBJECTIVITY, CONTINUITY
}
