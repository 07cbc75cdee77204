package jp.hip.accounting.outputs;

import java.util.List;

import jp.hip.identity.ExcelCsv;

/**
 * CSV for Excel as the module has always written it (every cell quoted), through the platform's one writer and its
 * one formula-injection rule ({@link ExcelCsv}, ADR 0097). The call sites move to {@link ExcelCsv} directly with the
 * accounting pages' round of issue 15.
 */
public final class Csv {

    private Csv() {}

    public static byte[] forExcel(List<? extends List<String>> rows) {
        return ExcelCsv.writeAllQuoted(rows);
    }

    /** The platform's formula-injection rule ({@link ExcelCsv#neutralise}). */
    public static String neutralise(String value) {
        return ExcelCsv.neutralise(value);
    }
}
