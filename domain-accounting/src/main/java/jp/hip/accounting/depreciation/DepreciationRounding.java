package jp.hip.accounting.depreciation;

import java.math.RoundingMode;

/**
 * How a yearly depreciation amount is brought to whole yen. No NTA text prescribes it and the NTA's own examples
 * differ (ref-depreciation.md §2): the corporate Q&A reproduces only with 切り捨て, the 個人 examples only with 切り上げ.
 * A company setting, 切り捨て by default; choose what the company's 固定資産台帳 software does (ADR 0024).
 */
public enum DepreciationRounding {
    /** 切り捨て (default). */
    DOWN(RoundingMode.DOWN),
    /** 切り上げ. */
    UP(RoundingMode.UP),
    /** 四捨五入. */
    HALF_UP(RoundingMode.HALF_UP);

    private final RoundingMode mode;

    DepreciationRounding(RoundingMode mode) {
        this.mode = mode;
    }

    public RoundingMode mode() {
        return mode;
    }
}
