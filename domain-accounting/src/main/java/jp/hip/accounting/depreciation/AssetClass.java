package jp.hip.accounting.depreciation;

import java.time.LocalDate;

/**
 * The 別表第一 class of an asset, as far as it limits the method (ref-depreciation.md §1): a 建物 acquired on or
 * after 1998-04-01 and 建物附属設備・構築物 acquired on or after 2016-04-01 may use only 定額法 (旧定額法).
 */
public enum AssetClass {
    BUILDING, BUILDING_EQUIPMENT, STRUCTURE, EQUIPMENT;

    /** Whether the 定率法 family may be elected for this class acquired on that date. */
    public boolean allowsDecliningBalance(LocalDate acquiredOn) {
        return switch (this) {
            case BUILDING -> acquiredOn.isBefore(LocalDate.of(1998, 4, 1));
            case BUILDING_EQUIPMENT, STRUCTURE -> acquiredOn.isBefore(LocalDate.of(2016, 4, 1));
            case EQUIPMENT -> true;
        };
    }
}
